/**
 * Realistic, internally consistent Phụ lục 02 figures for a unit, from a seed.
 * Counts are drawn per school year and per group (collectives, leaders, direct staff),
 * then summed, so every sum rule holds by construction; quota relations are respected.
 */
import { templateById, type Values } from "../../shared";

export type UnitType = "Phòng GDĐT" | "Trường THPT" | "Đơn vị trực thuộc";

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const YEARS = 5;
type PerYear = { col: number[]; lead: number[]; dir: number[] };

/** Staff size and a scale for each kind of unit (a district office reports for all its schools). */
function profile(type: UnitType, r: () => number) {
  if (type === "Phòng GDĐT") return { staff: 1500 + Math.floor(r() * 3500), collectives: 40 + Math.floor(r() * 60) };
  if (type === "Trường THPT") return { staff: 70 + Math.floor(r() * 80), collectives: 6 + Math.floor(r() * 6) };
  return { staff: 25 + Math.floor(r() * 60), collectives: 3 + Math.floor(r() * 4) };
}

export function unitValues(type: UnitType, seed: number): Values {
  const t = templateById("pl02");
  const r = rng(seed);
  const int = (max: number) => Math.floor(r() * (max + 1));
  const p = profile(type, r);
  const zero = () => Array<number>(YEARS).fill(0);
  const rows = new Map<string, PerYear>();
  for (const def of t.rows)
    if (!t.children.has(def.code)) rows.set(def.code, { col: zero(), lead: zero(), dir: zero() });
  const put = (code: string, y: number, col: number, ind: number) => {
    const row = rows.get(code)!;
    const kind = t.row.get(code)!.kind;
    if (kind !== "ind") row.col[y] = col;
    if (kind !== "col") {
      const lead = Math.min(ind, Math.round(ind * (0.08 + r() * 0.1)));
      row.lead[y] = lead;
      row.dir[y] = ind - lead;
    }
  };
  const big = p.staff / 100;
  for (let y = 0; y < YEARS; y++) {
    const ldtt = Math.round(p.staff * (0.7 + r() * 0.2));
    const capped = y < 3 ? Math.floor(ldtt * 0.15) : Math.floor(ldtt * 0.2);
    const cstdcs = Math.max(0, capped - int(Math.max(1, Math.floor(capped / 4))));
    const c1 = int(Math.max(0, Math.floor(cstdcs / 40)));
    const c2 = Math.min(cstdcs - c1, int(Math.max(1, Math.floor(cstdcs / 10))));
    const ttldtt = Math.round(p.collectives * (0.6 + r() * 0.3));
    put("D2", y, 0, ldtt);
    put("D1", y, 0, cstdcs);
    put("D3", y, ttldtt, 0);
    put("D4", y, int(Math.ceil(p.collectives / 4)), int(Math.ceil(big * 8)));
    put("C1", y, 0, c1);
    put("C2", y, 0, c2);
    put("C7", y, int(Math.floor(ttldtt / 3)), 0);
    put("C5", y, int(Math.ceil(p.collectives / 20)), int(Math.ceil(big)));
    put("C6", y, int(Math.ceil(p.collectives / 10)), int(Math.ceil(big * 2)));
    put("C3", y, r() < 0.3 ? 1 : 0, 0);
    put("C4", y, r() < 0.3 ? 1 : 0, 0);
    put("B1", y, 0, Math.min(c1 + c2, r() < 0.15 ? 1 : 0));
    put("B2", y, r() < 0.05 ? 1 : 0, 0);
    put("B3", y, r() < 0.3 ? 1 : 0, r() < 0.5 ? int(Math.ceil(big / 4)) : 0);
    put("A4.3", y, r() < 0.05 ? 1 : 0, r() < 0.2 ? 1 : 0);
    put("A7", y, 0, r() < 0.25 ? int(Math.ceil(big / 10)) : 0);
    put("A6", y, 0, r() < 0.02 ? 1 : 0);
  }
  return sumUp(rows);
}

function sumUp(rows: Map<string, PerYear>): Values {
  const t = templateById("pl02");
  const out: Values = {};
  for (const [code, p] of rows) {
    const collective = p.col.reduce((a, b) => a + b, 0);
    const leaders = p.lead.reduce((a, b) => a + b, 0);
    const direct = p.dir.reduce((a, b) => a + b, 0);
    const v: Record<string, number> = {
      total: collective + leaders + direct,
      collective,
      individual: leaders + direct,
      leaders,
      direct,
    };
    t.yearKeys.forEach((k, y) => (v[k] = p.col[y] + p.lead[y] + p.dir[y]));
    out[code] = v;
  }
  const fill = (code: string): Record<string, number> => {
    const kids = t.children.get(code);
    if (!kids) return out[code];
    const s: Record<string, number> = {};
    for (const key of t.countKeys) s[key] = 0;
    for (const k of kids) {
      const v = fill(k);
      for (const key of t.countKeys) s[key] += v[key];
    }
    return (out[code] = s);
  };
  fill("TONG");
  return out;
}

/** Cơ cấu đại biểu figures that satisfy the plan for this kind of unit. */
export function daibieuValues(type: UnitType, seed: number): { values: Values; attrs: Record<string, string> } {
  const r = rng(seed ^ 0x9e3779b9);
  const staff =
    type === "Phòng GDĐT"
      ? 40 + Math.floor(r() * 30)
      : type === "Trường THPT"
        ? 70 + Math.floor(r() * 80)
        : 30 + Math.floor(r() * 40);
  const delegates = staff;
  const exemplar = Math.ceil(delegates * 0.75);
  const presidium = 5 + Math.floor(r() * 5);
  const v = (n: number) => ({ value: n });
  return {
    values: {
      DB1: v(staff),
      DB2: v(delegates),
      DB3: v(exemplar),
      DB4: v(delegates - exemplar),
      DB5: v(presidium),
      DB6: v(Math.ceil(presidium / 3)),
      DB7: v(type === "Phòng GDĐT" ? 0 : 3),
      DB8: v(type === "Phòng GDĐT" ? 1 : 0),
      DB9: v(type === "Phòng GDĐT" ? 1 : 0),
    },
    attrs: {
      level: "co_so",
      unitType: type === "Phòng GDĐT" ? "phong" : type === "Trường THPT" ? "thpt" : "truc_thuoc",
    },
  };
}
