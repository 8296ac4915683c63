/** A used range's values as the core's grid: absolute positions, error values as errors. */
import { type Cell, errorFromText, type Grid } from "../../shared";

export function gridFromValues(name: string, used: Pick<Excel.Range, "values" | "rowIndex" | "columnIndex">): Grid {
  const rows: Cell[][] = [];
  used.values.forEach((row, r) => {
    const out: Cell[] = [];
    row.forEach((v, c) => {
      if (v !== "" && v !== null && v !== undefined) out[used.columnIndex + c] = errorFromText(v as Cell);
    });
    rows[used.rowIndex + r] = out;
  });
  return { name, rows };
}
