/**
 * What differs between two Phụ lục 02 tables of one unit, cell by cell: every row of the template
 * (groups and Tổng cộng included, as the unit reads them) × every count column, old → new.
 * Empty cells, unreadable cells and missing rows count 0, as in the merge.
 */
import type { Values } from "./consolidate";
import { formatNumber, type Lang } from "./finding";
import { templateById } from "./template";

export interface CellChange {
  /** Row code ("A3.1", "TONG"). */
  row: string;
  /** Column key ("total", "y2023"), as a finding's `column`. */
  column: string;
  old: number;
  new: number;
}

/** The changed cells in the template's row order, then column order. */
export function diffValues(before: Values, after: Values): CellChange[] {
  const t = templateById("pl02");
  const out: CellChange[] = [];
  for (const def of t.rows)
    for (const key of t.countKeys) {
      const old = before[def.code]?.[key] ?? 0;
      const now = after[def.code]?.[key] ?? 0;
      if (old !== now) out.push({ row: def.code, column: key, old, new: now });
    }
  return out;
}

/** A change as the user reads it: labels in the chosen language. */
export interface NamedChange extends CellChange {
  label: string;
  columnName: string;
}

export function nameChange(c: CellChange, lang: Lang): NamedChange {
  const t = templateById("pl02");
  const row = t.row.get(c.row)!;
  return {
    row: c.row,
    label: lang === "vi" ? row.label : row.labelEn,
    column: c.column,
    columnName: t.column.get(c.column)!.name[lang],
    old: c.old,
    new: c.new,
  };
}

/** "A1 Huân chương Sao vàng · Tổng số: 3 → 4" */
export function changeLine(c: CellChange, lang: Lang): string {
  const n = nameChange(c, lang);
  const code = c.row === "TONG" ? "" : `${c.row} `;
  return `${code}${n.label} · ${n.columnName}: ${formatNumber(c.old, lang)} → ${formatNumber(c.new, lang)}`;
}
