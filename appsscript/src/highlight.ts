/**
 * Highlights by conditional formatting, driven from a hidden helper tab.
 *
 * Each unit tab gets a block of the helper tab (150 rows × 26 columns, the template's area) and
 * two conditional-format rules that colour a cell when its twin in the block holds "E" (error)
 * or "W" (warning). A check writes the whole block in one setValues() call. Why this way:
 * - the user's own backgrounds are never written and their notes never overwritten, so nothing has
 *   to be restored;
 * - a simple trigger runs as the person typing, who cannot write into the protected parts of the
 *   template (item 8): the helper tab is not protected, so marks still appear there;
 * - the rules are set once per tab by whoever runs a menu command (the Sở, the owner), or by the
 *   first check that may; a tab copied from another gets its own block and rules.
 * Explanations are in the sidebar ("Bảng lỗi"); the one note written is on a likely mistyped cell,
 * with the value the rules give it (notes.ts).
 */
import { type Finding, LIKELY_CAUSE, MARK_COLORS, marksByCell, parseAddress } from "../../shared";
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
    helperTab(ss, props, true);
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

/** "E"/"W"/"" for each cell of the block, as every host marks cells (worst severity wins). */
export function markGrid(findings: readonly Finding[]): string[][] {
  const grid = Array.from({ length: BLOCK_ROWS }, emptyRow);
  for (const [ref, mark] of marksByCell(markedFindings(findings), "vi")) {
    const p = parseAddress(ref);
    if (p && p.row < BLOCK_ROWS && p.col < BLOCK_COLS) grid[p.row][p.col] = mark.severity === "error" ? "E" : "W";
  }
  return grid;
}

/**
 * The hidden helper tab, made when missing, grown to every block handed out when made (the user
 * may have deleted it: a new tab has 1,000 rows, the eighth block starts at row 1,051) or asked to.
 */
function helperTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  props: Props,
  grow = false,
): GoogleAppsScript.Spreadsheet.Sheet {
  const found = ss.getSheetByName(HELPER);
  if (found) {
    if (grow) fitTab(found, blockCount(props) * BLOCK_ROWS, BLOCK_COLS);
    return found;
  }
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

/** Every tab's marks at once: one setValues over the first `count` blocks; blocks not given are cleared. */
export function writeAllBlocks(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, marks: BlockMarks[], props: Props): void {
  const count = blockCount(props);
  if (count === 0) return;
  const byBlock = new Map(marks.map((m) => [m.block, m.grid]));
  const rows: string[][] = [];
  for (let k = 0; k < count; k++) rows.push(...(byBlock.get(k) ?? Array.from({ length: BLOCK_ROWS }, emptyRow)));
  helperTab(ss, props).getRange(1, 1, rows.length, BLOCK_COLS).setValues(rows);
}

export function ruleFormula(block: number, code: "E" | "W"): string {
  return `=INDIRECT("'${HELPER}'!R"&(ROW()+${block * BLOCK_ROWS})&"C"&COLUMN(),FALSE)="${code}"`;
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
  props: Props,
  pending: Props,
  mode: RulesMode,
): boolean {
  if (mode !== "force" && props[RULES_KEY + sheetId] === String(block)) return true;
  if (mode === "edit" && props[REFUSED_KEY + sheetId] === String(block)) return false;
  try {
    // A tab the user shrank is marked as far as it goes.
    const area = sheet.getRange(
      1,
      1,
      Math.min(BLOCK_ROWS, sheet.getMaxRows()),
      Math.min(BLOCK_COLS, sheet.getMaxColumns()),
    );
    const theirs = sheet.getConditionalFormatRules().filter((r) => {
      const f = r.getBooleanCondition()?.getCriteriaValues()?.[0];
      return !(typeof f === "string" && f.includes(`'${HELPER}'!`));
    });
    const rule = (code: "E" | "W", color: string) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(ruleFormula(block, code))
        .setBackground(color)
        .setRanges([area])
        .build();
    // Ours first: a mark shows over the user's own conditional colours.
    sheet.setConditionalFormatRules([rule("E", MARK_COLORS.error), rule("W", MARK_COLORS.warning), ...theirs]);
    props[RULES_KEY + sheetId] = pending[RULES_KEY + sheetId] = String(block);
    return true;
  } catch {
    props[REFUSED_KEY + sheetId] = pending[REFUSED_KEY + sheetId] = String(block);
    return false;
  }
}
