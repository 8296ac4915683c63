/**
 * fflate for the command-line bundle, loaded at its first use: scripts/build.mjs points the
 * shared modules' "fflate" here. Building fflate's tables costs ~10 ms of CPU at every start and
 * in every merge worker, and the tool needs fflate only where node:zlib gives no answer
 * (cli/zip-codec.ts). Exports what shared/ imports from fflate; a missing one fails the build.
 */
import type * as Fflate from "fflate";

let fflate: typeof Fflate | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a require() is what esbuild leaves lazy
const load = () => (fflate ??= require("fflate") as typeof Fflate);

export function inflateSync(data: Uint8Array, opts?: Fflate.InflateOptions): Uint8Array {
  return load().inflateSync(data, opts);
}

export function deflateSync(data: Uint8Array, opts?: Fflate.DeflateOptions): Uint8Array {
  return load().deflateSync(data, opts);
}
