/** One tab's values as the core's grid: one getValues() call, error values as errors. */
import { type Cell, errorFromText, type Grid } from "../../shared";

export function readTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, name = sheet.getName()): Grid {
  const values = sheet.getDataRange().getValues() as Cell[][];
  return { name, rows: values.map((row) => row.map((v) => (v === "" ? null : errorFromText(v)))) };
}
