/**
 * What checking a sheet needs of a template, worked out once per template instead of once per
 * sheet: the count columns and rows as array indexes, and for every rule the cells it reads as
 * index lists (its columns selected, its parent and child rows, the rows of its kinds).
 *
 * A located table holds its count cells in arrays (`TableData`, indexed by template row ×
 * count column); the checker evaluates a rule on those numbers and only builds the cells,
 * addresses and message of a finding when the rule fails.
 */
import type { ValueIssue } from "./cell";
import type { CmpOp, RuleDef } from "./definition/schema";
import { selectColumns, type Template } from "./template";
import { fold } from "./text";

/** Flag bits of a count cell: its value issues, and whether it has no value or is not in the table. */
export const ISSUE_BITS: Readonly<Record<ValueIssue, number>> = {
  not_number: 1,
  as_text: 2,
  negative: 4,
  not_integer: 8,
  formula_error: 16,
};
/** The cell cannot be read as a number (`TableCell.value` is null). */
export const NO_VALUE = 32;
/** The cell is not in the table: its row or its column was not found. */
export const ABSENT = 64;
/** Either: the cell takes no part in a sum or a comparison. */
export const UNREADABLE = NO_VALUE | ABSENT;

/** A term of a comparison: template row index (-1: none), count column index (-1: none), coefficient. */
export interface TermPlan {
  ri: number;
  /** CONTEXT: the column the rule is being checked in. */
  ki: number;
  coef: number;
}
export const CONTEXT = -2;

export interface ComparisonPlan {
  left: TermPlan[];
  right: TermPlan[];
  op: CmpOp;
  const: number;
  num: number;
  den: number;
  ceil: boolean;
}

type Rule<T extends RuleDef["type"]> = Extract<RuleDef, { type: T }>;

export type RulePlan =
  | { type: "value"; rule: Rule<"value">; bit: number }
  | { type: "rowSum"; rule: Rule<"rowSum">; terms: string[]; targetIndex: number; termIndexes: number[] }
  | { type: "treeSum"; rule: Rule<"treeSum">; parents: { ri: number; kids: number[] }[] }
  | { type: "zero"; rule: Rule<"zero">; keys: string[]; keyIndexes: number[]; rows: number[] }
  | {
      type: "compare";
      rule: Rule<"compare">;
      keys: { key: string; ki: number }[];
      /** Conditions in order: an attribute test, or a comparison. */
      when: ({ attr: string; in: string[] } | { cmp: ComparisonPlan })[];
      assert: ComparisonPlan[];
    }
  | { type: "none" };

export interface TemplatePlan {
  /** count column key → index in `template.countKeys` */
  keyIndex: Map<string, number>;
  rules: RulePlan[];
  /** rule id → its index in the definition (findings are sorted by it) */
  ruleOrder: Map<string, number>;
  /** Each attribute's folded labels, in definition order. */
  attributeLabels: Set<string>[];
  /** A row of `Values`: every count column, in order, at 0 (copied, so that every row has one shape). */
  zeroRow: Record<string, number>;
}

function comparisonPlan(
  t: Template,
  keyIndex: Map<string, number>,
  c: Rule<"compare">["assert"][number],
): ComparisonPlan {
  const term = (tm: { row?: string; col?: string; coef: number }): TermPlan => ({
    ri: tm.row === undefined ? -1 : (t.rowOrder.get(tm.row) ?? -1),
    ki: tm.col === undefined ? CONTEXT : (keyIndex.get(tm.col) ?? -1),
    coef: tm.coef,
  });
  return {
    left: c.left.map(term),
    right: c.right.map(term),
    op: c.op,
    const: c.const,
    num: c.num,
    den: c.den,
    ceil: c.ceil,
  };
}

function rulePlan(t: Template, keyIndex: Map<string, number>, rule: RuleDef): RulePlan {
  const ki = (key: string) => keyIndex.get(key) ?? -1;
  switch (rule.type) {
    case "value":
      return { type: "value", rule, bit: ISSUE_BITS[rule.issue] };
    case "rowSum": {
      const terms = selectColumns(t, rule.terms);
      return { type: "rowSum", rule, terms, targetIndex: ki(rule.target), termIndexes: terms.map(ki) };
    }
    case "treeSum": {
      const parents: { ri: number; kids: number[] }[] = [];
      t.rows.forEach((def, ri) => {
        const kids = t.children.get(def.code);
        if (rule.parentKinds.includes(def.kind) && kids)
          parents.push({ ri, kids: kids.map((k) => t.rowOrder.get(k)!) });
      });
      return { type: "treeSum", rule, parents };
    }
    case "zero": {
      const keys = selectColumns(t, rule.columns);
      const rows: number[] = [];
      t.rows.forEach((def, ri) => {
        if (rule.rowKinds.includes(def.kind)) rows.push(ri);
      });
      return { type: "zero", rule, keys, keyIndexes: keys.map(ki), rows };
    }
    case "compare":
      return {
        type: "compare",
        rule,
        keys: selectColumns(t, rule.columns, rule.years).map((key) => ({ key, ki: ki(key) })),
        when: rule.when.map((w) =>
          "attr" in w ? { attr: w.attr, in: w.in } : { cmp: comparisonPlan(t, keyIndex, w.cmp) },
        ),
        assert: rule.assert.map((a) => comparisonPlan(t, keyIndex, a)),
      };
    default:
      return { type: "none" }; // layout and merge rules are raised where they happen
  }
}

export function makePlan(t: Template): TemplatePlan {
  const keyIndex = new Map(t.countKeys.map((k, i) => [k, i]));
  return {
    keyIndex,
    rules: t.def.rules.map((r) => rulePlan(t, keyIndex, r)),
    ruleOrder: new Map(t.def.rules.map((r, i) => [r.id, i])),
    attributeLabels: t.def.attributes.map((a) => new Set(a.labels.map(fold))),
    zeroRow: Object.fromEntries(t.countKeys.map((k) => [k, 0])),
  };
}

const plans = new WeakMap<Template, TemplatePlan>();

/** The template's plan, made on first use. */
export function planOf(t: Template): TemplatePlan {
  let p = plans.get(t);
  if (!p) plans.set(t, (p = makePlan(t)));
  return p;
}
