/** Reading the user's files: folders expanded, every failure turned into a Vietnamese message. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { analyzeWorkbook, type SheetResult } from "../shared";
import { DEFAULT_LIMITS, readXlsx, XlsxError } from "./xlsx/read";

export interface FileResult {
  file: string;
  error: { vi: string; en: string } | null;
  sheets: SheetResult[];
  /** Things the reader did that the user should know (a sheet cut at the row limit). */
  notices: { vi: string; en: string }[];
  /** The bytes read, kept only when annotated copies are wanted. */
  bytes?: Uint8Array;
}

/** Files as given; a folder stands for every .xlsx directly in it (sorted, lock files skipped). */
export function expandInputs(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) {
      const names = readdirSync(p)
        .filter((n) => n.toLowerCase().endsWith(".xlsx") && !n.startsWith("~$") && !n.startsWith("."))
        .sort();
      files.push(...names.map((n) => join(p, n)));
    } else files.push(p);
  }
  return { files, missing };
}

function describe(e: unknown): { vi: string; en: string } {
  if (e instanceof XlsxError) return { vi: e.messageVi, en: e.messageEn };
  const msg = e instanceof Error ? e.message : String(e);
  return { vi: `Lỗi không xác định khi đọc tệp (${msg})`, en: `Unexpected error while reading the file (${msg})` };
}

export function missingFile(file: string): FileResult {
  return {
    file,
    error: { vi: "Không tìm thấy tệp hoặc thư mục", en: "No such file or folder" },
    sheets: [],
    notices: [],
  };
}

/** Reads and checks one file. Never throws: a bad file comes back with `error` set. */
export function checkFile(file: string, keepBytes = false): FileResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return missingFile(file);
    const error =
      code === "EISDIR"
        ? { vi: "Đây là thư mục, không phải tệp", en: "This is a folder, not a file" }
        : { vi: `Không mở được tệp (${code ?? e})`, en: `Cannot open the file (${code ?? e})` };
    return { file, error, sheets: [], notices: [] };
  }
  try {
    const wb = readXlsx(bytes);
    const sheets = analyzeWorkbook(wb.sheets);
    const notices = wb.sheets
      .filter((s) => s.truncated)
      .map((s) => ({
        vi: `Trang "${s.name}" dài hơn ${DEFAULT_LIMITS.maxRows.toLocaleString("vi-VN")} dòng; chỉ đọc ${DEFAULT_LIMITS.maxRows.toLocaleString("vi-VN")} dòng đầu`,
        en: `Sheet "${s.name}" is longer than ${DEFAULT_LIMITS.maxRows.toLocaleString("en-US")} rows; only those were read`,
      }));
    return keepBytes ? { file, error: null, sheets, notices, bytes } : { file, error: null, sheets, notices };
  } catch (e) {
    return { file, error: describe(e), sheets: [], notices: [] };
  }
}
