/**
 * Browser mode: the pane outside Office works on .xlsx files dropped on it. Files are read in
 * the page (nothing is uploaded anywhere): checked, annotated copies and the city workbook made
 * for download. The same reader and writer as the CLI.
 */
import { bundledRoster, consolidate, type Lang, type MergeResult } from "../../shared";
import { checkBytes, type FileResult, mergeInputsOf } from "../../shared/workbook/file-check";
import { writeCityWorkbook } from "../../shared/workbook/city";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** The files of a drop or a picker; folders come in already flattened by the browser. */
export async function readPicked(files: Iterable<File>): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  for (const f of files) {
    if (f.name.startsWith("~$")) continue; // Excel's lock files
    out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function checkPicked(files: readonly PickedFile[], keepBytes = true): FileResult[] {
  return files.map((f) => checkBytes(f.name, f.bytes, keepBytes));
}

export function mergePicked(results: readonly FileResult[]): MergeResult {
  const { units, unreadable } = mergeInputsOf(results);
  return consolidate(units, unreadable, { roster: bundledRoster() });
}

export function cityWorkbook(result: MergeResult, lang: Lang): Uint8Array {
  return writeCityWorkbook(result, { lang });
}

/** "truong-a.xlsx" → "truong-a.kiem-tra.xlsx": the annotated copy never replaces the original. */
export function annotatedName(file: string): string {
  return file.replace(/\.xlsx$/i, "") + ".kiem-tra.xlsx";
}

/** The annotated copy: exceljs is loaded only now, in its own chunk. */
export async function annotatedCopy(result: FileResult, lang: Lang): Promise<Uint8Array> {
  if (!result.bytes) throw new Error("bytes not kept");
  const { writeAnnotatedCopy } = await import(/* webpackChunkName: "xlsx-write" */ "../../shared/workbook/write");
  return writeAnnotatedCopy(
    result.bytes,
    result.sheets.map((s) => ({ sheet: s.sheet, findings: s.findings })),
    lang,
  );
}

export function download(name: string, bytes: Uint8Array, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_MIME }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
