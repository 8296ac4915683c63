/**
 * Browser mode (no Office): files dropped or picked (a whole folder too) are checked in the page;
 * a merge is asked for with its own button, against the roster shown; marked copies and the city
 * workbook are offered for download. Nothing is uploaded.
 */
import { Button, MessageBar, MessageBarBody, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { countBySeverity, type MergeResult, pick } from "../../../shared";
import { type FileResult, filesByProblems } from "../../../shared/workbook/file-check";
import {
  annotatedCopy,
  annotatedName,
  checkPicked,
  cityWorkbook,
  defaultRoster,
  download,
  mergePicked,
  type PathedFile,
  pathOf,
  type PickedRoster,
  rosterOfPick,
  sortPicked,
} from "../../browser/files";
import { useLang, useStrings } from "../i18n";
import { CityFindings } from "./CityFindings";
import { FindingsList } from "./FindingsList";
import { IncludeUnknown } from "./IncludeUnknown";
import { MergeSummary } from "./MergeSummary";
import { StatusTable } from "./StatusTable";

type Roster = Extract<PickedRoster, { ok: true }>;

export function FilesView() {
  const t = useStrings();
  const lang = useLang();
  const [results, setResults] = useState<FileResult[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [others, setOthers] = useState<string[]>([]);
  const [includeUnknown, setIncludeUnknown] = useState(false);
  const [merged, setMerged] = useState<MergeResult | null>(null);
  const [roster, setRoster] = useState<Roster>(defaultRoster() as Roster);
  const [rosterError, setRosterError] = useState<string | null>(null);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [announce, setAnnounce] = useState("");
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const rosterInput = useRef<HTMLInputElement>(null);
  const busy = reading !== null;

  /** A new pick replaces everything the last one showed, the merge included. */
  const take = async (files: PathedFile[]) => {
    if (busy || files.length === 0) return;
    setResults([]);
    setMerged(null);
    setAnnounce("");
    setReading({ done: 0, total: files.length });
    try {
      const { files: picked, skipped, others } = sortPicked(files);
      setSkipped(skipped);
      setOthers(others);
      setReading({ done: 0, total: picked.length });
      const out: FileResult[] = [];
      for (const [i, f] of picked.entries()) {
        out.push(...(await checkPicked(f)));
        setReading({ done: i + 1, total: picked.length });
        await new Promise((r) => setTimeout(r, 0)); // let the progress bar paint
      }
      setResults(out);
      const withErrors = out.filter((r) => !r.error && countBySeverity(r.sheets.flatMap((s) => s.findings)).errors);
      setAnnounce(t.checkedAll(out.length, withErrors.length, out.filter((r) => r.error).length));
    } finally {
      setReading(null);
    }
  };

  const pickRoster = async (file: File | undefined) => {
    if (!file) return;
    const r = rosterOfPick(file.name, new Uint8Array(await file.arrayBuffer()));
    if (r.ok) {
      setRoster(r);
      setRosterError(null);
      setMerged(null);
    } else setRosterError(pick(r.error, lang));
  };

  const merge = (include = includeUnknown) => {
    const m = mergePicked(results, roster.roster, { includeUnknown: include, skipped: others });
    setMerged(m);
    setAnnounce(t.mergedAll(m.summary.lines[lang]));
  };
  const switchUnknown = (on: boolean) => {
    setIncludeUnknown(on);
    if (merged) merge(on); // the result shown always matches the switch
  };

  const onDrop = async (e: React.DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!busy) await take(await droppedFiles(e.dataTransfer));
  };
  const fromInput = (list: FileList | null) => [...(list ?? [])].map((file) => ({ file, path: pathOf(file) }));
  const rosterName = roster.source
    ? t.rosterUsed(roster.source, roster.roster.units.length)
    : t.rosterDefault(roster.roster.units.length);

  return (
    <div>
      <MessageBar intent="info">
        <MessageBarBody>{t.browserMode}</MessageBarBody>
      </MessageBar>
      <div
        data-testid="dropzone"
        aria-busy={busy}
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        style={{
          border: `2px dashed ${over ? tokens.colorBrandStroke1 : tokens.colorNeutralStroke1}`,
          borderRadius: 8,
          padding: 24,
          margin: "12px 0",
          textAlign: "center",
        }}
      >
        <Text>{t.dropHere}</Text>
        <div style={{ display: "flex", gap: 8, justifyContent: "center", marginTop: 8 }}>
          <Button data-testid="pick-files" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t.pickFiles}
          </Button>
          <Button data-testid="pick-folder" disabled={busy} onClick={() => folderInput.current?.click()}>
            {t.pickFolder}
          </Button>
          <input
            ref={fileInput}
            hidden
            disabled={busy}
            data-testid="file-input"
            type="file"
            multiple
            onChange={(e) => void take(fromInput(e.target.files)).finally(() => (e.target.value = ""))}
          />
          <input
            ref={folderInput}
            hidden
            disabled={busy}
            data-testid="folder-input"
            type="file"
            multiple
            {...{ webkitdirectory: "" }}
            onChange={(e) => void take(fromInput(e.target.files)).finally(() => (e.target.value = ""))}
          />
        </div>
      </div>
      <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
        <Text data-testid="roster-used">
          <Text weight="semibold">{t.roster}: </Text>
          {rosterName}
        </Text>
        <Button size="small" data-testid="pick-roster" disabled={busy} onClick={() => rosterInput.current?.click()}>
          {t.pickRoster}
        </Button>
        <IncludeUnknown checked={includeUnknown} disabled={busy} onChange={switchUnknown} />
        <input
          ref={rosterInput}
          hidden
          disabled={busy}
          data-testid="roster-input"
          type="file"
          accept=".xlsx,.json"
          onChange={(e) => void pickRoster(e.target.files?.[0]).finally(() => (e.target.value = ""))}
        />
      </div>
      {rosterError && (
        <MessageBar intent="error" data-testid="roster-error">
          <MessageBarBody>
            {t.rosterBad}. {rosterError}
          </MessageBarBody>
        </MessageBar>
      )}
      {reading && (
        <div data-testid="progress" style={{ margin: "8px 0" }}>
          <Text id="reading-text" block>
            {t.reading(reading.done, reading.total)}
          </Text>
          <ProgressBar
            aria-label={t.readingLabel}
            aria-describedby="reading-text"
            value={reading.total ? reading.done / reading.total : 0}
            max={1}
          />
        </div>
      )}
      <div role="status" aria-live="polite" data-testid="announce" style={{ margin: "8px 0" }}>
        {announce}
      </div>
      {skipped.length > 0 && (
        <MessageBar intent="warning" data-testid="skipped">
          <MessageBarBody>{t.skipped(skipped.join(", "))}</MessageBarBody>
        </MessageBar>
      )}
      {results.length > 0 && (
        <Button appearance="primary" data-testid="merge" disabled={busy} onClick={() => merge()}>
          {t.mergeFiles(results.length)}
        </Button>
      )}
      {merged && (
        <div data-testid="merged">
          <StatusTable rows={merged.status} rosterComplete={merged.roster.complete} />
          <MergeSummary result={merged} />
          {merged.summary.included > 0 ? (
            <>
              <CityFindings result={merged} />
              <Button
                appearance="primary"
                data-testid="download-city"
                onClick={() => download("Tong-hop-thanh-pho.xlsx", cityWorkbook(merged, lang))}
              >
                {t.downloadCity}
              </Button>
            </>
          ) : (
            <MessageBar intent="warning" data-testid="none-included">
              <MessageBarBody>{t.noneIncluded}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
      {results.length > 0 && (
        <h2 style={{ fontSize: tokens.fontSizeBase400, margin: "12px 0 4px" }}>{t.files(results.length)}</h2>
      )}
      {filesByProblems(results).map((r) => (
        <FileSection key={r.file} result={r} />
      ))}
    </div>
  );
}

function FileSection({ result: r }: { result: FileResult }) {
  const t = useStrings();
  const lang = useLang();
  const findings = r.sheets.flatMap((s) => s.findings);
  const units = [...new Set(r.sheets.filter((s) => s.template === "pl02").map((s) => s.unit ?? t.noUnit))];
  return (
    <section data-testid="file-result" data-file={r.file} aria-label={r.file} style={{ marginTop: 12 }}>
      <h3 style={{ fontSize: tokens.fontSizeBase300, margin: "8px 0 0" }}>{r.file}</h3>
      {units.length > 0 && (
        <Text block size={200} data-testid="file-unit">
          {t.unit}: {units.join("; ")}
        </Text>
      )}
      {r.notices.map((n, i) => (
        <MessageBar key={i} intent="warning" data-testid="notice">
          <MessageBarBody>{pick(n, lang)}</MessageBarBody>
        </MessageBar>
      ))}
      {r.error ? (
        <MessageBar intent="error">
          <MessageBarBody>
            {t.unreadable}: {pick(r.error, lang)}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {countBySeverity(findings).errors === 0 && (
            <MessageBar intent="success" data-testid="no-errors">
              <MessageBarBody>{t.noErrors}</MessageBarBody>
            </MessageBar>
          )}
          {findings.length > 0 && <FindingsList findings={findings} />}
          <Button
            size="small"
            data-testid="download-annotated"
            onClick={async () => download(annotatedName(r.file), await annotatedCopy(r, lang))}
          >
            {t.downloadAnnotated}
          </Button>
        </>
      )}
    </section>
  );
}

/** Files of a drop with their paths, folders walked (webkitGetAsEntry), in the order the user sees them. */
async function droppedFiles(dt: DataTransfer): Promise<PathedFile[]> {
  const entries = [...dt.items]
    .map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return [...dt.files].map((file) => ({ file, path: file.name }));
  const out: PathedFile[] = [];
  const walk = async (e: FileSystemEntry): Promise<void> => {
    if (e.isFile) {
      const file = await new Promise<File>((res, rej) => (e as FileSystemFileEntry).file(res, rej));
      out.push({ file, path: e.fullPath.replace(/^\/+/, "") || file.name });
    } else if (e.isDirectory) {
      const reader = (e as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const x of batch) await walk(x);
      }
    }
  };
  for (const e of entries) await walk(e);
  return out;
}
