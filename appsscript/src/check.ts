/**
 * Checking tabs: one getValues() and one getFormulas() per tab, the core's judgement, then the
 * marks written into the helper tab with one setValues(), for one tab or for all of them. The
 * number of service calls does not depend on the number of cells, nor (for the writes) on the
 * number of tabs; an edit in a large tab reads only the part that can hold the table.
 */
import {
  analyzeGrid,
  checkList,
  contextOf,
  countBySeverity,
  daibieuFacts,
  type Finding,
  type Grid,
  type Lang,
  recheckList,
  type SheetResult,
  tableBlock,
} from "../../shared";
import { daibieuTabFor, forgetOthers, listsOf, record } from "./delegate-tabs";
import {
  BLOCK_ROWS,
  type BlockMarks,
  blocksOf,
  blockStamps,
  ensureRules,
  hasBlock,
  markGrid,
  type Props,
  ruleArea,
  type RulesMode,
  writeAllBlocks,
  writeBlock,
} from "./highlight";
import { langOf } from "./i18n";
import { isOwnTab } from "./names";
import { writeNotes } from "./notes";
import { readRange, readTab } from "./read";

export interface TabCheck {
  sheet: string;
  result: SheetResult | undefined;
  findings: Finding[];
}

export interface Session {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  store: GoogleAppsScript.Properties.Properties;
  props: Props;
  /** Properties to save, written at once by saveProps (one setProperties per execution). */
  pending: Props;
}

export function session(): Session {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const store = PropertiesService.getDocumentProperties();
  return { ss, store, props: store.getProperties(), pending: {} };
}

/**
 * One setProperties for everything an execution learnt (rules set or refused, notes written):
 * a first "Kiểm tra tất cả" of 150 tabs made 150 setProperty calls (issue 24, point 14).
 */
export function saveProps(s: Session): void {
  if (Object.keys(s.pending).length === 0) return;
  s.store.setProperties(s.pending);
  s.pending = {};
}

/** The spreadsheet's language, asked once and only when a note is written. */
function lazyLang(s: Session): () => Lang {
  let lang: Lang | undefined;
  return () => (lang ??= langOf(s.ss));
}

interface Judged extends TabCheck {
  tab: GoogleAppsScript.Spreadsheet.Sheet;
  sheetId: number;
  grid: Grid;
}

/** The table, or the list of delegates (spec §4b), a tab holds: both are checked and marked alike. */
export const located = (r: SheetResult | undefined) => r?.table ?? r?.list;

/** One tab read (whole, or as `read` reads it) and judged; nothing written. The script's own tabs are not read. */
function judge(
  tab: GoogleAppsScript.Spreadsheet.Sheet,
  read: (name: string) => Grid = (name) => readTab(tab, name),
  name = tab.getName(),
): Judged | undefined {
  if (isOwnTab(name)) return undefined;
  const grid = read(name);
  const result = analyzeGrid(grid);
  return { sheet: name, result, findings: result?.findings ?? [], tab, sheetId: tab.getSheetId(), grid };
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
  return due.map((j, i) => ({
    j,
    block: blocks[i],
    grid: markGrid(j.findings, located(j.result) && { table: located(j.result)!, grid: j.grid }),
  }));
}

function ensureAllRules(s: Session, planned: (BlockMarks & { j: Judged })[], mode: RulesMode) {
  for (const { j, block } of planned) {
    const where = located(j.result);
    if (where) ensureRules(j.tab, j.sheetId, block, ruleArea(where, j.grid), s.props, s.pending, mode);
  }
}

/** The notes on likely mistyped cells, for the tabs marked (a tab whose table is gone loses ours). */
function allNotes(s: Session, planned: (BlockMarks & { j: Judged })[]) {
  const lang = lazyLang(s);
  for (const { j } of planned) Object.assign(s.pending, writeNotes(j.tab, j.sheetId, j.findings, s.props, lang));
}

/** One tab's marks: one setValues (and its rules, the first time). */
function markOne(s: Session, j: Judged, mode: RulesMode) {
  const planned = planMarks(s, [j]);
  if (planned.length === 0) return;
  writeBlock(s.ss, s.props, planned[0]);
  ensureAllRules(s, planned, mode);
  allNotes(s, planned);
  saveProps(s);
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
  const [me, ...lists] = withDelegateTabs(s, j);
  markOne(s, me, "menu");
  for (const l of lists) markOne(s, l, "menu");
  return me;
}

/**
 * A judged tab among the delegate tabs (appsscript/src/delegate-tabs.ts): a list is judged again
 * against its unit's Cơ cấu đại biểu, read again from its tab; a Cơ cấu đại biểu whose DB7–DB9,
 * unit or kind changed returns, after itself, the lists compared with it, judged again to be
 * marked. Nothing more is read for any other tab, nor for a Cơ cấu đại biểu that says what it said.
 */
function withDelegateTabs(s: Session, j: Judged): Judged[] {
  const known = new Map<number, SheetResult | undefined>([[j.sheetId, j.result]]);
  const { was, now } = record(s.props, s.pending, j.sheetId, j.sheet, j.result);
  const me = againstDaibieu(s, j, known);
  const changed = (was?.t === "db" || now?.t === "db") && was?.key !== now?.key;
  if (!changed) return [me];
  const lists = listsOf(s.props, j.sheetId, was).flatMap((w) => {
    const l = judgeRecorded(s, w.id, w.name);
    record(s.props, s.pending, w.id, l?.sheet ?? w.name, l?.result);
    return l?.result?.list ? [againstDaibieu(s, l, known)] : [];
  });
  return [me, ...lists];
}

/**
 * A recorded tab read and judged: found by its name (one call), else, renamed since, by its id
 * among all tabs (a call per tab, without reading any); undefined when it is gone.
 */
function judgeRecorded(s: Session, id: number, name: string): Judged | undefined {
  const named = s.ss.getSheetByName(name);
  if (named && named.getSheetId() === id) return judge(named, undefined, name);
  const tab = s.ss.getSheets().find((t) => t.getSheetId() === id);
  return tab ? judge(tab) : undefined;
}

/** A list judged against the Cơ cấu đại biểu its unit picks, read again (`known`: tabs read already). */
function againstDaibieu(s: Session, j: Judged, known: Map<number, SheetResult | undefined>): Judged {
  const list = j.result?.list;
  if (!list) return j;
  // a recorded tab may be gone or hold something else now: it is forgotten and the pick made again
  for (let tries = 0; tries < 3; tries++) {
    const where = daibieuTabFor(s.props, j.result!.unit, j.sheetId);
    if (!where) break;
    if (!known.has(where.id)) {
      const d = judgeRecorded(s, where.id, where.name);
      known.set(where.id, d?.result);
      record(s.props, s.pending, where.id, d?.sheet ?? where.name, d?.result);
    }
    const facts = known.get(where.id) && daibieuFacts(known.get(where.id)!);
    if (facts && daibieuTabFor(s.props, j.result!.unit, j.sheetId)?.id === where.id) {
      const findings = checkList(list, contextOf(facts));
      return { ...j, result: { ...j.result!, findings }, findings };
    }
  }
  return j;
}

/**
 * Every tab: one read each (the host forces it), one write for all their marks. A tab whose block
 * another execution wrote after this one started (a unit typing while the Sở checks all: its
 * onEdit marked the tab as it is now) keeps those marks: writing what was read before would put
 * a fixed cell back in red (issue 24, point 8).
 */
export function checkTabs(s: Session, tabs: GoogleAppsScript.Spreadsheet.Sheet[]): TabCheck[] {
  const started = Date.now();
  const judged = inWorkbook(
    s,
    tabs.map((tab) => judge(tab)),
  );
  const planned = planMarks(
    s,
    judged.filter((j): j is Judged => !!j),
  );
  const stamps = blockStamps(s.ss, s.props);
  const kept = new Set(stamps.flatMap((t, k) => (t >= started ? [k] : [])));
  writeAllBlocks(s.ss, planned, s.props, kept);
  const fresh = planned.filter((m) => !kept.has(m.block));
  ensureAllRules(s, fresh, "menu");
  allNotes(s, fresh);
  saveProps(s);
  return judged.map((j, i) => j ?? ownTab(tabs[i]));
}

/**
 * Every tab judged: each list against the Cơ cấu đại biểu among them, as the CLI judges a file,
 * and where the delegate tabs are recorded afresh.
 */
function inWorkbook(s: Session, judged: (Judged | undefined)[]): (Judged | undefined)[] {
  const results = judged.flatMap((j) => j?.result ?? []);
  forgetOthers(s.props, s.pending, new Set(judged.flatMap((j) => (j ? [j.sheetId] : []))));
  return judged.map((j) => {
    if (!j) return j;
    record(s.props, s.pending, j.sheetId, j.sheet, j.result);
    if (!j.result?.list) return j;
    const result = recheckList(j.result, results);
    return { ...j, result, findings: result.findings };
  });
}

/** A tab of more cells than this is not read whole on an edit (issue 24, point 13). */
export const WHOLE_TAB_CELLS = 20000;

/**
 * The rows that can hold a table the core finds: it looks for a header in a tab's first 200 rows
 * (shared/locate-header.ts, SCAN_ROWS), and a table ends within a block's height of its title.
 */
const TABLE_REACH = 200 + BLOCK_ROWS;

/**
 * The simple trigger's work: the edited tab only, and only when it holds a table that the edit
 * touches. A paste or a fill brings no e.value: the edited block is read from e.range.
 *
 * A simple trigger has 30 s (https://developers.google.com/apps-script/guides/triggers#restrictions),
 * and a tab of a million cells takes seconds to read: in a tab larger than WHOLE_TAB_CELLS, an
 * edit below the rows that can hold a table reads nothing, and one within them reads those rows.
 */
export function checkEdit(s: Session, range: GoogleAppsScript.Spreadsheet.Range): TabCheck | undefined {
  const tab = range.getSheet();
  const name = tab.getName();
  if (isOwnTab(name)) return undefined;
  const top = range.getRow() - 1;
  const left = range.getColumn() - 1;
  const bottom = top + range.getNumRows() - 1;
  const right = left + range.getNumColumns() - 1;
  const rows = Math.max(1, tab.getLastRow());
  const cols = Math.max(1, tab.getLastColumn());
  if (rows * cols > WHOLE_TAB_CELLS && top >= TABLE_REACH) return undefined;
  const read = (n: string) => readRange(tab.getRange(1, 1, Math.min(rows, TABLE_REACH), cols), n);
  const j = judge(tab, read, name);
  if (!j) return undefined;
  if (located(j.result)) {
    // The table with its title and unit lines, and two rows of slack below it.
    const b = tableBlock(located(j.result)!);
    if (bottom < b.top || top > b.bottom + 2 || right < b.left || left > b.right) return undefined;
  } else if (!hasBlock(j.sheetId, s.props)) return undefined;
  // A table edited, or one that is gone (rows deleted, pasted over): its marks are taken back.
  const [me, ...lists] = withDelegateTabs(s, j);
  markOne(s, me, "edit");
  for (const l of lists) markOne(s, l, "edit");
  return located(me.result) ? me : undefined;
}

export function summary(checks: TabCheck[]): { tabs: number; errors: number; warnings: number } {
  const withTable = checks.filter((c) => located(c.result));
  const { errors, warnings } = countBySeverity(withTable.flatMap((c) => c.findings));
  return { tabs: withTable.length, errors, warnings };
}
