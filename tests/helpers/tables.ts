/** Building consistent tables by hand for the rule tests: leaf rows per school year, summed up. */
import {
  address,
  analyzeGrid,
  analyzeWorkbook,
  type Cell,
  type Finding,
  type Grid,
  listLayout,
  type ListRow,
  listTemplateById,
  templateById,
  templateLayout,
  type Values,
} from "../../shared";

export const pl02 = templateById("pl02");
export const daibieu = templateById("daibieu");
export const LAY = templateLayout(pl02);
export const DB_LAY = templateLayout(daibieu);

/** Address of a row code's column in the canonical layout. */
export const at = (code: string, key: string) => address(LAY.row.get(code)!, LAY.col.get(key)!);
export const dbAt = (code: string) => address(DB_LAY.row.get(code)!, DB_LAY.col.get("value")!);

export type Leaf = { col?: number[]; lead?: number[]; dir?: number[] };

/** Leaf rows given per school year (collectives, leaders, direct staff); every other figure is summed. */
export function build(leaves: Record<string, Leaf>): Values {
  const out: Values = {};
  const zero = () => [0, 0, 0, 0, 0];
  for (const def of pl02.rows) {
    if (pl02.children.has(def.code)) continue;
    const l = leaves[def.code] ?? {};
    const col = l.col ?? zero();
    const lead = l.lead ?? zero();
    const dir = l.dir ?? zero();
    const s = (a: number[]) => a.reduce((x, y) => x + y, 0);
    const v: Record<string, number> = {
      total: s(col) + s(lead) + s(dir),
      collective: s(col),
      individual: s(lead) + s(dir),
      leaders: s(lead),
      direct: s(dir),
    };
    pl02.yearKeys.forEach((k, y) => (v[k] = col[y] + lead[y] + dir[y]));
    out[def.code] = v;
  }
  const fill = (code: string): Record<string, number> => {
    const kids = pl02.children.get(code);
    if (!kids) return out[code];
    const s: Record<string, number> = Object.fromEntries(pl02.countKeys.map((k) => [k, 0]));
    for (const k of kids) for (const [key, n] of Object.entries(fill(k))) s[key] += n;
    return (out[code] = s);
  };
  fill("TONG");
  return out;
}

/** A plausible school: every rule holds. */
export const BASE: Record<string, Leaf> = {
  D2: { lead: [2, 2, 2, 2, 2], dir: [8, 8, 8, 8, 8] },
  D1: { dir: [1, 1, 1, 1, 1] },
  D3: { col: [2, 2, 2, 2, 2] },
  D4: { col: [1, 0, 1, 0, 1], dir: [3, 4, 5, 6, 7] },
  C2: { dir: [0, 1, 0, 0, 0] },
  C7: { col: [1, 0, 0, 0, 0] },
  C6: { col: [0, 1, 0, 0, 0], lead: [1, 0, 0, 0, 0], dir: [0, 0, 2, 0, 0] },
  "A4.3": { lead: [0, 0, 0, 1, 0] },
};

/**
 * A second school with BASE's figures by level, year, collectives and individuals, but one of its
 * 2020-2021 D2 awards went to a direct staff member rather than a leader: not the same table (which
 * a merge counts once, spec §5 v2), the same charts.
 */
export const TWIN: Record<string, Leaf> = { ...BASE, D2: { lead: [1, 2, 2, 2, 2], dir: [9, 8, 8, 8, 8] } };

/**
 * Unit `i`'s own table, so that no two units of a merge send the same figures (a merge counts one
 * table once, spec §5 v2): BASE for 0, TWIN for 1 (the same charts as BASE), then BASE with `i - 1`
 * more D2 awards to direct staff in 2024-2025. Every rule holds in each.
 */
export function unitLeaves(i: number): Record<string, Leaf> {
  if (i === 0) return BASE;
  if (i === 1) return TWIN;
  return { ...BASE, D2: { lead: [2, 2, 2, 2, 2], dir: [8, 8, 8, 8, 8 + i - 1] } };
}

/** Unit `i`'s table values (unitLeaves). */
export const unitValues = (i: number): Values => build(unitLeaves(i));

/** The sum of units 0 … n-1's values at a row code and count key. */
export const unitsSum = (n: number, code: string, key = "total"): number =>
  Array.from({ length: n }, (_, i) => unitValues(i)[code][key]).reduce((a, b) => a + b, 0);

export function sheet(values: Values, unit: string | null = "Trường THPT Ngô Quyền"): Grid {
  return templateLayout(pl02, { unit, values }).grid;
}

export function setCell(grid: Grid, code: string, key: string, v: Cell): void {
  grid.rows[LAY.row.get(code)!][LAY.col.get(key)!] = v;
}

export type Brief = [string, string, string | undefined, string | null, string | null];
export const brief = (f: Finding): Brief => [f.rule, f.severity, f.cells[0], f.row, f.column];

export function findings(grid: Grid): Finding[] {
  const res = analyzeGrid(grid);
  if (!res) return analyzeWorkbook([grid])[0].findings;
  return res.findings;
}

export function dbSheet(
  v: Record<string, number>,
  attrs: Record<string, string> = { level: "co_so", unitType: "thpt" },
  unit = "Trường THPT Ngô Quyền",
): Grid {
  const values = Object.fromEntries(Object.entries(v).map(([k, n]) => [k, { value: n }]));
  return templateLayout(daibieu, { unit, values, attrs }).grid;
}

/** One delegate's row of a list (spec §4b), complete and right unless `extra` says otherwise. */
export const delegate = (name: string, extra: ListRow = {}): ListRow => ({
  name,
  birthYear: 1980,
  gender: "Nữ",
  position: "Giáo viên",
  kind: "Đại biểu",
  award: "",
  summary: "Giáo viên dạy giỏi",
  ...extra,
});

/** A THPT's three delegates (spec §4b: "03 đại biểu"). */
export const THREE_DELEGATES: ListRow[] = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"].map((name) =>
  delegate(name),
);

/** A unit's list of delegates in the template's layout (its sheet named as the template names it). */
export function listSheet(unit: string, people: ListRow[] = THREE_DELEGATES): Grid {
  return listLayout(listTemplateById("ds-daibieu"), { unit, people }).grid;
}
