/**
 * Checking tabs: one getValues() per tab, the core's judgement, then the marks written into the
 * helper tab with one setValues(), for one tab or for all of them. The number of service calls
 * does not depend on the number of cells, nor (for the writes) on the number of tabs.
 */
import { analyzeGrid, countBySeverity, type Finding, type SheetResult, tableBlock } from "../../shared";
import {
  type BlockMarks,
  blocksOf,
  ensureRules,
  hasBlock,
  markGrid,
  type Props,
  type RulesMode,
  writeAllBlocks,
  writeBlock,
} from "./highlight";
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

interface Judged extends TabCheck {
  tab: GoogleAppsScript.Spreadsheet.Sheet;
  sheetId: number;
}

/** The table, or the list of delegates (spec §4b), a tab holds: both are checked and marked alike. */
export const located = (r: SheetResult | undefined) => r?.table ?? r?.list;
/** One tab read and judged; nothing written. The script's own tabs are not read. */
function judge(tab: GoogleAppsScript.Spreadsheet.Sheet): Judged | undefined {
  const name = tab.getName();
  if (isOwnTab(name)) return undefined;
  const result = analyzeGrid(readTab(tab, name));
  return { sheet: name, result, findings: result?.findings ?? [], tab, sheetId: tab.getSheetId() };
}

/**
 * The marks to write: tabs with a table get theirs; tabs without one that were marked before get
 * an empty block (their marks taken back); others cost nothing.
 */
function planMarks(s: Session, judged: Judged[]): (BlockMarks & { j: Judged })[] {
  const due = judged.filter((j) => located(j.result) || hasBlock(j.sheetId, s.props));
  const blocks = blocksOf(
    s.ss,
    due.map((j) => j.sheetId),
    s.props,
    s.store,
  );
  return due.map((j, i) => ({ j, block: blocks[i], grid: markGrid(located(j.result) ? j.findings : []) }));
}

function ensureAllRules(s: Session, planned: (BlockMarks & { j: Judged })[], mode: RulesMode) {
  for (const m of planned) if (located(m.j.result)) ensureRules(m.j.tab, m.j.sheetId, m.block, s.props, s.store, mode);
}

/** One tab's marks: one setValues (and its rules, the first time). */
function markOne(s: Session, j: Judged, mode: RulesMode) {
  const planned = planMarks(s, [j]);
  if (planned.length === 0) return;
  writeBlock(s.ss, s.props, planned[0]);
  ensureAllRules(s, planned, mode);
}

const ownTab = (tab: GoogleAppsScript.Spreadsheet.Sheet): TabCheck => ({
  sheet: tab.getName(),
  result: undefined,
  findings: [],
});

/** One tab (a menu command or the sidebar): one read, one write of its marks. */
export function checkTab(s: Session, tab: GoogleAppsScript.Spreadsheet.Sheet): TabCheck {
  const j = judge(tab);
  if (!j) return ownTab(tab);
  markOne(s, j, "menu");
  return j;
}

/** Every tab: one read each (the host forces it), one write for all their marks. */
export function checkTabs(s: Session, tabs: GoogleAppsScript.Spreadsheet.Sheet[]): TabCheck[] {
  const judged = tabs.map((tab) => judge(tab));
  const planned = planMarks(
    s,
    judged.filter((j): j is Judged => !!j),
  );
  writeAllBlocks(s.ss, planned, s.props);
  ensureAllRules(s, planned, "menu");
  return judged.map((j, i) => j ?? ownTab(tabs[i]));
}

/**
 * The simple trigger's work: the edited tab only, and only when it holds a table that the edit
 * touches. A paste or a fill brings no e.value: the edited block is read from e.range.
 */
export function checkEdit(s: Session, range: GoogleAppsScript.Spreadsheet.Range): TabCheck | undefined {
  const j = judge(range.getSheet());
  if (!j) return undefined;
  if (located(j.result)) {
    // The table with its title and unit lines, and two rows of slack below it.
    const b = tableBlock(located(j.result)!);
    const top = range.getRow() - 1;
    const left = range.getColumn() - 1;
    const bottom = top + range.getNumRows() - 1;
    const right = left + range.getNumColumns() - 1;
    if (bottom < b.top || top > b.bottom + 2 || right < b.left || left > b.right) return undefined;
  } else if (!hasBlock(j.sheetId, s.props)) return undefined;
  // A table edited, or one that is gone (rows deleted, pasted over): its marks are taken back.
  markOne(s, j, "edit");
  return located(j.result) ? j : undefined;
}

export function summary(checks: TabCheck[]): { tabs: number; errors: number; warnings: number } {
  const withTable = checks.filter((c) => located(c.result));
  const { errors, warnings } = countBySeverity(withTable.flatMap((c) => c.findings));
  return { tabs: withTable.length, errors, warnings };
}
