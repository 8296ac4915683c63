/** Reading the user's files: folders expanded, every failure turned into a Vietnamese message. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { checkBytes, type FileResult } from "../shared/workbook/file-check";
import { checkConverted } from "./convert";

export type { FileResult } from "../shared/workbook/file-check";

/** What a folder stands for: workbooks; .xls and .ods are converted or refused with a message, never skipped. */
const WORKBOOK = /\.(xlsx|xls|ods)$/i;

/** Files as given; a folder stands for every workbook directly in it (sorted, lock files skipped). */
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
        .filter((n) => WORKBOOK.test(n) && !n.startsWith("~$") && !n.startsWith("."))
        .sort();
      files.push(...names.map((n) => join(p, n)));
    } else files.push(p);
  }
  return { files, missing };
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
  return checkConverted(checkBytes(file, bytes, keepBytes), keepBytes);
}
