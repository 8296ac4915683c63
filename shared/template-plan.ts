/**
 * What checking a sheet needs of a template, worked out once per template instead of once per
 * sheet: the count columns as array indexes, and every rule's instances (rules.ts): the cells
 * each reads, by template row × count column index.
 *
 * A located table holds its count cells in arrays (`TableData`, indexed by template row ×
 * count column); the checker evaluates the instances on those numbers and only builds the
 * cells, addresses and message of a finding when one fails.
 */
import type { ValueIssue } from "./cell";
import type { RuleDef } from "./definition/schema";
import { ruleInstances, type RuleInstance } from "./rules";
import type { Template } from "./template";
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
/** The cell holds a formula that recomputes from other cells (`recomputes` in cell.ts): never a likely cause. */
export const FORMULA = 128;

type Rule<T extends RuleDef["type"]> = Extract<RuleDef, { type: T }>;

export interface TemplatePlan {
  /** count column key → index in `template.countKeys` */
  keyIndex: Map<string, number>;
  /** The value rules, each with the flag bit of its issue. */
  valueRules: { rule: Rule<"value">; bit: number }[];
  /** Every instance of the template's other value rules (see rules.ts), in rule order. */
  instances: RuleInstance[];
  /** rule id → its index in the definition (findings are sorted by it) */
  ruleOrder: Map<string, number>;
  /** Each attribute's folded labels, in definition order. */
  attributeLabels: Set<string>[];
  /** A row of `Values`: every count column, in order, at 0 (copied, so that every row has one shape). */
  zeroRow: Record<string, number>;
}

export function makePlan(t: Template): TemplatePlan {
  const keyIndex = new Map(t.countKeys.map((k, i) => [k, i]));
  return {
    keyIndex,
    valueRules: t.def.rules.flatMap((rule) => (rule.type === "value" ? [{ rule, bit: ISSUE_BITS[rule.issue] }] : [])),
    instances: t.def.rules.flatMap((r) => ruleInstances(t, keyIndex, r)),
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
