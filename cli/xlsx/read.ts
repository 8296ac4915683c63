/**
 * A fast, defensive .xlsx reader: fflate to unzip only the parts we need, saxes to stream
 * their XML. Values only (cached results of formulas), no styles. Every failure is an
 * XlsxError with a Vietnamese and an English message; nothing else escapes.
 */
import { unzipSync } from "fflate";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { Cell, Grid } from "../../shared/cell";

export interface ReadLimits {
  maxFileBytes: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRows: number;
  maxCols: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRows: 5000,
  maxCols: 200,
};

export interface ReadSheet extends Grid {
  /** Rows beyond maxRows existed and were not read. */
  truncated: boolean;
  hidden: boolean;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
}

export type XlsxErrorCode =
  "too_large" | "not_zip" | "corrupt" | "encrypted" | "xls" | "ods" | "no_workbook" | "zip_bomb" | "empty";

const MB = (n: number) => (n / 1024 / 1024).toFixed(0);

const MESSAGES: Record<XlsxErrorCode, (d: string) => [string, string]> = {
  too_large: (d) => [
    `Tệp quá lớn (${d}); tối đa ${MB(DEFAULT_LIMITS.maxFileBytes)} MB`,
    `File too large (${d}); at most ${MB(DEFAULT_LIMITS.maxFileBytes)} MB`,
  ],
  not_zip: () => [
    "Tệp không phải định dạng .xlsx (không phải tệp nén của Excel)",
    "Not an .xlsx file (not an Excel zip package)",
  ],
  corrupt: (d) => [
    `Tệp .xlsx bị hỏng hoặc tải về chưa đầy đủ (${d}); hãy mở bằng Excel, lưu lại rồi gửi lại`,
    `The .xlsx file is damaged or incomplete (${d}); open it in Excel, save it and send it again`,
  ],
  encrypted: () => [
    "Tệp được đặt mật khẩu; hãy bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại",
    "The workbook is password-protected; remove the password and send it again",
  ],
  xls: () => [
    "Tệp Excel 97-2003 (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx",
    "An Excel 97-2003 (.xls) file; open it and save it as .xlsx",
  ],
  ods: () => [
    "Tệp OpenDocument (.ods, LibreOffice); hãy lưu lại dạng .xlsx (Excel 2007-365)",
    "An OpenDocument (.ods) file; save it as .xlsx",
  ],
  no_workbook: () => [
    "Tệp nén không chứa sổ tính Excel (thiếu xl/workbook.xml; có thể là tệp Word hoặc PowerPoint)",
    "The package holds no Excel workbook (no xl/workbook.xml; maybe a Word or PowerPoint file)",
  ],
  zip_bomb: (d) => [
    `Tệp khai báo dung lượng giải nén quá lớn (${d}); không mở để tránh treo máy`,
    `The file declares a huge uncompressed size (${d}); not opened`,
  ],
  empty: (d) => [
    d === "no sheets" ? "Sổ tính không có trang tính nào" : "Tệp rỗng (0 byte)",
    d === "no sheets" ? "The workbook has no sheets" : "The file is empty (0 bytes)",
  ],
};

export class XlsxError extends Error {
  readonly messageVi: string;
  readonly messageEn: string;
  constructor(
    readonly code: XlsxErrorCode,
    detail = "",
  ) {
    const [vi, en] = MESSAGES[code](detail);
    super(vi);
    this.messageVi = vi;
    this.messageEn = en;
  }
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTION_INFO = new Uint8Array([..."EncryptionInfo"].flatMap((ch) => [ch.charCodeAt(0), 0]));
const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";
const decoder = new TextDecoder("utf-8");

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const local = (name: string) => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};

const unescapeX = (s: string) =>
  s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;

/** Runs saxes over an XML text; a malformed document becomes a "corrupt" XlsxError. */
function sax(xml: string, part: string, on: (p: SaxesParser) => void): void {
  const p = new SaxesParser();
  on(p);
  try {
    p.write(xml).close();
  } catch (e) {
    if (e === STOP) return;
    if (e instanceof XlsxError) throw e;
    throw new XlsxError("corrupt", `${part}: ${(e as Error).message.split("\n")[0]}`);
  }
}
const STOP = { stop: true };

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let inSi = false;
  let inT = false;
  let inPhonetic = 0;
  let buf = "";
  sax(xml, "sharedStrings.xml", (p) => {
    p.on("opentag", (tag: SaxesTagPlain) => {
      const n = local(tag.name);
      if (n === "si") {
        inSi = true;
        buf = "";
      } else if (n === "rPh") inPhonetic++;
      else if (n === "t" && inSi && !inPhonetic) inT = true;
    });
    p.on("text", (t) => {
      if (inT) buf += t;
    });
    p.on("closetag", (tag) => {
      const n = local(tag.name);
      if (n === "t") inT = false;
      else if (n === "rPh") inPhonetic--;
      else if (n === "si") {
        out.push(unescapeX(buf));
        inSi = false;
      }
    });
  });
  return out;
}

function colIndex(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  return c - 1;
}

function rowIndex(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65) i++;
  return Number(ref.slice(i)) - 1;
}

function worksheet(
  xml: string,
  part: string,
  strings: string[],
  limits: ReadLimits,
): { rows: Cell[][]; truncated: boolean } {
  const rows: Cell[][] = [];
  let truncated = false;
  let r = -1;
  let c = -1;
  let type = "";
  let inValue = false;
  let inInline = false;
  let hasValue = false;
  let text = "";
  sax(xml, part, (p) => {
    p.on("opentag", (tag: SaxesTagPlain) => {
      const n = local(tag.name);
      if (n === "c") {
        const ref = tag.attributes.r as string | undefined;
        c = ref ? colIndex(ref) : c + 1;
        if (ref) {
          const rr = rowIndex(ref);
          if (rr >= 0) r = rr;
        }
        type = (tag.attributes.t as string | undefined) ?? "";
        hasValue = false;
        text = "";
      } else if (n === "row") {
        const ref = tag.attributes.r as string | undefined;
        r = ref ? Number(ref) - 1 : r + 1;
        c = -1;
        if (r >= limits.maxRows) {
          truncated = true;
          throw STOP;
        }
      } else if (n === "v") {
        inValue = true;
        hasValue = true;
      } else if (n === "is") inInline = true;
      else if (n === "t" && inInline) hasValue = true;
      else if (n === "rPh") inInline = false;
    });
    p.on("text", (t) => {
      if (inValue || inInline) text += t;
    });
    p.on("closetag", (tag) => {
      const n = local(tag.name);
      if (n === "v") inValue = false;
      else if (n === "is") inInline = false;
      else if (n === "c") {
        if (!hasValue || c < 0 || c >= limits.maxCols || r < 0) return;
        let v: Cell;
        switch (type) {
          case "s":
            v = strings[Number(text)] ?? null;
            break;
          case "str":
          case "inlineStr":
            v = unescapeX(text);
            break;
          case "b":
            v = text.trim() === "1" || text.trim().toLowerCase() === "true";
            break;
          case "e":
            v = { error: text.trim() };
            break;
          case "d":
            v = text;
            break;
          default: {
            const num = Number(text);
            v = text.trim() === "" ? null : Number.isNaN(num) ? text : num;
          }
        }
        (rows[r] ??= [])[c] = v;
      }
    });
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { rows, truncated };
}

function resolveTarget(target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : `xl/${target}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p && p !== ".") out.push(p);
  }
  return out.join("/").toLowerCase();
}

export function readXlsx(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): ReadWorkbook {
  const L = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.length === 0) throw new XlsxError("empty");
  if (bytes.length > L.maxFileBytes) throw new XlsxError("too_large", `${MB(bytes.length)} MB`);
  if (startsWith(bytes, OLE)) throw new XlsxError(contains(bytes, ENCRYPTION_INFO) ? "encrypted" : "xls");
  if (!startsWith(bytes, [0x50, 0x4b])) throw new XlsxError("not_zip");

  let declared = 0;
  let bomb = "";
  const wanted = (name: string) => {
    const n = name.toLowerCase().replace(/^\//, "");
    return (
      n === "mimetype" ||
      n === "xl/workbook.xml" ||
      n === "xl/_rels/workbook.xml.rels" ||
      n === "xl/sharedstrings.xml" ||
      (n.startsWith("xl/worksheets/") && n.endsWith(".xml"))
    );
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f.name)) return false;
        declared += f.originalSize;
        if (f.originalSize > L.maxEntryBytes || declared > L.maxTotalBytes) {
          bomb ||= `${f.name}: ${MB(f.originalSize)} MB`;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    if (bomb) throw new XlsxError("zip_bomb", bomb);
    throw new XlsxError("corrupt", (e as Error).message);
  }
  if (bomb) throw new XlsxError("zip_bomb", bomb);
  const part = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) part.set(name.toLowerCase().replace(/^\//, ""), data);
  const text = (name: string) => {
    const d = part.get(name);
    return d ? decoder.decode(d) : undefined;
  };
  const mime = text("mimetype");
  if (mime && mime.trim() === ODS_MIME) throw new XlsxError("ods");
  const workbookXml = text("xl/workbook.xml");
  if (workbookXml === undefined) throw new XlsxError(mime !== undefined ? "ods" : "no_workbook");

  const sheets: { name: string; rid: string; hidden: boolean }[] = [];
  sax(workbookXml, "workbook.xml", (p) =>
    p.on("opentag", (tag: SaxesTagPlain) => {
      if (local(tag.name) !== "sheet") return;
      const a = tag.attributes as Record<string, string>;
      const rid = a["r:id"] ?? Object.entries(a).find(([k]) => local(k) === "id" && k !== "sheetId")?.[1] ?? "";
      sheets.push({ name: a.name ?? "", rid, hidden: a.state === "hidden" || a.state === "veryHidden" });
    }),
  );
  const rels = new Map<string, { target: string; type: string }>();
  const relsXml = text("xl/_rels/workbook.xml.rels");
  if (relsXml)
    sax(relsXml, "workbook.xml.rels", (p) =>
      p.on("opentag", (tag: SaxesTagPlain) => {
        if (local(tag.name) !== "Relationship") return;
        const a = tag.attributes as Record<string, string>;
        rels.set(a.Id, { target: a.Target ?? "", type: a.Type ?? "" });
      }),
    );
  const ssXml = text("xl/sharedstrings.xml");
  const strings = ssXml ? sharedStrings(ssXml) : [];

  const out: ReadSheet[] = [];
  sheets.forEach((s, i) => {
    const rel = rels.get(s.rid);
    if (rel && !rel.type.endsWith("/worksheet")) return; // chart and dialog sheets
    const path = rel ? resolveTarget(rel.target) : `xl/worksheets/sheet${i + 1}.xml`;
    const xml = text(path);
    if (xml === undefined) throw new XlsxError("corrupt", `thiếu ${path}`);
    const { rows, truncated } = worksheet(xml, path, strings, L);
    out.push({ name: s.name, rows, truncated, hidden: s.hidden });
  });
  if (out.length === 0) throw new XlsxError("empty", "no sheets");
  return { sheets: out };
}
