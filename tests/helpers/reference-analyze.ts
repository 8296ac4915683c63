/**
 * The sheet analysis as it was before the checker read arrays (commit 2f9de6b: shared/locate.ts,
 * check.ts, analyze.ts, unchanged but for names): every rule evaluated on `Map`s of cells, every
 * cell's address built. Kept as the slow path the fast one must agree with, finding for finding
 * (tests/analyze-reference.test.ts). Do not "optimise" it.
 */
import {
  address,
  builtinTemplates,
  fold,
  foldCode,
  type Finding,
  type Grid,
  decodeGrid,
  detectLegacyEncoding,
  type LegacyEncoding,
  makeFinding,
  parseAddress,
  readCount,
  selectColumns,
  stripListMarker,
  cellText,
  type TableCell,
  type Template,
  type Text,
  type Vars,
} from "../../shared";
import type { Comparison, Condition, RuleDef, Term } from "../../shared/definition/schema";

/** LocatedTable as it was: the cells in Maps only. */
export interface RefTable {
  template: Template;
  sheet: string;
  headerTop: number;
  headerBottom: number;
  dataStart: number;
  score: number;
  columns: Map<string, number>;
  rows: Map<string, number>;
  cells: Map<string, Map<string, TableCell>>;
  unit: string | null;
  unitCell: string;
  attrs: Map<string, string | null>;
  findings: Finding[];
}

export interface RefSheetResult {
  sheet: string;
  template: string;
  unit: string | null;
  findings: Finding[];
  table?: RefTable;
  encoding?: LegacyEncoding;
}

// ---- shared/locate.ts
const SCAN_ROWS = 200;
const NUMBERING = /^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?$/;

interface Hit {
  r: number;
  c: number;
  keys: string[];
}

function text(grid: Grid, r: number, c: number): string {
  return cellText(grid.rows[r]?.[c]).trim();
}

/** The columns a folded header names, also after a prefix such as "Trong đó:". */
function headerKeys(t: Template, f: string): string[] | undefined {
  const keys = t.headerIndex.get(f);
  if (keys) return keys;
  for (const p of t.headerPrefixes)
    if (f.startsWith(p + " ")) {
      const rest = t.headerIndex.get(f.slice(p.length + 1));
      if (rest) return rest;
    }
  return undefined;
}

function headerHits(grid: Grid, t: Template): Hit[] {
  const hits: Hit[] = [];
  const end = Math.min(grid.rows.length, SCAN_ROWS);
  for (let r = 0; r < end; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || v.length > 120) continue;
      const keys = headerKeys(t, fold(v));
      if (keys) hits.push({ r, c, keys });
    }
  }
  return hits;
}

/** The band of header rows with the most distinct columns that holds every anchor. */
function bestBand(hits: Hit[], t: Template): { top: number; chosen: Map<string, Hit> } | undefined {
  let best: { top: number; chosen: Map<string, Hit> } | undefined;
  const depth = t.def.headerDepth;
  for (const top of [...new Set(hits.map((h) => h.r))]) {
    const band = hits.filter((h) => h.r >= top && h.r < top + depth).sort((a, b) => a.c - b.c || a.r - b.r);
    const chosen = new Map<string, Hit>();
    const usedCols = new Set<number>();
    for (const h of band) {
      if (usedCols.has(h.c)) continue;
      const key = h.keys.find((k) => !chosen.has(k));
      if (!key) continue;
      chosen.set(key, h);
      usedCols.add(h.c);
    }
    if (chosen.size < t.def.minHeaderMatches) continue;
    if (!t.def.anchors.every((a) => chosen.has(a))) continue;
    if (!best || chosen.size > best.chosen.size) best = { top, chosen };
  }
  return best;
}

function isNumberingRow(grid: Grid, r: number, columns: Map<string, number>): boolean {
  let filled = 0;
  for (const c of columns.values()) {
    const t = text(grid, r, c);
    if (!t) continue;
    if (!NUMBERING.test(t)) return false;
    filled++;
  }
  return filled >= 3;
}

/** "Đơn vị: Trường THPT Ngô Quyền" or "Đơn vị:" | "Trường THPT Ngô Quyền" in the next cells. */
function findLabelled(
  grid: Grid,
  labels: Set<string>,
  endRow: number,
): { value: string | null; cell: string } | undefined {
  for (let r = 0; r < endRow; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string") continue;
      const colon = v.indexOf(":");
      const head = colon >= 0 ? v.slice(0, colon) : v;
      if (!labels.has(fold(head))) continue;
      let value = colon >= 0 ? v.slice(colon + 1).trim() : "";
      if (!value) {
        for (let k = c + 1; k < row.length && !value; k++) value = cellText(row[k]).trim();
      }
      const meaningful = value.replace(/[.…_\-\s]/g, "") !== "";
      return { value: meaningful ? value.replace(/\s+/g, " ") : null, cell: address(r, c) };
    }
  }
  return undefined;
}

function matchLabel(t: Template, label: string, last: string | undefined): string | undefined {
  const lastParent = last ? t.row.get(last)?.parent : undefined;
  const near = (cands: string[] | undefined, needContext: boolean) => {
    if (!cands || cands.length === 0) return undefined;
    if (cands.length === 1 && !needContext) return cands[0];
    return cands.find((k) => {
      const p = t.row.get(k)?.parent;
      return p !== undefined && (p === last || p === lastParent);
    });
  };
  const f = fold(label);
  const found = near(t.labelIndex.get(f), false) ?? near(t.shortIndex.get(f), true);
  if (found) return found;
  // "a) Hạng Nhất", "1. Huân chương Sao vàng", "II. KHEN THƯỞNG CẤP CHÍNH PHỦ"
  const bare = stripListMarker(label);
  if (bare === label) return undefined;
  const g = fold(bare);
  return near(t.labelIndex.get(g), false) ?? near(t.shortIndex.get(g), true);
}

/**
 * A row by its label first: codes are typed numbering and may be the unit's own ("a" of
 * "a) Hạng Nhất" is not group A), the label is what the unit reads. The code alone names a row
 * whose label is empty or unknown, when the column holds the template's codes.
 */
function matchRow(
  t: Template,
  code: string,
  label: string,
  last: string | undefined,
  trustCodes: boolean,
): string | undefined {
  // A group title typed in the code cell and merged across the label ("I. KHEN THƯỞNG CẤP NHÀ NƯỚC").
  const byLabel = label ? matchLabel(t, label, last) : code.length > 3 ? matchLabel(t, code, last) : undefined;
  if (byLabel || !code || !trustCodes) return byLabel;
  return t.codeIndex.get(foldCode(code));
}

/**
 * Whether the code column holds the template's codes. Units that number their own way
 * (groups I–IV, awards 1, 2, 3 in each group, ranks a, b, c; or 1, 1.1, 1.3.2) repeat numbers
 * that may look like codes ("a" → A, "c" → C): then rows are found by their labels only.
 */
function codesTrusted(grid: Grid, t: Template, codeCol: number | undefined, from: number): boolean {
  if (codeCol === undefined) return false;
  let known = 0;
  let other = 0;
  const end = Math.min(grid.rows.length, from + SCAN_ROWS);
  for (let r = from; r < end; r++) {
    const code = text(grid, r, codeCol);
    if (!code) continue;
    if (t.codeIndex.has(code) || t.codeIndex.has(foldCode(code))) known++;
    else other++;
  }
  return known > 0 && known >= other;
}

export function referenceLocateTable(grid: Grid, t: Template): RefTable | undefined {
  const band = bestBand(headerHits(grid, t), t);
  if (!band) return undefined;
  const columns = new Map<string, number>();
  let headerBottom = band.top;
  let firstCol = Infinity;
  for (const [key, h] of band.chosen) {
    columns.set(key, h.c);
    headerBottom = Math.max(headerBottom, h.r);
    firstCol = Math.min(firstCol, h.c);
  }
  let dataStart = headerBottom + 1;
  while (dataStart <= headerBottom + 2 && isNumberingRow(grid, dataStart, columns)) dataStart++;

  const sheet = grid.name;
  const findings: Finding[] = [];
  const rule = (id: string) => t.rule.get(id)!;
  const headerCell = address(band.top, firstCol);
  for (const col of t.columns) {
    if (col.required && !columns.has(col.key))
      findings.push(
        makeFinding(
          rule("LAYOUT_MISSING_COLUMN"),
          { sheet, cells: [headerCell], column: col.key },
          { column: col.name, cell: headerCell },
        ),
      );
  }

  // Rows, by code first, then by label (with context for short labels like "Hạng Nhất").
  const codeCol = columns.get("code");
  const labelCol = columns.get("label");
  const rows = new Map<string, number>();
  const unknown: { r: number; raw: string; cell: string }[] = [];
  const trustCodes = codesTrusted(grid, t, codeCol, dataStart);
  let last: string | undefined;
  let lastMatched = -1;
  for (let r = dataStart; r < grid.rows.length; r++) {
    const code = codeCol === undefined ? "" : text(grid, r, codeCol);
    const label = labelCol === undefined ? "" : text(grid, r, labelCol);
    if (!code && !label) continue;
    const match = matchRow(t, code, label, last, trustCodes);
    if (!match) {
      const c = label ? labelCol! : codeCol!;
      unknown.push({ r, raw: [code, label].filter(Boolean).join(" "), cell: address(r, c) });
      continue;
    }
    const first = rows.get(match);
    if (first !== undefined) {
      const def = t.row.get(match)!;
      const c = code ? codeCol! : labelCol!;
      findings.push(
        makeFinding(
          rule("LAYOUT_DUPLICATE_ROW"),
          { sheet, cells: [address(r, c)], row: match },
          { row: match, rowLabel: { vi: def.label, en: def.labelEn }, rowNumber: r + 1, firstRow: first + 1 },
        ),
      );
    } else rows.set(match, r);
    last = match;
    lastMatched = r;
  }
  for (const u of unknown) {
    if (u.r > lastMatched) break; // notes and signatures under the table
    if (isNumberingRow(grid, u.r, columns)) continue;
    findings.push(
      makeFinding(rule("LAYOUT_UNKNOWN_ROW"), { sheet, cells: [u.cell] }, { rowNumber: u.r + 1, raw: u.raw }),
    );
  }
  const labelHeader = address(band.top, labelCol ?? firstCol);
  for (const def of t.rows) {
    if (!rows.has(def.code))
      findings.push(
        makeFinding(
          rule("LAYOUT_MISSING_ROW"),
          { sheet, cells: [labelHeader], row: def.code },
          { row: def.code, rowLabel: { vi: def.label, en: def.labelEn } },
        ),
      );
  }

  // Values of every count cell of every row found.
  const cells = new Map<string, Map<string, TableCell>>();
  for (const [code, r] of rows) {
    const m = new Map<string, TableCell>();
    const row = grid.rows[r];
    for (const key of t.countKeys) {
      const c = columns.get(key);
      if (c === undefined) continue;
      const raw = row?.[c] ?? null;
      const { value, issues } = readCount(raw);
      m.set(key, { addr: address(r, c), raw, value, issues });
    }
    cells.set(code, m);
  }

  // "Đơn vị:" and attributes, above the table.
  const unitFound = findLabelled(grid, t.unitLabels, band.top);
  const unitCell = unitFound?.cell ?? address(Math.max(0, band.top - 1), firstCol);
  const unit = unitFound?.value ?? null;
  if (!unit) findings.push(makeFinding(rule("UNIT_MISSING"), { sheet, cells: [unitCell] }, { cell: unitCell }));
  const attrs = new Map<string, string | null>();
  for (const a of t.def.attributes) {
    const found = findLabelled(grid, new Set(a.labels.map(fold)), band.top);
    const f = found?.value ? fold(found.value) : "";
    attrs.set(a.key, a.values.find((v) => v.texts.some((x) => fold(x) === f))?.id ?? null);
  }

  return {
    template: t,
    sheet,
    headerTop: band.top,
    headerBottom,
    dataStart,
    score: band.chosen.size,
    columns,
    rows,
    cells,
    unit,
    unitCell,
    attrs,
    findings,
  };
}

// ---- shared/check.ts
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
  constructor(readonly table: RefTable) {}

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
function sortFindings(t: Template, findings: Finding[]): Finding[] {
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
export function referenceCheckTable(table: RefTable): Finding[] {
  const rules = new Checker(table).run();
  return sortFindings(table.template, [...table.findings, ...rules]);
}

// ---- shared/analyze.ts
/** The template whose header matches best, checked; undefined when the sheet holds none. */
export function referenceAnalyzeGrid(
  grid: Grid,
  templates: Template[] = builtinTemplates(),
): RefSheetResult | undefined {
  const encoding = detectLegacyEncoding(grid);
  if (encoding) grid = decodeGrid(grid, encoding);
  let best: RefTable | undefined;
  for (const t of templates) {
    const found = referenceLocateTable(grid, t);
    if (found && (!best || found.score > best.score)) best = found;
  }
  if (!best) return undefined;
  const res: RefSheetResult = {
    sheet: grid.name,
    template: best.template.id,
    unit: best.unit,
    findings: referenceCheckTable(best),
    table: best,
  };
  if (encoding) res.encoding = encoding;
  return res;
}

function notFound(sheet: string, t: Template): RefSheetResult {
  const rule = t.rule.get("LAYOUT_NOT_FOUND")!;
  return { sheet, template: t.id, unit: null, findings: [makeFinding(rule, { sheet, cells: ["A1"] }, { sheet })] };
}

/**
 * Every sheet holding a table, in workbook order. A sheet named like a template ("Phụ lục 02")
 * that holds no table gets LAYOUT_NOT_FOUND; so does the first sheet when no sheet holds one.
 */
export function referenceAnalyzeWorkbook(grids: Grid[], templates: Template[] = builtinTemplates()): RefSheetResult[] {
  const out: RefSheetResult[] = [];
  for (const g of grids) {
    const res = referenceAnalyzeGrid(g, templates);
    if (res) out.push(res);
    else {
      const named = templates.find((t) => fold(t.def.sheetName) === fold(g.name));
      if (named) out.push(notFound(g.name, named));
    }
  }
  if (out.length === 0 && grids.length > 0) out.push(notFound(grids[0].name, templates[0]));
  return out;
}
