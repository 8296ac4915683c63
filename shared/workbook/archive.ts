/**
 * A zip archive a unit sent instead of its spreadsheet ("Phụ lục 02.zip" holding the .xlsx): its
 * spreadsheets taken out, one level deep, within the reader's limits. An archive inside the
 * archive is not opened; other files are named, not read.
 */
import type { Bilingual } from "../bilingual";
import { XlsxError } from "./read/errors";
import { inflate, listEntries, normName } from "./read/entries";
import { isArchivedSheet } from "./read";
import { DEFAULT_LIMITS, type ReadLimits } from "./read/types";

/** Spreadsheets taken out of one archive at most: an inbox of every unit zipped is far fewer. */
export const MAX_ARCHIVE_SHEETS = 500;

/** How a member is named to the user: "Hong Bang.zip › Phụ lục 02.xlsx". */
export const ARCHIVE_MARK = " › ";

export interface ArchiveContent {
  /** The spreadsheets, in the archive's order, by their name inside it. */
  sheets: { name: string; bytes: Uint8Array }[];
  /** What the user should know: what was left in the archive and why. */
  notices: Bilingual[];
}

const names = (list: string[]) => list.slice(0, 5).join(", ") + (list.length > 5 ? ", …" : "");

/**
 * The spreadsheets of a zip archive. Throws XlsxError: a directory that cannot be read, a member
 * whose declared size is over the limits (each at most `maxFileBytes`, all together at most
 * `maxTotalBytes`), more than MAX_ARCHIVE_SHEETS spreadsheets, an encrypted member.
 */
export function unzipSheets(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): ArchiveContent {
  const L = { ...DEFAULT_LIMITS, ...limits };
  const zip = listEntries(bytes);
  const files = zip.entries.filter((e) => !e.name.endsWith("/") && !e.name.endsWith("\\"));
  const wanted = files.filter((e) => isArchivedSheet(normName(e.name)));
  if (wanted.length > MAX_ARCHIVE_SHEETS)
    throw new XlsxError(
      "archive",
      `Tệp nén chứa ${wanted.length} bảng tính, quá ${MAX_ARCHIVE_SHEETS}; hãy giải nén rồi kiểm tra thư mục`,
      `The archive holds ${wanted.length} spreadsheets, more than ${MAX_ARCHIVE_SHEETS}; unzip it and check the folder`,
    );
  if (wanted.some((e) => (e.flags & 1) !== 0))
    throw new XlsxError(
      "encrypted",
      "Tệp nén (.zip) có mật khẩu; hãy giải nén rồi gửi tệp Excel (.xlsx) bên trong",
      "The zip archive is password-protected; unzip it and send the Excel (.xlsx) file inside",
    );
  const want = new Set(wanted.map((e) => normName(e.name)));
  // Each member is a file the reader would take on its own: at most maxFileBytes.
  const budget = { total: 0, limits: { ...L, maxEntryBytes: L.maxFileBytes } };
  const data = inflate(bytes, { entries: wanted, stop: zip.stop }, (n) => want.has(n), budget);
  const sheets: ArchiveContent["sheets"] = [];
  const seen = new Set<string>();
  // Directory order; a name met twice is the last copy (inflate keeps it), listed once.
  for (const e of wanted) {
    const n = normName(e.name);
    if (seen.has(n)) continue;
    seen.add(n);
    const b = data.get(n);
    if (b) sheets.push({ name: e.name.replace(/\\/g, "/"), bytes: b });
  }
  const notices: Bilingual[] = [];
  const rest = files.filter((e) => !want.has(normName(e.name)) && !/(^|\/)(__macosx\/|\.)/i.test(e.name));
  const nested = rest.filter((e) => /\.(zip|rar|7z)$/i.test(e.name)).map((e) => e.name);
  const other = rest.filter((e) => !/\.(zip|rar|7z)$/i.test(e.name)).map((e) => e.name);
  if (nested.length)
    notices.push({
      vi: `Tệp nén nằm trong tệp nén không được mở: ${names(nested)}`,
      en: `Archives inside the archive are not opened: ${names(nested)}`,
    });
  if (other.length)
    notices.push({
      vi: `Trong tệp nén còn ${other.length} tệp không phải bảng tính, không đọc: ${names(other)}`,
      en: `The archive also holds ${other.length} file(s) that are not spreadsheets, not read: ${names(other)}`,
    });
  return { sheets, notices };
}
