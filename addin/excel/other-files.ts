/**
 * Files picked from disk beside the workbook's own sheets in "Tổng hợp": read and checked as the
 * CLI and the page read them (shared/workbook/file-check.ts), so a .csv table is read, a .zip of
 * spreadsheets gives each of them, and a PDF, a Word file or an .xlsb is named for what it is.
 */
import { checkSent } from "../../shared/workbook/file-check";
import type { OtherFileSheets } from "./merge";

export function otherFileSheets(file: string, bytes: Uint8Array, fileTime: string | null): OtherFileSheets[] {
  return checkSent(file, bytes).map((r) => ({
    file: r.file,
    grids: [],
    sheets: r.sheets,
    fileTime,
    modified: r.modified ?? null,
    ...(r.error ? { error: r.error } : {}),
  }));
}
