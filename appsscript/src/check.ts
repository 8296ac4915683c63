/**
 * Checking tabs: one getValues() per tab, the core's judgement, one setValues() of marks. The
 * number of service calls does not depend on the number of cells.
 */
import { analyzeGrid, countBySeverity, type Finding, type SheetResult } from "../../shared";
import { blockOf, ensureRules, hasBlock, markGrid, type Props, writeMarks } from "./highlight";
import { isOwnTab } from "./names";
import { readTab } from "./read";

export interface TabCheck {
  sheet: string;
  result: SheetResult | undefined;
  findings: Finding[];
}

export interface Session {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  store: GoogleAppsScript.Properties.Properties;
  props: Props;
}

export function session(): Session {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const store = PropertiesService.getDocumentProperties();
  return { ss, store, props: store.getProperties() };
}

/** Writes a tab's marks; a tab without a table and without earlier marks costs nothing. */
function mark(
  s: Session,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  sheetId: number,
  findings: Finding[],
  table: boolean,
) {
  if (!table && !hasBlock(sheetId, s.props)) return;
  const block = blockOf(sheetId, s.props, s.store);
  writeMarks(s.ss, block, markGrid(findings));
  if (table) ensureRules(sheet, sheetId, block, s.props, s.store);
}

export function checkTab(s: Session, sheet: GoogleAppsScript.Spreadsheet.Sheet, name = sheet.getName()): TabCheck {
  if (isOwnTab(name)) return { sheet: name, result: undefined, findings: [] };
  const result = analyzeGrid(readTab(sheet, name));
  const findings = result?.findings ?? [];
  mark(s, sheet, sheet.getSheetId(), findings, !!result?.table);
  return { sheet: name, result, findings };
}

/** Rows and columns a table spans (with its title and unit lines), 0-based. */
function tableBounds(result: SheetResult) {
  const t = result.table!;
  return {
    top: Math.max(0, t.headerTop - 6),
    bottom: Math.max(t.dataStart, ...t.rows.values()) + 2,
    left: 0,
    right: Math.max(0, ...t.columns.values()),
  };
}

/**
 * The simple trigger's work: the edited tab only, and only when it holds a table that the edit
 * touches. A paste or a fill brings no e.value: the edited block is read from e.range.
 */
export function checkEdit(s: Session, range: GoogleAppsScript.Spreadsheet.Range): TabCheck | undefined {
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (isOwnTab(name)) return undefined;
  const result = analyzeGrid(readTab(sheet, name));
  const sheetId = sheet.getSheetId();
  if (!result?.table) {
    // The table is gone (rows deleted, pasted over): take its marks away.
    if (hasBlock(sheetId, s.props)) mark(s, sheet, sheetId, [], false);
    return undefined;
  }
  const b = tableBounds(result);
  const top = range.getRow() - 1;
  const left = range.getColumn() - 1;
  const bottom = top + range.getNumRows() - 1;
  const right = left + range.getNumColumns() - 1;
  if (bottom < b.top || top > b.bottom || right < b.left || left > b.right) return undefined;
  mark(s, sheet, sheetId, result.findings, true);
  return { sheet: name, result, findings: result.findings };
}

export function summary(checks: TabCheck[]): { tabs: number; errors: number; warnings: number } {
  const withTable = checks.filter((c) => c.result?.table);
  const { errors, warnings } = countBySeverity(withTable.flatMap((c) => c.findings));
  return { tabs: withTable.length, errors, warnings };
}
