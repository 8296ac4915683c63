/**
 * A generated corpus for error localization (spec §3b): consistent Phụ lục 02 tables, then 1, 2 or
 * 3 mistakes of the kinds people make, in three styles of sheet:
 * - "typed": every figure typed by hand;
 * - "official": the blank template's formulas (parents, groups, TONG) kept, the rest typed;
 * - "formulas": also (1) = (2) + (3) and (3) = (4) + (5) as formulas on every row.
 * Formula cells are recomputed after the mistakes, as a spreadsheet does.
 */
import { address, type Grid, parseAddress, type Values } from "../../shared";
import { BASE, build, LAY, type Leaf, pl02, sheet } from "./tables";
// the sample data's seeded generator (mulberry32), so that the corpus is the same on every run
import { rng } from "../../cli/sample/values";

export type Style = "typed" | "official" | "formulas";
export type MistakeKind = "swap" | "drop" | "add" | "off" | "kind";

export interface Mistake {
  code: string;
  key: string;
  cell: string;
  kind: MistakeKind;
  truth: number;
  typed: number;
}

export interface Case {
  style: Style;
  grid: Grid;
  mistakes: Mistake[];
}

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const years = (r: () => number, lo: number, hi: number, pZero = 0) =>
  [0, 0, 0, 0, 0].map(() => (r() < pZero ? 0 : int(r, lo, hi)));

/** A plausible school or Phòng: every rule of §3 holds (quotas included). */
export function consistentLeaves(r: () => number): Record<string, Leaf> {
  const scale = r() < 0.3 ? 8 : 1; // a Phòng GDĐT sums many schools
  const d2lead = years(r, 1, 4 * scale);
  const d2dir = years(r, 15 * scale, 60 * scale);
  const d1 = d2lead.map((l, y) => Math.floor((l + d2dir[y]) * 0.15 * r()));
  const c1 = d1.map((n) => Math.floor(n * 0.3 * r()));
  const c2 = d1.map((n, y) => Math.floor((n - c1[y]) * 0.3 * r()));
  const d3 = years(r, 1, 6 * scale);
  const leaves: Record<string, Leaf> = {
    D2: { lead: d2lead, dir: d2dir },
    D1: { lead: d1.map((n) => Math.floor(n * 0.2)), dir: d1.map((n) => n - Math.floor(n * 0.2)) },
    D3: { col: d3 },
    D4: { col: years(r, 0, 5 * scale), lead: years(r, 0, 4 * scale, 0.3), dir: years(r, 5 * scale, 40 * scale) },
    C1: { dir: c1 },
    C2: { dir: c2 },
    B1: { dir: c1.map((n, y) => Math.min(n + c2[y], r() < 0.9 ? 0 : 1)) },
    C7: { col: d3.map((n) => Math.floor(n * 0.5 * r())) },
    C5: { col: years(r, 0, 2, 0.5), lead: years(r, 0, 3, 0.5), dir: years(r, 0, 30 * scale, 0.2) },
    C6: { col: years(r, 0, 3, 0.4), lead: years(r, 0, 3, 0.5), dir: years(r, 0, 40 * scale, 0.2) },
    C3: { col: years(r, 0, 1, 0.8) },
    C4: { col: years(r, 0, 2, 0.6) },
    B3: { col: years(r, 0, 1, 0.8), lead: years(r, 0, 1, 0.8), dir: years(r, 0, 2, 0.7) },
    "A4.3": { lead: years(r, 0, 1, 0.8), dir: years(r, 0, 2, 0.7) },
    A7: { dir: years(r, 0, 1, 0.8) },
  };
  return leaves;
}

const FORMULA_KEYS = ["total", "individual"];
const isParent = (code: string) => pl02.children.has(code);

/** Whether a cell holds a formula in this style. */
export function isFormulaCell(style: Style, code: string, key: string): boolean {
  if (style === "typed") return false;
  if (isParent(code)) return true;
  return style === "formulas" && FORMULA_KEYS.includes(key);
}

/** The formula cells recomputed from the typed ones, as the spreadsheet would. */
function recompute(style: Style, v: Values): void {
  if (style === "typed") return;
  if (style === "formulas")
    for (const def of pl02.rows) {
      if (isParent(def.code)) continue;
      const x = v[def.code];
      x.individual = x.leaders + x.direct;
      x.total = x.collective + x.individual;
    }
  const fill = (code: string) => {
    const kids = pl02.children.get(code);
    if (!kids) return;
    for (const k of kids) fill(k);
    for (const key of pl02.countKeys) v[code][key] = kids.reduce((s, k) => s + v[k][key], 0);
  };
  fill("TONG");
}

/** The formulas of a style on the canonical layout (Grid.formulas). */
function formulas(style: Style): (string | undefined)[][] | undefined {
  if (style === "typed") return undefined;
  const out: (string | undefined)[][] = [];
  const put = (a: string, f: string) => {
    const p = parseAddress(a)!;
    (out[p.row] ??= [])[p.col] = f;
  };
  for (const [a, f] of LAY.formulas) put(a, f);
  if (style === "formulas")
    for (const def of pl02.rows) {
      if (isParent(def.code)) continue;
      const r = LAY.row.get(def.code)!;
      const c = (k: string) => address(r, LAY.col.get(k)!);
      put(c("individual"), `${c("leaders")}+${c("direct")}`);
      put(c("total"), `${c("collective")}+${c("individual")}`);
    }
  return out;
}

/** The number a clerk types instead of `v` by this kind of slip; undefined when it does not apply. */
function slip(kind: MistakeKind, v: number, r: () => number): number | undefined {
  const s = String(v);
  switch (kind) {
    case "swap": {
      const at = [...Array(s.length - 1).keys()].filter((i) => s[i] !== s[i + 1] && !(i === 0 && s[i + 1] === "0"));
      if (at.length === 0) return undefined;
      const i = at[int(r, 0, at.length - 1)];
      return Number(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
    }
    case "drop": {
      if (s.length < 2) return undefined;
      const i = int(r, 0, s.length - 1);
      const t = s.slice(0, i) + s.slice(i + 1);
      return Number(t) === v ? undefined : Number(t);
    }
    case "add": {
      const i = int(r, 0, s.length);
      const d = String(int(r, i === 0 ? 1 : 0, 9));
      const t = v === 0 ? d : s.slice(0, i) + d + s.slice(i);
      return Number(t) === v ? undefined : Number(t);
    }
    case "off": {
      const d = int(r, 1, 3) * (r() < 0.5 ? -1 : 1);
      return v + d < 0 ? v - d : v + d;
    }
    case "kind":
      return v === 0 ? int(r, 1, 5) : undefined;
  }
}

/** Cells where a number breaks the row's kind: (2) of an `ind` row, (3), (4), (5) of a `col` row. */
function kindCells(): [string, string][] {
  const out: [string, string][] = [];
  for (const def of pl02.rows) {
    if (def.kind === "ind") out.push([def.code, "collective"]);
    if (def.kind === "col") for (const k of ["individual", "leaders", "direct"]) out.push([def.code, k]);
  }
  return out;
}

const KINDS: MistakeKind[] = ["swap", "drop", "add", "off", "kind"];

/** One case: a consistent table in `style` with `n` mistakes on distinct typed cells. */
export function makeCase(seed: number, style: Style, n: number): Case {
  const r = rng(seed);
  const truth = build(consistentLeaves(r));
  recompute(style, truth);
  const v: Values = JSON.parse(JSON.stringify(truth)) as Values;
  const mistakes: Mistake[] = [];
  const typed = pl02.rows.flatMap((d) => pl02.countKeys.map((k) => [d.code, k] as [string, string]));
  const targets = typed.filter(([c, k]) => !isFormulaCell(style, c, k));
  const kindTargets = kindCells().filter(([c, k]) => !isFormulaCell(style, c, k));
  let guard = 0;
  while (mistakes.length < n && guard++ < 1000) {
    const kind = KINDS[int(r, 0, KINDS.length - 1)];
    const pool = kind === "kind" ? kindTargets : targets;
    const [code, key] = pool[int(r, 0, pool.length - 1)];
    if (mistakes.some((m) => m.code === code && m.key === key)) continue;
    // a digit slip needs digits: prefer the figures that have them
    const was = truth[code][key];
    if (kind !== "kind" && kind !== "add" && was < 10) continue;
    const typedValue = slip(kind, was, r);
    if (typedValue === undefined) continue;
    v[code][key] = typedValue;
    const cell = address(LAY.row.get(code)!, LAY.col.get(key)!);
    mistakes.push({ code, key, cell, kind, truth: was, typed: typedValue });
  }
  recompute(style, v);
  const grid = build0(v, style);
  return { style, grid, mistakes };
}

function build0(v: Values, style: Style): Grid {
  const grid = sheet(v, "Trường THPT Lê Quý Đôn");
  const f = formulas(style);
  return f ? { ...grid, formulas: f } : grid;
}

/** The corpus: `perCell` cases for each style and each number of mistakes (0 to 3). */
export function corpus(perCell: number, seed = 2026): Case[] {
  const out: Case[] = [];
  const styles: Style[] = ["typed", "official", "formulas"];
  styles.forEach((style, s) => {
    for (let n = 0; n <= 3; n++)
      for (let i = 0; i < perCell; i++) out.push(makeCase(seed + 100_000 * s + 10_000 * n + i, style, n));
  });
  return out;
}

/**
 * The worked example of issue 22, on the blank template (its formulas on parents, groups and
 * TONG): C5's year 2022-2023 is 27 and the clerk types 72; D1 gets a collective (1) it cannot
 * have; D2's direct staff is 48 and the clerk types 458. The formulas recompute.
 */
export function issue22Example(): { grid: Grid; truth: Mistake[] } {
  return officialCase(
    {
      ...BASE,
      D2: { lead: [2, 2, 2, 2, 2], dir: [8, 8, 8, 8, 16] },
      C5: { col: [0, 1, 0, 0, 1], lead: [1, 0, 2, 0, 0], dir: [10, 12, 25, 15, 20] },
    },
    [
      ["C5", "y2023", 72, "swap"],
      ["D1", "collective", 1, "kind"],
      ["D2", "direct", 458, "add"],
    ],
  );
}

/**
 * A consistent table of these leaves on the blank template (its formulas on parents, groups and
 * TONG), with these slips typed in; the formulas recompute.
 */
export function officialCase(
  leaves: Record<string, Leaf>,
  slips: [code: string, key: string, typed: number, kind: MistakeKind][],
): { grid: Grid; truth: Mistake[] } {
  const v = build(leaves);
  const truth: Mistake[] = [];
  for (const [code, key, typed, kind] of slips) {
    truth.push({ code, key, cell: address(LAY.row.get(code)!, LAY.col.get(key)!), kind, truth: v[code][key], typed });
    v[code][key] = typed;
  }
  recompute("official", v);
  return { grid: build0(v, "official"), truth };
}
