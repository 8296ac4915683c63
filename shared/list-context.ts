/**
 * Where a list of delegates finds its unit's Cơ cấu đại biểu (spec §4b: DS_COUNT takes the unit's
 * kind from it, DS_MATCHES_DAIBIEU compares with its DB7, DB8, DB9): the Cơ cấu đại biểu of the
 * same unit, else the only one there is. What a Cơ cấu đại biểu tells a list is kept small
 * (`DaibieuFacts`), so that a host checking one sheet at a time can read it from another sheet,
 * or remember where it is, and compare it with what it was.
 */
import type { SheetResult } from "./analyze";
import { checkList, DAIBIEU_ROW_OF_KIND, type ListContext } from "./check-list";
import { tableValues } from "./merge-values";
import { fold } from "./text";

export interface DaibieuFacts {
  sheet: string;
  unit: string | null;
  /** The table's "Loại đơn vị" (thpt, phong), if it says. */
  unitType: string | null;
  /** DB7, DB8, DB9 (blank counts 0), and the cell each is in. */
  values: Record<string, number>;
  cells: Record<string, string>;
  /** Every figure of the table is blank or 0: the template as it came, nothing to compare with. */
  blank: boolean;
}

const COMPARED = Object.values(DAIBIEU_ROW_OF_KIND);

/** What a sheet holding a Cơ cấu đại biểu tells the lists; undefined for any other sheet. */
export function daibieuFacts(r: SheetResult): DaibieuFacts | undefined {
  if (r.template !== "daibieu" || !r.table) return undefined;
  const all = tableValues(r);
  const values: Record<string, number> = {};
  const cells: Record<string, string> = {};
  for (const code of COMPARED) {
    values[code] = all[code]?.value ?? 0;
    const c = r.table.cells.get(code)?.get("value");
    if (c) cells[code] = c.addr;
  }
  const blank = Object.values(all).every((row) => (row.value ?? 0) === 0);
  return { sheet: r.sheet, unit: r.unit, unitType: r.table.attrs.get("unitType") ?? null, values, cells, blank };
}

/** The Cơ cấu đại biểu of the list's unit, else the only one given (anything that names its unit). */
export function pickDaibieu<T extends { unit: string | null }>(
  facts: readonly T[],
  unit: string | null,
): T | undefined {
  const same = facts.find((f) => !!f.unit && !!unit && fold(f.unit) === fold(unit));
  return same ?? (facts.length === 1 ? facts[0] : undefined);
}

/** What the list is checked against: the unit's kind, and DB7–DB9 unless the table is blank. */
export function contextOf(f: DaibieuFacts | undefined): ListContext {
  if (!f) return {};
  if (f.blank) return { unitType: f.unitType };
  return { unitType: f.unitType, daibieu: { sheet: f.sheet, values: f.values, cells: f.cells } };
}

/** The context of a list among the sheets of its workbook. */
export function listContext(sheets: readonly SheetResult[], list: SheetResult): ListContext {
  return contextOf(
    pickDaibieu(
      sheets.flatMap((s) => daibieuFacts(s) ?? []),
      list.unit,
    ),
  );
}

/** The list's findings again, against the Cơ cấu đại biểu among `sheets` (the list itself unchanged otherwise). */
export function recheckList(list: SheetResult, sheets: readonly SheetResult[]): SheetResult {
  return list.list ? { ...list, findings: checkList(list.list, listContext(sheets, list)) } : list;
}

/** Equal keys: the lists checked against these facts are judged the same. */
export const factsKey = (f: DaibieuFacts | undefined): string =>
  f ? JSON.stringify([f.sheet, f.unit && fold(f.unit), f.unitType, f.blank, f.values, f.cells]) : "";
