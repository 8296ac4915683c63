// Draws the add-in's icons (16, 32, 80 px PNG for the ribbon, 64 px for the add-in) from simple shapes, so they can be
// regenerated: node scripts/make-icons.mjs. The PNGs are committed under addin/assets/.
import { Buffer } from "node:buffer";
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, shade) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const S = 4; // supersampling
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const [r, g, b, a] = shade((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const a = acc[3] / (S * S);
      raw[o] = acc[3] ? acc[0] / acc[3] : 0;
      raw[o + 1] = acc[3] ? acc[1] / acc[3] : 0;
      raw[o + 2] = acc[3] ? acc[2] / acc[3] : 0;
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const GREEN = [33, 115, 70, 1];
const WHITE = [255, 255, 255, 1];
const RED = [192, 0, 0, 1];
const NONE = [0, 0, 0, 0];
const inRect = (x, y, l, t, r, b) => x >= l && x <= r && y >= t && y <= b;
const nearSeg = (x, y, [ax, ay], [bx, by], w) => {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) <= w;
};
// A sheet: green rounded square with a white 3×3 grid.
const sheet = (x, y) => {
  if (!inRect(x, y, 0.06, 0.06, 0.94, 0.94)) return NONE;
  const line = [0.3, 0.5, 0.7].some((g) => Math.abs(x - g) < 0.035 || Math.abs(y - g) < 0.035);
  return line && inRect(x, y, 0.14, 0.14, 0.86, 0.86) ? WHITE : GREEN;
};
const icons = {
  icon: sheet,
  check: (x, y) =>
    nearSeg(x, y, [0.3, 0.55], [0.45, 0.72], 0.07) || nearSeg(x, y, [0.45, 0.72], [0.74, 0.3], 0.07)
      ? RED
      : sheet(x, y),
  merge: (x, y) => {
    const arrow =
      nearSeg(x, y, [0.2, 0.25], [0.5, 0.55], 0.06) ||
      nearSeg(x, y, [0.2, 0.85], [0.5, 0.55], 0.06) ||
      nearSeg(x, y, [0.5, 0.55], [0.85, 0.55], 0.06) ||
      nearSeg(x, y, [0.85, 0.55], [0.7, 0.4], 0.06) ||
      nearSeg(x, y, [0.85, 0.55], [0.7, 0.7], 0.06);
    return arrow ? WHITE : inRect(x, y, 0.06, 0.06, 0.94, 0.94) ? GREEN : NONE;
  },
};
// 16, 32, 80: the ribbon's sizes; 64: the add-in's HighResolutionIconUrl ("64 x 64 pixels",
// https://learn.microsoft.com/javascript/api/manifest/highresolutioniconurl).
for (const [name, shade] of Object.entries(icons))
  for (const size of name === "icon" ? [16, 32, 64, 80] : [16, 32, 80])
    writeFileSync(`addin/assets/${name}-${size}.png`, png(size, shade));
