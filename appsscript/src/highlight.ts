/**
 * Highlights by conditional formatting, driven from a hidden helper tab.
 *
 * Each unit tab gets a block of the helper tab (150 rows × 26 columns, laid over the tab from the
 * table's first row and column, wherever the table is) and two conditional-format rules that
 * colour a cell when its twin in the block holds "E" (error) or "W" (warning) and the cell and the
 * table still hold what the check saw (ruleFormula). A check writes the whole block in one
 * setValues() call. Why this way:
 * - the user's own backgrounds are never written and their notes never overwritten, so nothing has
 *   to be restored;
 * - a simple trigger runs as the person typing, who cannot write into the protected parts of the
 *   template (item 8): the helper tab is not protected, so marks still appear there;
 * - the rules are set once per tab by whoever runs a menu command (the Sở, the owner), or by the
 *   first check that may; a tab copied from another gets its own block and rules.
 * Explanations are in the sidebar ("Bảng lỗi"); the one note written is on a likely mistyped cell,
 * with the value the rules give it (notes.ts).
 */
import {
  address,
  type Cell,
  type Finding,
  type Grid,
  LIKELY_CAUSE,
  type LocatedTable,
  MARK_COLORS,
  marksByCell,
  parseAddress,
  tableBlock,
} from "../../shared";
import { langOf, strings } from "./i18n";
import { HELPER } from "./names";
import { fitTab } from "./sheet-size";

export const BLOCK_ROWS = 150;
export const BLOCK_COLS = 26;
const BLOCK_KEY = "pl02.block.";
const RULES_KEY = "pl02.rules.";
const NEXT_KEY = "pl02.nextBlock";

export type Props = Record<string, string>;

const REFUSED_KEY = "pl02.rulesRefused.";
/** How long a first edit waits for another one to finish handing out blocks. */
const LOCK_MS = 10000;

/** The blocks of these tabs; new ones are handed out under the script lock (see allocate). */
export function blocksOf(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheetIds: readonly number[],
  props: Props,
  store: GoogleAppsScript.Properties.Properties,
): number[] {
  if (sheetIds.some((id) => !hasBlock(id, props))) allocate(ss, sheetIds, props, store);
  return sheetIds.map((id) => Number(props[BLOCK_KEY + id]));
}

/**
 * Two units typing in two new tabs at once run two executions: without a lock both read the same
 * "next block" and both take it, and one tab shows the other's marks for good. The properties are
 * read again under the lock; new blocks cost one properties write and one growth of the helper tab.
 */
/**
 * `f` under the script lock. Two first edits after the helper tab was deleted both found it
 * missing and both made it: the second insertSheet failed ("already exists") and its marks were
 * lost (issue 24, point 15). Under the lock, the second finds the first one's tab.
 */
function underLock<T>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, f: () => T): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_MS)) throw new Error(strings(langOf(ss)).busyMarks);
  try {
    return f();
  } finally {
    lock.releaseLock();
  }
}

function allocate(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheetIds: readonly number[],
  props: Props,
  store: GoogleAppsScript.Properties.Properties,
): void {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_MS)) throw new Error(strings(langOf(ss)).busyMarks);
  try {
    Object.assign(props, store.getProperties());
    const fresh: Props = {};
    let next = blockCount(props);
    for (const id of sheetIds) if (!hasBlock(id, props)) fresh[BLOCK_KEY + id] = props[BLOCK_KEY + id] = String(next++);
    if (!Object.keys(fresh).length) return;
    fresh[NEXT_KEY] = props[NEXT_KEY] = String(next);
    store.setProperties(fresh);
    helperTab(ss, props, true, true);
  } finally {
    lock.releaseLock();
  }
}

export function hasBlock(sheetId: number, props: Props): boolean {
  return props[BLOCK_KEY + sheetId] !== undefined;
}

/** How many blocks have been handed out (the helper tab's used height, in blocks). */
export function blockCount(props: Props): number {
  return Number(props[NEXT_KEY] ?? 0);
}

const emptyRow = () => new Array<string>(BLOCK_COLS).fill("");

/**
 * The findings that mark their cell (spec §3b): a likely cause marks the cell to fix as an error;
 * a rule finding that a likely cause on another cell explains is a consequence and marks nothing
 * (it clears with the fix; the sidebar lists it under its cause), so a formula total the clerk
 * never typed is not shown as a second mistake. A tie between candidate cells marks none of them
 * (the rules cannot tell which is wrong: their own findings stay marked).
 */
export function markedFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) =>
    f.rule === LIKELY_CAUSE ? !f.alternatives : !f.explainedBy || f.explainedBy.includes(f.cells[0]),
  );
}

/** Where a table or a list of delegates (spec §4b) sits: all the marks need of either. */
type Placed = Pick<LocatedTable, "headerTop" | "dataStart" | "rows" | "columns">;

/**
 * Where a tab's block starts on the tab (0-based): the table's first row (its title) and first
 * column, wherever the table is (issue 24, point 11: a table below row 150 or right of column Z
 * was listed in the sidebar and never marked). The block's cell (i, j) is the tab's
 * (top + i, left + j).
 */
export interface Origin {
  top: number;
  left: number;
}

export function originOf(table: Placed | undefined): Origin {
  if (!table) return { top: 0, left: 0 };
  return { top: tableBlock(table).top, left: Math.min(...table.columns.values()) };
}

/**
 * The block's last column holds, on its first row, when it was written (Date.now()): a "Kiểm tra
 * tất cả" that read the tabs before then does not write over it (issue 24, point 8); on its second
 * row, the sum of the table's numbers as the check saw them. Marks use the columns before it (a
 * table is 13 columns wide) and the block's first SEEN_ROW rows (a table is about 40 rows high);
 * the rows after hold, under each mark, the value its cell had when checked.
 */
const STAMP_COL = BLOCK_COLS - 1;
export const SEEN_ROW = BLOCK_ROWS / 2;

/** A value as setValues stores it unchanged: text kept as text ("'1,5" is the text 1,5). */
function asWritten(v: Cell): string | number | boolean {
  if (v === null || v === undefined || typeof v === "object") return "";
  return typeof v === "string" ? `'${v}` : v;
}

/**
 * The sum of the numbers of the rules' area as the rule computes it (ROUND(SUM(area), 6)), or
 * "err" when a cell of it holds a formula error (SUM gives an error then).
 */
export function areaSum(grid: Grid, area: RuleArea): number | string {
  let sum = 0;
  for (let r = area.top; r < area.top + area.rows; r++)
    for (let c = area.left; c < area.left + area.cols; c++) {
      const v = grid.rows[r]?.[c];
      if (typeof v === "number") sum += v;
      else if (v && typeof v === "object") return "'err";
    }
  return Math.round(sum * 1e6) / 1e6;
}

/**
 * "E"/"W"/"" for each cell of the block, as every host marks cells (worst severity wins), with the
 * value each marked cell had and the table's sum, so that the rules show a mark only while the
 * table is as it was checked (issue 24, point 9), and the block's stamp.
 */
export function markGrid(findings: readonly Finding[], seen?: { table: Placed; grid: Grid }): string[][] {
  const grid: (string | number | boolean)[][] = Array.from({ length: BLOCK_ROWS }, emptyRow);
  if (seen) {
    const at = originOf(seen.table);
    for (const [ref, mark] of marksByCell(markedFindings(findings), "vi")) {
      const p = parseAddress(ref);
      if (!p) continue;
      const [r, c] = [p.row - at.top, p.col - at.left];
      if (r < 0 || r >= SEEN_ROW || c < 0 || c >= STAMP_COL) continue;
      grid[r][c] = mark.severity === "error" ? "E" : "W";
      grid[SEEN_ROW + r][c] = asWritten(seen.grid.rows[p.row]?.[p.col]);
    }
    grid[1][STAMP_COL] = areaSum(seen.grid, ruleArea(seen.table, seen.grid));
  }
  grid[0][STAMP_COL] = Date.now();
  return grid as string[][];
}

/** When each block was last written (0: never, or before stamps): one getValues over the stamp column. */
export function blockStamps(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props): number[] {
  const count = blockCount(props);
  const helper = ss.getSheetByName(HELPER);
  if (!helper || count === 0) return [];
  const col = helper.getRange(1, STAMP_COL + 1, count * BLOCK_ROWS, 1).getValues();
  return Array.from({ length: count }, (_, k) => Number(col[k * BLOCK_ROWS][0]) || 0);
}

/**
 * The hidden helper tab, made when missing, grown to every block handed out when made (the user
 * may have deleted it: a new tab has 1,000 rows, the eighth block starts at row 1,051) or asked to.
 */
function helperTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  props: Props,
  grow = false,
  locked = false,
): GoogleAppsScript.Spreadsheet.Sheet {
  const found = ss.getSheetByName(HELPER);
  if (found) {
    if (grow) fitTab(found, blockCount(props) * BLOCK_ROWS, BLOCK_COLS);
    return found;
  }
  if (!locked) return underLock(ss, () => helperTab(ss, props, true, true));
  // insertSheet shows the new tab: hide it and give the user back the tab they were on.
  const shown = ss.getActiveSheet();
  const sheet = ss.insertSheet(HELPER, ss.getNumSheets());
  fitTab(sheet, blockCount(props) * BLOCK_ROWS, BLOCK_COLS);
  sheet.hideSheet();
  shown.activate();
  return sheet;
}

export interface BlockMarks {
  block: number;
  grid: string[][];
}

/** One tab's marks: one setValues. */
export function writeBlock(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Props, m: BlockMarks): void {
  helperTab(ss, props)
    .getRange(1 + m.block * BLOCK_ROWS, 1, BLOCK_ROWS, BLOCK_COLS)
    .setValues(m.grid);
}

/**
 * Every tab's marks at once: one setValues over the first `count` blocks (blocks not given are
 * cleared), or one per run of blocks when some are `kept` (written by another execution since
 * this one read its tabs: issue 24, point 8).
 */
export function writeAllBlocks(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  marks: BlockMarks[],
  props: Props,
  kept: ReadonlySet<number> = new Set(),
): void {
  const count = blockCount(props);
  if (count === 0) return;
  const byBlock = new Map(marks.map((m) => [m.block, m.grid]));
  const helper = helperTab(ss, props);
  for (let k = 0; k < count;) {
    if (kept.has(k)) {
      k++;
      continue;
    }
    const first = k;
    const rows: string[][] = [];
    for (; k < count && !kept.has(k); k++)
      rows.push(...(byBlock.get(k) ?? Array.from({ length: BLOCK_ROWS }, emptyRow)));
    helper.getRange(1 + first * BLOCK_ROWS, 1, rows.length, BLOCK_COLS).setValues(rows);
  }
}

/**
 * The rule of a block whose cell (0, 0) is the tab's (top, left): the cell's twin in the block
 * says "E" (or "W"), the value under it in the block is the cell's value now, and the table's sum
 * is the one the check saw. A mark thus never outlives the values it was made for, for anyone: an
 * editor for whom no trigger runs, a duplicated tab still reading its original's block (issue 24,
 * points 9 and 10). `corner` is relative: in a conditional format's formula it is each cell in turn.
 */
export function ruleFormula(block: number, code: "E" | "W", area: RuleArea): string {
  const twin = (below: number) =>
    `INDIRECT("'${HELPER}'!R"&(ROW()+${block * BLOCK_ROWS - area.top + below})&"C"&(COLUMN()-${area.left}),FALSE)`;
  const corner = address(area.top, area.left);
  const abs = (r: number, c: number) => address(r, c).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const all = `${abs(area.top, area.left)}:${abs(area.top + area.rows - 1, area.left + area.cols - 1)}`;
  const sum = `INDIRECT("'${HELPER}'!R${block * BLOCK_ROWS + 2}C${STAMP_COL + 1}",FALSE)`;
  return `=AND(${twin(0)}="${code}",IFERROR(${twin(SEEN_ROW)}=${corner},TRUE),IFERROR(ROUND(SUM(${all}),6),"err")=${sum})`;
}

/** The part of a tab the rules cover: the table (rows and columns the read saw), at most a block. */
export interface RuleArea extends Origin {
  rows: number;
  cols: number;
}

/**
 * Who asks for the rules: "edit" is the simple trigger, run as the person typing, who is refused
 * on a protected tab: once refused for a block it does not ask again on every keystroke; "menu"
 * is a menu command or the sidebar, which tries again; "force" sets them anew (template, lock).
 */
export type RulesMode = "edit" | "menu" | "force";

/**
 * Sets the tab's two rules (replacing ours, and those a duplicated tab brought from its original;
 * keeping the user's own rules), unless the properties say they are in place. Returns false when
 * this user may not (a protected tab, as an editor). What it learns goes into `pending`, saved by
 * the caller with one setProperties.
 */
export function ensureRules(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  sheetId: number,
  block: number,
  area: RuleArea,
  props: Props,
  pending: Props,
  mode: RulesMode,
): boolean {
  // Rules read the block at an origin and sum the table's area: a table moved or grown gets them anew.
  const key = `${block}@${area.top},${area.left},${area.rows}x${area.cols}`;
  if (mode !== "force" && props[RULES_KEY + sheetId] === key) return true;
  if (mode === "edit" && props[REFUSED_KEY + sheetId] === key) return false;
  try {
    // The table as read: inside the tab, so no call is needed to ask how large the tab is.
    const range = sheet.getRange(area.top + 1, area.left + 1, area.rows, area.cols);
    const theirs = sheet.getConditionalFormatRules().filter((r) => {
      const f = r.getBooleanCondition()?.getCriteriaValues()?.[0];
      return !(typeof f === "string" && f.includes(`'${HELPER}'!`));
    });
    const rule = (code: "E" | "W", color: string) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(ruleFormula(block, code, area))
        .setBackground(color)
        .setRanges([range])
        .build();
    // Ours first: a mark shows over the user's own conditional colours.
    sheet.setConditionalFormatRules([rule("E", MARK_COLORS.error), rule("W", MARK_COLORS.warning), ...theirs]);
    props[RULES_KEY + sheetId] = pending[RULES_KEY + sheetId] = key;
    return true;
  } catch {
    props[REFUSED_KEY + sheetId] = pending[REFUSED_KEY + sheetId] = key;
    return false;
  }
}

/** The rules' area for a table read from `grid`: its block, cut to the rows and columns read. */
export function ruleArea(table: Placed, grid: Grid): RuleArea {
  const at = originOf(table);
  const b = tableBlock(table);
  const height = grid.rows.length;
  const width = Math.max(0, ...grid.rows.map((r) => r?.length ?? 0));
  return {
    ...at,
    rows: Math.max(1, Math.min(BLOCK_ROWS, b.bottom + 1 - at.top, height - at.top)),
    cols: Math.max(1, Math.min(STAMP_COL, b.right + 1 - at.left, width - at.left)),
  };
}
