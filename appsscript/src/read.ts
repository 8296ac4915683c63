/**
 * One tab's values as the core's grid: one getValues() and one getFormulas() of the same range,
 * error values as errors. The formulas tell the core which cells the template's own arithmetic
 * fills (Grid.formulas, spec §3b): those are never named as the likely mistyped cell.
 */
import { type Cell, errorFromText, type Grid } from "../../shared";

/**
 * The cells of `range` as a grid whose addresses are the tab's own: rows above the range are
 * holes, columns left of it blanks (`top`, `left`: where the range starts, 0-based, as the caller
 * asked for it: no call to ask the range again).
 */
export function readRange(range: GoogleAppsScript.Spreadsheet.Range, name: string, top = 0, left = 0): Grid {
  const values = range.getValues() as Cell[][];
  // "" where a cell holds no formula, its text with "=" where it does (Range.getFormulas).
  const texts = range.getFormulas();
  const pad = (row: Cell[]) => (left ? [...new Array<Cell>(left).fill(null), ...row] : row);
  const rows: Cell[][] = [];
  values.forEach((row, i) => (rows[top + i] = pad(row.map((v) => (v === "" ? null : errorFromText(v))))));
  let formulas: string[][] | undefined;
  texts.forEach((row, i) =>
    row.forEach((f, j) => {
      if (f !== "") ((formulas ??= [])[top + i] ??= [])[left + j] = f;
    }),
  );
  return formulas ? { name, rows, formulas } : { name, rows };
}

export function readTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, name = sheet.getName()): Grid {
  return readRange(sheet.getDataRange(), name);
}
