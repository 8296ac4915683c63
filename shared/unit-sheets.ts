/**
 * A unit's other sheets: the errors and warnings of the Cơ cấu đại biểu (and any other checked
 * sheet) that belong to the unit of a Phụ lục 02 table in the same workbook, so that the status
 * sheet and the summary count them with the unit (spec §5 v2). Every host's merge uses it: the
 * CLI and the page per file, Excel and Sheets for the open workbook.
 */
import type { SheetResult } from "./analyze";
import type { MergeInput } from "./consolidate";
import { countBySeverity } from "./finding";
import { conferenceOf } from "./conference";
import { recheckList } from "./list-context";

/**
 * The findings of `sheets` other than Phụ lục 02 tables that belong with `table`: all of them when
 * the workbook holds one table, else those whose unit line names the table's unit.
 */
export function otherSheetsOf(
  sheets: readonly SheetResult[],
  table: SheetResult,
  tables: number,
): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const s of sheets) {
    if (s.template === "pl02" || (tables > 1 && (!s.unit || s.unit !== table.unit))) continue;
    const n = countBySeverity(s.findings);
    errors += n.errors;
    warnings += n.warnings;
  }
  return { errors, warnings };
}

/** Sets `otherSheets` on each input whose table is one of `sheets` (one workbook's checked sheets). */
export function attachOtherSheets(inputs: readonly MergeInput[], sheets: readonly SheetResult[]): void {
  const mine = inputs.filter((i) => i.result.template === "pl02" && sheets.includes(i.result));
  // Excel and Sheets judge sheet by sheet: each list is judged here against its Cơ cấu đại biểu
  const all = sheets.map((s) => (s.list ? recheckList(s, sheets) : s));
  for (const input of mine) {
    input.otherSheets = otherSheetsOf(all, input.result, mine.length);
    input.conference = conferenceOf(all, input.result, mine.length);
  }
}
