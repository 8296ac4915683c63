/**
 * The report's charts drawn by Excel on the chart sheet the merge writes (issue 15): one
 * clustered column chart per table of shared/report/chart-sheet.ts, in the current batch, after
 * the table's values (a batch runs in order, so the chart reads them). The table's top-left cell
 * is blank, so Excel takes its first row as the series names and its first column as the
 * categories. ExcelApi 1.1 (ChartCollection.add, Chart.title, axes, legend, setPosition,
 * dataLabels.showValue) and 1.8 (ChartDataLabels.numberFormat, ChartAxis.numberFormat), under
 * the manifest's floor of 1.9: each bar labelled with its value, counts as #,##0.
 * Nothing here syncs.
 */
import { address, COUNT_FORMAT, type SheetChart } from "../../shared";

export function queueCharts(ws: Excel.Worksheet, charts: SheetChart[]): void {
  for (const c of charts) {
    const chart = ws.charts.add("ColumnClustered", ws.getRange(c.table), "Columns");
    chart.name = c.id;
    chart.title.text = c.title;
    chart.axes.categoryAxis.title.text = c.categoryTitle;
    chart.axes.valueAxis.title.text = c.valueTitle;
    chart.axes.valueAxis.numberFormat = COUNT_FORMAT;
    chart.dataLabels.showValue = true;
    chart.dataLabels.numberFormat = COUNT_FORMAT;
    chart.legend.position = "Bottom";
    chart.setPosition(address(c.anchor.top, c.anchor.left), address(c.anchor.bottom, c.anchor.right));
  }
}
