/**
 * The rule engine: evaluates a template's declared rules over a located table.
 * Every rule is checked on its own; a cell that cannot be read as a number is reported once
 * (VALUE_*) and every sum or quota that involves it is skipped (spec §3).
 */
import { parseAddress } from "./address";
import type { Comparison, Condition, RowDef, RuleDef, Term, Text } from "./definition/schema";
import { type Finding, makeFinding, type Vars } from "./finding";
import type { LocatedTable, TableCell } from "./locate";
import type { Template } from "./template";
import { type ComparisonPlan, CONTEXT, planOf, type RulePlan, type TermPlan, UNREADABLE } from "./template-plan";

const EPS = 1e-9;

type Rule<T extends RuleDef["type"]> = Extract<RuleDef, { type: T }>;

interface Side {
  cells: TableCell[];
  sum: number;
}

function side(cells: (TableCell | undefined)[], coefs?: number[]): Side | undefined {
  let sum = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (!c || c.value === null) return undefined;
    sum += c.value * (coefs ? coefs[i] : 1);
  }
  return { cells: cells as TableCell[], sum };
}

function show(s: Side, constant = 0): string {
  if (s.cells.length === 0) return String(constant);
  const base = s.cells.map((c) => c.addr).join(" + ");
  return `${base} = ${fmt(s.sum + constant)}`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

function colName(t: Template, key: string): Text {
  return t.column.get(key)!.name;
}

function rowLabel(t: Template, code: string): Text {
  const r = t.row.get(code)!;
  return { vi: r.label, en: r.labelEn };
}

function cmp(op: Comparison["op"], l: number, r: number): boolean {
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

/**
 * Each rule is evaluated on the table's arrays (`TableData`) with the cell indexes its plan holds;
 * only when it fails are its cells, addresses and message built, from `table.cells`, by the
 * `…At` methods (which evaluate the rule again, on the cells, as the finding's source of truth).
 */
class Checker {
  readonly out: Finding[] = [];
  private readonly nk: number;
  private readonly values: Float64Array;
  private readonly flags: Uint8Array;
  constructor(readonly table: LocatedTable) {
    this.nk = table.template.countKeys.length;
    this.values = table.data.value;
    this.flags = table.data.flags;
  }

  get t() {
    return this.table.template;
  }

  cell(code: string, key: string): TableCell | undefined {
    return this.table.cells.get(code)?.get(key);
  }

  emit(rule: RuleDef, cells: TableCell[], row: string | null, column: string | null, vars: Vars) {
    this.out.push(makeFinding(rule, { sheet: this.table.sheet, cells: cells.map((c) => c.addr), row, column }, vars));
  }

  /** Whether the cell (template row ri, count column ki) takes part in sums: found and a number. */
  private readable(ri: number, ki: number): boolean {
    return ri >= 0 && ki >= 0 && (this.flags[ri * this.nk + ki] & UNREADABLE) === 0;
  }

  value(rule: Rule<"value">, bit: number) {
    if ((this.table.data.issues & bit) === 0) return;
    for (const [code, m] of this.table.cells)
      for (const [key, c] of m)
        if (c.issues.includes(rule.issue))
          this.emit(rule, [c], code, key, {
            cell: c.addr,
            raw: typeof c.raw === "object" && c.raw ? c.raw.error : String(c.raw),
            value: c.value ?? "",
            rowLabel: rowLabel(this.t, code),
            column: colName(this.t, key),
          });
  }

  rowSum(p: Extract<RulePlan, { type: "rowSum" }>) {
    const { nk, values: value } = this;
    const target = p.targetIndex;
    for (const ri of this.table.data.found) {
      if (!this.readable(ri, target)) continue;
      let sum = 0;
      let readable = true;
      for (const k of p.termIndexes) {
        if (!this.readable(ri, k)) {
          readable = false;
          break;
        }
        sum += value[ri * nk + k];
      }
      if (!readable || cmp("eq", 0 + value[ri * nk + target], sum)) continue;
      this.rowSumAt(p.rule, p.terms, this.t.rows[ri].code);
    }
  }

  rowSumAt(rule: Rule<"rowSum">, terms: string[], code: string) {
    const target = side([this.cell(code, rule.target)]);
    const right = side(terms.map((k) => this.cell(code, k)));
    if (!target || !right || cmp("eq", target.sum, right.sum)) return;
    this.emit(rule, [...target.cells, ...right.cells], code, rule.target, {
      lhs: show(target),
      rhs: show(right),
      row: code,
      rowLabel: rowLabel(this.t, code),
      column: colName(this.t, rule.target),
    });
  }

  treeSum(p: Extract<RulePlan, { type: "treeSum" }>) {
    const { nk, values: value } = this;
    const { rowAt } = this.table.data;
    for (const { ri, kids } of p.parents) {
      if (rowAt[ri] < 0 || kids.some((k) => rowAt[k] < 0)) continue;
      for (let k = 0; k < nk; k++) {
        if (!this.readable(ri, k)) continue;
        let sum = 0;
        let readable = true;
        for (const kid of kids) {
          if (!this.readable(kid, k)) {
            readable = false;
            break;
          }
          sum += value[kid * nk + k];
        }
        if (!readable || cmp("eq", 0 + value[ri * nk + k], sum)) continue;
        this.treeSumAt(p.rule, this.t.rows[ri], this.t.countKeys[k]);
      }
    }
  }

  treeSumAt(rule: Rule<"treeSum">, def: RowDef, key: string) {
    const kids = this.t.children.get(def.code)!;
    const parent = side([this.cell(def.code, key)]);
    const right = side(kids.map((k) => this.cell(k, key)));
    if (!parent || !right || cmp("eq", parent.sum, right.sum)) return;
    this.emit(rule, [...parent.cells, ...right.cells], def.code, key, {
      lhs: show(parent),
      rhs: show(right),
      row: def.code,
      rowLabel: rowLabel(this.t, def.code),
      rhsRows: kids.join(" + "),
      column: colName(this.t, key),
    });
  }

  zero(p: Extract<RulePlan, { type: "zero" }>) {
    const { nk, values: value, flags } = this;
    const { rowAt } = this.table.data;
    for (const ri of p.rows) {
      if (rowAt[ri] < 0) continue;
      // a cell of the table that holds a number other than 0
      const bad = p.keyIndexes.some(
        (k) => k >= 0 && (flags[ri * nk + k] & UNREADABLE) === 0 && value[ri * nk + k] !== 0,
      );
      if (bad) this.zeroAt(p.rule, p.keys, this.t.rows[ri]);
    }
  }

  zeroAt(rule: Rule<"zero">, keys: string[], def: RowDef) {
    const cells = keys.map((k) => this.cell(def.code, k)).filter((c): c is TableCell => !!c);
    const bad = cells.find((c) => c.value !== null && c.value !== 0);
    if (!bad) return;
    const key = keys[cells.indexOf(bad)];
    this.emit(rule, [bad, ...cells.filter((c) => c !== bad)], def.code, key, {
      cell: bad.addr,
      value: bad.value!,
      row: def.code,
      rowLabel: rowLabel(this.t, def.code),
      column: colName(this.t, key),
    });
  }

  /** Σ coef × value of the terms, in column k where a term names none; undefined when a cell is unreadable. */
  private sum(terms: TermPlan[], k: number): number | undefined {
    let sum = 0;
    for (const tm of terms) {
      const ki = tm.ki === CONTEXT ? k : tm.ki;
      if (!this.readable(tm.ri, ki)) return undefined;
      sum += this.values[tm.ri * this.nk + ki] * tm.coef;
    }
    return sum;
  }

  /** As `evalCmp`, on the arrays: undefined when it cannot be made, else whether it holds. */
  private holds(c: ComparisonPlan, k: number): boolean | undefined {
    const left = this.sum(c.left, k);
    const right = this.sum(c.right, k);
    if (left === undefined || right === undefined) return undefined;
    const base = right + c.const;
    const scaled = c.ceil ? Math.ceil((base * c.num) / c.den - EPS) : (base * c.num) / c.den;
    return cmp(c.op, left, scaled);
  }

  compare(p: Extract<RulePlan, { type: "compare" }>) {
    const { colAt } = this.table.data;
    next: for (const { key, ki } of p.keys) {
      if (ki >= 0 ? colAt[ki] < 0 : !this.table.columns.has(key)) continue;
      for (const w of p.when) {
        if ("attr" in w) {
          const v = this.table.attrs.get(w.attr);
          if (!v || !w.in.includes(v)) continue next;
        } else if (!this.holds(w.cmp, ki)) continue next;
      }
      let fails = false;
      for (const a of p.assert) {
        const ok = this.holds(a, ki);
        if (ok === undefined) continue next;
        if (!ok) fails = true;
      }
      if (fails) this.compareAt(p.rule, key);
    }
  }

  evalSide(terms: Term[], key: string): Side | undefined {
    return side(
      terms.map((tm) => this.cell(tm.row!, tm.col ?? key)),
      terms.map((tm) => tm.coef),
    );
  }

  /** undefined: a cell is missing or unreadable, so the comparison cannot be made. */
  evalCmp(c: Comparison, key: string) {
    const left = this.evalSide(c.left, key);
    const right = this.evalSide(c.right, key);
    if (!left || !right) return undefined;
    const base = right.sum + c.const;
    const scaled = c.ceil ? Math.ceil((base * c.num) / c.den - EPS) : (base * c.num) / c.den;
    return { ok: cmp(c.op, left.sum, scaled), left, right, scaled, base };
  }

  when(conds: Condition[], key: string): boolean {
    for (const w of conds) {
      if ("attr" in w) {
        const v = this.table.attrs.get(w.attr);
        if (!v || !w.in.includes(v)) return false;
      } else if (!this.evalCmp(w.cmp, key)?.ok) return false;
    }
    return true;
  }

  compareAt(rule: Rule<"compare">, key: string) {
    if (!this.table.columns.has(key) || !this.when(rule.when, key)) return;
    const results = rule.assert.map((a) => ({ a, r: this.evalCmp(a, key) }));
    if (results.some((x) => !x.r)) return;
    const failing = results.find((x) => !x.r!.ok);
    if (!failing) return;
    const r = failing.r!;
    const blameCode = rule.blame ?? failing.a.left[0].row!;
    const blamed = this.cell(blameCode, key)!;
    const involved: TableCell[] = [blamed];
    const vars: Vars = {
      lhs: show(r.left),
      rhs: show(r.right, failing.a.const),
      rhsValue: r.scaled,
      column: colName(this.t, key),
      row: blameCode,
      rowLabel: rowLabel(this.t, blameCode),
    };
    for (const x of [...rule.assert, ...rule.when.flatMap((w) => ("cmp" in w ? [w.cmp] : []))])
      for (const tm of [...x.left, ...x.right]) {
        const c = this.cell(tm.row!, tm.col ?? key)!;
        if (!involved.includes(c)) involved.push(c);
        vars[tm.row!] = c.value!;
        vars[`${tm.row}@`] = c.addr;
      }
    this.emit(rule, involved, blameCode, key, vars);
  }

  run() {
    for (const p of planOf(this.t).rules) {
      switch (p.type) {
        case "value":
          this.value(p.rule, p.bit);
          break;
        case "rowSum":
          this.rowSum(p);
          break;
        case "treeSum":
          this.treeSum(p);
          break;
        case "zero":
          this.zero(p);
          break;
        case "compare":
          this.compare(p);
          break;
        default:
          break; // layout and merge rules are raised where they happen
      }
    }
    return this.out;
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

/** Every finding of a located table: layout, values, sums, kinds and quotas. */
export function checkTable(table: LocatedTable): Finding[] {
  const rules = new Checker(table).run();
  return sortFindings(table.template, [...table.findings, ...rules]);
}
