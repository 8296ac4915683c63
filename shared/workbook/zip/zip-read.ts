/**
 * The entries of a zip package, from one walk of its central directory, and their data inflated
 * on demand through the codec (codec.ts). It reads a directory exactly as fflate's unzipSync
 * does, which the reader used before (tests/zip-read.test.ts compares the two): the same end
 * record search, ZIP64 records and extra fields, names decoded the same way (UTF-8 when flag
 * bit 11 says so, Latin-1 otherwise), no signature checks on directory records or local headers,
 * bytes beyond the end read as zeros. Errors are plain Errors with fflate's messages; the reader
 * turns them into its XlsxError.
 */
import { zipCodec } from "./codec";
import { u16, u32 } from "./le-bytes";

export interface ZipEntry {
  /** The name as stored, decoded as fflate decodes it. */
  name: string;
  /** General purpose flags (bit 0: encrypted, bit 3: sizes in a data descriptor, bit 11: UTF-8 name). */
  flags: number;
  /** 0 stored, 8 deflated; anything else is the caller's to refuse. */
  method: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

export interface ZipListing {
  /** Directory records in their order, up to `stop`. */
  entries: ZipEntry[];
  /**
   * Why the walk ended before the count the end record gives: "count" when it gives more
   * entries than `maxEntries`, or the message of an unreadable record. fflate's unzipSync raised
   * these while it walked, after handling the entries before; the caller does the same.
   */
  stop: null | "count" | { message: string };
}

/** fflate's message for a structure it cannot read. */
export const INVALID_ZIP = "invalid zip data";

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

function u64(d: Uint8Array, i: number): number {
  return u32(d, i) + u32(d, i + 4) * 4294967296;
}

let utf8: TextDecoder | undefined;

function decodeName(b: Uint8Array, utf8Flag: boolean): string {
  let ascii = true;
  for (let i = 0; i < b.length; i++)
    if (b[i] > 0x7f) {
      ascii = false;
      break;
    }
  if (ascii || !utf8Flag) {
    let s = "";
    for (let i = 0; i < b.length; i += 16384)
      s += String.fromCharCode.apply(null, b.subarray(i, i + 16384) as unknown as number[]);
    return s;
  }
  return (utf8 ??= new TextDecoder()).decode(b); // replacement characters for bad bytes, as fflate's
}

/**
 * The directory of a zip. Throws (INVALID_ZIP) only when no end record is found; a record the
 * walk cannot read, or more than `maxEntries` of them, ends the walk (see ZipListing.stop).
 */
export function listZip(d: Uint8Array, maxEntries: number): ZipListing {
  // The end record: searched backwards over the last 64 KB (its comment's most) and a few bytes.
  let e = d.length - 22;
  for (; u32(d, e) !== EOCD; --e) if (!e || d.length - e > 65558) throw new Error(INVALID_ZIP);
  const entries: ZipEntry[] = [];
  let count = u16(d, e + 8);
  if (!count) return { entries, stop: null };
  let o = u32(d, e + 16);
  let zip64 = u32(d, e - 20) === ZIP64_LOCATOR;
  if (zip64) {
    const z = u32(d, e - 12);
    zip64 = u32(d, z) === ZIP64_EOCD;
    if (zip64) {
      count = u32(d, z + 32);
      o = u32(d, z + 48);
    }
  }
  for (let i = 0; i < count; i++) {
    const nameLen = u16(d, o + 28);
    const extraLen = u16(d, o + 30);
    const flags = u16(d, o + 8);
    const name = decodeName(d.subarray(o + 46, o + 46 + nameLen), (flags & 0x800) !== 0);
    const extra = o + 46 + nameLen;
    let compressedSize = u32(d, o + 20);
    let size = u32(d, o + 24);
    let localOffset = u32(d, o + 42);
    const wideC = compressedSize === 0xffffffff;
    const wideU = size === 0xffffffff;
    const wideO = localOffset === 0xffffffff;
    if (zip64 && (wideC || wideU || wideO)) {
      // The ZIP64 extra field (id 1) holds the fields that overflowed, in this order.
      let b = extra;
      const end = extra + extraLen;
      for (; b + 4 < end; b += 4 + u16(d, b + 2)) if (u16(d, b) === 1) break;
      if (!(b + 4 < end)) return { entries, stop: { message: INVALID_ZIP } };
      const nu = +wideU;
      const nc = +wideC;
      if (wideC) compressedSize = u64(d, b + 4 + 8 * nu);
      if (wideU) size = u64(d, b + 4);
      if (wideO) localOffset = u64(d, b + 4 + 8 * (nu + nc));
    }
    if (i + 1 > maxEntries) return { entries, stop: "count" };
    entries.push({ name, flags, method: u16(d, o + 10), compressedSize, size, localOffset });
    o = extra + extraLen + u16(d, o + 32);
  }
  return { entries, stop: null };
}

/**
 * An entry's data, stored or inflated (at most its declared size: see ZipCodec.inflateRaw); it
 * starts after the local header's own name and extra field, whose lengths may differ from the
 * directory's. Throws on damaged data; other methods than 0 and 8 are the caller's to refuse.
 */
export function entryData(d: Uint8Array, e: ZipEntry): Uint8Array {
  const start = e.localOffset + 30 + u16(d, e.localOffset + 26) + u16(d, e.localOffset + 28);
  const raw = d.subarray(start, start + e.compressedSize);
  return e.method === 0 ? raw : zipCodec().inflateRaw(raw, e.size);
}
