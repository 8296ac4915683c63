/**
 * The rule engine: evaluates a template's declared rules over a located table.
 * Every rule is checked on its own; a cell that cannot be read as a number is reported once
 * (VALUE_*) and every sum or quota that involves it is skipped (spec §3). What each rule checks
 * is defined in rules.ts; here a failing instance becomes a finding.
 */
import { address, parseAddress } from "./address";
import { isNotCalculated } from "./cell";
import type { RuleDef, Text } from "./definition/schema";
import { type Finding, makeFinding, type Vars } from "./finding";
import { likelyCauses } from "./likely-cause";
import type { LocatedTable } from "./locate";
import { type CellRef, cellRef, type CellValues, evaluate, type Failure, linearRows, type LinearRow } from "./rules";
import type { Template } from "./template";
import { ABSENT, planOf } from "./template-plan";

export type { CellRef, CellValues, Check, Failure, LinearRow, Mismatch, RuleInstance } from "./rules";
export { cellRef, evalCheck, evaluate } from "./rules";

/**
 * The rule instances that fail on these values, in rule order: by default the table's own
 * (`table.data.value`), what the checker reports; or what it would report were the table's count
 * cells these values (a changed copy of `table.data.value`).
 */
export function failures(table: LocatedTable, values: CellValues = table.data.value): Failure[] {
  const { colAt } = table.data;
  const columnFound = (ki: number) => colAt[ki] >= 0;
  const out: Failure[] = [];
  for (const inst of planOf(table.template).instances) {
    const f = evaluate(inst, values, table.attrs, columnFound);
    if (f) out.push(f);
  }
  return out;
}

/** The template's equality rules as linear rows over its count cells (see `linearRows`). */
export function equalityRows(t: Template): LinearRow[] {
  return linearRows(planOf(t).instances);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Builds findings from failures, with the table's addresses and the values they were found on. */
class Findings {
  readonly out: Finding[] = [];
  private readonly t: Template;
  private readonly nk: number;
  constructor(
    readonly table: LocatedTable,
    readonly values: CellValues,
  ) {
    this.t = table.template;
    this.nk = this.t.countKeys.length;
  }

  /** Whether the cell is in the table (its row and column found), readable or not. */
  private present(c: CellRef): boolean {
    return c.ri >= 0 && c.ki >= 0 && (this.table.data.flags[c.ri * this.nk + c.ki] & ABSENT) === 0;
  }

  private addr(c: CellRef): string {
    return address(this.table.data.rowAt[c.ri], this.table.data.colAt[c.ki]);
  }

  /** "E12 + F12 = 7", or the constant alone when there are no cells. */
  private show(cells: CellRef[], sum: number, constant = 0): string {
    if (cells.length === 0) return String(constant);
    return `${cells.map((c) => this.addr(c)).join(" + ")} = ${fmt(sum + constant)}`;
  }

  private code(ri: number): string {
    return this.t.rows[ri].code;
  }

  private rowLabel(ri: number): Text {
    const r = this.t.rows[ri];
    return { vi: r.label, en: r.labelEn };
  }

  private colName(ki: number): Text {
    return this.t.column.get(this.t.countKeys[ki])!.name;
  }

  private emit(rule: RuleDef, cells: CellRef[], ri: number, column: string, vars: Vars) {
    const where = { sheet: this.table.sheet, cells: cells.map((c) => this.addr(c)), row: this.code(ri), column };
    this.out.push(makeFinding(rule, where, vars));
  }

  add(f: Failure) {
    switch (f.type) {
      case "rowSum":
      case "treeSum": {
        const { instance: i, mismatch: m } = f;
        const { left, right } = i.check;
        const vars: Vars = {
          lhs: this.show(left, m.left),
          rhs: this.show(right, m.right),
          row: this.code(i.ri),
          rowLabel: this.rowLabel(i.ri),
          column: this.colName(i.ki),
        };
        if (f.type === "treeSum") vars.rhsRows = right.map((c) => this.code(c.ri)).join(" + ");
        this.emit(i.rule, [...left, ...right], i.ri, this.t.countKeys[i.ki], vars);
        break;
      }
      case "zero": {
        const i = f.instance;
        const bad = i.cells[f.bad];
        const present = i.cells.filter((c) => this.present(c));
        const key = this.t.countKeys[bad.ki];
        this.emit(i.rule, [bad, ...present.filter((c) => c !== bad)], i.ri, key, {
          cell: this.addr(bad),
          value: this.values[bad.i],
          row: this.code(i.ri),
          rowLabel: this.rowLabel(i.ri),
          column: this.t.column.get(key)!.name,
        });
        break;
      }
      case "compare": {
        const i = f.instance;
        const a = i.assert[f.failing];
        const r = f.mismatch;
        const blame = i.blame >= 0 ? i.blame : a.left[0].ri;
        const involved = [cellRef(this.nk, blame, i.ki)];
        const vars: Vars = {
          lhs: this.show(a.left, r.left),
          rhs: this.show(a.right, r.right, a.const),
          rhsValue: r.scaled,
          column: this.colName(i.ki),
          row: this.code(blame),
          rowLabel: this.rowLabel(blame),
        };
        for (const x of [...i.assert, ...i.when.flatMap((w) => ("cmp" in w ? [w.cmp] : []))])
          for (const c of [...x.left, ...x.right]) {
            if (!involved.some((d) => d.ri === c.ri && d.ki === c.ki)) involved.push(c);
            vars[this.code(c.ri)] = this.values[c.i];
            vars[`${this.code(c.ri)}@`] = this.addr(c);
          }
        this.emit(i.rule, involved, blame, this.t.countKeys[i.ki], vars);
        break;
      }
    }
  }
}

/**
 * A formula saved without its result, in each language alone, with what to do: the program that
 * wrote the file did not calculate, Excel does when the file is opened and saved.
 */
const NOT_CALCULATED_TEXT: Text = {
  vi: "(công thức chưa được tính; hãy mở tệp bằng Excel rồi bấm Lưu để Excel tính lại, sau đó gửi lại)",
  en: "(a formula never calculated; open the file in Excel and save it so that Excel calculates it, then send it again)",
};

/** VALUE_* findings: one per cell with the rule's issue. */
function valueFindings(table: LocatedTable, out: Finding[]) {
  const t = table.template;
  for (const { rule, bit } of planOf(t).valueRules) {
    if ((table.data.issues & bit) === 0) continue;
    for (const [code, m] of table.cells)
      for (const [key, c] of m)
        if (c.issues.includes(rule.issue)) {
          const r = t.row.get(code)!;
          out.push(
            makeFinding(
              rule,
              { sheet: table.sheet, cells: [c.addr], row: code, column: key },
              {
                cell: c.addr,
                raw: isNotCalculated(c.raw)
                  ? NOT_CALCULATED_TEXT
                  : typeof c.raw === "object" && c.raw
                    ? c.raw.error
                    : String(c.raw),
                value: c.value ?? "",
                rowLabel: { vi: r.label, en: r.labelEn },
                column: t.column.get(key)!.name,
              },
            ),
          );
        }
  }
}

function position(f: Finding): [number, number] {
  const p = f.cells[0] ? parseAddress(f.cells[0]) : undefined;
  return p ? [p.row, p.col] : [-1, -1];
}

/** Orders findings as a reader scans the sheet: layout first, then by blamed cell, then rule order. */
export function sortFindings(t: Template, findings: Finding[]): Finding[] {
  if (findings.length < 2) return [...findings];
  const order = planOf(t).ruleOrder;
  const keyed = findings.map((f, i) => ({
    f,
    i,
    pos: position(f),
    layout: f.rule.startsWith("LAYOUT_") || f.rule === "UNIT_MISSING",
  }));
  keyed.sort((a, b) => {
    if (a.layout !== b.layout) return a.layout ? -1 : 1;
    if (a.layout) return a.i - b.i;
    return a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1] || order.get(a.f.rule)! - order.get(b.f.rule)! || a.i - b.i;
  });
  return keyed.map((k) => k.f);
}

/**
 * Every finding of a located table: the likely causes (likely-cause.ts), then layout, values, sums,
 * kinds and quotas in sheet order (`sortFindings`).
 */
export function checkTable(table: LocatedTable): Finding[] {
  const found = new Findings(table, table.data.value);
  valueFindings(table, found.out);
  const start = found.out.length;
  const failed = failures(table);
  for (const f of failed) found.add(f);
  // spec §3b: the likely causes first; the rule findings they explain gain `explainedBy`
  // (a table whose every rule holds has no equality to explain: most tables of a merge)
  const causes = failed.length > 0 ? likelyCauses(table, failed, found.out.slice(start)) : [];
  return [...causes, ...sortFindings(table.template, [...table.findings, ...found.out])];
}
