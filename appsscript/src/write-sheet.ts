/**
 * Writes one of the project's output sheets (shared/output-sheets.ts) into a tab with a fixed
 * number of calls: number formats, values, backgrounds, font weights and styles, alignment,
 * wrapping and notes each as one 2D call; borders through one RangeList; then merges, widths,
 * heights and frozen panes.
 */
import { address, cellRuns, cellsByStyle, type OutSheet, sheetValues, STYLE_LOOK } from "../../shared";
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
  // Text stays text: "1.1" is a row code, not a number or a date.
  range.setNumberFormats(grid((r, c) => (typeof values[r][c] === "string" && !out.rows[r]?.[c]?.f ? "@" : "General")));
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
  for (const [r, h] of out.heights ?? []) sheet.setRowHeight(r + 1, h);
  if (out.freeze?.row) sheet.setFrozenRows(out.freeze.row);
  if (out.freeze?.col) sheet.setFrozenColumns(out.freeze.col);
  if (out.notes?.size) range.setNotes(grid((r, c) => out.notes!.get(address(r, c)) ?? ""));
}
