/**
 * Writes one of the project's output sheets (shared/output-sheets.ts) into a tab with a fixed
 * number of calls: the text format of the text cells and the borders through one RangeList each;
 * values, backgrounds, font weights and styles, alignment, wrapping and notes each as one 2D
 * call; then merges, widths, heights and the frozen panes Sheets allows.
 *
 * The sheet's print setup (shared/print-setup.ts) is not written: Apps Script has no print or
 * page-setup API (SpreadsheetApp offers none; a tab's print settings are only in File › Print).
 */
import { address, cellRuns, cellsByStyle, COUNT_FORMAT, type OutSheet, sheetValues, STYLE_LOOK } from "../../shared";
import { fitTab } from "./sheet-size";

const PX_PER_CHAR = 7;

export function writeOutSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet, out: OutSheet): void {
  const { values, width } = sheetValues(out);
  const height = values.length;
  if (height === 0) return;
  fitTab(sheet, height, width);
  const look = (r: number, c: number) => STYLE_LOOK[out.rows[r]?.[c]?.s ?? "plain"];
  const grid = <T>(f: (r: number, c: number) => T): T[][] => values.map((row, r) => row.map((_, c) => f(r, c)));
  const range = sheet.getRange(1, 1, height, width);
  // Text stays text ("(1)" is a column number, not -1). Every other cell keeps Sheets' automatic
  // format: a count typed into a plain-text cell would be stored as text (VALUE_AS_TEXT).
  const text: string[] = [];
  values.forEach((row, r) =>
    row.forEach((v, c) => typeof v === "string" && v !== "" && !out.rows[r]?.[c]?.f && text.push(address(r, c))),
  );
  if (text.length) sheet.getRangeList(cellRuns(text)).setNumberFormat("@");
  // Counts as #,##0 (Sheets writes it with the spreadsheet's locale separators: 227.739 in
  // Vietnamese); their cells are numbers, so this does not turn them into text.
  const counts: string[] = [];
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      const s = out.rows[r]?.[c]?.s;
      const numeric = typeof v === "number" || !!out.rows[r]?.[c]?.f;
      if (numeric && s && STYLE_LOOK[s].numFmt) counts.push(address(r, c));
    }),
  );
  if (counts.length) sheet.getRangeList(cellRuns(counts)).setNumberFormat(COUNT_FORMAT);
  range.setValues(values);
  range.setBackgrounds(grid((r, c) => look(r, c).fill ?? null) as string[][]);
  range.setFontWeights(grid((r, c) => (look(r, c).bold ? "bold" : "normal")));
  range.setFontStyles(grid((r, c) => (look(r, c).italic ? "italic" : "normal")));
  range.setFontSizes(grid((r, c) => look(r, c).size ?? 10));
  range.setHorizontalAlignments(grid((r, c) => (look(r, c).align === "center" ? "center" : "left")));
  range.setWraps(grid((r, c) => !!look(r, c).wrap));
  const bordered = [...cellsByStyle(out)].filter(([s]) => STYLE_LOOK[s].border).flatMap(([, refs]) => refs);
  if (bordered.length) sheet.getRangeList(cellRuns(bordered)).setBorder(true, true, true, true, null, null);
  for (const m of out.merges ?? []) sheet.getRange(`${address(m.top, m.left)}:${address(m.bottom, m.right)}`).merge();
  out.widths?.forEach((w, c) => sheet.setColumnWidth(c + 1, w * PX_PER_CHAR));
  // Sheets fits a row to its wrapped text itself: only the heights set for other reasons are written.
  for (const [r, h] of out.heights ?? []) if (!out.textHeights?.has(r)) sheet.setRowHeight(r + 1, h);
  const pane = panes(out);
  if (pane.rows) sheet.setFrozenRows(pane.rows);
  if (pane.cols) sheet.setFrozenColumns(pane.cols);
  if (out.notes?.size) range.setNotes(grid((r, c) => out.notes!.get(address(r, c)) ?? ""));
}

/**
 * The frozen panes Sheets accepts: it refuses to freeze part of a merged cell ("Sorry, you can't
 * freeze columns which contain only part of a merged cell.") and to merge across a frozen pane.
 * A pane that would cut a merge is left out. For the template this keeps its header rows frozen
 * and its title merged and centred over the whole table, as on the printed form, and freezes no
 * column: the table (~1,240 px wide) fits a laptop's screen, its ~40 rows do not.
 */
export function panes(out: OutSheet): { rows: number; cols: number } {
  const cuts = (lo: number, hi: number, at: number) => at > lo && at <= hi;
  const merges = out.merges ?? [];
  const rows = out.freeze?.row ?? 0;
  const cols = out.freeze?.col ?? 0;
  return {
    rows: merges.some((m) => cuts(m.top, m.bottom, rows)) ? 0 : rows,
    cols: merges.some((m) => cuts(m.left, m.right, cols)) ? 0 : cols,
  };
}
