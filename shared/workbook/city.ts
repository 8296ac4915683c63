/** The city workbook of a merge (spec §5): the shared output sheets, written as .xlsx bytes. */
import { cityOutputSheets, type Lang, type MergeResult } from "..";
import { writeXlsx } from "./sheet-writer";

export function writeCityWorkbook(result: MergeResult, opts: { lang?: Lang } = {}): Uint8Array {
  return writeXlsx(cityOutputSheets(result, opts.lang ?? "vi"));
}
