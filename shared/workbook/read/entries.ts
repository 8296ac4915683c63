/**
 * The container: what the bytes are when they are not a zip (an .xls, an encrypted file), the
 * zip directory walked once, and the entries wanted inflated within the size budget.
 */
import { entryData, listZip, type ZipListing } from "../zip/zip-read";
import { fail, size, XlsxError } from "./errors";
import type { ReadLimits } from "./types";

export const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
export const ENCRYPTION_INFO = Uint8Array.from([..."EncryptionInfo"].flatMap((ch) => [ch.charCodeAt(0), 0]));
export const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";

export function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

export function contains(hay: Uint8Array, needle: Uint8Array): boolean {
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

export interface Budget {
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
export function listEntries(bytes: Uint8Array): ZipListing {
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
export function inflate(
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
