/**
 * Browser mode: the pane outside Office works on files dropped on it or picked. Files are read in
 * the page (nothing is uploaded anywhere): checked, annotated copies and the city workbook made
 * for download. The same reader and writer as the CLI.
 */
import {
  type Bilingual,
  bundledRoster,
  consolidate,
  countBySeverity,
  errorText,
  type Lang,
  type MergeResult,
  type Roster,
  templateById,
  templateSheet,
  templateSheetName,
} from "../../shared";
import { reportDocument, reportHtml } from "../../shared/report/render";
import { writeXlsx } from "../../shared/workbook/write/sheet-writer";
import {
  checkSent,
  type FileResult,
  isSystemFile,
  isWorkbookName,
  mergeInputsOf,
} from "../../shared/workbook/file-check";
import { writeCityWorkbook } from "../../shared/workbook/write/city";
import { writeAnnotatedCopy } from "../../shared/workbook/annotate";
import { rosterFromBytes } from "../../shared/workbook/roster-file";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A dropped or picked file with its path inside the folder ("Hong Bang/Phụ lục 02.xlsx"), else its name. */
export interface PathedFile {
  file: File;
  path: string;
}

/** Where a picked file sits: a folder pick gives webkitRelativePath, a plain pick only the name. */
export function pathOf(f: File): string {
  return (f.webkitRelativePath || f.name).replace(/^\/+/, "");
}

/**
 * The files of a drop or a pick (a folder with its sub-folders), sorted by path: the workbooks to
 * check; the other files (a roster.json, a .docx: `others`, for the merge's summary) and system
 * files (lock files, thumbnails) named apart in `skipped`, never as units that could not be read.
 */
export function sortPicked(files: readonly PathedFile[]): { files: PathedFile[]; skipped: string[]; others: string[] } {
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const keep = files.filter((f) => !isSystemFile(f.path) && isWorkbookName(f.path));
  keep.sort((a, b) => byPath(a.path, b.path));
  const kept = new Set(keep);
  const skipped = files.filter((f) => !kept.has(f)).map((f) => f.path);
  const others = skipped.filter((p) => !isSystemFile(p));
  return { files: keep, skipped: skipped.sort(byPath), others: others.sort(byPath) };
}

/**
 * Reads one file and checks it (each spreadsheet of a zip archive apart); its bytes are kept for
 * the annotated copy, its time for the merge.
 */
export async function checkPicked(f: PathedFile): Promise<FileResult[]> {
  const results = checkSent(f.path, new Uint8Array(await f.file.arrayBuffer()), true);
  for (const r of results) r.fileTime = fileTimeOf(f.file);
  return results;
}

/** Lets the page paint and take a click (a MessageChannel turn: no 4 ms timer clamp). */
function yieldToPage(): Promise<void> {
  return new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => r();
    c.port2.postMessage(null);
  });
}

/** How many files are being read ahead while one is checked (reading waits on the disk, checking on the CPU). */
const READ_AHEAD = 6;

/**
 * Reads and checks a batch in the order given, the next files read while one is checked, the
 * page let paint every 50 ms. `stopped()` is asked before each file and after: a result that
 * comes in after a stop is dropped, so what was shown when the user stopped is what is kept.
 */
export async function checkAll(
  files: readonly PathedFile[],
  onProgress: (done: number) => void,
  stopped: () => boolean,
): Promise<FileResult[]> {
  const out: FileResult[] = [];
  // Each file's time asked first, all at once: Chromium answers it by a blocking call that, asked
  // while reads are under way, waits behind them (0.8 s for 300 files, against 0.1 s up front).
  const times = files.map((f) => fileTimeOf(f.file));
  const reads = new Map<number, Promise<ArrayBuffer>>();
  const read = (i: number) => {
    let r = reads.get(i);
    if (!r) reads.set(i, (r = files[i].file.arrayBuffer()));
    return r;
  };
  let last = performance.now();
  for (const [i, f] of files.entries()) {
    if (stopped()) break;
    for (let k = i; k < Math.min(files.length, i + READ_AHEAD); k++) void read(k).catch(() => undefined);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await read(i));
    } catch {
      bytes = new Uint8Array(0); // a file gone or unreadable since it was picked: the reader says so
    }
    reads.delete(i);
    if (stopped()) break;
    // a .zip of spreadsheets gives one result per spreadsheet in it
    for (const r of checkSent(f.path, bytes, true)) {
      r.fileTime = times[i];
      out.push(r);
    }
    onProgress(i + 1);
    if (performance.now() - last > 50) {
      await yieldToPage();
      last = performance.now();
    }
  }
  return out;
}

/** `File.lastModified` as ISO 8601, or null when the browser gives none (0). */
export function fileTimeOf(f: File): string | null {
  return f.lastModified > 0 ? new Date(f.lastModified).toISOString() : null;
}

/** A roster the user gave: where it came from and how many units, or why it could not be used. */
export type PickedRoster =
  { ok: true; roster: Roster; source: string | null } | { ok: false; source: string; error: Bilingual };

export function rosterOfPick(file: string, bytes: Uint8Array): PickedRoster {
  try {
    return { ok: true, roster: rosterFromBytes(file, bytes), source: file };
  } catch (e) {
    const { vi, en } = errorText(e);
    return { ok: false, source: file, error: { vi: `${file}: ${vi}`, en: `${file}: ${en}` } };
  }
}

export function defaultRoster(): PickedRoster {
  return { ok: true, roster: bundledRoster(), source: null };
}

export function mergePicked(
  results: readonly FileResult[],
  roster: Roster,
  opts: { includeUnknown?: boolean; skipped?: string[] } = {},
): MergeResult {
  const { units, unreadable } = mergeInputsOf(results);
  return consolidate(units, unreadable, {
    roster,
    includeUnknown: !!opts.includeUnknown,
    skipped: opts.skipped ?? [],
  });
}

export function cityWorkbook(result: MergeResult, lang: Lang): Uint8Array {
  return writeCityWorkbook(result, { lang });
}

/**
 * "Hong Bang/Phụ lục 02.xlsx" → "Hong Bang - Phụ lục 02.kiem-tra.xlsx": the annotated copy never
 * replaces the original, and copies of files with the same name in different folders stay apart.
 */
export function annotatedName(path: string): string {
  return (
    path
      .replace(/\.xlsx$/i, "")
      .split("/")
      .join(" - ") + ".kiem-tra.xlsx"
  );
}

/** The annotated copy: the unit's own package with the fills and notes added (no exceljs). */
export async function annotatedCopy(result: FileResult, lang: Lang): Promise<Uint8Array> {
  if (!result.bytes) throw new Error("bytes not kept");
  return writeAnnotatedCopy(
    result.bytes,
    result.sheets.map((s) => ({ sheet: s.sheet, findings: s.findings })),
    lang,
  );
}

/**
 * The blank template a unit fills in: the three documents it sends (Phụ lục 02, Cơ cấu đại biểu,
 * Danh sách đại biểu; spec §4, §4b), totals as formulas, as `phuluc02 template` writes them, as
 * .xlsx bytes by our own writer.
 */
export function blankTemplate(): Uint8Array {
  return writeXlsx(
    (["pl02", "daibieu", "ds-daibieu"] as const).map((id) => templateSheet(id, { name: templateSheetName(id) })),
  );
}

/** The Sở's report on the city table (the CLI's `report --out x.html`): figures in words and charts. */
export function cityReport(result: MergeResult, lang: Lang): string {
  const errors = countBySeverity(result.city.findings).errors;
  const doc = reportDocument(templateById("pl02"), result.city.rows, result.city.result.unit, errors, lang);
  return reportHtml(doc);
}

export function download(name: string, bytes: Uint8Array | string, doc: Document = document, type = XLSX_MIME): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
