/**
 * The rule engine: evaluates a template's declared rules over a located table.
 * Every rule is checked on its own; a cell that cannot be read as a number is reported once
 * (VALUE_*) and every sum or quota that involves it is skipped (spec §3).
 */
import { parseAddress } from "./address";
import type { Comparison, Condition, RuleDef, Term, Text } from "./definition/schema";
import { type Finding, makeFinding, type Vars } from "./finding";
import type { LocatedTable, TableCell } from "./locate";
import { selectColumns, type Template } from "./template";

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

class Checker {
  readonly out: Finding[] = [];
  constructor(readonly table: LocatedTable) {}

  get t() {
    return this.table.template;
  }

  cell(code: string, key: string): TableCell | undefined {
    return this.table.cells.get(code)?.get(key);
  }

  emit(rule: RuleDef, cells: TableCell[], row: string | null, column: string | null, vars: Vars) {
    this.out.push(makeFinding(rule, { sheet: this.table.sheet, cells: cells.map((c) => c.addr), row, column }, vars));
  }

  value(rule: Rule<"value">) {
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

  rowSum(rule: Rule<"rowSum">) {
    const terms = selectColumns(this.t, rule.terms);
    for (const code of this.table.cells.keys()) {
      const target = side([this.cell(code, rule.target)]);
      const right = side(terms.map((k) => this.cell(code, k)));
      if (!target || !right || cmp("eq", target.sum, right.sum)) continue;
      this.emit(rule, [...target.cells, ...right.cells], code, rule.target, {
        lhs: show(target),
        rhs: show(right),
        row: code,
        rowLabel: rowLabel(this.t, code),
        column: colName(this.t, rule.target),
      });
    }
  }

  treeSum(rule: Rule<"treeSum">) {
    for (const def of this.t.rows) {
      if (!rule.parentKinds.includes(def.kind)) continue;
      const kids = this.t.children.get(def.code);
      if (!kids || !this.table.cells.has(def.code)) continue;
      if (!kids.every((k) => this.table.cells.has(k))) continue;
      for (const key of this.t.countKeys) {
        const parent = side([this.cell(def.code, key)]);
        const right = side(kids.map((k) => this.cell(k, key)));
        if (!parent || !right || cmp("eq", parent.sum, right.sum)) continue;
        this.emit(rule, [...parent.cells, ...right.cells], def.code, key, {
          lhs: show(parent),
          rhs: show(right),
          row: def.code,
          rowLabel: rowLabel(this.t, def.code),
          rhsRows: kids.join(" + "),
          column: colName(this.t, key),
        });
      }
    }
  }

  zero(rule: Rule<"zero">) {
    const keys = selectColumns(this.t, rule.columns);
    for (const def of this.t.rows) {
      if (!rule.rowKinds.includes(def.kind) || !this.table.cells.has(def.code)) continue;
      const cells = keys.map((k) => this.cell(def.code, k)).filter((c): c is TableCell => !!c);
      const bad = cells.find((c) => c.value !== null && c.value !== 0);
      if (!bad) continue;
      const key = keys[cells.indexOf(bad)];
      this.emit(rule, [bad, ...cells.filter((c) => c !== bad)], def.code, key, {
        cell: bad.addr,
        value: bad.value!,
        row: def.code,
        rowLabel: rowLabel(this.t, def.code),
        column: colName(this.t, key),
      });
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

  compare(rule: Rule<"compare">) {
    for (const key of selectColumns(this.t, rule.columns, rule.years)) {
      if (!this.table.columns.has(key) || !this.when(rule.when, key)) continue;
      const results = rule.assert.map((a) => ({ a, r: this.evalCmp(a, key) }));
      if (results.some((x) => !x.r)) continue;
      const failing = results.find((x) => !x.r!.ok);
      if (!failing) continue;
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
  }

  run() {
    for (const rule of this.t.def.rules) {
      switch (rule.type) {
        case "value":
          this.value(rule);
          break;
        case "rowSum":
          this.rowSum(rule);
          break;
        case "treeSum":
          this.treeSum(rule);
          break;
        case "zero":
          this.zero(rule);
          break;
        case "compare":
          this.compare(rule);
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
  const order = new Map(t.def.rules.map((r, i) => [r.id, i]));
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
