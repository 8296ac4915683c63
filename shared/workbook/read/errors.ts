/**
 * The reader's one error, XlsxError, and every message it gives: in Vietnamese and English, each
 * saying what is wrong with the file and what to do. The caller prefixes the file name.
 */
import { BilingualError } from "../../bilingual";
import { formatNumber, type Lang } from "../../finding";
import { DEFAULT_LIMITS } from "./types";

export type XlsxErrorCode =
  "too_large" | "not_zip" | "corrupt" | "encrypted" | "xls" | "ods" | "no_workbook" | "zip_bomb" | "empty" | "too_deep";

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

export interface Kind {
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

/** The "file too large" refusal, for a caller that knows the size before reading (a stat). */
export function fileTooLarge(n: number, max = DEFAULT_LIMITS.maxFileBytes): XlsxError {
  return fail.tooLarge(n, max);
}
