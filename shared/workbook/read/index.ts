/**
 * A fast, defensive .xlsx reader: one walk of the zip directory (zip-read.ts), only the parts we
 * need inflated, their XML read by the fast scanners (xml-scan.ts, sheet-scan.ts, strings-scan.ts)
 * with saxes behind them for anything unusual. Values only (cached results of
 * formulas), no styles. A pure function of the bytes it is given: no file access. Every failure
 * is an XlsxError with a Vietnamese and an English message; no other exception escapes.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { Cell, Grid } from "../../cell";
import { BilingualError } from "../../bilingual";
import { formatNumber, type Lang } from "../../finding";
import { CellCursor, type CellSink, parseIndexAt, scanSheetData } from "../xml/sheet-scan";
import { scanPlainStrings } from "../xml/strings-scan";
import {
  type AttrReader,
  type ScanHandlers,
  scanDocument,
  scanElements,
  sheetDataSpan,
  XmlWalk,
} from "../xml/xml-scan";
import { entryData, listZip, type ZipListing } from "../zip/zip-read";

export interface ReadLimits {
  /** The .xlsx file itself. */
  maxFileBytes: number;
  /** Declared uncompressed size of one zip entry we need. */
  maxEntryBytes: number;
  /** Sum of the declared uncompressed sizes of the entries we inflate. */
  maxTotalBytes: number;
  /** Rows kept per sheet; the parse of a sheet stops at the first value beyond them. */
  maxRows: number;
  /** Columns kept per row. */
  maxCols: number;
  /** Cells (values and formulas) parsed per sheet, kept or not; beyond it the sheet is cut. */
  maxCells: number;
  /** Element nesting in any part (a real sheet nests about 6 deep). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRows: 5000,
  maxCols: 200,
  maxCells: 2_000_000,
  maxDepth: 100,
});

export interface ReadSheet extends Grid {
  /** Rows holding values existed beyond maxRows and were not read. */
  truncated: boolean;
  /** state="hidden" or "veryHidden". */
  hidden: boolean;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  /**
   * When the file says it was last saved (docProps/core.xml dcterms:modified), as an ISO 8601
   * UTC string; null when absent or unreadable (it only ever breaks a tie between resubmissions).
   */
  modified: string | null;
}

export type XlsxErrorCode =
  "too_large" | "not_zip" | "corrupt" | "encrypted" | "xls" | "ods" | "no_workbook" | "zip_bomb" | "empty" | "too_deep";

export class XlsxError extends BilingualError {
  override readonly name = "XlsxError";
  readonly code: XlsxErrorCode;
  constructor(code: XlsxErrorCode, messageVi: string, messageEn: string) {
    super({ vi: messageVi, en: messageEn });
    this.code = code;
  }
  /** @deprecated read `text.vi` (kept while callers move to `errorText`). */
  get messageVi(): string {
    return this.text.vi;
  }
  /** @deprecated read `text.en`. */
  get messageEn(): string {
    return this.text.en;
  }
}

// ---------------------------------------------------------------------------------------------
// Messages. The caller prefixes the file name, so they describe the problem only.

/** A byte count as each language writes it: "1,5 MB" in Vietnamese, "1.5 MB" in English. */
function size(n: number, lang: Lang): string {
  if (!Number.isFinite(n) || n < 0) return "?";
  const num = (x: number, digits: number) => formatNumber(Math.round(x * 10 ** digits) / 10 ** digits, lang);
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${num(n / 1024, 0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${num(n / 1024 / 1024, n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return `${num(n / 1024 / 1024 / 1024, 1)} GB`;
}

const SAVE_AS_XLSX_VI = "hãy mở bằng Excel và lưu lại dạng .xlsx (Sổ làm việc Excel)";
const SAVE_AS_XLSX_EN = "open it in Excel and save it as .xlsx (Excel Workbook)";

const fail = {
  tooLarge: (n: number, max: number) =>
    new XlsxError(
      "too_large",
      `Tệp quá lớn (${size(n, "vi")}); chỉ nhận tệp đến ${size(max, "vi")}`,
      `The file is too large (${size(n, "en")}); at most ${size(max, "en")} is accepted`,
    ),
  empty: () => new XlsxError("empty", "Tệp rỗng (0 byte)", "The file is empty (0 bytes)"),
  noSheets: () => new XlsxError("empty", "Sổ tính không có trang tính (sheet) nào", "The workbook has no worksheet"),
  notZip: (kind: Kind | null) =>
    new XlsxError(
      "not_zip",
      kind
        ? `Tệp không phải định dạng .xlsx mà là ${kind.vi} bị đổi đuôi; ${kind.adviceVi}`
        : "Tệp không phải định dạng .xlsx (không phải tệp nén zip)",
      kind ? `Not an .xlsx file but ${kind.en} renamed; ${kind.adviceEn}` : "Not an .xlsx file (not a zip package)",
    ),
  corrupt: (detailVi: string, detailEn = detailVi) =>
    new XlsxError(
      "corrupt",
      `Tệp .xlsx bị hỏng hoặc chưa tải về đầy đủ (${detailVi}); hãy mở bằng Excel, lưu lại rồi gửi lại`,
      `The .xlsx file is damaged or incomplete (${detailEn}); open it in Excel, save it and send it again`,
    ),
  encrypted: () =>
    new XlsxError(
      "encrypted",
      "Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi gửi lại (Tệp → Thông tin → Bảo vệ Sổ làm việc → Mã hóa bằng mật khẩu)",
      "The workbook is password-protected; remove the password and send it again",
    ),
  xls: () =>
    new XlsxError(
      "xls",
      `Tệp Excel 97-2003 (.xls); ${SAVE_AS_XLSX_VI}`,
      `An Excel 97-2003 (.xls) file; ${SAVE_AS_XLSX_EN}`,
    ),
  ods: () =>
    new XlsxError(
      "ods",
      "Tệp LibreOffice (.ods); hãy lưu lại dạng .xlsx (Tệp → Lưu thành → Excel 2007-365)",
      "A LibreOffice (.ods) file; save it as .xlsx (File → Save As → Excel 2007-365)",
    ),
  noWorkbook: (names: Set<string>) => {
    const [vi, en] = names.has("xl/workbook.bin")
      ? ["là sổ tính nhị phân .xlsb", "an .xlsb binary workbook"]
      : names.has("word/document.xml")
        ? ["có vẻ là tệp Word", "it looks like a Word file"]
        : names.has("ppt/presentation.xml")
          ? ["có vẻ là tệp PowerPoint", "it looks like a PowerPoint file"]
          : names.has("content.xml")
            ? ["có vẻ là tệp OpenDocument", "it looks like an OpenDocument file"]
            : ["thiếu xl/workbook.xml", "no xl/workbook.xml"];
    return new XlsxError(
      "no_workbook",
      `Tệp nén không chứa sổ tính Excel (${vi}); ${SAVE_AS_XLSX_VI}`,
      `The zip package holds no Excel workbook (${en}); ${SAVE_AS_XLSX_EN}`,
    );
  },
  tooDeep: (part: string, max: number) =>
    new XlsxError(
      "too_deep",
      `Cấu trúc XML trong ${part} lồng nhau quá ${max} tầng; không đọc tiếp để tránh treo máy`,
      `The XML of ${part} nests more than ${max} levels deep; not read further`,
    ),
  zipBomb: (whatVi: string, whatEn = whatVi) =>
    new XlsxError(
      "zip_bomb",
      `Tệp khai báo dung lượng giải nén quá lớn (${whatVi}); không mở để tránh treo máy`,
      `The file declares a huge uncompressed size (${whatEn}); not opened`,
    ),
};

interface Kind {
  vi: string;
  en: string;
  adviceVi: string;
  adviceEn: string;
}

const SEND_ORIGINAL_VI = "hãy gửi tệp Excel (.xlsx) gốc";
const SEND_ORIGINAL_EN = "send the original Excel (.xlsx) file";

/** What a file that is not a zip looks like, for a more helpful message. */
function sniff(bytes: Uint8Array): Kind | null {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (
    i < bytes.length &&
    i < 1024 &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  const head = String.fromCharCode(...bytes.subarray(i, i + 64)).toLowerCase();
  if (head.startsWith("%pdf"))
    return { vi: "tệp PDF", en: "a PDF file", adviceVi: SEND_ORIGINAL_VI, adviceEn: SEND_ORIGINAL_EN };
  if (head.startsWith("{\\rtf"))
    return { vi: "tệp RTF (Word)", en: "an RTF (Word) file", adviceVi: SEND_ORIGINAL_VI, adviceEn: SEND_ORIGINAL_EN };
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<table"))
    return { vi: "trang HTML", en: "an HTML page", adviceVi: SAVE_AS_XLSX_VI, adviceEn: SAVE_AS_XLSX_EN };
  if (head.startsWith("<?xml"))
    return {
      vi: "tệp XML (có thể là Bảng tính XML 2003)",
      en: "an XML file (maybe an XML Spreadsheet 2003)",
      adviceVi: SAVE_AS_XLSX_VI,
      adviceEn: SAVE_AS_XLSX_EN,
    };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Container sniffing and unzipping.

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTION_INFO = Uint8Array.from([..."EncryptionInfo"].flatMap((ch) => [ch.charCodeAt(0), 0]));
const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";
const decoder = new TextDecoder("utf-8");

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = 0; i <= last; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Entry names compared case-insensitively, with "\" as "/" and no leading "/" or "./". */
export function normName(name: string): string {
  let n = name.includes("\\") ? name.replace(/\\/g, "/") : name;
  while (n.startsWith("/") || n.startsWith("./")) n = n.slice(n[0] === "/" ? 1 : 2);
  return n.toLowerCase();
}

interface Budget {
  total: number;
  readonly limits: ReadLimits;
}

/** A zip structure fflate's unzipSync, which this reader used before, could not read: its message is kept. */
function unreadable(e: unknown): XlsxError {
  return fail.corrupt(
    "không đọc được cấu trúc tệp nén",
    `unreadable zip structure: ${String((e as Error)?.message ?? e).split("\n")[0]}`,
  );
}

/** The directory of the zip, walked once; the passes of `inflate` go over it. */
function listEntries(bytes: Uint8Array): ZipListing {
  // A central directory entry takes at least 46 bytes: more entries than that means a lying
  // end-of-directory record, which would otherwise make the walk loop for billions of entries.
  try {
    return listZip(bytes, Math.floor(bytes.length / 46) + 1);
  } catch (e) {
    throw unreadable(e);
  }
}

/**
 * Inflates the entries whose normalised names `want` accepts, in directory order; refuses before
 * inflating when a declared size is over the limits. Returns them by normalised name (a
 * duplicate name is inflated too: the last one wins, as in Excel); `seen` collects every name.
 */
function inflate(
  bytes: Uint8Array,
  zip: ZipListing,
  want: (name: string) => boolean,
  budget: Budget,
  seen?: Set<string>,
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const f of zip.entries) {
    const n = normName(f.name);
    seen?.add(n);
    if (!want(n)) continue;
    if (f.method !== 0 && f.method !== 8)
      throw fail.corrupt(`kiểu nén ${f.method} không hỗ trợ`, `unsupported compression ${f.method}`);
    const declared = Math.max(f.size, f.method === 0 ? f.compressedSize : 0);
    if (!(declared >= 0) || declared > budget.limits.maxEntryBytes)
      throw fail.zipBomb(`${f.name}: ${size(declared, "vi")}`, `${f.name}: ${size(declared, "en")}`);
    budget.total += declared;
    if (budget.total > budget.limits.maxTotalBytes)
      throw fail.zipBomb(`tổng cộng ${size(budget.total, "vi")}`, `${size(budget.total, "en")} in all`);
    let data: Uint8Array;
    try {
      data = entryData(bytes, f);
    } catch (e) {
      throw unreadable(e);
    }
    files.delete(n); // keep the map in directory order of the last copy
    files.set(n, data);
  }
  if (zip.stop === "count") throw fail.corrupt("mục lục tệp nén sai", "bad zip directory");
  if (zip.stop) throw unreadable(zip.stop);
  return files;
}

// ---------------------------------------------------------------------------------------------
// XML.

const STOP: unique symbol = Symbol("stop");

interface Handlers {
  open?: (tag: SaxesTagPlain) => void;
  close?: (tag: SaxesTagPlain) => void;
  text?: (t: string) => void;
}

/**
 * Runs saxes over one part; malformed XML becomes a "corrupt" XlsxError, nesting deeper than
 * maxDepth a "too_deep" one (saxes keeps every open tag: 9 million nested elements fit in a
 * 66 KB zip and would take gigabytes). Positions are not tracked (saxes is ~15% faster
 * without); on failure a second, handler-less pass finds where.
 */
function parse(xml: string, part: string, h: Handlers, maxDepth: number | "counted"): void {
  const p = new SaxesParser({ position: false });
  const open = h.open;
  const close = h.close;
  if (maxDepth === "counted") {
    // the handlers count the depth themselves (the sheet's hot path: no extra call per tag)
    if (open) p.on("opentag", open as (tag: unknown) => void);
    if (close) p.on("closetag", close as (tag: unknown) => void);
  } else {
    let depth = 0;
    p.on("opentag", (tag) => {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      if (open) open(tag as SaxesTagPlain);
    });
    p.on("closetag", (tag) => {
      depth--;
      if (close) close(tag as SaxesTagPlain);
    });
  }
  if (h.text) p.on("text", h.text);
  try {
    p.write(xml).close();
  } catch (e) {
    if (e === STOP) return;
    if (e instanceof XlsxError) throw e;
    let why = String((e as Error)?.message ?? e);
    try {
      new SaxesParser().write(xml).close();
    } catch (located) {
      why = String((located as Error)?.message ?? located);
    }
    why = why.split("\n")[0];
    throw fail.corrupt(`XML lỗi trong ${part}: ${why}`, `malformed XML in ${part}: ${why}`);
  }
}

/** Local name of a possibly prefixed tag or attribute name. */
export function local(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** An AttrReader over a saxes tag's attributes (the full parser's side of xml-scan.ts's). */
function attrsOf(a: Record<string, string>): AttrReader {
  return (name, anyPrefix) => {
    const v = a[name];
    if (v !== undefined || !anyPrefix) return v;
    for (const k in a) if (local(k) === name) return a[k];
    return undefined;
  };
}

const X_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
/** OOXML escapes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
function unescapeX(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(X_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Element handlers that both the fast path (xml-scan.ts) and the full parser drive; they count
 * the depth themselves. `open` never gives up (returns false) in these.
 */
type PartHandlers = ScanHandlers;

/** Runs element handlers through the full parser (saxes), elements by their local names. */
function parseWith(xml: string, part: string, h: PartHandlers): void {
  parse(
    xml,
    part,
    {
      open: (tag) => {
        h.open(tag.name.indexOf(":") < 0 ? tag.name : local(tag.name), attrsOf(tag.attributes));
      },
      close: (tag) => h.close(tag.name.indexOf(":") < 0 ? tag.name : local(tag.name)),
      text: (t) => {
        if (h.wantText()) h.text(t);
      },
    },
    "counted", // the handlers count the depth themselves
  );
}

/**
 * Fresh handlers over the whole part with the fast scanner; when it gives up, fresh handlers
 * with the full parser. STOP ends either quietly.
 */
function scanOrParse<H extends PartHandlers>(xml: string, part: string, fast: boolean, make: () => H): H {
  if (fast) {
    const h = make();
    try {
      if (scanDocument(xml, h)) return h;
    } catch (e) {
      if (e === STOP) return h;
      throw e;
    }
  }
  const full = make();
  parseWith(xml, part, full);
  return full;
}

function sharedStringsHandlers(part: string, maxDepth: number) {
  const out: string[] = [];
  let depth = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let buf = "";
  return {
    out,
    open(n: string) {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      if (n === "t") inT = inSi && phonetic === 0;
      else if (n === "si") {
        inSi = true;
        buf = "";
      } else if (n === "rPh") phonetic++;
    },
    wantText: () => inT,
    text(t: string) {
      buf += t;
    },
    close(n: string) {
      depth--;
      if (n === "t") inT = false;
      else if (n === "si") {
        out.push(unescapeX(buf));
        inSi = false;
      } else if (n === "rPh") phonetic--;
    },
  };
}

/** Handlers for what surrounds the items of a shared-strings part: they count the depth. */
function depthOnly(part: string, maxDepth: number): ScanHandlers {
  return counted(part, maxDepth, () => {});
}

/**
 * The strings of a plain <sst> by the loop of strings-scan.ts, the prolog, the root's start tag
 * and what follows the items walked and checked; null when the other paths must decide.
 */
function sharedStringsPlain(xml: string, part: string, maxDepth: number): string[] | null {
  const walk = new XmlWalk(xml);
  const around = depthOnly(part, maxDepth);
  if (!walk.prolog() || maxDepth < 3) return null; // <sst>, <si>, <t>
  const from = xml.indexOf(">", walk.pos) + 1;
  const to = xml.lastIndexOf("</sst>");
  if (from === 0 || to < from || !walk.walk(from, around) || walk.stack.length !== 1 || walk.stack[0] !== "sst")
    return null;
  const out: string[] = [];
  if (!scanPlainStrings(xml, from, to, out)) return null;
  walk.pos = to;
  if (!walk.walk(xml.length, around) || !walk.end()) return null;
  for (let i = 0; i < out.length; i++) out[i] = unescapeX(out[i]);
  return out;
}

function sharedStrings(xml: string, part: string, maxDepth: number, fast: boolean | "scan" = true): string[] {
  const plain = fast === true ? sharedStringsPlain(xml, part, maxDepth) : null;
  return plain ?? scanOrParse(xml, part, fast !== false, () => sharedStringsHandlers(part, maxDepth)).out;
}

function cellValue(type: string, text: string, strings: string[]): Cell {
  switch (type) {
    case "s": {
      const v = strings[parseIndexAt(text, 0, text.length)];
      return v === undefined ? null : v;
    }
    case "str":
    case "inlineStr":
      return unescapeX(text);
    case "b": {
      const t = text.trim();
      return t === "1" || t.toLowerCase() === "true";
    }
    case "e":
      return { error: text.trim() };
    case "d":
      return text;
    default: {
      if (text.trim() === "") return null;
      const num = Number(text);
      return Number.isNaN(num) ? text : num;
    }
  }
}

/**
 * The value of a formula cell saved without a cached result. An error value, so the checks read
 * it as unreadable (VALUE_FORMULA_ERROR on the cell itself; the sums that involve it skipped)
 * instead of a blank that would blame its parent row.
 */
export const NOT_CALCULATED: Readonly<{ error: string }> = Object.freeze({
  error: "(công thức chưa được tính · formula never calculated)",
});

/** A plain number as Number() reads it: digits, maybe after "-", few enough to be exact; else NaN. */
function plainNumber(xml: string, from: number, to: number): number {
  let i = from;
  const negative = xml.charCodeAt(i) === 45;
  if (negative) i++;
  if (i === to || to - i > 15) return NaN;
  let n = 0;
  for (; i < to; i++) {
    const k = xml.charCodeAt(i) - 48;
    if (k < 0 || k > 9) return NaN;
    n = n * 10 + k;
  }
  return negative ? -n : n;
}

/** The cells of one sheet as they are read, within the limits; STOP once beyond them. */
class SheetCells implements CellSink {
  readonly rows: Cell[][] = [];
  truncated = false;
  private cells = 0;
  private readonly xml: string;
  private readonly strings: string[];
  private readonly limits: ReadLimits;

  constructor(xml: string, strings: string[], limits: ReadLimits) {
    this.xml = xml;
    this.strings = strings;
    this.limits = limits;
  }

  cell(row: number, col: number, type: string, hasValue: boolean, text: string | null, from: number, to: number): void {
    const L = this.limits;
    if (row >= L.maxRows || ++this.cells > L.maxCells) {
      this.truncated = true;
      throw STOP; // data beyond the limit: stop reading this sheet here
    }
    if (row < 0 || col < 0 || col >= L.maxCols) return;
    // A formula saved without its result (written by a program that does not calculate):
    // an unreadable value, reported as such, never a silent 0.
    let v: Cell;
    if (!hasValue) v = NOT_CALCULATED;
    else if (text !== null) v = cellValue(type, text, this.strings);
    else if (type === "s") {
      const s = this.strings[parseIndexAt(this.xml, from, to)];
      v = s === undefined ? null : s;
    } else {
      const n = type === "" || type === "n" ? plainNumber(this.xml, from, to) : NaN;
      v = n === n ? n : cellValue(type, this.xml.slice(from, to), this.strings);
    }
    let cells = this.rows[row];
    if (cells === undefined) cells = this.rows[row] = [];
    cells[col] = v;
  }

  result(): Omit<ReadSheet, "name" | "hidden"> {
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
    return { rows, truncated: this.truncated };
  }
}

/** The element handlers of a worksheet (or of its <sheetData> content, `depth` elements deep). */
function worksheetHandlers(part: string, cells: SheetCells, maxDepth: number, depth: number) {
  const at = new CellCursor();
  let inCell = false;
  let type = "";
  let hasValue = false; // <v> or <is><t> seen
  let hasFormula = false;
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let text = "";

  return {
    cells,
    open(n: string, attr: AttrReader) {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      switch (n) {
        case "c": {
          const ref = attr("r");
          if (ref === undefined) at.cell("", -1, -1);
          else at.cell(ref, 0, ref.length);
          const t = attr("t");
          type = t === undefined ? "" : t;
          inCell = true;
          hasValue = hasFormula = false;
          text = "";
          break;
        }
        case "v":
          if (inCell) {
            inV = true;
            hasValue = true;
            text = "";
          }
          break;
        case "f":
          if (inCell) hasFormula = true;
          break;
        case "is":
          if (inCell) {
            inIs = true;
            if (!hasValue) text = "";
            if (type === "") type = "inlineStr";
          }
          break;
        case "t":
          if (inIs && phonetic === 0) {
            inT = true;
            hasValue = true;
          }
          break;
        case "rPh":
          phonetic++;
          break;
        case "row": {
          const ref = attr("r");
          if (ref === undefined) at.row("", -1, -1);
          else at.row(ref, 0, ref.length);
          break;
        }
      }
    },
    wantText: () => inV || inT,
    text(t: string) {
      text += t;
    },
    close(n: string) {
      depth--;
      switch (n) {
        case "v":
          inV = false;
          break;
        case "t":
          inT = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "is":
          inIs = false;
          break;
        case "c":
          inCell = false;
          if (hasValue || hasFormula) cells.cell(at.cellRow, at.c, type, hasValue, text, 0, 0);
          break;
      }
    },
  };
}

/**
 * Handlers for what surrounds <sheetData> on the fast path: they count the depth, and give up on
 * the elements the cell handlers react to (a cell outside <sheetData>, or an element around it
 * that would change how its cells read, is for the full parser).
 */
function aroundSheetData(part: string, maxDepth: number): ScanHandlers {
  let depth = 0;
  return {
    open(n) {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      return n !== "c" && n !== "row" && n !== "rPh";
    },
    close() {
      depth--;
    },
    text() {},
    wantText: () => false,
  };
}

/** Which path read a worksheet: the plain <sheetData> loop, the scanner with handlers, the full parser. */
export type WorksheetPath = "plain" | "scan" | "full";

/**
 * A worksheet's cells by the fast paths: the plain <sheetData> loop (sheet-scan.ts, unless
 * `plain` is false), else the element handlers driven by the scanner, the rest of the part
 * walked and checked around it; null when the full parser must decide.
 */
function worksheetFast(
  xml: string,
  part: string,
  strings: string[],
  limits: ReadLimits,
  plain: boolean,
): { cells: SheetCells; path: WorksheetPath } | null {
  const span = sheetDataSpan(xml);
  if (span === null) return null;
  const walk = new XmlWalk(xml);
  const around = aroundSheetData(part, limits.maxDepth);
  if (!walk.prolog()) return null;
  let cells = new SheetCells(xml, strings, limits);
  let path: WorksheetPath = "plain"; // an empty <sheetData> has nothing for the loop to read
  if (span[0] < span[1]) {
    if (!walk.walk(span[0], around) || walk.stack[walk.stack.length - 1] !== "sheetData") return null;
    const depth = walk.stack.length;
    try {
      if (!plain || !scanSheetData(xml, span[0], span[1], depth, limits.maxDepth, new CellCursor(), cells)) {
        path = "scan";
        cells = new SheetCells(xml, strings, limits);
        if (!scanElements(xml, span[0], span[1], worksheetHandlers(part, cells, limits.maxDepth, depth))) return null;
      }
    } catch (e) {
      if (e === STOP) return { cells, path }; // as the full parser, read no further
      throw e;
    }
    walk.pos = span[1];
  }
  return walk.walk(xml.length, around) && walk.end() ? { cells, path } : null;
}

function readWorksheet(
  xml: string,
  part: string,
  strings: string[],
  limits: ReadLimits,
  fast: boolean | "scan",
): { sheet: Omit<ReadSheet, "name" | "hidden">; path: WorksheetPath } {
  const quick = fast ? worksheetFast(xml, part, strings, limits, fast !== "scan") : null;
  if (quick !== null) return { sheet: quick.cells.result(), path: quick.path };
  const cells = new SheetCells(xml, strings, limits);
  parseWith(xml, part, worksheetHandlers(part, cells, limits.maxDepth, 0)); // STOP ends it quietly
  return { sheet: cells.result(), path: "full" };
}

function worksheet(
  xml: string,
  part: string,
  strings: string[],
  limits: ReadLimits,
): Omit<ReadSheet, "name" | "hidden"> {
  return readWorksheet(xml, part, strings, limits, true).sheet;
}

/**
 * One part's XML as the reader reads it: with every fast path (true: the plain loops of
 * sheet-scan.ts and strings-scan.ts, else the scanner of xml-scan.ts with the element handlers),
 * with the scanner alone ("scan"), or with only the full parser (false). The tests compare them
 * on generated documents. Throws XlsxError like readXlsx.
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

/** Resolves a relationship target of the part `from` to a normalised entry name. */
export function resolveTarget(from: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  if (t.includes("%")) {
    try {
      t = decodeURIComponent(t);
    } catch {
      // keep as written
    }
  }
  const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  const parts = (t.startsWith("/") ? t : dir + t).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p && p !== ".") out.push(p);
  }
  return out.join("/").toLowerCase();
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

let utf16le: TextDecoder | undefined;
let utf16be: TextDecoder | undefined;

/** An XML part's text: UTF-8 (BOM or not) or UTF-16 (by its BOM or its first "<"). */
export function decodeXml(d: Uint8Array): string {
  const a = d[0];
  const b = d[1];
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00))
    return (utf16le ??= new TextDecoder("utf-16le")).decode(d);
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c))
    return (utf16be ??= new TextDecoder("utf-16be")).decode(d);
  return decoder.decode(d);
}

export interface Relationship {
  id: string;
  target: string;
  type: string;
  external: boolean;
}

/** Handlers that count the depth as the full parser's `parse` does, and read no text. */
function counted(part: string, maxDepth: number, open: (name: string, attr: AttrReader) => void): PartHandlers {
  let depth = 0;
  return {
    open(name, attr) {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      open(name, attr);
    },
    close() {
      depth--;
    },
    text() {},
    wantText: () => false,
  };
}

/** The relationships of a .rels part, in document order. */
export function parseRels(xml: string, part: string, maxDepth = DEFAULT_LIMITS.maxDepth, fast = true): Relationship[] {
  const read = () => {
    const out: Relationship[] = [];
    return Object.assign(
      counted(part, maxDepth, (name, attr) => {
        if (name !== "Relationship") return;
        out.push({
          id: attr("Id") ?? "",
          target: attr("Target") ?? "",
          type: attr("Type") ?? "",
          external: attr("TargetMode") === "External",
        });
      }),
      { out },
    );
  };
  return scanOrParse(xml, part, fast, read).out;
}

export const DEFAULT_WORKBOOK = "xl/workbook.xml";

/**
 * The workbook part named by the package's own relationships (_rels/.rels), else the usual place.
 * A scan of its few <Relationship> tags, not a parser: this runs for every file of a merge.
 */
export function workbookPathOf(rootRelsXml: string | undefined): string {
  if (rootRelsXml === undefined) return DEFAULT_WORKBOOK;
  const tags = /<(?:[\w.-]+:)?Relationship\s([^>]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = tags.exec(rootRelsXml)) !== null) {
    const a = m[1];
    const type = /\bType\s*=\s*(["'])(.*?)\1/.exec(a)?.[2] ?? "";
    if (!/\/officeDocument$/i.test(type) || /\bTargetMode\s*=\s*(["'])External\1/.test(a)) continue;
    const target = /\bTarget\s*=\s*(["'])(.*?)\1/.exec(a)?.[2];
    if (target) return resolveTarget("", unescapeXmlAttr(target));
  }
  return DEFAULT_WORKBOOK;
}

function unescapeXmlAttr(s: string): string {
  return s.indexOf("&") < 0
    ? s
    : s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
        const k = e.toLowerCase();
        if (k[0] === "#")
          return String.fromCodePoint(k[1] === "x" ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
        return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[k];
      });
}

interface WorkbookSheet {
  name: string;
  /** The id of its relationship (r:id). */
  rid: string;
  hidden: boolean;
}

/** The <sheet> elements of a workbook part, in order. */
function workbookSheets(xml: string, part: string, maxDepth: number, fast = true): WorkbookSheet[] {
  const read = () => {
    const out: WorkbookSheet[] = [];
    return Object.assign(
      counted(part, maxDepth, (name, attr) => {
        if (name !== "sheet") return;
        const state = attr("state");
        out.push({
          name: attr("name") ?? "",
          rid: attr("r:id") ?? attr("id", true) ?? "",
          hidden: state === "hidden" || state === "veryHidden",
        });
      }),
      { out },
    );
  };
  return scanOrParse(xml, part, fast, read).out;
}

export interface SheetPlan {
  name: string;
  hidden: boolean;
  /** Normalised entry name of the worksheet part. */
  path: string;
}

/** The worksheets of a workbook part, in order (chart, dialog and macro sheets left out), and its other parts. */
export function sheetPlan(
  workbookXml: string,
  relsXml: string | undefined,
  wbPath: string,
  maxDepth = DEFAULT_LIMITS.maxDepth,
): { sheets: SheetPlan[]; stringsPath: string; stylesPath: string | null } {
  const sheets = workbookSheets(workbookXml, wbPath, maxDepth);
  const relsPath = relsPathOf(wbPath);
  const rels = new Map<string, Relationship>();
  if (relsXml !== undefined) for (const r of parseRels(relsXml, relsPath, maxDepth)) if (r.id) rels.set(r.id, r);
  const dir = wbPath.slice(0, wbPath.lastIndexOf("/") + 1);
  const plan: SheetPlan[] = [];
  sheets.forEach((s, i) => {
    const rel = rels.get(s.rid);
    if (rel === undefined) {
      if (rels.size === 0) plan.push({ name: s.name, hidden: s.hidden, path: `${dir}worksheets/sheet${i + 1}.xml` });
      else throw fail.corrupt(`trang "${s.name}" không có đích`, `sheet "${s.name}" has no target`);
    } else if (/\/worksheet$/i.test(rel.type) && !rel.external)
      plan.push({ name: s.name, hidden: s.hidden, path: resolveTarget(wbPath, rel.target) });
  });
  let stringsPath = `${dir}sharedstrings.xml`;
  let stylesPath: string | null = null;
  for (const rel of rels.values()) {
    if (rel.external) continue;
    if (/\/sharedStrings$/i.test(rel.type)) stringsPath = resolveTarget(wbPath, rel.target);
    else if (/\/styles$/i.test(rel.type)) stylesPath = resolveTarget(wbPath, rel.target);
  }
  return { sheets: plan, stringsPath, stylesPath };
}

/** The "file too large" refusal, for a caller that knows the size before reading (a stat). */
export function fileTooLarge(n: number, max = DEFAULT_LIMITS.maxFileBytes): XlsxError {
  return fail.tooLarge(n, max);
}

// ---------------------------------------------------------------------------------------------

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
  if (startsWith(bytes, OLE)) throw contains(bytes, ENCRYPTION_INFO) ? fail.encrypted() : fail.xls();
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
    out.push({ name: s.name, rows: grid.rows, truncated: grid.truncated, hidden: s.hidden });
  }
  return { sheets: out, modified };
}

const CORE_PART = "docprops/core.xml";

/** dcterms:modified of the core properties, or null; a bad core part never fails the file. */
function modifiedDate(xml: string | undefined, maxDepth: number, fast = true): string | null {
  if (xml === undefined) return null;
  const read = () => {
    let inModified = false;
    let value = "";
    let depth = 0;
    return {
      open(name: string) {
        if (++depth > maxDepth) throw fail.tooDeep(CORE_PART, maxDepth);
        inModified = name === "modified";
      },
      close() {
        depth--;
        inModified = false;
      },
      wantText: () => inModified,
      text(t: string) {
        value += t;
      },
      value: () => value,
    };
  };
  let value: string;
  try {
    value = scanOrParse(xml, CORE_PART, fast, read).value();
  } catch {
    return null;
  }
  const v = value.trim();
  const ms = Date.parse(/T[\d:.]+$/.test(v) ? v + "Z" : v); // W3CDTF without an offset: read as UTC
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
