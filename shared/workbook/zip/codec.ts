/**
 * The DEFLATE codec and CRC-32 the zip reader and writers use. fflate (pure JavaScript) by
 * default, so the browser and Apps Script builds need nothing else; the command-line tool
 * installs node:zlib's native one at start (cli/zip-codec.ts), about twice as fast.
 */
import { deflateSync, inflateSync } from "fflate";
import { crc32 } from "./crc32";

export interface ZipCodec {
  /**
   * Raw DEFLATE data inflated into a part of at most `expectedSize` bytes, the size its zip entry
   * declares (the caller has checked it against the limits): output beyond it is cut, a part
   * that ends sooner comes out shorter, empty data gives `expectedSize` zero bytes. Exactly what
   * fflate's inflateSync does into a buffer of that size; any other codec must give the same
   * bytes or the same exception. Throws on damaged data.
   */
  inflateRaw(data: Uint8Array, expectedSize: number): Uint8Array;
  /** Raw DEFLATE at `level` (1 fastest … 9 smallest). */
  deflateRaw(data: Uint8Array, level: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9): Uint8Array;
  /** The zip CRC-32 of `data`. */
  crc32(data: Uint8Array): number;
}

export const FFLATE_CODEC: Readonly<ZipCodec> = Object.freeze({
  inflateRaw: (data: Uint8Array, expectedSize: number) => inflateSync(data, { out: new Uint8Array(expectedSize) }),
  deflateRaw: (data: Uint8Array, level: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9) => deflateSync(data, { level }),
  crc32,
});

let current: Readonly<ZipCodec> = FFLATE_CODEC;

/** The codec in use. */
export function zipCodec(): Readonly<ZipCodec> {
  return current;
}

/** Installs a codec for the zip reader and writers of this thread (FFLATE_CODEC puts the default back). */
export function useZipCodec(codec: Readonly<ZipCodec>): void {
  current = codec;
}
