/**
 * Text folding used everywhere a header, a row label, a code or a unit name is compared.
 * Files saved by Excel, LibreOffice and Google Sheets differ in Unicode form (NFC/NFD),
 * in tone-mark placement ("Thủy"/"Thuỷ"), case and spacing; all of that folds away here.
 */

const COMBINING = /[\u0300-\u036f]/g;
const COLUMN_NUMBER = /\(\s*\d{1,2}\s*\)/g;

/** Vietnamese letters without tone or vowel marks, lower case ("Đơn vị" → "don vi"). */
export function stripMarks(s: string): string {
  return s.normalize("NFD").replace(COMBINING, "").replace(/[đĐ]/g, "d").normalize("NFC");
}

const folded = new Map<string, string>();
const FOLD_MEMO_LIMIT = 50_000;

/**
 * Vietnamese writes a final "i" after a consonant as "y" too: "sĩ"/"sỹ", "kĩ"/"kỹ", "Mĩ"/"Mỹ",
 * "lí"/"lý", "tỉ"/"tỷ". Folded to "i" ("uy" of "Thủy", "quy" stay: the y follows a vowel).
 */
const FINAL_Y = /\b([bcdghklmnpqrstvx]+)y\b/g;

/**
 * Words only: marks, case, punctuation, i/y spelling and "(1)"-style column numbers folded away.
 * Memoised: every unit's sheet repeats the same headers and labels, so a merge folds each
 * distinct text once (bounded, so a sheet of free text cannot grow it without limit).
 */
export function fold(s: string): string {
  let f = folded.get(s);
  if (f !== undefined) return f;
  f = stripMarks(s.replace(COLUMN_NUMBER, " "))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .replace(FINAL_Y, "$1i")
    .trim();
  if (folded.size >= FOLD_MEMO_LIMIT) folded.clear();
  // Key and value are kept across files: neither may hold this file's XML (a text with nothing
  // to fold comes back from the replaces above as the same cut string).
  f = detachString(f);
  folded.set(detachString(s), f);
  return f;
}

/** A row code as written: "a3.1 " → "A3.1", "Tổng" → "TONG", "B." → "B". */
export function foldCode(s: string): string {
  return stripMarks(s)
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/,/g, ".")
    .replace(/[.:)]+$/, "");
}

/**
 * A row label without the list marker units put before it: "a) Hạng Nhất", "- Hạng Nhì",
 * "1. Huân chương Sao vàng", "1.2 …", "II. KHEN THƯỞNG…", "A. …", "+ Giấy khen".
 */
const LIST_MARKER =
  /^\s*(?:[-–—+*•·]+|\d{1,2}(?:\.\d{1,2})+\.?(?=\s)|(?:[IVX]{1,4}|[a-zđA-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.):/-])\s*/u;

export function stripListMarker(s: string): string {
  const m = LIST_MARKER.exec(s);
  return m && m[0].length < s.length ? s.slice(m[0].length) : s;
}

/** NFC, lower case, single spaces: the spec's unit-name comparison (marks kept). */
export function foldName(s: string): string {
  return s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Text of a cell for matching purposes ("" for blanks and non-text). */
export function cellText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return "";
}

/**
 * A copy of `s` that holds only its own characters. A string cut from a larger one (a unit's name
 * out of a file's shared-strings part) keeps that whole string alive in V8, as a "sliced string":
 * kept for a whole merge, such cuts held the ~6 KB part of every unit file (measured with a heap
 * snapshot). Concatenating makes V8 copy the characters. In any engine the same string.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}
