/**
 * Browser mode (no Office), the page a unit's clerk and the Sở use without the add-in. Two ways
 * in, the last one chosen remembered: "Kiểm tra bảng của đơn vị" (a few files checked, each
 * mistake shown in place, a marked copy, a blank template) and "Tổng hợp (Sở)" (many files, a
 * roster, the city workbook with its own errors, the report, the status table). Files are added,
 * removed and cleared; a batch can be stopped. Nothing is uploaded.
 */
import { Button, MessageBar, MessageBarBody, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { memo, useCallback, useId, useMemo, useRef, useState } from "react";
import { type Bilingual, countBySeverity, type MergeResult, pick } from "../../../shared";
import { type FileResult, filesByProblems } from "../../../shared/workbook/file-check";
import { sheetGrid } from "../../browser/cell-window";
import {
  annotatedCopy,
  annotatedName,
  blankTemplate,
  checkAll,
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
import { MergeResultView } from "./MergeResultView";
import { IncludeUnknown } from "./IncludeUnknown";
import { PageFindings } from "./PageFindings";

type Roster = Extract<PickedRoster, { ok: true }>;
export type Way = "check" | "merge";

const WAY_KEY = "phuluc02.way";
/** How many skipped names the one line shows before "và N tệp khác". */
const SKIPPED_NAMED = 5;

/** The way chosen last time; storage may be refused (a file:// page in some browsers, private mode). */
function savedWay(): Way {
  try {
    return localStorage.getItem(WAY_KEY) === "merge" ? "merge" : "check";
  } catch {
    return "check";
  }
}

function saveWay(way: Way): void {
  try {
    localStorage.setItem(WAY_KEY, way);
  } catch {
    // not remembered: the page still works
  }
}

/** What the live region says, kept as data so it follows a language switch. */
type Announce =
  | { kind: "checked"; n: number; withErrors: number; unreadable: number }
  | { kind: "cancelled"; done: number; total: number }
  | { kind: "merged" }
  | null;

export function FilesView() {
  const t = useStrings();
  const lang = useLang();
  const [way, setWay] = useState<Way>(savedWay);
  const [results, setResults] = useState<FileResult[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [others, setOthers] = useState<string[]>([]);
  const [includeUnknown, setIncludeUnknown] = useState(false);
  const [merged, setMerged] = useState<MergeResult | null>(null);
  const [roster, setRoster] = useState<Roster>(defaultRoster() as Roster);
  const [rosterError, setRosterError] = useState<Bilingual | null>(null);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [announce, setAnnounce] = useState<Announce>(null);
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const rosterInput = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);
  const busy = reading !== null;

  const choose = (w: Way) => {
    setWay(w);
    saveWay(w);
  };

  /** Files added to those already read; a file read again (same path) replaces its old result. */
  const take = async (files: PathedFile[]) => {
    if (busy || files.length === 0) return;
    setMerged(null);
    setAnnounce(null);
    cancelled.current = false;
    const { files: picked, skipped: skip, others: other } = sortPicked(files);
    const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
    setSkipped((s) => union(s, skip));
    setOthers((s) => union(s, other));
    setReading({ done: 0, total: picked.length });
    let out: FileResult[];
    // The progress bar is redrawn at most every 100 ms (a redraw a file costs more than the file),
    // the last count always shown.
    let shown = 0;
    let latest = 0;
    let later: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      shown = performance.now();
      clearTimeout(later);
      later = undefined;
      setReading({ done: latest, total: picked.length });
    };
    try {
      out = await checkAll(
        picked,
        (done) => {
          latest = done;
          if (performance.now() - shown >= 100) show();
          else later ??= setTimeout(show, 100);
        },
        () => cancelled.current,
      );
    } finally {
      clearTimeout(later);
      setReading(null);
    }
    const paths = new Set(out.map((r) => r.file));
    const all = [...results.filter((r) => !paths.has(r.file)), ...out];
    setResults(all);
    if (cancelled.current) setAnnounce({ kind: "cancelled", done: out.length, total: picked.length });
    else {
      const withErrors = all.filter((r) => !r.error && countBySeverity(r.sheets.flatMap((s) => s.findings)).errors);
      setAnnounce({
        kind: "checked",
        n: all.length,
        withErrors: withErrors.length,
        unreadable: all.filter((r) => r.error).length,
      });
    }
  };

  const remove = useCallback((file: string) => {
    setResults((rs) => rs.filter((r) => r.file !== file));
    setMerged(null);
    setAnnounce(null);
  }, []);
  const clear = () => {
    setResults([]);
    setSkipped([]);
    setOthers([]);
    setMerged(null);
    setAnnounce(null);
  };

  const pickRoster = async (file: File | undefined) => {
    if (!file) return;
    const r = rosterOfPick(file.name, new Uint8Array(await file.arrayBuffer()));
    if (r.ok) {
      setRoster(r);
      setRosterError(null);
      setMerged(null);
    } else setRosterError(r.error);
  };

  const merge = (include = includeUnknown) => {
    setMerged(mergePicked(results, roster.roster, { includeUnknown: include, skipped: others }));
    setAnnounce({ kind: "merged" });
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
  const announced =
    announce?.kind === "checked"
      ? t.checkedAll(announce.n, announce.withErrors, announce.unreadable)
      : announce?.kind === "cancelled"
        ? t.cancelled(announce.done, announce.total)
        : announce?.kind === "merged" && merged
          ? t.mergedAll(merged.summary.lines[lang])
          : "";
  const shownSkipped = skipped.slice(0, SKIPPED_NAMED).join(", ");
  const sorted = useMemo(() => filesByProblems(results), [results]);
  const some = results.length > 0;

  return (
    <div>
      <MessageBar intent="info">
        <MessageBarBody>{t.browserMode}</MessageBarBody>
      </MessageBar>
      <WayChoice way={way} onChange={choose} />
      <Text block size={200} data-testid="way-hint" style={{ margin: "4px 0" }}>
        {way === "check" ? t.wayCheckHint : t.wayMergeHint}
      </Text>
      {way === "check" && (
        <Button
          size="small"
          data-testid="blank-template"
          onClick={() => download("Phu-luc-02-mau-trong.xlsx", blankTemplate())}
        >
          {t.blankTemplate}
        </Button>
      )}
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
          padding: 16,
          margin: "12px 0",
          textAlign: "center",
        }}
      >
        <Text>{t.dropHere}</Text>
        <div style={{ display: "flex", gap: 8, justifyContent: "center", marginTop: 8, flexWrap: "wrap" }}>
          <Button data-testid="pick-files" disabled={busy} onClick={() => fileInput.current?.click()}>
            {some ? t.addFiles : t.pickFiles}
          </Button>
          <Button data-testid="pick-folder" disabled={busy} onClick={() => folderInput.current?.click()}>
            {some ? t.addFolder : t.pickFolder}
          </Button>
          {(some || skipped.length > 0) && (
            <Button data-testid="clear-files" disabled={busy} onClick={clear}>
              {t.clearFiles}
            </Button>
          )}
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
      {way === "merge" && (
        <>
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
                {t.rosterBad}. {pick(rosterError, lang)}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
      {reading && (
        <div data-testid="progress" style={{ margin: "8px 0" }}>
          <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
            <Text id="reading-text">{t.reading(reading.done, reading.total)}</Text>
            <Button size="small" data-testid="cancel" onClick={() => (cancelled.current = true)}>
              {t.cancel}
            </Button>
          </div>
          <ProgressBar
            aria-label={t.readingLabel}
            aria-describedby="reading-text"
            value={reading.total ? reading.done / reading.total : 0}
            max={1}
          />
        </div>
      )}
      <div role="status" aria-live="polite" data-testid="announce" style={{ margin: "8px 0" }}>
        {announced}
      </div>
      {skipped.length > 0 && (
        <MessageBar intent="warning" data-testid="skipped">
          <MessageBarBody>
            {t.skippedCount(skipped.length, shownSkipped, skipped.length - SKIPPED_NAMED)}
          </MessageBarBody>
        </MessageBar>
      )}
      {way === "merge" && some && (
        <Button appearance="primary" data-testid="merge" disabled={busy} onClick={() => merge()}>
          {t.mergeFiles(results.length)}
        </Button>
      )}
      {way === "merge" && merged && <MergeResultView result={merged} />}
      {some && (
        <h2 style={{ fontSize: tokens.fontSizeBase400, margin: "12px 0 4px" }} data-testid="files-title">
          {t.filesTitle}: {t.files(results.length)}
        </h2>
      )}
      {sorted.map((r) => (
        <FileSection key={r.file} result={r} busy={busy} onRemove={remove} folded={way === "merge"} />
      ))}
    </div>
  );
}

/**
 * The two ways in, as native radio buttons (arrow keys move between them; Fluent's TabList adds
 * focusable aria-hidden guards that axe reports).
 */
function WayChoice({ way, onChange }: { way: Way; onChange: (w: Way) => void }) {
  const t = useStrings();
  const ways: [Way, string][] = [
    ["check", t.wayCheck],
    ["merge", t.wayMerge],
  ];
  return (
    <div role="radiogroup" aria-labelledby="way-label" style={{ margin: "8px 0 0" }}>
      <Text id="way-label" weight="semibold" block>
        {t.waysLabel}
      </Text>
      <div style={{ display: "flex", gap: 8, flexWrap: "wrap", marginTop: 4 }}>
        {ways.map(([w, label]) => (
          <label
            key={w}
            style={{
              display: "flex",
              gap: 6,
              alignItems: "center",
              padding: "6px 12px",
              borderRadius: 6,
              cursor: "pointer",
              border: `${way === w ? 2 : 1}px solid ${way === w ? tokens.colorBrandStroke1 : tokens.colorNeutralStroke1}`,
              fontWeight: way === w ? tokens.fontWeightSemibold : tokens.fontWeightRegular,
            }}
          >
            <input
              type="radio"
              name="way"
              value={w}
              data-testid={`way-${w}`}
              checked={way === w}
              onChange={() => onChange(w)}
            />
            {label}
          </label>
        ))}
      </div>
    </div>
  );
}

/** A file's section; kept as it is while other files are read (memo: a batch re-renders the page). */
const FileSection = memo(function FileSection({
  result: r,
  busy,
  onRemove,
  folded,
}: {
  result: FileResult;
  busy: boolean;
  onRemove: (file: string) => void;
  /** The Sở's way: a file's findings shown when asked for (sixty files, not sixty lists). */
  folded: boolean;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const t = useStrings();
  const lang = useLang();
  const findings = r.sheets.flatMap((s) => s.findings);
  const units = [...new Set(r.sheets.filter((s) => s.template === "pl02").map((s) => s.unit ?? t.noUnit))];
  return (
    <section data-testid="file-result" data-file={r.file} aria-label={r.file} style={{ marginTop: 12 }}>
      <div style={{ display: "flex", gap: 8, alignItems: "baseline", flexWrap: "wrap" }}>
        <h3 style={{ fontSize: tokens.fontSizeBase300, margin: "8px 0 0" }}>{r.file}</h3>
        <Button
          size="small"
          appearance="subtle"
          data-testid="remove-file"
          disabled={busy}
          aria-label={t.removeFile(r.file)}
          onClick={() => onRemove(r.file)}
        >
          {t.remove}
        </Button>
      </div>
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
          {findings.length > 0 && (
            <>
              {folded && (
                <Button
                  size="small"
                  appearance="subtle"
                  data-testid="show-findings"
                  aria-expanded={open}
                  aria-controls={open ? listId : undefined}
                  onClick={() => setOpen(!open)}
                >
                  {open
                    ? t.hideFindings
                    : t.showFindings(countBySeverity(findings).errors, countBySeverity(findings).warnings)}
                </Button>
              )}
              {(!folded || open) && (
                <div id={listId}>
                  <PageFindings findings={findings} sheets={r.sheets} gridOf={(s) => sheetGrid(r.bytes, s)} />
                </div>
              )}
              <Button
                size="small"
                data-testid="download-annotated"
                aria-label={t.downloadAnnotatedOf(r.file)}
                onClick={async () => download(annotatedName(r.file), await annotatedCopy(r, lang))}
              >
                {t.downloadAnnotated}
              </Button>
            </>
          )}
        </>
      )}
    </section>
  );
});

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
