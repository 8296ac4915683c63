/** A used range's values as the core's grid: absolute positions, error values as errors. */
import { type Cell, errorFromText, type Grid } from "../../shared";

type Used = Pick<Excel.Range, "values" | "rowIndex" | "columnIndex">;

/**
 * `formulas`, the range's Range.formulas when the caller loaded them, says which cells hold a formula (Range.formulas gives the formula
 * text, "=…", where there is one and the value elsewhere): they go to Grid.formulas with their
 * text, so that the search for likely causes (spec §3b) never blames the template's arithmetic.
 */
export function gridFromValues(name: string, used: Used, formulas?: unknown[][]): Grid {
  const rows: Cell[][] = [];
  let found: string[][] | undefined;
  used.values.forEach((row, r) => {
    const out: Cell[] = [];
    row.forEach((v, c) => {
      if (v !== "" && v !== null && v !== undefined) out[used.columnIndex + c] = errorFromText(v as Cell);
    });
    rows[used.rowIndex + r] = out;
    formulas?.[r]?.forEach((f, c) => {
      if (typeof f === "string" && f.startsWith("="))
        ((found ??= [])[used.rowIndex + r] ??= [])[used.columnIndex + c] = f;
    });
  });
  return found ? { name, rows, formulas: found } : { name, rows };
}
