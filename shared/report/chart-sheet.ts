/**
 * The report's charts (chart-data.ts) placed on a sheet of their own, "Biểu đồ tổng hợp", for every
 * host that writes a city workbook: each chart's numbers as a small table (categories down the
 * first column, one column per series, the series names on the header row above them, its
 * top-left cell left blank so Excel and Sheets read that row and column as labels), the chart
 * anchored to the right of its table, and, when the city table has errors, the caution in the
 * cell just above the chart. Hosts only write the sheet and draw what `charts` describes.
 */
import { address } from "../address";
import type { MergeResult } from "../consolidate";
import { countBySeverity, type Lang } from "../finding";
import type { Merge } from "../layout";
import { CITY_SHEET_NAMES, type OutCell, type OutSheet } from "../output-sheets";
import { PRINT_WORDS, printSetupFor } from "../print-setup";
import { templateById } from "../template";
import { type ChartData, reportCharts } from "./chart-data";

export const CHART_SHEET_NAME = CITY_SHEET_NAMES.charts;

/** A chart as every host draws it: a clustered column chart of a table on the chart sheet. */
export interface SheetChart {
  id: ChartData["id"];
  title: string;
  categoryTitle: string;
  valueTitle: string;
  /** The whole table, header row and category column included ("A3:E8"): hosts that take one range. */
  table: string;
  /** The category cells ("A4:A8"). */
  categories: string;
  /** Each series: the cell holding its name ("B3") and its values ("B4:B8"), with the data. */
  series: { name: string; nameRef: string; values: number[]; ref: string }[];
  categoryNames: string[];
  /** Where the chart sits: its top-left cell and its bottom-right cell (0-based), as cells. */
  anchor: { top: number; left: number; bottom: number; right: number };
  /** The caution cell next to the chart ("G2") and its text; null when the numbers passed every check. */
  caution: { ref: string; text: string } | null;
}

/** The chart's size in cells (about 15 cm × 8 cm with the default column width and row height). */
const CHART_COLS = 9;
const CHART_ROWS = 18;
/** The first column of every chart: one blank column after the widest table (four series + categories). */
const CHART_COL = 6;

export interface ChartSheet {
  sheet: OutSheet;
  charts: SheetChart[];
}

/** Quoted for a formula or a chart reference: 'Biểu đồ tổng hợp'!$A$1. */
export function sheetRef(sheet: string, ref: string): string {
  const abs = ref
    .split(":")
    .map((a) => a.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2"))
    .join(":");
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

/** The chart sheet of a merge: each chart's table, the chart drawn from it, and the cautions. */
export function chartSheet(result: MergeResult, lang: Lang = "vi"): ChartSheet {
  const errors = countBySeverity(result.city.findings).errors;
  const data = reportCharts(templateById("pl02"), result.city.rows, errors, lang);
  const rows: OutCell[][] = [];
  const charts: SheetChart[] = [];
  const merges: Merge[] = [];
  const heights = new Map<number, number>();
  const put = (r: number, c: number, cell: OutCell) => ((rows[r] ??= [])[c] = cell);
  let top = 0;
  const breaks: number[] = [];
  data.forEach((d, i) => {
    // Two charts a page (a group of levels' two), never one cut in two.
    if (i > 0 && i % 2 === 0) breaks.push(top);
    put(top, 0, { v: d.title, s: "bold" });
    const head = top + 1;
    put(head, 0, { v: "", s: "header" });
    d.series.forEach((s, j) => put(head, 1 + j, { v: s.name, s: "header" }));
    d.categories.forEach((cat, i) => {
      put(head + 1 + i, 0, { v: cat, s: "text" });
      d.series.forEach((s, j) => put(head + 1 + i, 1 + j, { v: s.values[i], s: "count" }));
    });
    const last = head + d.categories.length;
    const caution = d.caution ? { ref: address(top, CHART_COL), text: d.caution } : null;
    if (caution) {
      put(top, CHART_COL, { v: caution.text, s: "caution" });
      merges.push({ top, bottom: top, left: CHART_COL, right: CHART_COL + CHART_COLS - 1 });
      heights.set(top, 48);
    }
    charts.push({
      id: d.id,
      title: d.title,
      categoryTitle: d.categoryTitle,
      valueTitle: d.valueTitle,
      table: `${address(head, 0)}:${address(last, d.series.length)}`,
      categories: `${address(head + 1, 0)}:${address(last, 0)}`,
      categoryNames: d.categories,
      series: d.series.map((s, j) => ({
        name: s.name,
        nameRef: address(head, 1 + j),
        values: s.values,
        ref: `${address(head + 1, 1 + j)}:${address(last, 1 + j)}`,
      })),
      anchor: { top: head, left: CHART_COL, bottom: head + CHART_ROWS, right: CHART_COL + CHART_COLS },
      caution,
    });
    top = Math.max(last, head + CHART_ROWS) + 2;
  });
  const widths = [20, 20, 20, 20, 20, 4];
  // The charts' columns keep the default width (8.43 characters).
  const printed = [...widths, ...Array.from({ length: CHART_COLS }, () => 8.43)];
  return {
    // Dense rows: hosts map over them (a hole would be skipped).
    sheet: {
      name: CHART_SHEET_NAME,
      rows: Array.from(rows, (r) => r ?? []),
      widths,
      heights,
      merges,
      print: printSetupFor(printed, {
        landscape: true,
        title: `Phụ lục 02 · ${CHART_SHEET_NAME}`,
        unit: result.city.result.unit ?? "",
        words: PRINT_WORDS[lang],
        rowBreaks: breaks,
      }),
    },
    charts,
  };
}
