/**
 * The sheet "Số liệu cho báo cáo" of the city workbook: the same figures in words as the report
 * command writes, one block per row in column A, ready to copy into the Sở's report. Written by
 * every host through cityOutputSheets, like the other output sheets.
 *
 * Laid out for A4 portrait (issue 26): column A as wide as the printable width, every paragraph
 * wrapped in it, and each row as high as its lines, so no line runs off the page or over the next.
 */
import type { OutCell, OutSheet } from "../output-sheets";
import { colPx, LINE_PT, PAGE_PX, type PrintSetup, printSetupFor, ROW_PAD_PT, wrappedLines } from "../print-setup";
import type { ReportBlock } from "./figures";

/**
 * Column A's width in characters: the printable width of an A4 portrait page at 9 px a
 * character. Excel draws Calibri at 7 px; LibreOffice without Calibri (or its metric twin
 * Carlito) falls back to DejaVu Sans, ~9 px, and does not shrink a single column that is wider
 * than the page: at this width the column fits the page in either.
 */
export const REPORT_WIDTH = Math.floor((PAGE_PX.portrait - colPx(0)) / 9);
/** Characters a wrapped line holds (one a width unit: never too few lines, see wrappedLines). */
const LINE_CHARS = REPORT_WIDTH - 2;

export function reportSheet(
  name: string,
  blocks: readonly ReportBlock[],
  print: Pick<PrintSetup, "title" | "unit" | "words">,
): OutSheet {
  const rows: OutCell[][] = blocks.map((b) => {
    switch (b.kind) {
      case "title":
        return [{ v: b.text, s: "subtitle" }];
      case "heading":
        return [{ v: b.text, s: "bold" }];
      case "item":
        return [{ v: `${"    ".repeat(b.depth)}– ${b.text}`, s: "paragraph" }];
      default:
        return [{ v: b.text, s: "paragraph" }];
    }
  });
  const heights = new Map<number, number>();
  rows.forEach(([cell], r) => {
    // The title is bold 12-point: a quarter wider a character than body text.
    const lines = wrappedLines(String(cell.v), cell.s === "paragraph" ? LINE_CHARS : LINE_CHARS / 1.25);
    heights.set(r, lines * LINE_PT + ROW_PAD_PT + (cell.s === "subtitle" ? 4 : 0));
  });
  const widths = [REPORT_WIDTH];
  return { name, rows, widths, heights, print: printSetupFor(widths, { ...print, landscape: false }) };
}
