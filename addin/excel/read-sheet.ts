/**
 * Queues everything a check needs from one sheet, for a single context.sync(): the values and
 * formulas of the used range within a bounded area (which cells the template's arithmetic
 * computes, never a likely cause: spec §3b), the sheet's conditional formats (to find ours), its notes'
 * texts (1.18), and whether it is protected. No per-cell request: the request is a few hundred
 * bytes per sheet, the response is the values plus the notes.
 */
import type { Grid } from "../../shared";
import type { ExcelFeatures } from "./features";
import { isOurFormula, isOurNote } from "./marks";
import { gridFromValues } from "./sheet-grid";

/**
 * What a check reads of a sheet: rows 1–400, columns A–AX (20,000 cells). A Phụ lục 02 table is
 * ~45 rows × 14 columns; a used range of 100,000 formatting-only cells is not read at all
 * (values only), and a sheet of data beyond the area is checked on the area alone.
 */
export const READ_ROWS = 400;
export const READ_COLS = 50;
export const READ_AREA = "A1:AX400";

export interface SheetRead {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  /** The used range, for its size only (was anything left out of the bounded read?). */
  whole: Excel.Range;
  formats: Excel.ConditionalFormatCollection;
  notes: Excel.NoteCollection | undefined;
  protection: Excel.WorksheetProtection;
}

export function queueSheetRead(sheet: Excel.Worksheet, features: ExcelFeatures): SheetRead {
  sheet.load("name,id");
  // getUsedRange (not …OrNullObject): an empty sheet gives A1, never a null object to chain on.
  const whole = sheet.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount");
  const used = whole.getIntersectionOrNullObject(READ_AREA).load("values,formulas,rowIndex,columnIndex");
  // ConditionalFormatCollection of the whole sheet: every format that intersects it (ExcelApi 1.6).
  const formats = sheet.getRange().conditionalFormats.load("items/type,items/customOrNullObject/rule/formula");
  const notes = features.notes === "notes" ? sheet.notes.load("items/content") : undefined;
  const protection = sheet.protection.load("protected");
  return { sheet, used, whole, formats, notes, protection };
}

/** The sheet as the core sees it (empty when it holds no value in the area). */
export function gridOf(read: SheetRead): Grid {
  if (read.used.isNullObject) return { name: read.sheet.name, rows: [] };
  return gridFromValues(read.sheet.name, read.used, read.used.formulas);
}

/** Did the sheet have values outside the area a check reads? */
export function truncated(read: SheetRead): boolean {
  const w = read.whole;
  return w.rowIndex + w.rowCount > READ_ROWS || w.columnIndex + w.columnCount > READ_COLS;
}

export function ourFormats(read: SheetRead): Excel.ConditionalFormat[] {
  return read.formats.items.filter(
    (f) => f.type === "Custom" && !f.customOrNullObject.isNullObject && isOurFormula(f.customOrNullObject.rule.formula),
  );
}

export function notesOf(read: SheetRead): { ours: Excel.Note[]; theirs: Excel.Note[] } {
  const items = read.notes?.items ?? [];
  return { ours: items.filter((n) => isOurNote(n.content)), theirs: items.filter((n) => !isOurNote(n.content)) };
}

/** Rough size of what the read brought back (to size the next batch of this sheet). */
export function responseBytes(read: SheetRead): number {
  const values = read.used.isNullObject
    ? 0
    : JSON.stringify(read.used.values).length + JSON.stringify(read.used.formulas).length;
  const notes = (read.notes?.items ?? []).reduce((n, x) => n + x.content.length + 40, 0);
  return values + notes + read.formats.items.length * 120 + 1000;
}
