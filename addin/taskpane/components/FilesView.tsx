/**
 * Browser mode (no Office): .xlsx files dropped or picked are checked in the page; marked copies
 * and the city workbook are offered for download. Nothing is uploaded.
 */
import { Button, MessageBar, MessageBarBody, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { MergeResult } from "../../../shared";
import type { FileResult } from "../../../shared/workbook/file-check";
import {
  annotatedCopy,
  annotatedName,
  checkPicked,
  cityWorkbook,
  download,
  mergePicked,
  readPicked,
} from "../../browser/files";
import { useLang, useStrings } from "../i18n";
import { FindingsList } from "./FindingsList";
import { MergeSummary } from "./MergeSummary";

export function FilesView() {
  const t = useStrings();
  const lang = useLang();
  const [results, setResults] = useState<FileResult[]>([]);
  const [merged, setMerged] = useState<MergeResult | null>(null);
  const [reading, setReading] = useState<{ done: number; total: number } | null>(null);
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const take = async (files: File[]) => {
    const xlsx = files.filter((f) => /\.xlsx$/i.test(f.name));
    setReading({ done: 0, total: xlsx.length });
    const picked = await readPicked(xlsx);
    const out: FileResult[] = [];
    for (const [i, f] of picked.entries()) {
      out.push(...checkPicked([f]));
      setReading({ done: i + 1, total: picked.length });
      await new Promise((r) => setTimeout(r, 0)); // let the progress bar paint
    }
    setResults(out);
    setMerged(out.length > 1 ? mergePicked(out) : null);
    setReading(null);
  };

  const onDrop = async (e: React.DragEvent) => {
    e.preventDefault();
    setOver(false);
    await take(await droppedFiles(e.dataTransfer));
  };

  return (
    <div>
      <MessageBar intent="info">
        <MessageBarBody>{t.browserMode}</MessageBarBody>
      </MessageBar>
      <div
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
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
          <Button onClick={() => fileInput.current?.click()}>{t.pickFiles}</Button>
          <Button onClick={() => folderInput.current?.click()}>{t.pickFolder}</Button>
          <input
            ref={fileInput}
            hidden
            data-testid="file-input"
            type="file"
            multiple
            accept=".xlsx"
            onChange={(e) => void take([...(e.target.files ?? [])])}
          />
          <input
            ref={folderInput}
            hidden
            data-testid="folder-input"
            type="file"
            multiple
            {...{ webkitdirectory: "" }}
            onChange={(e) => void take([...(e.target.files ?? [])])}
          />
        </div>
      </div>
      {reading && <ProgressBar value={reading.total ? reading.done / reading.total : 0} />}
      {merged && (
        <div data-testid="merged">
          <Button
            appearance="primary"
            data-testid="download-city"
            onClick={() => download("Tong-hop-thanh-pho.xlsx", cityWorkbook(merged, lang))}
          >
            {t.downloadCity}
          </Button>
          <MergeSummary result={merged} />
        </div>
      )}
      <Text weight="semibold">{results.length > 0 && t.files(results.length)}</Text>
      {results.map((r) => (
        <section key={r.file} data-testid="file-result" data-file={r.file} style={{ marginTop: 12 }}>
          <Text weight="semibold">{r.file}</Text>
          {r.error ? (
            <MessageBar intent="error">
              <MessageBarBody>
                {t.unreadable}: {lang === "vi" ? r.error.vi : r.error.en}
              </MessageBarBody>
            </MessageBar>
          ) : (
            <>
              <FindingsList findings={r.sheets.flatMap((s) => s.findings)} />
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
      ))}
    </div>
  );
}

/** Files of a drop, folders walked (webkitGetAsEntry), in the order the user sees them. */
async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const entries = [...dt.items]
    .map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return [...dt.files];
  const out: File[] = [];
  const walk = async (e: FileSystemEntry): Promise<void> => {
    if (e.isFile) out.push(await new Promise<File>((res, rej) => (e as FileSystemFileEntry).file(res, rej)));
    else if (e.isDirectory) {
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
