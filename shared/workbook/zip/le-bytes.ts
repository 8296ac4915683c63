/**
 * Little-endian integers in byte arrays, as zip records hold them. Reads past the end give zeros
 * (undefined | 0), as fflate's do: the zip reader relies on that.
 */
export function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
export function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}
export function put16(b: Uint8Array, i: number, v: number): void {
  b[i] = v & 0xff;
  b[i + 1] = (v >>> 8) & 0xff;
}
export function put32(b: Uint8Array, i: number, v: number): void {
  put16(b, i, v & 0xffff);
  put16(b, i + 2, (v >>> 16) & 0xffff);
}
