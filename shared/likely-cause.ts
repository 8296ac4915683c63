/**
 * Likely-cause findings (spec §3b): the smallest set of cells that localize.ts finds becomes one
 * CELL_LIKELY_WRONG finding per cell (or one finding listing tied candidates), and each rule
 * finding the change clears gains `explainedBy` (and a `hint` when it is on another cell). The
 * rule findings' other fields are left as §3 makes them.
 */
import { address, parseAddress } from "./address";
import type { RuleDef, Text } from "./definition/schema";
import { type Finding, LIKELY_CAUSE, makeFinding, renderText, type Vars } from "./finding";
import { localize, type LocalizeOptions } from "./localize";
import type { LocatedTable } from "./locate";
import { evaluate, type Failure, type RuleInstance } from "./rules";
import { planOf } from "./template-plan";

type LocalizeRule = Extract<RuleDef, { type: "localize" }>;

/** A row label short enough for a message: "Bằng khen của Bộ trưởng…". */
export function shortLabel(label: string, max = 24): string {
  if (label.length <= max + 4) return label;
  const cut = label.lastIndexOf(" ", max);
  return `${label.slice(0, cut > 0 ? cut : max).replace(/[,;:–-]\s*$/, "")}…`;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);

/** Where a count cell is, in words: its row code, short label and column name. */
function place(table: LocatedTable, i: number): Vars {
  const t = table.template;
  const nk = t.countKeys.length;
  const row = t.rows[Math.floor(i / nk)];
  const name: Text = t.column.get(t.countKeys[i % nk])!.name;
  return {
    cell: cellAddress(table, i),
    row: row.code,
    rowLabel: { vi: shortLabel(row.label), en: shortLabel(row.labelEn) },
    column: { vi: lowerFirst(name.vi), en: lowerFirst(name.en) },
  };
}

function cellAddress(table: LocatedTable, i: number): string {
  const nk = table.template.countKeys.length;
  return address(table.data.rowAt[Math.floor(i / nk)], table.data.colAt[i % nk]);
}

function bySheetOrder(a: string, b: string): number {
  const p = parseAddress(a)!;
  const q = parseAddress(b)!;
  return p.row - q.row || p.col - q.col;
}

/**
 * The likely-cause findings of a checked table. `failed` are the failures the checker reported
 * and `ruleFindings[n]` the finding it made of `failed[n]`; the explained ones gain `explainedBy`
 * (and `hint`, `hintEn`) in place. Empty when the template defines no CELL_LIKELY_WRONG rule, when
 * the equalities hold, or when no set of at most 3 cells explains them within the budget.
 */
export function likelyCauses(
  table: LocatedTable,
  failed: readonly Failure[],
  ruleFindings: readonly Finding[],
  opts?: LocalizeOptions,
): Finding[] {
  const rule = table.template.def.rules.find((r): r is LocalizeRule => r.type === "localize");
  if (!rule) return [];
  const loc = localize(table, opts);
  if (!loc) return [];
  const sheet = table.sheet;
  const t = table.template;
  const nk = t.countKeys.length;
  if (loc.sets.length > 1) {
    const cells = [...new Set(loc.sets.flat())].map((i) => cellAddress(table, i)).sort(bySheetOrder);
    const rows = new Set(loc.sets.flat().map((i) => t.rows[Math.floor(i / nk)].code));
    const f = makeFinding(
      { ...rule, message: rule.alternatives },
      { sheet, cells, row: rows.size === 1 ? [...rows][0] : null },
      { size: loc.sets[0].length, cells: cells.join(", ") },
    );
    return [{ ...f, alternatives: true }];
  }
  const set = loc.sets[0];
  const changed = loc.changed!;
  // the instances that fail on these values (as check.ts's `failures`)
  const columnFound = (ki: number) => table.data.colAt[ki] >= 0;
  const stillFailing = (values: Float64Array) =>
    new Set<RuleInstance>(
      planOf(t).instances.filter((inst) => evaluate(inst, values, table.attrs, columnFound) !== undefined),
    );
  const after = stillFailing(changed());
  // a cleared finding is explained by each cell without whose change it would still fail
  const without = set.map((i) => stillFailing(changed(set.filter((j) => j !== i))));
  const addrs = set.map((i) => cellAddress(table, i));
  const explains = set.map(() => 0);
  failed.forEach((f, n) => {
    if (after.has(f.instance)) return;
    let by = set.flatMap((_, k) => (without[k].has(f.instance) ? [k] : []));
    if (by.length === 0) by = set.map((_, k) => k);
    for (const k of by) explains[k]++;
    const finding = ruleFindings[n];
    finding.explainedBy = by.map((k) => addrs[k]);
    if (!addrs.includes(finding.cells[0])) {
      const hint = renderText(rule.hint, { cells: finding.explainedBy.join(", ") });
      finding.hint = hint.vi;
      finding.hintEn = hint.en;
    }
  });
  return set
    .map((i, k) => {
      const suggested = loc.suggested![k];
      const vars: Vars = { ...place(table, i), value: table.data.value[i], explains: explains[k] };
      const def = suggested === undefined ? { ...rule, message: rule.unsure } : rule;
      if (suggested !== undefined) vars.suggested = suggested;
      const f: Finding = makeFinding(
        def,
        { sheet, cells: [addrs[k]], row: t.rows[Math.floor(i / nk)].code, column: t.countKeys[i % nk] },
        vars,
      );
      f.value = table.data.value[i];
      if (suggested !== undefined) f.suggested = suggested;
      f.explains = explains[k];
      return f;
    })
    .sort((a, b) => bySheetOrder(a.cells[0], b.cells[0]));
}

/**
 * Findings in the order a clerk reads them (spec §3b): each likely cause followed by the findings
 * it explains, then the rest, each part in the order given. For hosts that list findings.
 */
export function causeOrder(findings: readonly Finding[]): { cause?: Finding; findings: Finding[] }[] {
  const causes = findings.filter((f) => f.rule === LIKELY_CAUSE);
  const placed = new Set<Finding>(causes);
  const groups = causes.map((cause) => {
    const under = findings.filter(
      (f) => !placed.has(f) && f.explainedBy !== undefined && f.explainedBy.includes(cause.cells[0]),
    );
    for (const f of under) placed.add(f);
    return { cause, findings: under };
  });
  const rest = findings.filter((f) => !placed.has(f));
  return rest.length ? [...groups, { findings: rest }] : groups;
}
