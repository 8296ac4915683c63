/**
 * What each kind of value rule checks, defined once. A template's rule expands into instances
 * (`ruleInstances`, done once per template: see template-plan.ts), each naming the count cells it
 * reads by template row × count column index; `evaluate` decides whether an instance holds on any
 * values given by a `ValueOf`: the table's own (the checker) or hypothetical ones. The checker
 * builds a finding from what `evaluate` returns, never by evaluating again.
 */
import type { CmpOp, RuleDef } from "./definition/schema";
import { selectColumns, type Template } from "./template";

/** A count cell's value, by template row and count column index; null: it takes no part (unreadable or absent). */
export type ValueOf = (ri: number, ki: number) => number | null;

/** coef × the cell at template row `ri`, count column `ki` (-1: a row or column the template has not). */
export interface CellRef {
  ri: number;
  ki: number;
  coef: number;
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

export interface CheckResult {
  ok: boolean;
  /** Σ left, Σ right (without const), and what Σ left is compared with. */
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

/** Why an instance fails: the failing check (compare: its index) or the zero rule's first non-zero cell. */
export type Failure =
  | { type: "rowSum" | "treeSum"; instance: Extract<RuleInstance, { type: "rowSum" | "treeSum" }>; result: CheckResult }
  | { type: "zero"; instance: Extract<RuleInstance, { type: "zero" }>; bad: number }
  | {
      type: "compare";
      instance: Extract<RuleInstance, { type: "compare" }>;
      failing: number;
      results: CheckResult[];
    };

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

function sum(refs: CellRef[], value: ValueOf): number | undefined {
  let s = 0;
  for (const r of refs) {
    const v = value(r.ri, r.ki);
    if (v === null) return undefined;
    s += v * r.coef;
  }
  return s;
}

/** undefined: a cell is unreadable or absent, so the comparison cannot be made. */
export function evalCheck(c: Check, value: ValueOf): CheckResult | undefined {
  const left = sum(c.left, value);
  if (left === undefined) return undefined;
  const right = sum(c.right, value);
  if (right === undefined) return undefined;
  const base = right + c.const;
  const scaled = c.ceil ? Math.ceil((base * c.num) / c.den - EPS) : (base * c.num) / c.den;
  return { ok: cmp(c.op, left, scaled), left, right, scaled };
}

/**
 * Whether the instance fails on these values (undefined: it holds, or cannot be checked).
 * `attrs`: the table's attributes; `columnFound`: whether the table has a count column.
 */
export function evaluate(
  inst: RuleInstance,
  value: ValueOf,
  attrs: ReadonlyMap<string, string | null>,
  columnFound: (ki: number) => boolean,
): Failure | undefined {
  switch (inst.type) {
    case "rowSum":
    case "treeSum": {
      const result = evalCheck(inst.check, value);
      return result && !result.ok ? { type: inst.type, instance: inst, result } : undefined;
    }
    case "zero": {
      // exactly 0: no tolerance
      const bad = inst.cells.findIndex((c) => {
        const v = value(c.ri, c.ki);
        return v !== null && v !== 0;
      });
      return bad < 0 ? undefined : { type: "zero", instance: inst, bad };
    }
    case "compare": {
      if (!columnFound(inst.ki)) return undefined;
      for (const w of inst.when) {
        if ("attr" in w) {
          const v = attrs.get(w.attr);
          if (!v || !w.in.includes(v)) return undefined;
        } else if (!evalCheck(w.cmp, value)?.ok) return undefined;
      }
      const results: CheckResult[] = [];
      for (const a of inst.assert) {
        const r = evalCheck(a, value);
        if (!r) return undefined;
        results.push(r);
      }
      const failing = results.findIndex((r) => !r.ok);
      return failing < 0 ? undefined : { type: "compare", instance: inst, failing, results };
    }
  }
}

/**
 * The instances of a rule on a template, in the order its findings are made. An instance that
 * names a column that is not a count column can never be checked and is left out.
 */
export function ruleInstances(t: Template, keyIndex: ReadonlyMap<string, number>, rule: RuleDef): RuleInstance[] {
  const ki = (key: string) => keyIndex.get(key) ?? -1;
  const out: RuleInstance[] = [];
  const sumCheck = (left: CellRef, right: CellRef[]): Check => ({
    left: [left],
    right,
    op: "eq",
    const: 0,
    num: 1,
    den: 1,
    ceil: false,
  });
  switch (rule.type) {
    case "rowSum": {
      const target = ki(rule.target);
      const terms = selectColumns(t, rule.terms).map(ki);
      if (target < 0 || terms.some((k) => k < 0)) break;
      t.rows.forEach((_, ri) => {
        const check = sumCheck(
          { ri, ki: target, coef: 1 },
          terms.map((k) => ({ ri, ki: k, coef: 1 })),
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
            { ri, ki: k, coef: 1 },
            kids.map((kid) => ({ ri: kid, ki: k, coef: 1 })),
          );
          out.push({ type: "treeSum", rule, ri, ki: k, check });
        });
      });
      break;
    case "zero": {
      const keys = selectColumns(t, rule.columns);
      t.rows.forEach((def, ri) => {
        if (!rule.rowKinds.includes(def.kind)) return;
        const cells = keys.map(ki).flatMap((k) => (k < 0 ? [] : [{ ri, ki: k, coef: 1 }]));
        out.push({ type: "zero", rule, ri, cells, keys });
      });
      break;
    }
    case "compare":
      for (const key of selectColumns(t, rule.columns, rule.years)) {
        const k = ki(key);
        // a term without a column reads this one: in a column that is not a count, none can be read
        if (k < 0) continue;
        const check = (c: Rule<"compare">["assert"][number]): Check => {
          const ref = (tm: { row?: string; col?: string; coef: number }): CellRef => ({
            ri: tm.row === undefined ? -1 : (t.rowOrder.get(tm.row) ?? -1),
            ki: tm.col === undefined ? k : ki(tm.col),
            coef: tm.coef,
          });
          return { ...c, left: c.left.map(ref), right: c.right.map(ref) };
        };
        out.push({
          type: "compare",
          rule,
          ki: k,
          when: rule.when.map((w) => ("attr" in w ? w : { cmp: check(w.cmp) })),
          assert: rule.assert.map(check),
          blame: rule.blame === undefined ? -1 : (t.rowOrder.get(rule.blame) ?? -1),
        });
      }
      break;
    default:
      break; // value, layout and merge rules are not comparisons of values
  }
  return out;
}

/** Σ coef × cell = rhs: an equality over count cells. */
export interface LinearRow {
  instance: RuleInstance;
  terms: CellRef[];
  rhs: number;
}

/**
 * The equalities among instances, as linear rows: rowSum and treeSum (left − Σ right = 0), zero
 * (cell = 0, one row per cell) and compare assertions `eq` without rounding and without conditions.
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
