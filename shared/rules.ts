/**
 * What each kind of value rule checks, defined once. A template's rule expands into instances
 * (`ruleInstances`, done once per template: see template-plan.ts), each naming the count cells it
 * reads by template row × count column index; `evaluate` decides whether an instance holds on any
 * `CellValues`: the table's own (the checker) or hypothetical ones. The checker builds a finding
 * from what `evaluate` returns, never by evaluating again.
 */
import type { CmpOp, RuleDef } from "./definition/schema";
import { selectColumns, type Template } from "./template";

/**
 * The values of a template's count cells, at `ri × countKeys.length + ki` (as `TableData.value`);
 * NaN where a cell has none and takes no part (unreadable, or not in the table).
 */
export type CellValues = Float64Array;

/** coef × the cell at template row `ri`, count column `ki`; `i`: its index in `CellValues` (-1: no such cell). */
export interface CellRef {
  ri: number;
  ki: number;
  i: number;
  coef: number;
}

/** A CellRef of a template with `nk` count columns (row or column -1: a row or column it has not). */
export function cellRef(nk: number, ri: number, ki: number, coef = 1): CellRef {
  return { ri, ki, i: ri < 0 || ki < 0 ? -1 : ri * nk + ki, coef };
}

/** Σ left OP (Σ right + const) × num / den, rounded up when `ceil` (schema `Comparison`, resolved to cells). */
export interface Check {
  left: CellRef[];
  right: CellRef[];
  op: CmpOp;
  const: number;
  num: number;
  den: number;
  ceil: boolean;
}

/** The values a comparison failed on: Σ left, Σ right (without const), and what Σ left was compared with. */
export interface Mismatch {
  left: number;
  right: number;
  scaled: number;
}

type Rule<T extends RuleDef["type"]> = Extract<RuleDef, { type: T }>;

/** One place a rule is checked: a row (rowSum, zero), a row and column (treeSum), a column (compare). */
export type RuleInstance =
  /** rowSum, treeSum: left = Σ right, in row `ri`, column `ki`. */
  | { type: "rowSum" | "treeSum"; rule: Rule<"rowSum"> | Rule<"treeSum">; ri: number; ki: number; check: Check }
  /** zero: every readable cell of `cells` (row `ri`) is 0; `keys`: the columns the rule selects. */
  | { type: "zero"; rule: Rule<"zero">; ri: number; cells: CellRef[]; keys: string[] }
  /** compare, in count column `ki`: when every condition holds, every assertion must. */
  | {
      type: "compare";
      rule: Rule<"compare">;
      ki: number;
      when: ({ attr: string; in: string[] } | { cmp: Check })[];
      assert: Check[];
      /** Row blamed (-1: the first left-hand row of the failing assertion). */
      blame: number;
    };

/** Why an instance fails: its failing check (compare: the first, by index) or the zero rule's first non-zero cell. */
export type Failure =
  | { type: "rowSum" | "treeSum"; instance: Extract<RuleInstance, { type: "rowSum" | "treeSum" }>; mismatch: Mismatch }
  | { type: "zero"; instance: Extract<RuleInstance, { type: "zero" }>; bad: number }
  | { type: "compare"; instance: Extract<RuleInstance, { type: "compare" }>; failing: number; mismatch: Mismatch };

const EPS = 1e-9;

function cmp(op: CmpOp, l: number, r: number): boolean {
  switch (op) {
    case "eq":
      return Math.abs(l - r) <= EPS;
    case "le":
      return l <= r + EPS;
    case "ge":
      return l >= r - EPS;
    case "lt":
      return l < r - EPS;
    case "gt":
      return l > r + EPS;
  }
}

function sum(refs: CellRef[], values: CellValues): number | undefined {
  let s = 0;
  for (const r of refs) {
    if (r.i < 0) return undefined;
    const v = values[r.i];
    if (v !== v) return undefined; // NaN: no value
    s += v * r.coef;
  }
  return s;
}

/**
 * A comparison on these values: true when it holds, the values it fails on when it does not,
 * undefined when it cannot be made (a cell is unreadable or absent).
 */
export function evalCheck(c: Check, values: CellValues): true | Mismatch | undefined {
  const left = sum(c.left, values);
  if (left === undefined) return undefined;
  const right = sum(c.right, values);
  if (right === undefined) return undefined;
  const base = right + c.const;
  const scaled = c.ceil ? Math.ceil((base * c.num) / c.den - EPS) : (base * c.num) / c.den;
  return cmp(c.op, left, scaled) || { left, right, scaled };
}

/**
 * Whether the instance fails on these values (undefined: it holds, or cannot be checked).
 * `attrs`: the table's attributes; `columnFound`: whether the table has a count column.
 */
export function evaluate(
  inst: RuleInstance,
  values: CellValues,
  attrs: ReadonlyMap<string, string | null>,
  columnFound: (ki: number) => boolean,
): Failure | undefined {
  switch (inst.type) {
    case "rowSum":
    case "treeSum": {
      const r = evalCheck(inst.check, values);
      return r === undefined || r === true ? undefined : { type: inst.type, instance: inst, mismatch: r };
    }
    case "zero": {
      for (let bad = 0; bad < inst.cells.length; bad++) {
        const v = values[inst.cells[bad].i];
        if (v === v && v !== 0) return { type: "zero", instance: inst, bad }; // exactly 0: no tolerance
      }
      return undefined;
    }
    case "compare": {
      if (!columnFound(inst.ki)) return undefined;
      for (const w of inst.when) {
        if ("attr" in w) {
          const v = attrs.get(w.attr);
          if (!v || !w.in.includes(v)) return undefined;
        } else if (evalCheck(w.cmp, values) !== true) return undefined;
      }
      let failure: Failure | undefined;
      for (let n = 0; n < inst.assert.length; n++) {
        const r = evalCheck(inst.assert[n], values);
        if (r === undefined) return undefined; // every assertion must be checkable
        if (r !== true) failure ??= { type: "compare", instance: inst, failing: n, mismatch: r };
      }
      return failure;
    }
  }
}

/** A Check, always of one shape (evaluated in the hot loop of every sheet). */
function check(
  left: CellRef[],
  right: CellRef[],
  op: CmpOp,
  k: number,
  num: number,
  den: number,
  ceil: boolean,
): Check {
  return { left, right, op, const: k, num, den, ceil };
}

/**
 * The instances of a rule on a template, in the order its findings are made. An instance that
 * names a column that is not a count column can never be checked and is left out.
 */
export function ruleInstances(t: Template, keyIndex: ReadonlyMap<string, number>, rule: RuleDef): RuleInstance[] {
  const ki = (key: string) => keyIndex.get(key) ?? -1;
  const nk = t.countKeys.length;
  const out: RuleInstance[] = [];
  const sumCheck = (left: CellRef, right: CellRef[]) => check([left], right, "eq", 0, 1, 1, false);
  switch (rule.type) {
    case "rowSum": {
      const target = ki(rule.target);
      const terms = selectColumns(t, rule.terms).map(ki);
      if (target < 0 || terms.some((k) => k < 0)) break;
      t.rows.forEach((_, ri) => {
        const check = sumCheck(
          cellRef(nk, ri, target),
          terms.map((k) => cellRef(nk, ri, k)),
        );
        out.push({ type: "rowSum", rule, ri, ki: target, check });
      });
      break;
    }
    case "treeSum":
      t.rows.forEach((def, ri) => {
        const kids = t.children.get(def.code)?.map((k) => t.rowOrder.get(k)!);
        if (!kids || !rule.parentKinds.includes(def.kind)) return;
        t.countKeys.forEach((_, k) => {
          const check = sumCheck(
            cellRef(nk, ri, k),
            kids.map((kid) => cellRef(nk, kid, k)),
          );
          out.push({ type: "treeSum", rule, ri, ki: k, check });
        });
      });
      break;
    case "zero": {
      const keys = selectColumns(t, rule.columns);
      t.rows.forEach((def, ri) => {
        if (!rule.rowKinds.includes(def.kind)) return;
        const cells = keys.map(ki).flatMap((k) => (k < 0 ? [] : [cellRef(nk, ri, k)]));
        out.push({ type: "zero", rule, ri, cells, keys });
      });
      break;
    }
    case "compare":
      for (const key of selectColumns(t, rule.columns, rule.years)) {
        const k = ki(key);
        // in a column that is not a count one, a term without a column reads nothing: never checked
        if (k < 0) continue;
        const resolve = (c: Rule<"compare">["assert"][number]): Check => {
          const ref = (tm: { row?: string; col?: string; coef: number }) =>
            cellRef(
              nk,
              tm.row === undefined ? -1 : (t.rowOrder.get(tm.row) ?? -1),
              tm.col === undefined ? k : ki(tm.col),
              tm.coef,
            );
          return check(c.left.map(ref), c.right.map(ref), c.op, c.const, c.num, c.den, c.ceil);
        };
        out.push({
          type: "compare",
          rule,
          ki: k,
          when: rule.when.map((w) => ("attr" in w ? w : { cmp: resolve(w.cmp) })),
          assert: rule.assert.map(resolve),
          blame: rule.blame === undefined ? -1 : (t.rowOrder.get(rule.blame) ?? -1),
        });
      }
      break;
    default:
      break; // value, layout and merge rules are not comparisons of values
  }
  return out;
}

/** Σ coef × cell = rhs: an equality over count cells (a cell may appear in more than one term). */
export interface LinearRow {
  instance: RuleInstance;
  terms: CellRef[];
  rhs: number;
}

/**
 * The equalities among instances, as linear rows: rowSum and treeSum (left − Σ right = 0), zero
 * (cell = 0, one row per cell) and compare assertions `eq` without rounding and without conditions.
 * `evaluate` reads them as the rules do: within 1e-9, but a zero rule's cell exactly.
 */
export function linearRows(instances: readonly RuleInstance[]): LinearRow[] {
  const out: LinearRow[] = [];
  // Σ left = (Σ right + const) × num / den, as Σ left − Σ right × num / den = const × num / den
  const row = (instance: RuleInstance, c: Check) =>
    out.push({
      instance,
      terms: [...c.left, ...c.right.map((r) => ({ ...r, coef: (-r.coef * c.num) / c.den }))],
      rhs: (c.const * c.num) / c.den,
    });
  for (const inst of instances) {
    if (inst.type === "rowSum" || inst.type === "treeSum") row(inst, inst.check);
    else if (inst.type === "zero") for (const c of inst.cells) out.push({ instance: inst, terms: [c], rhs: 0 });
    else if (inst.type === "compare" && inst.when.length === 0)
      for (const a of inst.assert) if (a.op === "eq" && !a.ceil) row(inst, a);
  }
  return out;
}
