/**
 * The sheet "Số liệu cho báo cáo" of the city workbook: the same figures in words as the report
 * command writes, one block per row in column A, ready to copy into the Sở's report. Written by
 * every host through cityOutputSheets, like the other output sheets.
 */
import type { OutCell, OutSheet } from "../output-sheets";
import type { ReportBlock } from "./figures";

export function reportSheet(name: string, blocks: readonly ReportBlock[]): OutSheet {
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
  return { name, rows, widths: [120] };
}
