/**
 * A workbook's bytes → its checked sheets, and checked files → the merge's inputs. No file
 * system here: the CLI reads files from disk, the browser pane from a drop or a file picker.
 */
import {
  analyzeWorkbook,
  errorText,
  legacyNotice,
  type MergeInput,
  otherSheetsOf,
  conferenceOf,
  type SheetResult,
  type UnreadableInput,
} from "..";
import { DEFAULT_LIMITS, readXlsx, XlsxError, type XlsxErrorCode } from "./read";

export interface FileResult {
  file: string;
  error: { vi: string; en: string } | null;
  sheets: SheetResult[];
  /** Things the reader did that the user should know (a sheet cut at the row limit). */
  notices: { vi: string; en: string }[];
  /** Why the reader refused the file ("xls", "ods", …), when it did. */
  errorCode?: XlsxErrorCode;
  /** Names of the checked sheets that are hidden or very hidden in the workbook. */
  hidden?: string[];
  /** When the file says it was last saved (ISO 8601), when it says so: a resubmission's tie-break. */
  modified?: string | null;
  /** The file's own time (ISO 8601: the file system's, `File.lastModified`), when the host knows it. */
  fileTime?: string | null;
  /** The bytes read, kept only when annotated copies are wanted. */
  bytes?: Uint8Array;
}

/** Reads and checks one workbook. Never throws: a bad file comes back with `error` set. */
export function checkBytes(file: string, bytes: Uint8Array, keepBytes = false): FileResult {
  try {
    const wb = readXlsx(bytes);
    const sheets = analyzeWorkbook(wb.sheets);
    const rows = DEFAULT_LIMITS.maxRows;
    const notices = wb.sheets
      .filter((s) => s.truncated)
      .map((s) => ({
        vi: `Trang "${s.name}" dài hơn ${rows.toLocaleString("vi-VN")} dòng; chỉ đọc ${rows.toLocaleString("vi-VN")} dòng đầu`,
        en: `Sheet "${s.name}" is longer than ${rows.toLocaleString("en-US")} rows; only those were read`,
      }));
    const hiddenNames = new Set(wb.sheets.filter((s) => s.hidden).map((s) => s.name));
    const hidden = sheets.filter((s) => hiddenNames.has(s.sheet)).map((s) => s.sheet);
    for (const name of hidden)
      notices.push({
        vi: `Trang "${name}" đang bị ẩn; vẫn được kiểm tra nhưng không được tổng hợp (trừ khi dùng --include-hidden)`,
        en: `Sheet "${name}" is hidden; it is checked but left out of a merge (unless --include-hidden)`,
      });
    for (const s of sheets) if (s.encoding) notices.push(legacyNotice(s.sheet, s.encoding));
    const res: FileResult = { file, error: null, sheets, notices, modified: wb.modified };
    if (hidden.length) res.hidden = hidden;
    if (keepBytes) res.bytes = bytes;
    return res;
  } catch (e) {
    const error = errorText(e);
    if (e instanceof XlsxError) return { file, error, errorCode: e.code, sheets: [], notices: [] };
    return { file, error, sheets: [], notices: [] };
  }
}

/** A hidden sheet left out of a merge. */
export interface SkippedSheet {
  file: string;
  sheet: string;
}

/**
 * The Phụ lục 02 tables of checked files as merge inputs; files without one as unreadable.
 * Hidden sheets (often an old copy kept in the workbook) are left out unless includeHidden, and
 * listed in `skipped` so the caller can say so; a file whose only tables are hidden is not unreadable.
 */
export function mergeInputsOf(
  results: readonly FileResult[],
  opts: { includeHidden?: boolean } = {},
): { units: MergeInput[]; unreadable: UnreadableInput[]; skipped: SkippedSheet[] } {
  const units: MergeInput[] = [];
  const unreadable: UnreadableInput[] = [];
  const skipped: SkippedSheet[] = [];
  for (const r of results) {
    if (r.error) {
      unreadable.push({ file: r.file, reason: r.error });
      continue;
    }
    const hidden = new Set(opts.includeHidden ? [] : (r.hidden ?? []));
    const tables = r.sheets.filter((s) => s.template === "pl02" && s.table);
    const visible = tables.filter((s) => !hidden.has(s.sheet));
    for (const s of tables) if (hidden.has(s.sheet)) skipped.push({ file: r.file, sheet: s.sheet });
    if (tables.length === 0) {
      const why = r.sheets.find((s) => s.template === "pl02")?.findings[0];
      unreadable.push({
        file: r.file,
        sheet: why?.sheet ?? null,
        reason: why
          ? { vi: why.message, en: why.messageEn }
          : { vi: "Không có bảng Phụ lục 02", en: "No Phụ lục 02 table" },
      });
      continue;
    }
    if (visible.length === 0) continue;
    r.sheets.forEach((s, i) => {
      if (s.template === "pl02" && s.table && !hidden.has(s.sheet))
        units.push({
          file: r.file,
          sheetIndex: i,
          result: s,
          modified: r.modified ?? null,
          fileTime: r.fileTime ?? null,
          otherSheets: otherSheetsOf(r.sheets, s, visible.length),
          conference: conferenceOf(r.sheets, s, visible.length),
        });
    });
  }
  return { units, unreadable, skipped };
}

/**
 * The findings of a unit's other sheets (its Cơ cấu đại biểu, its list of delegates): every one
 * when the file holds one unit's table, else those whose unit line names the same unit.
 */

/** Checked files, those with problems first: unreadable, then by errors, then by warnings, then by name. */
export function filesByProblems(results: readonly FileResult[]): FileResult[] {
  const count = (r: FileResult, sev: "error" | "warning") =>
    r.sheets.reduce((n, s) => n + s.findings.filter((f) => f.severity === sev).length, 0);
  return [...results].sort(
    (a, b) =>
      Number(!a.error) - Number(!b.error) ||
      count(b, "error") - count(a, "error") ||
      count(b, "warning") - count(a, "warning") ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
}

const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|ods)$/i;

/**
 * A spreadsheet by its name, as every host takes them from a folder: .xlsx and .xlsm (a workbook
 * with macros, the same package) are read; .xls and .ods are converted by the CLI, or come back
 * unreadable with the reason.
 */
export function isWorkbookName(path: string): boolean {
  return WORKBOOK_NAME.test(path);
}

/** Files no unit sends: Excel's lock files, hidden files, the desktop's thumbnails and settings. */
export function isSystemFile(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.startsWith("~$") || name.startsWith(".") || /^(thumbs\.db|desktop\.ini)$/i.test(name);
}
