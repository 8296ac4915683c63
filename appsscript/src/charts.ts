/**
 * The report's charts in Sheets (issue 15): one column chart per table of the chart tab
 * (shared/report/chart-sheet.ts), built with EmbeddedChartBuilder and inserted next to its table.
 * The first row of each table names the series (setNumHeaders(1)), its first column gives the
 * categories (the domain of a column chart). The charts read the tab's cells, so they follow them.
 * Every bar carries its value (the series option dataLabel "value", which Sheets' charts take
 * through setOption as public Apps Script projects set it; not in the Gviz column chart
 * reference), and the value axis reads #,##0 (vAxis.format).
 */
import { COUNT_FORMAT, type SheetChart } from "../../shared";

export function insertCharts(sheet: GoogleAppsScript.Spreadsheet.Sheet, charts: SheetChart[]): void {
  for (const c of charts)
    sheet.insertChart(
      sheet
        .newChart()
        .asColumnChart()
        .setTitle(c.title)
        .setXAxisTitle(c.categoryTitle)
        .setYAxisTitle(c.valueTitle)
        .setLegendPosition(Charts.Position.BOTTOM)
        .addRange(sheet.getRange(c.table))
        .setNumHeaders(1)
        .setOption("series", Object.fromEntries(c.series.map((_, i) => [i, { dataLabel: "value" }])))
        .setOption("vAxis.format", COUNT_FORMAT)
        .setPosition(c.anchor.top + 1, c.anchor.left + 1, 0, 0)
        .build(),
    );
}
