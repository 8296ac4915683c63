/**
 * A zip package edited in place: entries are listed from the central directory, the few parts
 * that change are inflated and replaced, and every other entry is copied as it is stored (its
 * local header, compressed data and data descriptor byte for byte). Bounded like the reader: the
 * package is at most maxFileBytes, a part is inflated only if its declared size is within
 * maxEntryBytes, and all inflated parts within maxTotalBytes. Pure TypeScript over the zip codec
 * (codec.ts: fflate, or node:zlib in the command-line tool).
 */
import { zipCodec } from "./codec";
import { normName } from "../read/entries";
import { XlsxError } from "../read/errors";
import { DEFAULT_LIMITS, type ReadLimits } from "../read/types";
import { put16, put32, u16, u32 } from "./le-bytes";

interface Entry {
  /** Name as stored (UTF-8). */
  name: string;
  /** Lower case, "/" separators, no leading "/". */
  norm: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** The central directory record, verbatim. */
  central: Uint8Array;
}

const bad = (vi: string, en: string) =>
  new XlsxError(
    "corrupt",
    `Không tạo được bản đánh dấu: ${vi}; tệp gốc không bị thay đổi`,
    `No annotated copy: ${en}; the original is unchanged`,
  );

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

export class ZipPackage {
  private readonly entries: Entry[] = [];
  /** Normalised name → index of its last entry (the one Excel reads). */
  private readonly byName = new Map<string, number>();
  private readonly replaced = new Map<string, Uint8Array>();
  private readonly added: { name: string; data: Uint8Array }[] = [];
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits = DEFAULT_LIMITS,
  ) {
    if (bytes.length > limits.maxFileBytes) throw bad("tệp quá lớn", "the file is too large");
    // End of central directory: the last signature within the final 64 KB + 22 bytes.
    let end = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
      if (u32(bytes, i) === 0x06054b50) {
        end = i;
        break;
      }
    if (end < 0) throw bad("không thấy mục lục tệp nén", "no zip directory");
    const count = u16(bytes, end + 10);
    let p = u32(bytes, end + 16);
    if (count === 0xffff || p === 0xffffffff)
      throw bad("tệp nén ZIP64 chưa được hỗ trợ", "ZIP64 packages are not supported");
    if (count > bytes.length / 46) throw bad("mục lục tệp nén sai", "bad zip directory");
    for (let k = 0; k < count; k++) {
      if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw bad("mục lục tệp nén sai", "bad zip directory");
      const nameLen = u16(bytes, p + 28);
      const len = 46 + nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
      if (p + len > bytes.length) throw bad("mục lục tệp nén sai", "bad zip directory");
      const e: Entry = {
        name: utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
        norm: "",
        flags: u16(bytes, p + 8),
        method: u16(bytes, p + 10),
        compressedSize: u32(bytes, p + 20),
        size: u32(bytes, p + 24),
        localOffset: u32(bytes, p + 42),
        central: bytes.subarray(p, p + len),
      };
      if (e.compressedSize === 0xffffffff || e.size === 0xffffffff || e.localOffset === 0xffffffff)
        throw bad("tệp nén ZIP64 chưa được hỗ trợ", "ZIP64 packages are not supported");
      e.norm = normName(e.name);
      this.byName.set(e.norm, this.entries.length);
      this.entries.push(e);
      p += len;
    }
  }

  has(norm: string): boolean {
    return this.byName.has(norm) || this.added.some((a) => normName(a.name) === norm);
  }

  /** The bytes of the local header, data and descriptor of an entry, as stored. */
  private stored(e: Entry): { data: Uint8Array; raw: Uint8Array } {
    const b = this.bytes;
    const o = e.localOffset;
    if (o + 30 > b.length || u32(b, o) !== 0x04034b50) throw bad(`mục ${e.name} hỏng`, `entry ${e.name} is damaged`);
    const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
    let stop = start + e.compressedSize;
    if (stop > b.length) throw bad(`mục ${e.name} bị cắt`, `entry ${e.name} is cut`);
    if (e.flags & 8) stop += stop + 4 <= b.length && u32(b, stop) === 0x08074b50 ? 16 : 12;
    return { data: b.subarray(start, start + e.compressedSize), raw: b.subarray(o, Math.min(stop, b.length)) };
  }

  /** A part's bytes (the last entry of that name), inflated within the reader's limits; undefined if absent. */
  read(norm: string): Uint8Array | undefined {
    const r = this.replaced.get(norm);
    if (r) return r;
    const i = this.byName.get(norm);
    if (i === undefined) return this.added.find((a) => normName(a.name) === norm)?.data;
    const e = this.entries[i];
    if (e.size > this.limits.maxEntryBytes || (this.inflated += e.size) > this.limits.maxTotalBytes)
      throw bad(`${e.name} quá lớn`, `${e.name} is too large`);
    const { data } = this.stored(e);
    if (e.method === 0) return data;
    if (e.method !== 8) throw bad(`kiểu nén ${e.method} không hỗ trợ`, `unsupported compression ${e.method}`);
    try {
      return zipCodec().inflateRaw(data, e.size);
    } catch {
      throw bad(`mục ${e.name} hỏng`, `entry ${e.name} is damaged`);
    }
  }

  /**
   * Replaces a part (every entry of that name) or adds it, as UTF-8: a part read from UTF-16 says
   * so in its declaration, which is rewritten to match.
   */
  write(norm: string, text: string): void {
    const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const data = encoder.encode(t.replace(/^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1"UTF-8"'));
    if (this.byName.has(norm)) this.replaced.set(norm, data);
    else {
      const a = this.added.find((x) => normName(x.name) === norm);
      if (a) a.data = data;
      else this.added.push({ name: norm, data });
    }
  }

  /** The edited package: untouched entries copied as stored, in their order; changed ones deflated anew. */
  toBytes(): Uint8Array {
    const chunks: Uint8Array[] = [];
    const central: Uint8Array[] = [];
    let offset = 0;
    const fresh = (name: string, data: Uint8Array) => {
      const nameBytes = encoder.encode(name);
      const packed = zipCodec().deflateRaw(data, 6);
      const crc = zipCodec().crc32(data);
      const local = new Uint8Array(30 + nameBytes.length);
      put32(local, 0, 0x04034b50);
      put16(local, 4, 20);
      put16(local, 6, 0x800);
      put16(local, 8, 8);
      put16(local, 12, 0x5a21); // 2025-01-01: a fixed time keeps copies identical run to run
      put32(local, 14, crc);
      put32(local, 18, packed.length);
      put32(local, 22, data.length);
      put16(local, 26, nameBytes.length);
      local.set(nameBytes, 30);
      const dir = new Uint8Array(46 + nameBytes.length);
      put32(dir, 0, 0x02014b50);
      put16(dir, 4, 20);
      put16(dir, 6, 20);
      dir.set(local.subarray(6, 30), 8);
      put32(dir, 42, offset);
      dir.set(nameBytes, 46);
      chunks.push(local, packed);
      central.push(dir);
      offset += local.length + packed.length;
    };
    this.entries.forEach((e, i) => {
      const r = this.replaced.get(e.norm);
      if (r) {
        if (this.byName.get(e.norm) === i) fresh(e.name, r); // earlier duplicates dropped
        return;
      }
      const { raw } = this.stored(e);
      const dir = e.central.slice();
      put32(dir, 42, offset);
      chunks.push(raw);
      central.push(dir);
      offset += raw.length;
    });
    for (const a of this.added) fresh(a.name, a.data);
    let dirSize = 0;
    for (const c of central) dirSize += c.length;
    const eocd = new Uint8Array(22);
    put32(eocd, 0, 0x06054b50);
    put16(eocd, 8, central.length);
    put16(eocd, 10, central.length);
    put32(eocd, 12, dirSize);
    put32(eocd, 16, offset);
    const out = new Uint8Array(offset + dirSize + 22);
    let p = 0;
    for (const c of [...chunks, ...central, eocd]) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
