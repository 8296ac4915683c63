/**
 * A zip package written from whole parts, each deflated through the codec (codec.ts): the
 * headers fflate's zipSync writes (no extra fields, no data descriptors, UTF-8 flag only for
 * non-ASCII names) with a fixed time, 2025-01-01 00:00, so a package is the same bytes run to run
 * and in any time zone. No ZIP64: the workbooks this tool writes are a few megabytes.
 */
import { zipCodec } from "./codec";
import { put16, put32 } from "./le-bytes";

/** 2025-01-01 00:00 as an MS-DOS date (time 0). */
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;

const encoder = new TextEncoder();

/** The package holding `parts` (name, bytes) in this order, deflated at `level`. */
export function zipParts(parts: [name: string, data: Uint8Array][], level: 1 | 6 = 1): Uint8Array {
  const codec = zipCodec();
  const headers: Uint8Array[] = []; // local header, name included
  const packed: Uint8Array[] = [];
  let offset = 0;
  let dirSize = 0;
  for (const [name, data] of parts) {
    const nameBytes = encoder.encode(name);
    if (nameBytes.length > 0xffff) throw new RangeError(`zip entry name too long: ${name.slice(0, 80)}…`);
    const body = codec.deflateRaw(data, level);
    const h = new Uint8Array(30 + nameBytes.length);
    put32(h, 0, 0x04034b50);
    put16(h, 4, 20); // version needed to extract: 2.0 (deflate)
    put16(h, 6, nameBytes.length !== name.length ? 0x800 : 0); // UTF-8 name
    put16(h, 8, 8); // deflated
    put16(h, 10, 0); // time
    put16(h, 12, DOS_DATE);
    put32(h, 14, codec.crc32(data));
    put32(h, 18, body.length);
    put32(h, 22, data.length);
    put16(h, 26, nameBytes.length);
    h.set(nameBytes, 30);
    headers.push(h);
    packed.push(body);
    offset += h.length + body.length;
    dirSize += 46 + nameBytes.length;
  }
  if (offset > 0xffffffff || parts.length > 0xffff) throw new RangeError("zip package too large (no ZIP64)");
  const out = new Uint8Array(offset + dirSize + 22);
  let p = 0;
  let d = offset; // the central directory follows the data
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    const nameLen = h.length - 30;
    out.set(h, p);
    out.set(packed[i], p + h.length);
    put32(out, d, 0x02014b50);
    put16(out, d + 4, 20); // made by: 2.0, MS-DOS attributes
    out.set(h.subarray(4, 30), d + 6); // version needed … name length, as in the local header
    // extra and comment lengths, disk number, attributes: 0
    put32(out, d + 42, p);
    out.set(h.subarray(30), d + 46);
    p += h.length + packed[i].length;
    d += 46 + nameLen;
  }
  put32(out, d, 0x06054b50);
  put16(out, d + 8, parts.length);
  put16(out, d + 10, parts.length);
  put32(out, d + 12, dirSize);
  put32(out, d + 16, offset);
  return out;
}
