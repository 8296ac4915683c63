/**
 * node:zlib's native DEFLATE and CRC-32 for the zip reader and writers (shared/workbook/codec.ts),
 * about twice as fast as fflate. Every thread that reads or writes a workbook installs it
 * (cli/bin.ts: the main thread and the merge workers run the same bundle).
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { FFLATE_CODEC, useZipCodec, type ZipCodec } from "../shared/workbook/zip/codec";

/** A plain Uint8Array over a Buffer's bytes (Buffer's slice() would share them, not copy them). */
function bytesOf(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

export const NODE_CODEC: Readonly<ZipCodec> = Object.freeze({
  inflateRaw(data: Uint8Array, expectedSize: number): Uint8Array {
    if (data.length > 0)
      try {
        // zlib stops at the declared size instead of allocating what a lying entry holds
        const out = inflateRawSync(data, {
          maxOutputLength: Math.max(1, expectedSize),
          // one output buffer of the declared size: no 16 KB default chunk to allocate and join
          chunkSize: Math.max(64, Math.min(expectedSize + 1, 1 << 24)),
        });
        if (out.length <= expectedSize) return bytesOf(out);
      } catch {
        // below
      }
    // What zlib will not give, fflate does as the reader always has (the exact bytes or the
    // exception): no data, data that inflates past the declared size (cut there), damaged data.
    // Rare, and bounded by the declared size like everything else.
    return FFLATE_CODEC.inflateRaw(data, expectedSize);
  },
  deflateRaw: (data: Uint8Array, level: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9) => bytesOf(deflateRawSync(data, { level })),
  crc32: (data: Uint8Array) => crc32(data) >>> 0,
});

/** Installs NODE_CODEC for this thread. */
export function useNodeZipCodec(): void {
  useZipCodec(NODE_CODEC);
}
