/**
 * The city workbook of a merge (spec §5): the shared output sheets and, last, the chart sheet
 * with the report's native charts (issue 15), written as .xlsx bytes.
 */
import { chartSheet, cityOutputSheets, type Lang, type MergeResult } from "../..";
import { writeXlsx } from "./sheet-writer";

export function writeCityWorkbook(result: MergeResult, opts: { lang?: Lang } = {}): Uint8Array {
  const lang = opts.lang ?? "vi";
  const charts = chartSheet(result, lang);
  return writeXlsx([...cityOutputSheets(result, lang), { ...charts.sheet, charts: charts.charts }]);
}
