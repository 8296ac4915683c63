/**
 * The zip layer (shared/workbook/zip-read.ts, zip-write.ts, codec.ts, cli/zip-codec.ts) against
 * fflate, which the reader and the writer used before. The directory walk and the data of every
 * entry must be what fflate's unzipSync gives, byte for byte, or the same error, with fflate's
 * inflater and with node:zlib's: on the packages the tool and other programs write, on odd ones
 * (ZIP64, stored entries, data descriptors, duplicate names, lying sizes and counts, encrypted
 * entries) and on thousands of damaged copies. The written zip must be fflate's zipSync's, byte
 * for byte, with fflate's deflater, and read back the same with zlib's.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 as zlibCrc32, deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { runs } from "./helpers/property-runs";
import { inflateSync, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync } from "fflate";
import { NODE_CODEC } from "../cli/zip-codec";
import { FFLATE_CODEC, useZipCodec, type ZipCodec } from "../shared/workbook/zip/codec";
import { crc32 } from "../shared/workbook/zip/crc32";
import { readXlsx, XlsxError } from "../shared/workbook/read";
import { ZipPackage } from "../shared/workbook/zip/zip-edit";
import { entryData, listZip } from "../shared/workbook/zip/zip-read";
import { zipParts } from "../shared/workbook/zip/zip-write";
import { cli, ensureBuilt, tempDir } from "./helpers/cli";
import { hasLibreOffice, roundTrip } from "./helpers/libreoffice";
import { storedZip } from "./helpers/zip";

const CODECS: [string, ZipCodec][] = [
  ["fflate", FFLATE_CODEC],
  ["node:zlib", NODE_CODEC],
];

afterEach(() => useZipCodec(FFLATE_CODEC));

// ---------------------------------------------------------------------------------------------
// The two ways of reading a zip, as the reader uses them: every entry whose method is 0 or 8 and
// whose declared size is within a limit is inflated, in directory order.

interface Info {
  name: string;
  size: number;
  originalSize: number;
  compression: number;
}

interface Outcome {
  /** Directory records handled, in order. */
  infos: Info[];
  /** Inflated entries: name, length, SHA-1 (the last copy of a name for every copy). */
  files: [string, number, string][];
  error?: string;
}

const LIMIT = 4 << 20;
const accept = (f: Info) =>
  (f.compression === 0 || f.compression === 8) && Math.max(f.originalSize, f.compression === 0 ? f.size : 0) <= LIMIT;
const sha = (d: Uint8Array) => createHash("sha1").update(d).digest("hex");
const maxEntriesOf = (bytes: Uint8Array) => Math.floor(bytes.length / 46) + 1;

/** fflate's unzipSync, as the reader called it (the entry count bound in its filter). */
function viaUnzipSync(bytes: Uint8Array): Outcome {
  const maxEntries = maxEntriesOf(bytes);
  const infos: Info[] = [];
  const names: string[] = [];
  try {
    const out = unzipSync(bytes, {
      filter: (f) => {
        if (infos.length + 1 > maxEntries) throw new Error("count");
        infos.push({ name: f.name, size: f.size, originalSize: f.originalSize, compression: f.compression });
        if (!accept(infos[infos.length - 1])) return false;
        names.push(f.name);
        return true;
      },
    });
    return { infos, files: names.map((n) => [n, out[n].length, sha(out[n])]) };
  } catch (e) {
    return { infos, files: [], error: String((e as Error).message) };
  }
}

/** listZip and entryData through the codec in use. */
function viaListing(bytes: Uint8Array): Outcome {
  const infos: Info[] = [];
  const got: [string, Uint8Array][] = [];
  try {
    const zip = listZip(bytes, maxEntriesOf(bytes));
    for (const e of zip.entries) {
      const info = { name: e.name, size: e.compressedSize, originalSize: e.size, compression: e.method };
      infos.push(info);
      if (accept(info)) got.push([e.name, entryData(bytes, e)]);
    }
    if (zip.stop === "count") throw new Error("count");
    if (zip.stop) throw new Error(zip.stop.message);
  } catch (e) {
    return { infos, files: [], error: String((e as Error).message) };
  }
  const last = new Map(got);
  return { infos, files: got.map(([n]) => [n, last.get(n)!.length, sha(last.get(n)!)]) };
}

/** What readXlsx gives: the sheets, or the error's code and both messages. */
function readOutcome(bytes: Uint8Array) {
  try {
    return { ok: readXlsx(bytes) };
  } catch (e) {
    if (e instanceof XlsxError) return { error: e.code, vi: e.text.vi, en: e.text.en };
    throw e;
  }
}

function withCodec<T>(codec: ZipCodec, f: () => T): T {
  useZipCodec(codec);
  try {
    return f();
  } finally {
    useZipCodec(FFLATE_CODEC);
  }
}

// ---------------------------------------------------------------------------------------------
// Packages built by hand, for what no zip library here writes.

interface RawEntry {
  /** A string is written as UTF-8 (flag bit 11 when not ASCII); bytes as they are, no flag. */
  name: string | Uint8Array;
  data: Uint8Array;
  method?: 0 | 8;
  /** Sizes and CRC in a data descriptor after the data; zeros in the local header (flag bit 3). */
  descriptor?: boolean;
  /** An extra field of the local header only (the directory's has none). */
  localExtra?: Uint8Array;
  /** Sizes and offset in a ZIP64 extra field (id 1), 0xFFFFFFFF in their places. */
  zip64?: boolean;
  /** Encrypted with the traditional PKWARE cipher (flag bit 0). */
  password?: string;
  /** The uncompressed size the directory and local header declare, instead of the true one. */
  declared?: number;
  /** The stored data, instead of data deflated or stored. */
  packed?: Uint8Array;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** Traditional PKWARE encryption (APPNOTE 6.1): a 12-byte header, then the data. */
function zipCrypto(data: Uint8Array, password: string, crc: number, seed: number): Uint8Array {
  let k0 = 0x12345678;
  let k1 = 0x23456789;
  let k2 = 0x34567890;
  const update = (b: number) => {
    k0 = (CRC_TABLE[(k0 ^ b) & 0xff] ^ (k0 >>> 8)) >>> 0;
    k1 = (Math.imul(k1 + (k0 & 0xff), 134775813) + 1) >>> 0;
    k2 = (CRC_TABLE[(k2 ^ (k1 >>> 24)) & 0xff] ^ (k2 >>> 8)) >>> 0;
  };
  for (const ch of Buffer.from(password, "utf8")) update(ch);
  const header = Uint8Array.from({ length: 12 }, (_, i) =>
    i === 11 ? crc >>> 24 : (seed * (i + 7) * 2654435761) >>> 24,
  );
  const plain = new Uint8Array([...header, ...data]);
  const out = new Uint8Array(plain.length);
  for (let i = 0; i < plain.length; i++) {
    const t = (k2 | 2) & 0xffff;
    out[i] = plain[i] ^ ((Math.imul(t, t ^ 1) >>> 8) & 0xff);
    update(plain[i]);
  }
  return out;
}

function buildZip(entries: RawEntry[], opts: { zip64?: boolean; count?: number } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const nameBytes = typeof e.name === "string" ? Buffer.from(e.name, "utf8") : Buffer.from(e.name);
    const utf8 = typeof e.name === "string" && nameBytes.length !== e.name.length;
    const method = e.method ?? 8;
    const crc = zlibCrc32(e.data) >>> 0;
    let packed = e.packed ?? (method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data));
    if (e.password) packed = Buffer.from(zipCrypto(packed, e.password, crc, i + 1));
    const size = e.declared ?? e.data.length;
    const flags = (utf8 ? 0x800 : 0) | (e.descriptor ? 8 : 0) | (e.password ? 1 : 0);
    const wide = (n: number) => (e.zip64 ? 0xffffffff : n);
    const z64 = (fields: number[]) => {
      const b = Buffer.alloc(4 + 8 * fields.length);
      b.writeUInt16LE(1, 0);
      b.writeUInt16LE(8 * fields.length, 2);
      fields.forEach((v, k) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * k));
      return b;
    };
    const localExtra = Buffer.concat([
      e.zip64 ? z64(e.descriptor ? [0, 0] : [size, packed.length]) : Buffer.alloc(0),
      Buffer.from(e.localExtra ?? []),
    ]);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(e.descriptor ? 0 : wide(packed.length), 18);
    local.writeUInt32LE(e.descriptor ? 0 : wide(size), 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const parts = [local, nameBytes, localExtra, packed];
    if (e.descriptor) {
      const d = Buffer.alloc(e.zip64 ? 24 : 16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(crc, 4);
      if (e.zip64) {
        d.writeBigUInt64LE(BigInt(packed.length), 8);
        d.writeBigUInt64LE(BigInt(size), 16);
      } else {
        d.writeUInt32LE(packed.length, 8);
        d.writeUInt32LE(size, 12);
      }
      parts.push(d);
    }
    const extra = e.zip64 ? z64([size, packed.length, offset]) : Buffer.alloc(0);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(e.zip64 ? 45 : 20, 4);
    dir.writeUInt16LE(e.zip64 ? 45 : 20, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(wide(packed.length), 20);
    dir.writeUInt32LE(wide(size), 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt16LE(extra.length, 30);
    dir.writeUInt32LE(wide(offset), 42);
    chunks.push(...parts);
    central.push(dir, nameBytes, extra);
    offset += parts.reduce((n, p) => n + p.length, 0);
  });
  const dirBytes = Buffer.concat(central);
  const count = opts.count ?? entries.length;
  const tail: Buffer[] = [];
  if (opts.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(dirBytes.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + dirBytes.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(rec, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : dirBytes.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, dirBytes, ...tail, end]));
}

/** fflate's streaming writer: every deflated entry with a data descriptor. */
function zipStreamed(parts: Record<string, Uint8Array>): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const [name, data] of Object.entries(parts)) {
    const f = name === "mimetype" ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(data, true);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(out));
}

// ---------------------------------------------------------------------------------------------

let dir: string;
/** Packages the tool and other programs write, by a short name. */
const real = new Map<string, Uint8Array>();
/** The parts of one sample workbook, in their order. */
let parts: [string, Uint8Array][];
let sample: Uint8Array;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir("phuluc02-zip-");
  const samples = join(dir, "samples");
  expect(cli(["sample", "--out-dir", samples, "--count", "3"]).status).toBe(0);
  const files = readdirSync(samples).filter((f) => f.endsWith(".xlsx"));
  for (const f of files) real.set(`sample ${f}`, new Uint8Array(readFileSync(join(samples, f))));
  expect(cli(["merge", samples, "--out", join(dir, "city.xlsx")]).status).toBeLessThan(2);
  real.set("city workbook", new Uint8Array(readFileSync(join(dir, "city.xlsx"))));
  const wrong = files.find((f) => f.includes("le-chan")) ?? files[0];
  cli(["check", join(samples, wrong), "--out-dir", join(dir, "annotated")]);
  real.set("annotated copy", new Uint8Array(readFileSync(join(dir, "annotated", wrong))));
  expect(cli(["template", "--out", join(dir, "template.xlsx")]).status).toBe(0);
  real.set("template", new Uint8Array(readFileSync(join(dir, "template.xlsx"))));

  sample = real.get(`sample ${wrong}`)!;
  parts = Object.entries(unzipSync(sample)).filter(([k]) => !k.endsWith("/"));
  const record = Object.fromEntries(parts);
  for (const level of [0, 1, 6, 9] as const) real.set(`zipSync level ${level}`, zipSync(record, { level }));
  real.set("fflate streamed (data descriptors)", zipStreamed(record));
  real.set("stored", storedZip(parts));
  real.set(
    "ZIP64",
    buildZip(
      parts.map(([name, data]) => ({ name, data, zip64: true })),
      { zip64: true },
    ),
  );
  real.set(
    "data descriptors, local extra fields",
    buildZip(parts.map(([name, data], i) => ({ name, data, descriptor: true, localExtra: new Uint8Array(4 + i) }))),
  );
  if (hasLibreOffice()) {
    const [converted] = roundTrip([join(samples, wrong)]);
    real.set("LibreOffice Calc", new Uint8Array(readFileSync(converted)));
    rmSync(join(converted, ".."), { recursive: true, force: true });
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(CODECS)("with %s's inflater", (_, codec) => {
  beforeEach(() => useZipCodec(codec));

  test("every entry of real packages: the names, sizes and bytes unzipSync gives", () => {
    expect(real.size).toBeGreaterThan(10);
    for (const [what, bytes] of real) {
      const mine = viaListing(bytes);
      expect([what, mine]).toEqual([what, viaUnzipSync(bytes)]);
      expect([what, mine.error, mine.files.length]).toEqual([what, undefined, mine.infos.length]);
    }
  });

  test("damaged copies: the same entries and bytes, or the same error, as unzipSync", () => {
    const bases = [...real.keys()].filter(
      (k) => (!k.startsWith("sample") || k.includes("le-chan")) && real.get(k)!.length < 200_000,
    );
    const damaged = fc.constantFrom(...bases).chain((base) => {
      const n = real.get(base)!.length;
      return fc.record({
        base: fc.constant(base),
        // half of the edits in the directory and end record, where a byte changes most
        edits: fc.array(
          fc.tuple(
            fc.oneof(
              fc.nat({ max: n - 1 }),
              fc.nat({ max: Math.min(600, n - 1) }).map((k) => n - 1 - k),
            ),
            fc.integer({ min: 0, max: 255 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        cut: fc.option(fc.nat({ max: n }), { nil: undefined, freq: 4 }),
      });
    });
    fc.assert(
      fc.property(damaged, ({ base, edits, cut }) => {
        const bytes = real.get(base)!.slice(0, cut);
        for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
        expect(viaListing(bytes)).toEqual(viaUnzipSync(bytes));
      }),
      { numRuns: runs(1500) },
    );
  });

  test("ZIP64 records and extra fields", () => {
    const bytes = real.get("ZIP64")!;
    expect(listZip(bytes, 100).entries.map((e) => [e.name, e.size])).toEqual(parts.map(([n, d]) => [n, d.length]));
    expect(readXlsx(bytes)).toEqual(readXlsx(sample));
    // a ZIP64 field missing where the directory says 0xFFFFFFFF: fflate's error, after the entries before
    const noField = buildZip(
      parts.map(([name, data]) => ({ name, data, zip64: true })),
      { zip64: true },
    );
    const view = Buffer.from(noField.buffer, noField.byteOffset, noField.length);
    const lastRecord = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.writeUInt16LE(0x0002, lastRecord + 46 + view.readUInt16LE(lastRecord + 28)); // id 1 → 2
    expect(viaListing(noField)).toEqual(viaUnzipSync(noField));
    expect(viaListing(noField).error).toBe("invalid zip data");
  });

  test("stored entries, data descriptors, local extra fields that differ from the directory's", () => {
    for (const what of ["stored", "fflate streamed (data descriptors)", "data descriptors, local extra fields"])
      expect([what, readXlsx(real.get(what)!)]).toEqual([what, readXlsx(sample)]);
  });

  test("a duplicate name: the last entry wins, whatever its case or slashes", () => {
    const sheet = parts.find(([n]) => n === "xl/worksheets/sheet1.xml")![1];
    const stale = strToU8(
      Buffer.from(sheet)
        .toString("utf8")
        .replace(/<v>\d+<\/v>/g, "<v>999</v>"),
    );
    const before = storedZip([["xl/worksheets/sheet1.xml", stale], ...parts]);
    expect(readXlsx(before)).toEqual(readXlsx(sample));
    const after = buildZip([
      ...parts.map(([name, data]) => ({ name, data })),
      { name: "/XL\\Worksheets/Sheet1.xml", data: stale },
    ]);
    const cells = readXlsx(after).sheets[0].rows.flat();
    expect(cells.filter((v) => typeof v === "number").every((v) => v === 999)).toBe(true);
  });

  test("a truncated file: refused as damaged, with the message unzipSync's error gave", () => {
    for (const cut of [4, 30, 100, 1000, sample.length >> 1, sample.length - 23, sample.length - 1]) {
      const r = readOutcome(sample.subarray(0, cut));
      expect(r).toMatchObject({ error: "corrupt" });
      expect(r).toEqual(withCodec(FFLATE_CODEC, () => readOutcome(sample.subarray(0, cut))));
    }
    const r = readOutcome(sample.subarray(0, sample.length - 1));
    expect(r).toEqual({
      error: "corrupt",
      vi: "Tệp .xlsx bị hỏng hoặc chưa tải về đầy đủ (không đọc được cấu trúc tệp nén); hãy mở bằng Excel, lưu lại rồi gửi lại",
      en: "The .xlsx file is damaged or incomplete (unreadable zip structure: invalid zip data); open it in Excel, save it and send it again",
    });
  });

  test("deflated data cut short inside a part: fflate's error message", () => {
    const sheet = parts.find(([n]) => n === "xl/worksheets/sheet1.xml")![1];
    const packed = deflateRawSync(sheet);
    const bytes = buildZip(
      parts.map(([name, data]) =>
        name === "xl/worksheets/sheet1.xml"
          ? { name, data, packed: packed.subarray(0, packed.length >> 1) }
          : { name, data },
      ),
    );
    expect(readOutcome(bytes)).toMatchObject({
      error: "corrupt",
      en: expect.stringContaining("(unreadable zip structure: unexpected EOF)"),
    });
  });

  test("a directory that claims more entries than the file can hold", () => {
    const bytes = buildZip(
      parts.map(([name, data]) => ({ name, data })),
      { count: 0xffff },
    );
    expect(readOutcome(bytes)).toMatchObject({ error: "corrupt", en: expect.stringContaining("(bad zip directory)") });
    const z64 = buildZip(
      parts.map(([name, data]) => ({ name, data, zip64: true })),
      { zip64: true, count: 2 ** 32 + 0xfffff },
    );
    expect(viaListing(z64)).toEqual(viaUnzipSync(z64)); // fflate read the low 32 bits: 0xFFFFF
    expect(readOutcome(z64)).toMatchObject({ error: "corrupt", vi: expect.stringContaining("(mục lục tệp nén sai)") });
  });

  test("declared sizes that lie: refused when huge, never more than declared inflated", () => {
    const sheet = parts.find(([n]) => n === "xl/worksheets/sheet1.xml")![1];
    const withSheet = (e: Partial<RawEntry>) =>
      buildZip(
        parts.map(([name, data]) => (name === "xl/worksheets/sheet1.xml" ? { name, data, ...e } : { name, data })),
      );
    // huge: refused before inflating
    expect(readOutcome(withSheet({ declared: 0xfffffff0 }))).toMatchObject({
      error: "zip_bomb",
      vi: expect.stringContaining("xl/worksheets/sheet1.xml: 4 GB"),
    });
    // 64 MiB of zeros declared as 100 bytes: the part is those 100 bytes, as fflate cut it
    const zeros = new Uint8Array(64 << 20);
    const small = buildZip([{ name: "a.xml", data: zeros, declared: 100 }]);
    const [e] = listZip(small, 10).entries;
    expect(entryData(small, e)).toEqual(new Uint8Array(100));
    expect(viaListing(small)).toEqual(viaUnzipSync(small));
    // the sheet declared shorter than it is: cut, then refused as malformed XML
    for (const declared of [0, 1, 100, sheet.length - 1]) {
      const bytes = withSheet({ declared });
      expect(viaListing(bytes)).toEqual(viaUnzipSync(bytes));
      expect(readOutcome(bytes)).toEqual(withCodec(FFLATE_CODEC, () => readOutcome(bytes)));
      expect(readOutcome(bytes)).toMatchObject({ error: "corrupt" });
    }
    // declared longer than it is: the part as it is
    const longer = withSheet({ declared: sheet.length + 1000 });
    expect(viaListing(longer)).toEqual(viaUnzipSync(longer));
    expect(readXlsx(longer)).toEqual(readXlsx(sample));
    // no data at all: fflate gives the declared size in zeros
    const none = buildZip([{ name: "a.xml", data: new Uint8Array(0), packed: new Uint8Array(0), declared: 7 }]);
    expect(entryData(none, listZip(none, 10).entries[0])).toEqual(new Uint8Array(7));
  });

  test("an encrypted entry: the error fflate's inflater gives on its bytes, as before", () => {
    const bytes = buildZip(
      parts.map(([name, data]) =>
        name === "xl/worksheets/sheet1.xml" ? { name, data, password: "mật khẩu" } : { name, data },
      ),
    );
    const e = listZip(bytes, 100).entries.find((x) => x.name === "xl/worksheets/sheet1.xml")!;
    expect(e.flags & 1).toBe(1);
    let why = "";
    try {
      const start = e.localOffset + 30 + bytes[e.localOffset + 26] + bytes[e.localOffset + 28] * 256;
      inflateSync(bytes.subarray(start, start + e.compressedSize), { out: new Uint8Array(e.size) });
    } catch (err) {
      why = (err as Error).message;
    }
    expect(why).not.toBe(""); // these bytes do not inflate
    expect(readOutcome(bytes)).toEqual({
      error: "corrupt",
      vi: "Tệp .xlsx bị hỏng hoặc chưa tải về đầy đủ (không đọc được cấu trúc tệp nén); hãy mở bằng Excel, lưu lại rồi gửi lại",
      en: `The .xlsx file is damaged or incomplete (unreadable zip structure: ${why}); open it in Excel, save it and send it again`,
    });
    expect(viaListing(bytes)).toEqual(viaUnzipSync(bytes));
  });

  test("names: UTF-8 with flag bit 11, Latin-1 without, as fflate decodes them", () => {
    const bytes = buildZip([
      { name: "xl/worksheets/trang tính.xml", data: strToU8("x") },
      { name: Buffer.from("xl/worksheets/trang tính.xml", "utf8"), data: strToU8("y") },
      { name: Uint8Array.from([0x61, 0xe9, 0xff]), data: strToU8("z") },
    ]);
    expect(listZip(bytes, 10).entries.map((e) => e.name)).toEqual([
      "xl/worksheets/trang tính.xml",
      "xl/worksheets/trang tÃ\u00adnh.xml",
      "a\u00e9\u00ff",
    ]);
    expect(viaListing(bytes)).toEqual(viaUnzipSync(bytes));
  });

  test("the city workbook written through this codec reads back the same", () => {
    const city = real.get("city workbook")!;
    const again = zipParts(Object.entries(unzipSync(city)));
    expect(readXlsx(again)).toEqual(readXlsx(city));
    expect(viaListing(again).files.map(([n, len, h]) => [n, len, h])).toEqual(viaUnzipSync(city).files);
  });

  test("an annotated copy edited through this codec", () => {
    const pkg = new ZipPackage(sample);
    const xml = Buffer.from(pkg.read("xl/worksheets/sheet1.xml")!).toString("utf8");
    pkg.write("xl/worksheets/sheet1.xml", xml.replace(/<v>\d+<\/v>/, "<v>4242</v>"));
    const out = pkg.toBytes();
    expect(Buffer.from(unzipSync(out)["xl/worksheets/sheet1.xml"]).toString("utf8")).toContain("<v>4242</v>");
    expect(viaListing(out)).toEqual(viaUnzipSync(out));
  });
});

test("the built tool (node:zlib; fflate loaded only when zlib gives no answer) says what fflate said", () => {
  const sheet = parts.find(([n]) => n === "xl/worksheets/sheet1.xml")![1];
  const packed = deflateRawSync(sheet);
  const cut = (n: number) =>
    buildZip(
      parts.map(([name, data]) =>
        name === "xl/worksheets/sheet1.xml" ? { name, data, packed: packed.subarray(0, n) } : { name, data },
      ),
    );
  writeFileSync(join(dir, "cut.xlsx"), cut(packed.length >> 1)); // zlib: "unexpected end of file"
  writeFileSync(join(dir, "empty.xlsx"), cut(0)); // zlib refuses no data; fflate gives zeros
  const r = cli(["check", join(dir, "cut.xlsx"), join(dir, "empty.xlsx"), "--json", "--lang", "en"]);
  const errors = (JSON.parse(r.stdout) as { files: { error: string }[] }).files.map((f) => f.error);
  expect(errors).toEqual([
    "The .xlsx file is damaged or incomplete (unreadable zip structure: unexpected EOF); open it in Excel, save it and send it again",
    expect.stringMatching(
      /^The \.xlsx file is damaged or incomplete \(malformed XML in xl\/worksheets\/sheet1\.xml: 1:1: /,
    ),
  ]);
});

describe("readXlsx gives the same with node:zlib as with fflate", () => {
  test("on damaged copies of a sample", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        (edits, cut) => {
          const bytes = sample.slice(0, cut === undefined ? undefined : 4 + (cut % sample.length));
          for (const [at, b] of edits) bytes[at % bytes.length] = b;
          expect(withCodec(NODE_CODEC, () => readOutcome(bytes))).toEqual(readOutcome(bytes));
        },
      ),
      { numRuns: runs(1000) },
    );
  });
});

describe("the codecs agree", () => {
  test("inflateRaw: node:zlib gives fflate's bytes or its exception, on good, cut and damaged data", () => {
    const data = fc.uint8Array({ maxLength: 3000 }).chain((d) =>
      fc.record({
        packed: fc.constantFrom(
          deflateRawSync(d, { level: 1 }),
          deflateRawSync(d, { level: 0 }),
          deflateRawSync(Buffer.concat([d, d, d])),
        ),
        edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        cut: fc.option(fc.nat(), { nil: undefined }),
        expected: fc.oneof(fc.constant(d.length), fc.constant(3 * d.length), fc.nat({ max: 10_000 })),
      }),
    );
    const run = (codec: ZipCodec, b: Uint8Array, n: number) => {
      try {
        return { out: sha(codec.inflateRaw(b, n)) };
      } catch (e) {
        return { error: String((e as Error).message) };
      }
    };
    fc.assert(
      fc.property(data, ({ packed, edits, cut, expected }) => {
        const b = Uint8Array.from(packed.subarray(0, cut === undefined ? undefined : cut % (packed.length + 1)));
        for (const [at, v] of edits) if (b.length) b[at % b.length] = v;
        expect(run(NODE_CODEC, b, expected)).toEqual(run(FFLATE_CODEC, b, expected));
      }),
      { numRuns: runs(2000) },
    );
  });

  test("deflateRaw round-trips through both inflaters", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 5000 }),
        fc.constantFrom(1, 6, 9) as fc.Arbitrary<1 | 6 | 9>,
        (d, level) => {
          for (const [, enc] of CODECS)
            for (const [, dec] of CODECS) expect(sha(dec.inflateRaw(enc.deflateRaw(d, level), d.length))).toBe(sha(d));
        },
      ),
    );
  });

  test("CRC-32: ours is zlib's", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (d) => {
        expect(crc32(d)).toBe(zlibCrc32(d) >>> 0);
        expect(NODE_CODEC.crc32(d)).toBe(crc32(d));
      }),
    );
  });
});

describe("the zip writer", () => {
  const files = () =>
    [
      ["[Content_Types].xml", strToU8("<Types/>")],
      ["xl/worksheets/sheet1.xml", strToU8("<worksheet>" + "<row><c><v>1</v></c></row>".repeat(500) + "</worksheet>")],
      ["xl/trang tính.xml", strToU8("Tổng số")],
      ["empty", new Uint8Array(0)],
    ] as [string, Uint8Array][];

  test("with fflate's deflater: zipSync's bytes, level 1, 2025-01-01 00:00", () => {
    const tz = process.env.TZ;
    process.env.TZ = "UTC"; // zipSync writes the local time of its mtime
    try {
      const mtime = new Date(Date.UTC(2025, 0, 1));
      const expected = zipSync(Object.fromEntries(files().map(([n, d]) => [n, [d, { mtime }]])), { level: 1 });
      expect(Buffer.from(zipParts(files(), 1)).equals(Buffer.from(expected))).toBe(true);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  test("with node:zlib's: the same parts and CRCs back, UTF-8 flag on the non-ASCII name", () => {
    const bytes = withCodec(NODE_CODEC, () => zipParts(files(), 1));
    const back = unzipSync(bytes);
    expect(Object.keys(back)).toEqual(files().map(([n]) => n));
    for (const [n, d] of files()) expect(sha(back[n])).toBe(sha(d));
    const zip = listZip(bytes, 100);
    expect(zip.entries.map((e) => e.flags)).toEqual([0, 0, 0x800, 0]);
    const view = Buffer.from(bytes);
    for (const [i, e] of zip.entries.entries())
      expect(view.readUInt32LE(e.localOffset + 14)).toBe(zlibCrc32(files()[i][1]) >>> 0);
  });
});
