/** A list template (spec §4b) as a styled output sheet: the blank template every host writes. */
import { type ListLayout, listLayout } from "./list-layout";
import { builtinListTemplates, listTemplateById } from "./list-template";
import { templateById } from "./template";
import type { OutCell, OutSheet, OutValue } from "./output-sheets";
import { PRINT_WORDS, printSetupFor } from "./print-setup";

export function listSheet(lay: ListLayout, opts: { name?: string } = {}): OutSheet {
  const rows: OutCell[][] = lay.grid.rows.map((row) => (row ?? []).map((v) => ({ v: v as OutValue })));
  const cell = (r: number, c: number) => ((rows[r] ??= [])[c] ??= { v: null });
  cell(lay.titleRow, 0).s = "title";
  cell(lay.subtitleRow, 0).s = "subtitle";
  cell(lay.unitRow, 0).s = "bold";
  if (!lay.grid.rows[lay.unitRow]?.[1]) cell(lay.unitRow, 1).s = "blank";
  for (const r of lay.attrRows.values()) {
    cell(r, 0).s = "bold";
    if (!lay.grid.rows[r]?.[1]) cell(r, 1).s = "blank";
  }
  for (let c = 0; c <= lay.lastCol; c++) {
    cell(lay.headerRow, c).s = "header";
    cell(lay.numberRow, c).s = "number";
    for (let r = lay.firstDataRow; r <= lay.lastRow; r++) cell(r, c).s = c === 0 ? "count" : "text";
  }
  const name = opts.name ?? lay.grid.name;
  const widths = lay.template.columns.map((c) => c.width);
  return {
    name,
    rows,
    widths,
    heights: new Map([[lay.headerRow, 48]]),
    merges: lay.merges,
    freeze: { row: lay.numberRow + 1, col: 2 },
    // wide: landscape, the header rows on every page
    print: printSetupFor(widths, {
      landscape: true,
      title: name,
      unit: "",
      words: PRINT_WORDS.vi,
      titleRows: { top: lay.headerRow, bottom: lay.numberRow },
    }),
  };
}

/** The blank Danh sách đại biểu for a unit to fill in. */
export function blankListSheet(id: string, opts: { unit?: string; name?: string } = {}): OutSheet {
  return listSheet(listLayout(listTemplateById(id), { unit: opts.unit ?? "" }), opts);
}

/** The sheet name a template is written under ("Phụ lục 02", "Danh sách đại biểu"). */
export function templateSheetName(id: string): string {
  return (builtinListTemplates().find((t) => t.id === id) ?? templateById(id)).def.sheetName;
}
