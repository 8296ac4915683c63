/**
 * Error localization (spec §3b; Fellegi and Holt, 1976): the fewest count cells whose values,
 * changed to whole numbers ≥ 0, make every equality rule of the sheet hold (the SUM rules, and
 * the KIND rules as "this cell = 0"; `equalityRows`).
 *
 * A cell holding a formula of the template's own arithmetic (flag FORMULA) is never a candidate:
 * it follows its inputs. It is eliminated from the equalities first (Gauss–Jordan), so what is
 * left binds typed cells only; its new value is recomputed from its pivot row. Unreadable cells
 * take no part, and neither does an equality that reads one (the rules skip it too).
 *
 * The search is a hitting set: every violated equality must hold a cell of the set; sets of 1,
 * 2, then 3 cells are tried, each by solving the equalities that touch it. All work is counted
 * (`work`), and the search gives up past a budget (deterministic: the spec's 20 ms a sheet) or
 * past a wall-clock guard (a safety net, see `LOCALIZE_MAX_MS`).
 */
import type { LocatedTable } from "./locate";
import { linearRows, type LinearRow } from "./rules";
import type { Template } from "./template";
import { FORMULA, planOf, UNREADABLE } from "./template-plan";

export interface LocalizeOptions {
  /** Largest set searched (spec: 3). */
  maxCells?: number;
  /** Units of work (row operations, search nodes, solver steps) before giving up. */
  budget?: number;
  /**
   * Wall-clock guard in milliseconds: only a safety net, well above what the budget allows, so
   * that a busy machine does not change the result.
   */
  maxMs?: number;
}

export interface Localization {
  /** Every smallest set of cells (indexes into `table.data.value`, ascending) that works; one: the cause. */
  sets: number[][];
  /**
   * When there is one set: the table's values with these cells of the set changed (all by default)
   * and the formula cells recomputed.
   */
  changed?: (cells?: readonly number[]) => Float64Array;
  /** When there is one set: each cell's value that the rules fix (undefined: they do not fix it). */
  suggested?: (number | undefined)[];
  /** Units of work spent. */
  work: number;
}

/**
 * The spec's 20 ms a sheet, as work: a unit costs 37 ns (median; 45 ns at the 90th percentile) on
 * the project's machine, so 400,000 units stay under 20 ms (`npm run bench` prints the figures).
 */
export const LOCALIZE_BUDGET = 400_000;
/**
 * The wall-clock guard's default: a safety net against a host far slower than ours, never the
 * limit in practice. The work budget decides, so one sheet gives the same findings on every run
 * and host; a tighter guard made a busy machine drop a tie finding that a quiet one made.
 */
export const LOCALIZE_MAX_MS = 1000;
const TOL = 1e-6;
const MAX_SETS = 64;

/** A sparse row: cell → coefficient, and Σ coef × cell = rhs. */
interface Row {
  terms: Map<number, number>;
  rhs: number;
  /** The cell a sum rule computes (its left side), -1 for others; with `rank`, how a formula is read. */
  target: number;
  /** Lower first: a tree sum (a parent's formula), then row sums in rule order. */
  rank: number;
}

class OutOfBudget extends Error {}

class Meter {
  work = 0;
  private readonly start = Date.now();
  constructor(
    private readonly budget: number,
    private readonly maxMs: number,
  ) {}
  add(n: number) {
    this.work += n;
    if (this.work > this.budget) throw new OutOfBudget();
    if ((this.work & 0x3ff) < n && Date.now() - this.start > this.maxMs) throw new OutOfBudget();
  }
}

const equalities = new WeakMap<Template, LinearRow[]>();

/** The active equalities (every cell readable and present), duplicate cells merged. */
function activeRows(table: LocatedTable): Row[] {
  const { value, flags } = table.data;
  const t = table.template;
  let all = equalities.get(t);
  if (!all) equalities.set(t, (all = linearRows(planOf(t).instances)));
  const order = planOf(t).ruleOrder;
  const out: Row[] = [];
  next: for (const r of all) {
    const terms = new Map<number, number>();
    for (const t of r.terms) {
      if (t.i < 0 || flags[t.i] & UNREADABLE || value[t.i] !== value[t.i]) continue next;
      terms.set(t.i, (terms.get(t.i) ?? 0) + t.coef);
    }
    for (const [i, c] of terms) if (Math.abs(c) < 1e-12) terms.delete(i);
    const sum = r.instance.type === "treeSum" || r.instance.type === "rowSum";
    const rank = r.instance.type === "treeSum" ? 0 : 1 + order.get(r.instance.rule.id)!;
    out.push({ terms, rhs: r.rhs, target: sum ? r.terms[0].i : -1, rank });
  }
  return out;
}

/**
 * Eliminates the formula cells: rows left bind typed cells only; pivots give each formula cell's
 * value. A formula cell is eliminated by the sum that computes it where there is one (a parent's
 * by its tree sum, a row's (1) by SUM_TOTAL: the blank template's formulas), so that its value
 * recomputed from a pivot is the formula's even when the other equalities do not hold.
 */
function eliminate(
  rows: Row[],
  formula: (i: number) => boolean,
  meter: Meter,
): { rest: Row[]; pivots: [number, Row][] } {
  const cols = new Set<number>();
  for (const r of rows) for (const i of r.terms.keys()) if (formula(i)) cols.add(i);
  const pivots: [number, Row][] = [];
  let live = rows;
  for (const f of [...cols].sort((a, b) => a - b)) {
    let best: Row | undefined;
    const better = (r: Row, b: Row) =>
      (r.target === f ? r.rank : Infinity) - (b.target === f ? b.rank : Infinity) || r.terms.size - b.terms.size;
    for (const r of live) if (r.terms.has(f) && (!best || better(r, best) < 0)) best = r;
    meter.add(live.length);
    if (!best) continue;
    const p = best.terms.get(f)!;
    const pivot: Row = { terms: new Map(), rhs: best.rhs / p, target: f, rank: best.rank };
    for (const [i, c] of best.terms) pivot.terms.set(i, c / p);
    live = live.filter((r) => r !== best);
    for (const r of [...live, ...pivots.map(([, q]) => q)]) {
      const c = r.terms.get(f);
      if (c === undefined) continue;
      for (const [i, pc] of pivot.terms) {
        const v = (r.terms.get(i) ?? 0) - c * pc;
        if (Math.abs(v) < 1e-12) r.terms.delete(i);
        else r.terms.set(i, v);
      }
      r.rhs -= c * pivot.rhs;
      meter.add(pivot.terms.size);
    }
    pivots.push([f, pivot]);
  }
  return { rest: live, pivots };
}

/** Σ coef × value − rhs. */
function residual(r: Row, values: Float64Array): number {
  let s = -r.rhs;
  for (const [i, c] of r.terms) s += c * values[i];
  return s;
}

const isWhole = (x: number) => Math.abs(x - Math.round(x)) < TOL;

/**
 * New values of the cells of `set` that clear every row touching them (each row: Σ coef × δ =
 * −residual), whole and ≥ 0; `unique` when the rows fix them. Undefined when there are none.
 */
function solve(
  set: number[],
  touching: Row[],
  res: Map<Row, number>,
  values: Float64Array,
  meter: Meter,
): { x: number[]; unique: boolean } | undefined {
  const k = set.length;
  const m = touching.map((r) => [...set.map((i) => r.terms.get(i) ?? 0), -res.get(r)!]);
  meter.add(m.length * (k + 1));
  // reduced row echelon form
  const pivotCols: number[] = [];
  let row = 0;
  for (let col = 0; col < k && row < m.length; col++) {
    let p = row;
    for (let r = row + 1; r < m.length; r++) if (Math.abs(m[r][col]) > Math.abs(m[p][col])) p = r;
    if (Math.abs(m[p][col]) < TOL) continue;
    [m[row], m[p]] = [m[p], m[row]];
    const d = m[row][col];
    for (let c = 0; c <= k; c++) m[row][c] /= d;
    for (let r = 0; r < m.length; r++) {
      if (r === row || Math.abs(m[r][col]) < 1e-12) continue;
      const f = m[r][col];
      for (let c = 0; c <= k; c++) m[r][c] -= f * m[row][c];
    }
    meter.add(m.length * (k + 1));
    pivotCols.push(col);
    row++;
  }
  for (let r = row; r < m.length; r++) if (Math.abs(m[r][k]) > TOL) return undefined; // inconsistent
  const free = [...Array(k).keys()].filter((c) => !pivotCols.includes(c));
  const at = (delta: number[]): number[] | undefined => {
    const x = set.map((i) => values[i]);
    for (const c of free) x[c] += delta[c];
    pivotCols.forEach((c, r) => {
      let d = m[r][k];
      for (const f of free) d -= m[r][f] * delta[f];
      x[c] += d;
    });
    return x.every((v) => v > -TOL && isWhole(v)) ? x.map(Math.round) : undefined;
  };
  if (free.length === 0) {
    const x = at([]);
    return x && { x, unique: true };
  }
  // Free cells: try their whole values from 0 up to a bound no solution needs to pass.
  const bound = Math.max(...set.map((i) => values[i]), 0) + touching.reduce((s, r) => s + Math.abs(res.get(r)!), 0);
  const delta = new Array<number>(k).fill(0);
  const tryFree = (n: number): number[] | undefined => {
    if (n === free.length) {
      meter.add(k);
      return at(delta);
    }
    const c = free[n];
    for (let v = 0; v <= bound; v++) {
      delta[c] = v - values[set[c]];
      const x = tryFree(n + 1);
      if (x) return x;
    }
    return undefined;
  };
  const x = tryFree(0);
  return x && { x, unique: false };
}

/**
 * The likely cause of the sheet's broken equalities: undefined when they all hold, when no set
 * of at most `maxCells` cells works, or when the search would pass its budget.
 */
export function localize(table: LocatedTable, opts: LocalizeOptions = {}): Localization | undefined {
  const { value, flags } = table.data;
  const meter = new Meter(opts.budget ?? LOCALIZE_BUDGET, opts.maxMs ?? LOCALIZE_MAX_MS);
  const maxCells = opts.maxCells ?? 3;
  try {
    let rows = activeRows(table);
    meter.add(rows.reduce((n, r) => n + r.terms.size, 0));
    // Nothing to explain unless an equality fails as the rules read it, nobody to blame without a typed cell.
    if (!rows.some((r) => Math.abs(residual(r, value)) > 1e-9)) return undefined;
    if (!rows.some((r) => [...r.terms.keys()].some((i) => (flags[i] & FORMULA) === 0))) return undefined;
    const { rest, pivots } = eliminate(rows, (i) => (flags[i] & FORMULA) !== 0, meter);
    rows = rest;
    const res = new Map<Row, number>();
    const violated: Row[] = [];
    for (const r of rows) {
      const d = residual(r, value);
      res.set(r, d);
      if (Math.abs(d) > TOL) {
        if (r.terms.size === 0) return undefined; // formula cells disagree among themselves
        violated.push(r);
      }
    }
    if (violated.length === 0) return undefined; // formulas alone, recomputed, clear it
    // branch on the smallest open row: a set must hit it as it must hit any (a group's rows,
    // the sum of its members' once the formulas are eliminated, are long)
    violated.sort((a, b) => a.terms.size - b.terms.size);
    const rowsOf = new Map<number, Row[]>();
    for (const r of rows)
      for (const i of r.terms.keys()) {
        let l = rowsOf.get(i);
        if (!l) rowsOf.set(i, (l = []));
        l.push(r);
      }
    meter.add(rows.length);

    for (let k = 1; k <= maxCells; k++) {
      const found = new Map<string, { set: number[]; x: number[]; unique: boolean }>();
      const tried = new Set<string>();
      const visit = (set: number[]) => {
        meter.add(4 * k);
        const sorted = [...set].sort((a, b) => a - b);
        const key = sorted.join(",");
        if (tried.has(key)) return;
        tried.add(key);
        const touching = [...new Set(sorted.flatMap((i) => rowsOf.get(i)!))];
        meter.add(touching.length);
        const s = solve(sorted, touching, res, value, meter);
        if (s) found.set(key, { set: sorted, ...s });
      };
      const grow = (set: number[]) => {
        if (found.size >= MAX_SETS) return;
        meter.add(violated.length);
        const open = violated.find((r) => !set.some((i) => r.terms.has(i)));
        if (set.length === k) {
          if (!open) visit(set);
          return;
        }
        // an open row must hold a cell of the set; once none is open, a cell sharing a row may compensate
        const pool = open
          ? [...open.terms.keys()]
          : [...new Set(set.flatMap((i) => rowsOf.get(i)!.flatMap((r) => [...r.terms.keys()])))];
        for (const i of pool) if (!set.includes(i)) grow([...set, i]);
      };
      grow([]);
      if (found.size === 0) continue;
      const sets = [...found.values()];
      if (sets.length > 1) return { sets: sets.map((s) => s.set), work: meter.work };
      const [only] = sets;
      const changed = (cells: readonly number[] = only.set) => {
        const out = Float64Array.from(value);
        only.set.forEach((i, n) => {
          if (cells.includes(i)) out[i] = only.x[n];
        });
        recompute(out, pivots);
        return out;
      };
      return {
        sets: [only.set],
        changed,
        suggested: only.set.map((_, n) => (only.unique ? only.x[n] : undefined)),
        work: meter.work,
      };
    }
    return undefined;
  } catch (e) {
    if (e instanceof OutOfBudget) return undefined;
    throw e;
  }
}

/** Each formula cell's value from its pivot row (Gauss–Jordan: the row names no other formula cell). */
function recompute(values: Float64Array, pivots: [number, Row][]): void {
  for (const [f, p] of pivots) {
    let s = p.rhs;
    for (const [i, c] of p.terms) if (i !== f) s -= c * values[i];
    values[f] = s;
  }
}
