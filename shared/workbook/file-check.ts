/**
 * A workbook's bytes → its checked sheets, and checked files → the merge's inputs. No file
 * system here: the CLI reads files from disk, the browser pane from a drop or a file picker.
 */
import {
  analyzeWorkbook,
  type Bilingual,
  errorText,
  legacyNotice,
  type MergeInput,
  otherSheetsOf,
  conferenceOf,
  type SheetResult,
  type UnreadableInput,
} from "..";
import { type ArchiveContent, ARCHIVE_MARK, unzipSheets } from "./archive";
import { DEFAULT_LIMITS, readXlsx, type ReadSheet, type ReadWorkbook, XlsxError, type XlsxErrorCode } from "./read";
import { readCsv } from "./read/csv";
import { fail, sniff } from "./read/errors";

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

/** Names that say "a spreadsheet": a PDF or a Word file under such a name was renamed. */
const SPREADSHEET_CLAIM = /\.(xlsx|xlsm|xls|xlsb|ods)$/i;
const CSV_NAME = /\.(csv|txt)$/i;

/**
 * What the reader's refusal says, with the file's name in view: a PDF named .pdf is a printout,
 * not a renamed spreadsheet (that is said only when its name claims .xlsx); an .rtf is a Word file.
 */
function refusal(file: string, e: XlsxError): XlsxError {
  if (SPREADSHEET_CLAIM.test(file)) return e;
  if (e.code === "pdf") return fail.pdf();
  if (e.code === "word" && e.text.en.includes("RTF")) return fail.word("rtf"); // not "renamed": it is one
  return e;
}

/**
 * A text file as a sheet, when it may be one: named .csv or .txt, or text under another name
 * (an "xls" that is a CSV). Null when the bytes are not text.
 */
function csvSheet(file: string, bytes: Uint8Array): ReadSheet | null {
  if (!CSV_NAME.test(file) && sniff(bytes) !== null) return null;
  const base = file.split(/[\\/]/).pop() ?? file;
  return readCsv(bytes, base.replace(/\.[^.]*$/, "").slice(0, 31) || "CSV");
}

/** Reads and checks one workbook (or a CSV table). Never throws: a bad file comes back with `error` set. */
export function checkBytes(file: string, bytes: Uint8Array, keepBytes = false): FileResult {
  try {
    let wb: ReadWorkbook;
    let csvRead = false; // no package to annotate
    const notices: Bilingual[] = [];
    try {
      wb = readXlsx(bytes);
    } catch (e) {
      if (!(e instanceof XlsxError) || e.code !== "not_zip") throw e;
      const csv = csvSheet(file, bytes);
      const isCsv = /\.csv$/i.test(file); // a .txt that holds no table keeps the reader's message
      if (!csv) throw isCsv ? fail.csv("not_text") : e;
      const sheets = analyzeWorkbook([csv]);
      if (!sheets.some((s) => s.table)) throw isCsv ? fail.csv("not_table") : e;
      wb = { sheets: [csv], modified: null };
      csvRead = true;
      notices.push({
        vi: "Tệp CSV (văn bản) đã được đọc như bảng tính; nên gửi tệp Excel (.xlsx) theo mẫu",
        en: "The CSV (text) file was read as a spreadsheet; the Excel (.xlsx) form is what should be sent",
      });
    }
    const sheets = analyzeWorkbook(wb.sheets);
    const rows = DEFAULT_LIMITS.maxRows;
    for (const s of wb.sheets.filter((x) => x.truncated))
      notices.push({
        vi: `Trang "${s.name}" dài hơn ${rows.toLocaleString("vi-VN")} dòng; chỉ đọc ${rows.toLocaleString("vi-VN")} dòng đầu`,
        en: `Sheet "${s.name}" is longer than ${rows.toLocaleString("en-US")} rows; only those were read`,
      });
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
    if (keepBytes && !csvRead) res.bytes = bytes;
    return res;
  } catch (e) {
    if (e instanceof XlsxError) {
      const why = refusal(file, e);
      return { file, error: why.text, errorCode: why.code, sheets: [], notices: [] };
    }
    return { file, error: errorText(e), sheets: [], notices: [] };
  }
}

/**
 * Reads and checks a file a unit sent: itself, or, when it is a zip archive of spreadsheets, each
 * of them, named "archive.zip › member.xlsx" (one level deep: see archive.ts). `after` is the
 * host's second look at a refused file (the CLI converts an .xls through LibreOffice), given the
 * bytes it was read from. Never throws.
 */
export function checkSent(
  file: string,
  bytes: Uint8Array,
  keepBytes = false,
  after: (r: FileResult, bytes: Uint8Array) => FileResult = (r) => r,
): FileResult[] {
  const r = after(checkBytes(file, bytes, keepBytes), bytes);
  if (r.errorCode !== "archive" || r.error === null) return [r];
  let content: ArchiveContent;
  try {
    content = unzipSheets(bytes);
  } catch (e) {
    const why = e instanceof XlsxError ? e : null;
    return [{ ...r, error: errorText(e), ...(why && { errorCode: why.code }) }];
  }
  if (content.sheets.length === 0) return [r];
  return content.sheets.map((m, i) => {
    const res = after(checkBytes(file + ARCHIVE_MARK + m.name, m.bytes, keepBytes), m.bytes);
    const from = {
      vi: `Lấy ra từ tệp nén ${baseName(file)} (tệp gốc không bị sửa)`,
      en: `Taken out of the archive ${baseName(file)} (the archive is untouched)`,
    };
    res.notices.unshift(from, ...(i === 0 ? content.notices : []));
    return res;
  });
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

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

const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|xlsb|ods|csv|zip)$/i;

/**
 * A spreadsheet by its name, as every host takes them from a folder: .xlsx and .xlsm (a workbook
 * with macros, the same package) are read, and a .csv holding the table; .xls, .xlsb and .ods are
 * converted by the CLI, or come back unreadable with the reason; a .zip is unzipped (checkSent).
 * Other files (a signed PDF sent beside the workbook, a .docx) are named apart, not read.
 */
export function isWorkbookName(path: string): boolean {
  return WORKBOOK_NAME.test(path);
}

/** Files no unit sends: Excel's lock files, hidden files, the desktop's thumbnails and settings. */
export function isSystemFile(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.startsWith("~$") || name.startsWith(".") || /^(thumbs\.db|desktop\.ini)$/i.test(name);
}
