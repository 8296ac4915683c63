/**
 * Writes one of the project's output sheets (city table, detail, status, blank template) into a
 * worksheet, in the current batch: values and number formats as 2D arrays, one format per
 * style through RangeAreas, merges, widths, frozen panes, notes. Nothing here syncs.
 */
import {
  address,
  cellsByStyle,
  headerFooterParts,
  type OutSheet,
  type PrintSetup,
  sheetValues,
  STYLE_LOOK,
} from "../../shared";
import { areaChunks } from "./addresses";
import type { ExcelFeatures } from "./features";
import { noteText } from "./marks";

const POINTS_PER_CHAR = 6;

export function queueWriteSheet(ws: Excel.Worksheet, out: OutSheet, features: ExcelFeatures): void {
  const { values, width } = sheetValues(out);
  const height = values.length;
  if (height === 0) return;
  const all = ws.getRangeByIndexes(0, 0, height, width);
  // Text stays text: "1.1" is a row code, not a number or a date. Counts take their style's
  // format (#,##0: Excel shows it with the reader's own thousands separator).
  all.numberFormat = values.map((row, r) =>
    row.map((v, c) => {
      if (typeof v === "string" && v !== "" && !v.startsWith("=")) return "@";
      const s = out.rows[r]?.[c]?.s;
      return (s && STYLE_LOOK[s].numFmt) || "General";
    }),
  );
  all.values = values;
  for (const [style, refs] of cellsByStyle(out)) {
    const look = STYLE_LOOK[style];
    for (const areas of areaChunks(refs)) {
      const fmt = ws.getRanges(areas).format;
      if (look.bold) fmt.font.bold = true;
      if (look.italic) fmt.font.italic = true;
      if (look.size) fmt.font.size = look.size;
      if (look.fill) fmt.fill.color = look.fill;
      if (look.align) fmt.horizontalAlignment = "Center";
      if (look.wrap) fmt.wrapText = true;
      if (look.border)
        for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const)
          fmt.borders.getItem(edge).style = "Continuous";
    }
  }
  for (const m of out.merges ?? []) ws.getRange(`${address(m.top, m.left)}:${address(m.bottom, m.right)}`).merge(false);
  out.widths?.forEach((w, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHAR));
  for (const [r, h] of out.heights ?? []) ws.getRangeByIndexes(r, 0, 1, 1).format.rowHeight = h;
  if (out.freeze && (out.freeze.row || out.freeze.col)) {
    if (out.freeze.row && out.freeze.col)
      ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, out.freeze.row, out.freeze.col));
    else if (out.freeze.row) ws.freezePanes.freezeRows(out.freeze.row);
    else ws.freezePanes.freezeColumns(out.freeze.col);
  }
  if (out.print) queuePageLayout(ws, out.print);
  // The city sheet's explanations are the tool's own: tagged like a check's, so a later check of
  // that sheet recognises (and replaces) them instead of taking them for the user's.
  if (features.notes === "notes") for (const [ref, text] of out.notes ?? []) ws.notes.add(ref, noteText(ref, text));
}

/** A1 letters of a column. */
const colName = (c: number) => address(0, c).replace(/\d+$/, "");

/**
 * The sheet's print setup through Worksheet.pageLayout (ExcelApi 1.9, the manifest's floor):
 * A4, orientation, fitted pagesWide pages across (zoom.horizontalFitToPages), centred, the print
 * titles (setPrintTitleRows/Columns, whole rows "$1:$2" and columns "$A:$B") and the header and
 * footer of every page (headersFooters.defaultForAllPages, the same codes as the .xlsx), and
 * the page breaks that keep each chart whole (Worksheet.horizontalPageBreaks).
 */
function queuePageLayout(ws: Excel.Worksheet, p: PrintSetup): void {
  const pl = ws.pageLayout;
  pl.paperSize = "A4";
  pl.orientation = p.landscape ? "Landscape" : "Portrait";
  pl.centerHorizontally = true;
  pl.zoom = { horizontalFitToPages: p.pagesWide };
  if (p.titleRows) pl.setPrintTitleRows(`$${p.titleRows.top + 1}:$${p.titleRows.bottom + 1}`);
  if (p.titleCols) pl.setPrintTitleColumns(`$${colName(p.titleCols.left)}:$${colName(p.titleCols.right)}`);
  const hf = pl.headersFooters.defaultForAllPages;
  const parts = headerFooterParts(p);
  hf.leftHeader = parts.leftHeader;
  hf.centerHeader = parts.centerHeader;
  hf.rightHeader = parts.rightHeader;
  hf.centerFooter = parts.centerFooter;
  // PageBreakCollection.add puts a break before the range's top-left cell (ExcelApi 1.9).
  for (const r of p.rowBreaks ?? []) ws.horizontalPageBreaks.add(`A${r + 1}`);
}
