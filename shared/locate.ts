/**
 * Finds a template's table anywhere in a sheet: the header band (one to three rows, merged
 * cells, column numbers under it), the columns by header text, the rows by code or label,
 * the "Đơn vị:" line and the template's attributes. Never by fixed position.
 */
import { address } from "./address";
import { type Cell, type Grid, readCount, recomputes, type ValueIssue } from "./cell";
import { type Finding, makeFinding } from "./finding";
import type { Template } from "./template";
import { ABSENT, FORMULA, ISSUE_BITS, NO_VALUE, planOf } from "./template-plan";
import { fold, foldCode, stripListMarker } from "./text";
import { unitAbove } from "./unit-lines";
import { isNumberingRow, type LocatedBlock, locateColumns, SCAN_ROWS, text } from "./locate-header";

export interface TableCell {
  addr: string;
  raw: Cell;
  /** null: the cell cannot be read as a number; checks that involve it are skipped. */
  value: number | null;
  issues: ValueIssue[];
}

/**
 * The count cells of a located table as arrays, indexed by template row (definition order) ×
 * count column (`template.countKeys` order): what the checker and the merge read. `cells` is
 * built from it when first asked for.
 */
export interface TableData {
  /** Sheet row of each template row; -1 when the row was not found. */
  rowAt: Int32Array;
  /** Sheet column of each count column; -1 when the column was not found. */
  colAt: Int32Array;
  /** Template row indexes of the rows found, in the order of `rows` (the sheet's). */
  found: number[];
  /** The number each cell stands for; NaN when it has none (see `flags`): what rules are evaluated on. */
  value: Float64Array;
  /** ISSUE_BITS of the cell's value issues, NO_VALUE, ABSENT, FORMULA (see template-plan.ts). */
  flags: Uint8Array;
  /** The cell as read (null when blank or absent). */
  raw: Cell[];
  /** Every value issue bit of the table's cells. */
  issues: number;
}

export interface LocatedTable extends LocatedBlock {
  template: Template;
  /** row code → column key → cell (built from `data` on first use) */
  cells: Map<string, Map<string, TableCell>>;
  data: TableData;
  /** LAYOUT_* and UNIT_MISSING findings. */
  findings: Finding[];
}

/**
 * The cells a table occupies, 0-based and inclusive: from its title and unit lines (up to six
 * rows above the header) to its last row, from column A to its last column. Hosts use it to
 * tell whether an edit touches the table and where to look for the user's notes.
 */
export function tableBlock(t: Pick<LocatedTable, "headerTop" | "dataStart" | "rows" | "columns">): {
  top: number;
  left: number;
  bottom: number;
  right: number;
} {
  return {
    top: Math.max(0, t.headerTop - 6),
    left: 0,
    bottom: Math.max(t.dataStart, ...t.rows.values()),
    right: Math.max(0, ...t.columns.values()),
  };
}

/** The one candidate, or the one right under the last row matched (its parent's or its own child). */
function near(
  t: Template,
  cands: string[] | undefined,
  needContext: boolean,
  last: string | undefined,
  lastParent: string | undefined,
): string | undefined {
  if (!cands || cands.length === 0) return undefined;
  if (cands.length === 1 && !needContext) return cands[0];
  return cands.find((k) => {
    const p = t.row.get(k)?.parent;
    return p !== undefined && (p === last || p === lastParent);
  });
}

function matchLabel(t: Template, label: string, last: string | undefined): string | undefined {
  const lastParent = last ? t.row.get(last)?.parent : undefined;
  const f = fold(label);
  const found =
    near(t, t.labelIndex.get(f), false, last, lastParent) ?? near(t, t.shortIndex.get(f), true, last, lastParent);
  if (found) return found;
  // "a) Hạng Nhất", "1. Huân chương Sao vàng", "II. KHEN THƯỞNG CẤP CHÍNH PHỦ"
  const bare = stripListMarker(label);
  if (bare === label) return undefined;
  const g = fold(bare);
  return near(t, t.labelIndex.get(g), false, last, lastParent) ?? near(t, t.shortIndex.get(g), true, last, lastParent);
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

/** Reads a count cell into the table's arrays (as `readCount` reads it); returns its flags. */
function readCell(raw: Cell, i: number, value: Float64Array): number {
  if (raw === null || raw === undefined) {
    value[i] = 0; // blank: 0
    return 0;
  }
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0) {
    value[i] = raw;
    return 0;
  }
  const read = readCount(raw);
  let flags = read.value === null ? NO_VALUE : 0;
  for (const issue of read.issues) flags |= ISSUE_BITS[issue];
  value[i] = read.value ?? NaN;
  return flags;
}

/** The count cells of the rows found, as arrays. */
function readData(grid: Grid, t: Template, rows: Map<string, number>, columns: Map<string, number>): TableData {
  const nk = t.countKeys.length;
  const rowAt = new Int32Array(t.rows.length).fill(-1);
  const colAt = new Int32Array(nk).fill(-1);
  for (let k = 0; k < nk; k++) colAt[k] = columns.get(t.countKeys[k]) ?? -1;
  const value = new Float64Array(t.rows.length * nk).fill(NaN);
  const flags = new Uint8Array(t.rows.length * nk).fill(ABSENT);
  const raw: Cell[] = new Array<Cell>(t.rows.length * nk).fill(null);
  const found: number[] = [];
  let issues = 0;
  for (const [code, r] of rows) {
    const ri = t.rowOrder.get(code)!;
    rowAt[ri] = r;
    found.push(ri);
    const row = grid.rows[r];
    for (let k = 0; k < nk; k++) {
      const c = colAt[k];
      if (c < 0) continue;
      const i = ri * nk + k;
      const v = row?.[c] ?? null;
      raw[i] = v;
      const f = readCell(v, i, value);
      const formula = grid.formulas?.[r]?.[c];
      flags[i] = typeof formula === "string" && recomputes(formula) ? f | FORMULA : f;
      issues |= f;
    }
  }
  return { rowAt, colAt, found, value, flags, raw, issues: issues & ~NO_VALUE };
}

/** row code → column key → cell, as `readData` read them. */
function tableCells(t: Template, data: TableData): Map<string, Map<string, TableCell>> {
  const nk = t.countKeys.length;
  const cells = new Map<string, Map<string, TableCell>>();
  for (const ri of data.found) {
    const r = data.rowAt[ri];
    const m = new Map<string, TableCell>();
    for (let k = 0; k < nk; k++) {
      const c = data.colAt[k];
      if (c < 0) continue;
      const raw = data.raw[ri * nk + k];
      const { value, issues } = readCount(raw);
      m.set(t.countKeys[k], { addr: address(r, c), raw, value, issues });
    }
    cells.set(t.rows[ri].code, m);
  }
  return cells;
}

const blank = (v: Cell) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** Rows a label may be broken over, after its first. */
const MAX_LABEL_PARTS = 3;

/**
 * A label broken over rows, as a table pasted from Word has it: the first row carries the code
 * and the numbers, the next ones only the rest of the text (no code, no number; a merged cell
 * leaves them blank). The template row the joined text names and the last row it takes, when
 * joining one to MAX_LABEL_PARTS such rows names one: the row `byCode` names if a join names it
 * ("Huân chương" | "Độc lập" | "hạng Nhất" coded A3.1 is not A3), else the longest join's.
 */
function brokenLabel(
  grid: Grid,
  t: Template,
  r: number,
  labelCol: number,
  codeCol: number | undefined,
  columns: Map<string, number>,
  last: string | undefined,
  byCode: string | undefined,
): { match: string; end: number } | undefined {
  let joined = text(grid, r, labelCol);
  let found: { match: string; end: number } | undefined;
  for (let n = r + 1; n <= r + MAX_LABEL_PARTS && n < grid.rows.length; n++) {
    const row = grid.rows[n];
    const label = row?.[labelCol];
    if (typeof label !== "string" || (codeCol !== undefined && !blank(row[codeCol]))) break;
    if (t.countKeys.some((key) => !blank(row[columns.get(key) ?? -1]))) break;
    const rest = label.trim();
    if (!rest) break;
    joined += " " + rest;
    const match = matchLabel(t, joined, last);
    if (match) {
      found = { match, end: n };
      if (match === byCode) break;
    }
  }
  return found;
}

export function locateTable(grid: Grid, t: Template): LocatedTable | undefined {
  const found = locateColumns(grid, t);
  if (!found) return undefined;
  const { top, columns, headerBottom, firstCol, score, dataStart, findings } = found;
  const sheet = grid.name;
  const rule = (id: string) => t.rule.get(id)!;

  // Rows, by code first, then by label (with context for short labels like "Hạng Nhất").
  const codeCol = columns.get("code");
  const labelCol = columns.get("label");
  const rows = new Map<string, number>();
  const unknown: { r: number; raw: string; c: number }[] = [];
  const trustCodes = codesTrusted(grid, t, codeCol, dataStart);
  let last: string | undefined;
  let lastMatched = -1;
  for (let r = dataStart; r < grid.rows.length; r++) {
    const code = codeCol === undefined ? "" : text(grid, r, codeCol);
    const label = labelCol === undefined ? "" : text(grid, r, labelCol);
    if (!code && !label) continue;
    let match = matchRow(t, code, label, last, trustCodes);
    let rest = r; // the last row of this one's label
    const byCode = trustCodes && code ? t.codeIndex.get(foldCode(code)) : undefined;
    const broken = label ? brokenLabel(grid, t, r, labelCol!, codeCol, columns, last, byCode) : undefined;
    if (broken && (broken.match === match || match === undefined || rows.has(match) || byCode === broken.match)) {
      // A label broken over rows (a table pasted from Word): its rest read with it, not as rows.
      match = broken.match;
      rest = broken.end;
    }
    if (!match) {
      unknown.push({ r, raw: [code, label].filter(Boolean).join(" "), c: label ? labelCol! : codeCol! });
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
    lastMatched = r = rest;
  }
  for (const u of unknown) {
    if (u.r > lastMatched) break; // notes and signatures under the table
    if (isNumberingRow(grid, u.r, columns)) continue;
    findings.push(
      makeFinding(
        rule("LAYOUT_UNKNOWN_ROW"),
        { sheet, cells: [address(u.r, u.c)] },
        { rowNumber: u.r + 1, raw: u.raw },
      ),
    );
  }
  // rows holds template codes only, each once: as many as the template's means none is missing
  if (rows.size < t.rows.length) {
    const labelHeader = address(top, labelCol ?? firstCol);
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
  }

  // Values of every count cell of every row found.
  const data = readData(grid, t, rows, columns);
  let cells: Map<string, Map<string, TableCell>> | undefined;

  // "Đơn vị:" (or the letterhead) and attributes, above the table.
  const above = unitAbove(grid, t, top, firstCol, planOf(t).attributeLabels);
  findings.push(...above.findings);

  return {
    template: t,
    sheet,
    headerTop: top,
    headerBottom,
    dataStart,
    score: score,
    columns,
    rows,
    get cells() {
      return (cells ??= tableCells(t, data));
    },
    data,
    unit: above.unit,
    unitSource: above.unitSource,
    letterhead: above.letterhead,
    unitCell: above.unitCell,
    attrs: above.attrs,
    findings,
  };
}
