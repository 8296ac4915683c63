/** Sheets refuses a range beyond a tab's rows and columns (a new tab has 1,000 × 26): grow it first. */
export function fitTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, cols: number): void {
  const haveRows = sheet.getMaxRows();
  if (haveRows < rows) sheet.insertRowsAfter(haveRows, rows - haveRows);
  const haveCols = sheet.getMaxColumns();
  if (haveCols < cols) sheet.insertColumnsAfter(haveCols, cols - haveCols);
}
