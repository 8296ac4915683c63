/**
 * The reader's one error, XlsxError, and every message it gives: in Vietnamese and English, each
 * saying what is wrong with the file and what to do. The caller prefixes the file name.
 */
import { BilingualError } from "../../bilingual";
import { formatNumber, type Lang } from "../../finding";
import { DEFAULT_LIMITS } from "./types";

export type XlsxErrorCode =
  | "too_large"
  | "not_zip"
  | "corrupt"
  | "encrypted"
  | "xls"
  | "ods"
  | "no_workbook"
  | "zip_bomb"
  | "empty"
  | "too_deep"
  /** An Excel Binary Workbook (xl/workbook.bin): the CLI converts it like an .xls. */
  | "xlsb"
  /** A Word document (.docx, .doc, .rtf): the form was filled in Word. */
  | "word"
  /** A PDF (renamed, when its name says .xlsx: then `not_zip`'s message says so). */
  | "pdf"
  /** A text file that is not a Phụ lục 02 table (file-check.ts reads those that are). */
  | "csv"
  /** A zip archive holding spreadsheets (file-check.ts unzips it) or none. */
  | "archive";

export class XlsxError extends BilingualError {
  override readonly name = "XlsxError";
  readonly code: XlsxErrorCode;
  constructor(code: XlsxErrorCode, messageVi: string, messageEn: string) {
    super({ vi: messageVi, en: messageEn });
    this.code = code;
  }
}

/** A byte count as each language writes it: "1,5 MB" in Vietnamese, "1.5 MB" in English. */
export function size(n: number, lang: Lang): string {
  if (!Number.isFinite(n) || n < 0) return "?";
  const num = (x: number, digits: number) => formatNumber(Math.round(x * 10 ** digits) / 10 ** digits, lang);
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${num(n / 1024, 0)} KB`;
  if (n < 1024 * 1024 * 1024) return `${num(n / 1024 / 1024, n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return `${num(n / 1024 / 1024 / 1024, 1)} GB`;
}

const SAVE_AS_XLSX_VI = "hãy mở bằng Excel và lưu lại dạng .xlsx (Sổ làm việc Excel)";
const WORD_ADVICE_VI =
  "hãy chép bảng vào mẫu Excel Phụ lục 02 (tạo bằng lệnh phuluc02 template) hoặc gửi tệp Excel (.xlsx) của biểu";
const WORD_ADVICE_EN =
  "copy the table into the Phụ lục 02 Excel template (made by phuluc02 template) or send the form's Excel (.xlsx) file";

/** A few names, then how many more: "a.pdf, b.docx và 3 tệp khác". */
function listed(names: string[], lang: Lang): string {
  const shown = names.slice(0, 3).join(", ");
  const more = names.length - 3;
  if (names.length === 0) return lang === "vi" ? "không có tệp nào" : "no file";
  if (more <= 0) return shown;
  return lang === "vi" ? `${shown} và ${more} tệp khác` : `${shown} and ${more} more`;
}
const SAVE_AS_XLSX_EN = "open it in Excel and save it as .xlsx (Excel Workbook)";

export const fail = {
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
      kind?.id === "pdf" ? "pdf" : kind?.id === "rtf" ? "word" : "not_zip",
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
  xlsb: () =>
    new XlsxError(
      "xlsb",
      "Tệp Excel nhị phân (.xlsb): hãy mở bằng Excel và Lưu thành .xlsx",
      "An Excel Binary Workbook (.xlsb): open it in Excel and Save As .xlsx",
    ),
  word: (kind: "docx" | "doc" | "rtf") =>
    new XlsxError(
      "word",
      `Tệp Word (.${kind}): biểu đã được điền bằng Word; ${WORD_ADVICE_VI}`,
      `A Word file (.${kind}): the form was filled in Word; ${WORD_ADVICE_EN}`,
    ),
  pdf: () =>
    new XlsxError(
      "pdf",
      "Tệp PDF (bản in của biểu), không phải tệp Excel; hãy gửi tệp Excel (.xlsx) của biểu",
      "A PDF file (a printout of the form), not an Excel file; send the form's Excel (.xlsx) file",
    ),
  csv: (why: "not_table" | "not_text") =>
    new XlsxError(
      "csv",
      why === "not_table"
        ? "Tệp CSV (văn bản phân cách bằng dấu phẩy) không có bảng Phụ lục 02; hãy gửi tệp Excel (.xlsx) theo mẫu"
        : "Tệp CSV không đọc được như văn bản; hãy gửi tệp Excel (.xlsx) theo mẫu",
      why === "not_table"
        ? "A CSV file (comma-separated text) with no Phụ lục 02 table; send the Excel (.xlsx) form"
        : "A CSV file that cannot be read as text; send the Excel (.xlsx) form",
    ),
  /** A zip of files: `spreadsheets` when some are (file-check.ts unzips those), else what it holds. */
  archive: (spreadsheets: boolean, holds: string[]) =>
    new XlsxError(
      "archive",
      spreadsheets
        ? "Tệp nén (.zip) chứa bảng tính; hãy giải nén rồi gửi tệp Excel (.xlsx) bên trong"
        : `Tệp nén (.zip) không chứa bảng tính nào (có: ${listed(holds, "vi")}); hãy gửi tệp Excel (.xlsx) của biểu`,
      spreadsheets
        ? "A zip archive holding spreadsheets; unzip it and send the Excel (.xlsx) file inside"
        : `A zip archive with no spreadsheet in it (it holds: ${listed(holds, "en")}); send the form's Excel (.xlsx) file`,
    ),
  noWorkbook: (names: Set<string>) => {
    const [vi, en] = names.has("ppt/presentation.xml")
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

export interface Kind {
  id: "pdf" | "rtf" | "html" | "xml";
  vi: string;
  en: string;
  adviceVi: string;
  adviceEn: string;
}

const SEND_ORIGINAL_VI = "hãy gửi tệp Excel (.xlsx) gốc";
const SEND_ORIGINAL_EN = "send the original Excel (.xlsx) file";

/** What a file that is not a zip looks like, for a more helpful message. */
export function sniff(bytes: Uint8Array): Kind | null {
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
    return { id: "pdf", vi: "tệp PDF", en: "a PDF file", adviceVi: SEND_ORIGINAL_VI, adviceEn: SEND_ORIGINAL_EN };
  if (head.startsWith("{\\rtf"))
    return {
      id: "rtf",
      vi: "tệp RTF (Word)",
      en: "an RTF (Word) file",
      adviceVi: SEND_ORIGINAL_VI,
      adviceEn: SEND_ORIGINAL_EN,
    };
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<table"))
    return { id: "html", vi: "trang HTML", en: "an HTML page", adviceVi: SAVE_AS_XLSX_VI, adviceEn: SAVE_AS_XLSX_EN };
  if (head.startsWith("<?xml"))
    return {
      id: "xml",
      vi: "tệp XML (có thể là Bảng tính XML 2003)",
      en: "an XML file (maybe an XML Spreadsheet 2003)",
      adviceVi: SAVE_AS_XLSX_VI,
      adviceEn: SAVE_AS_XLSX_EN,
    };
  return null;
}

/** The "file too large" refusal, for a caller that knows the size before reading (a stat). */
export function fileTooLarge(n: number, max = DEFAULT_LIMITS.maxFileBytes): XlsxError {
  return fail.tooLarge(n, max);
}
