/** A zip written entry by entry (stored, or deflated beforehand), for packages zip libraries refuse to write: duplicate names, huge parts. */
import { crc32 } from "node:zlib";

/** An entry given already compressed (raw deflate), with its CRC and size: a huge part without holding it. */
export interface Deflated {
  deflated: Uint8Array;
  crc: number;
  size: number;
}

export function storedZip(entries: [name: string, data: Uint8Array | string | Deflated][]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, raw] of entries) {
    const pre = typeof raw === "object" && "deflated" in raw ? raw : null;
    const data =
      typeof raw === "string"
        ? Buffer.from(raw, "utf8")
        : "deflated" in raw
          ? Buffer.from(raw.deflated)
          : Buffer.from(raw);
    const size = pre ? pre.size : data.length;
    const nameBytes = Buffer.from(name, "utf8");
    const crc = pre ? pre.crc : crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(pre ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x800, 8);
    dir.writeUInt16LE(pre ? 8 : 0, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, data);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, dirBytes, end]));
}
