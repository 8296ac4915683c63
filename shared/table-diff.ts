/**
 * What differs between two Phụ lục 02 tables of one unit, cell by cell: every row of the template
 * (groups and Tổng cộng included, as the unit reads them) × every count column, old → new.
 * Empty cells, unreadable cells and missing rows count 0, as in the merge; when the located tables
 * are at hand (`diffTables`), what was typed in a cell that is not a number is compared and shown too.
 */
import type { SheetResult } from "./analyze";
import { type Cell, isCellError } from "./cell";
import type { Values } from "./consolidate";
import { formatNumber, type Lang } from "./finding";
import { labelIn, templateById } from "./template";

export interface CellChange {
  /** Row code ("A3.1", "TONG"). */
  row: string;
  /** Column key ("total", "y2023"), as a finding's `column`. */
  column: string;
  old: number;
  new: number;
  /** What the old / new cell held when it was not a number ("abc", "#REF!"); it counts 0. */
  oldText?: string;
  newText?: string;
}

interface Side {
  n: number;
  text?: string;
}

function diffBy(before: (code: string, key: string) => Side, after: (code: string, key: string) => Side): CellChange[] {
  const t = templateById("pl02");
  const out: CellChange[] = [];
  for (const def of t.rows)
    for (const key of t.countKeys) {
      const a = before(def.code, key);
      const b = after(def.code, key);
      if (a.n === b.n && a.text === b.text) continue;
      const c: CellChange = { row: def.code, column: key, old: a.n, new: b.n };
      if (a.text !== undefined) c.oldText = a.text;
      if (b.text !== undefined) c.newText = b.text;
      out.push(c);
    }
  return out;
}

/** The changed cells of two tables' values, in the template's row order, then column order. */
export function diffValues(before: Values, after: Values): CellChange[] {
  const side = (v: Values) => (code: string, key: string) => ({ n: v[code]?.[key] ?? 0 });
  return diffBy(side(before), side(after));
}

function typed(raw: Cell): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const s = isCellError(raw) ? raw.error : String(raw).trim();
  return s === "" ? undefined : s;
}

/** As diffValues, from the located tables: a cell typed as something else than a number shows what it held. */
export function diffTables(before: SheetResult, after: SheetResult): CellChange[] {
  const side = (r: SheetResult) => (code: string, key: string) => {
    const cell = r.table?.cells.get(code)?.get(key);
    if (!cell || cell.value !== null) return { n: cell?.value ?? 0 };
    return { n: 0, text: typed(cell.raw) };
  };
  return diffBy(side(before), side(after));
}

/** A change as the user reads it: labels in the chosen language. */
export interface NamedChange extends CellChange {
  label: string;
  columnName: string;
}

export function nameChange(c: CellChange, lang: Lang): NamedChange {
  const t = templateById("pl02");
  const row = t.row.get(c.row)!;
  const out: NamedChange = {
    row: c.row,
    label: labelIn(row, lang),
    column: c.column,
    columnName: t.column.get(c.column)!.name[lang],
    old: c.old,
    new: c.new,
  };
  if (c.oldText !== undefined) out.oldText = c.oldText;
  if (c.newText !== undefined) out.newText = c.newText;
  return out;
}

/** "A1 Huân chương Sao vàng · Tổng số: 3 → 4"; a cell that held no number shows what it held: "abc" → 4. */
export function changeLine(c: CellChange, lang: Lang): string {
  const n = nameChange(c, lang);
  const code = c.row === "TONG" ? "" : `${c.row} `;
  const show = (v: number, text?: string) => (text !== undefined ? `"${text}"` : formatNumber(v, lang));
  return `${code}${n.label} · ${n.columnName}: ${show(c.old, c.oldText)} → ${show(c.new, c.newText)}`;
}
