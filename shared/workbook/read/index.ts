/**
 * A fast, defensive .xlsx reader: one walk of the zip directory (../zip/zip-read.ts), only the
 * parts we need inflated (entries.ts), their XML read by the fast scanners of ../xml with saxes
 * behind them for anything unusual (saxes-driver.ts): the package's parts (package.ts), shared
 * strings, worksheets. Values only (cached results of formulas), no styles. A pure function of
 * the bytes it is given: no file access. Every failure is an XlsxError (errors.ts) with a
 * Vietnamese and an English message; no other exception escapes.
 */
import { contains, ENCRYPTION_INFO, inflate, listEntries, ODS_MIME, OLE, startsWith, type Budget } from "./entries";
import { fail, sniff, XlsxError } from "./errors";
import {
  CORE_PART,
  DEFAULT_WORKBOOK,
  modifiedDate,
  parseRels,
  relsPathOf,
  sheetPlan,
  workbookPathOf,
  workbookSheets,
} from "./package";
import { sharedStrings, sharedStringsPlain } from "./shared-strings";
import { DEFAULT_LIMITS, type ReadLimits, type ReadWorkbook, type ReadSheet } from "./types";
import { readWorksheet, worksheet, worksheetFast, type WorksheetPath } from "./worksheet";
import { decodeXml, decoder } from "./xml-text";

export { fileTooLarge, XlsxError, type XlsxErrorCode } from "./errors";

/** A spreadsheet inside a zip archive (file-check.ts unzips those). */
export const ARCHIVED_SHEET = /\.(xlsx|xlsm|xls|xlsb|ods|csv)$/i;
/** A spreadsheet of a zip archive by its (normalised) name: not a folder's, a Mac's resource copy or a lock file. */
export function isArchivedSheet(name: string): boolean {
  const base = name.slice(name.lastIndexOf("/") + 1);
  return (
    ARCHIVED_SHEET.test(base) &&
    !base.startsWith(".") &&
    !base.startsWith("~$") &&
    !name.toLowerCase().startsWith("__macosx/")
  );
}

/** The stream names of an OLE file that say Word document, and Excel 97-2003 workbook. */
const utf16 = (s: string) => Uint8Array.from([...s].flatMap((ch) => [ch.charCodeAt(0), 0]));
const WORD_DOCUMENT = utf16("WordDocument");
const WORKBOOK_STREAM = utf16("Workbook");
export { DEFAULT_LIMITS, type ReadLimits, type ReadSheet, type ReadWorkbook } from "./types";
export { NOT_CALCULATED, type WorksheetPath } from "./worksheet";

/** Reads the values of every worksheet of an .xlsx, in workbook order. Throws only XlsxError. */
export function readXlsx(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): ReadWorkbook {
  try {
    return read(bytes, { ...DEFAULT_LIMITS, ...limits });
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    // A bug or an input nobody foresaw: still a clear message, never a stack trace.
    const why = String((e as Error)?.message ?? e).split("\n")[0];
    throw fail.corrupt(`lỗi không lường trước: ${why}`, `unexpected error: ${why}`);
  }
}

function read(bytes: Uint8Array, L: ReadLimits): ReadWorkbook {
  if (!(bytes instanceof Uint8Array)) throw fail.notZip(null);
  if (bytes.length === 0) throw fail.empty();
  if (bytes.length > L.maxFileBytes) throw fail.tooLarge(bytes.length, L.maxFileBytes);
  if (startsWith(bytes, OLE))
    throw contains(bytes, ENCRYPTION_INFO)
      ? fail.encrypted()
      : contains(bytes, WORD_DOCUMENT) && !contains(bytes, WORKBOOK_STREAM)
        ? fail.word("doc")
        : fail.xls();
  // Local file header, or the end record of an empty zip.
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    throw fail.notZip(sniff(bytes));

  const budget: Budget = { total: 0, limits: L };
  const names = new Set<string>();
  // One pass for the usual places; a second only when _rels/.rels puts the workbook elsewhere.
  const zip = listEntries(bytes);
  let files = inflate(
    bytes,
    zip,
    (n) =>
      n === "mimetype" ||
      n === "_rels/.rels" ||
      n === DEFAULT_WORKBOOK ||
      n === "xl/_rels/workbook.xml.rels" ||
      n === CORE_PART,
    budget,
    names,
  );
  const text = (n: string) => {
    const d = files.get(n);
    return d === undefined ? undefined : decodeXml(d);
  };

  const modified = modifiedDate(text(CORE_PART), L.maxDepth); // before `files` moves on to other parts
  const mimeBytes = files.get("mimetype");
  const mime = mimeBytes && decoder.decode(mimeBytes).trim();
  if (mime !== undefined && mime.startsWith(ODS_MIME)) throw fail.ods();
  // Packages that are not an .xlsx, named for what they are (before _rels/.rels sends the
  // reader to xl/workbook.bin, whose bytes are no XML: "damaged" would send the same file again).
  if (!names.has(DEFAULT_WORKBOOK)) {
    if (names.has("xl/workbook.bin")) throw fail.xlsb();
    if (names.has("word/document.xml")) throw fail.word("docx");
    const sheets = [...names].some(isArchivedSheet);
    const parts = ["_rels/.rels", "[content_types].xml", "content.xml", "ppt/presentation.xml"];
    if (sheets || !parts.some((n) => names.has(n)))
      throw fail.archive(
        sheets,
        zip.entries.filter((e) => !e.name.endsWith("/")).map((e) => e.name),
      );
  }
  let wbPath = workbookPathOf(text("_rels/.rels"));
  if (!names.has(wbPath)) wbPath = DEFAULT_WORKBOOK;
  if (!files.has(wbPath)) {
    const wanted = new Set([wbPath, relsPathOf(wbPath)]);
    files = inflate(bytes, zip, (n) => wanted.has(n), budget);
  }
  const workbookXml = text(wbPath);
  if (workbookXml === undefined) throw fail.noWorkbook(names);

  const { sheets: plan, stringsPath } = sheetPlan(workbookXml, text(relsPathOf(wbPath)), wbPath, L.maxDepth);
  if (plan.length === 0) throw fail.noSheets();

  const needed = new Set(plan.map((s) => s.path));
  needed.add(stringsPath);
  files = inflate(bytes, zip, (n) => needed.has(n), budget);

  const ssXml = text(stringsPath);
  const strings = ssXml === undefined ? [] : sharedStrings(ssXml, stringsPath, L.maxDepth);

  // A part is parsed once however many sheet entries point at it.
  const parsed = new Map<string, Omit<ReadSheet, "name" | "hidden">>();
  const out: ReadSheet[] = [];
  for (const s of plan) {
    let grid = parsed.get(s.path);
    if (grid === undefined) {
      const xml = text(s.path);
      if (xml === undefined)
        throw fail.corrupt(`thiếu ${s.path} của trang "${s.name}"`, `${s.path} of sheet "${s.name}" is missing`);
      grid = worksheet(xml, s.path, strings, L);
      parsed.set(s.path, grid);
    }
    const sheet: ReadSheet = { name: s.name, rows: grid.rows, truncated: grid.truncated, hidden: s.hidden };
    if (grid.formulas) sheet.formulas = grid.formulas; // which cells the template's arithmetic computes
    out.push(sheet);
  }
  return { sheets: out, modified };
}

/**
 * One part's XML as the reader reads it: with every fast path (true: the plain loops of
 * sheet-scan.ts and strings-scan.ts, else the scanner of xml-scan.ts with the element handlers),
 * with the scanner alone ("scan"), or with only the full parser (false). The tests compare them
 * on generated documents (the hook that forces a slow path). Throws XlsxError like readXlsx.
 */
export const parts = {
  worksheet: (xml: string, strings: string[], fast: boolean | "scan", limits: Partial<ReadLimits> = {}) =>
    readWorksheet(xml, "xl/worksheets/sheet1.xml", strings, { ...DEFAULT_LIMITS, ...limits }, fast).sheet,
  /** Which path answers for a worksheet with every fast path allowed ("full": the fast ones gave up). */
  worksheetPath: (xml: string, strings: string[], limits: Partial<ReadLimits> = {}): WorksheetPath =>
    worksheetFast(xml, "xl/worksheets/sheet1.xml", strings, { ...DEFAULT_LIMITS, ...limits }, true)?.path ?? "full",
  sharedStrings: (xml: string, fast: boolean | "scan", maxDepth = DEFAULT_LIMITS.maxDepth) =>
    sharedStrings(xml, "xl/sharedStrings.xml", maxDepth, fast),
  /** Whether the plain loop of strings-scan.ts answers for a shared-strings part. */
  sharedStringsPlain: (xml: string, maxDepth = DEFAULT_LIMITS.maxDepth) =>
    sharedStringsPlain(xml, "xl/sharedStrings.xml", maxDepth) !== null,
  workbook: (xml: string, fast: boolean, maxDepth = DEFAULT_LIMITS.maxDepth) =>
    workbookSheets(xml, DEFAULT_WORKBOOK, maxDepth, fast),
  rels: (xml: string, fast: boolean, maxDepth = DEFAULT_LIMITS.maxDepth) =>
    parseRels(xml, "xl/_rels/workbook.xml.rels", maxDepth, fast),
  modified: (xml: string, fast: boolean, maxDepth = DEFAULT_LIMITS.maxDepth) => modifiedDate(xml, maxDepth, fast),
};
