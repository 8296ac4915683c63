/**
 * Highlights by conditional formatting, driven from a hidden helper tab.
 *
 * Each unit tab gets a block of the helper tab (150 rows × 26 columns, the template's area) and
 * two conditional-format rules that colour a cell when its twin in the block holds "E" (error)
 * or "W" (warning). A check writes the whole block in one setValues() call. Why this way:
 * - the user's own backgrounds and notes are never written, so nothing has to be restored;
 * - a simple trigger runs as the person typing, who cannot write into the protected parts of the
 *   template (item 8): the helper tab is not protected, so marks still appear there;
 * - the rules are set once per tab by whoever runs a menu command (the Sở, the owner), or by the
 *   first check that may; a tab copied from another gets its own block and rules.
 * Explanations are in the sidebar ("Bảng lỗi"), never in the unit's notes.
 */
import { type Finding, MARK_COLORS, parseAddress } from "../../shared";
import { HELPER } from "./names";

export const BLOCK_ROWS = 150;
export const BLOCK_COLS = 26;
const BLOCK_KEY = "pl02.block.";
const RULES_KEY = "pl02.rules.";
const NEXT_KEY = "pl02.nextBlock";

export type Props = Record<string, string>;

/** The block of a tab (allocated on first use; `props` is updated and saved). */
export function blockOf(sheetId: number, props: Props, store: GoogleAppsScript.Properties.Properties): number {
  const known = props[BLOCK_KEY + sheetId];
  if (known !== undefined) return Number(known);
  const k = Number(props[NEXT_KEY] ?? 0);
  props[BLOCK_KEY + sheetId] = String(k);
  props[NEXT_KEY] = String(k + 1);
  store.setProperties({ [BLOCK_KEY + sheetId]: String(k), [NEXT_KEY]: String(k + 1) });
  return k;
}

export function hasBlock(sheetId: number, props: Props): boolean {
  return props[BLOCK_KEY + sheetId] !== undefined;
}

/** "E"/"W"/"" for each cell of the block, worst severity wins. */
export function markGrid(findings: readonly Finding[]): string[][] {
  const grid = Array.from({ length: BLOCK_ROWS }, () => new Array<string>(BLOCK_COLS).fill(""));
  for (const f of findings) {
    const p = f.cells[0] ? parseAddress(f.cells[0]) : undefined;
    if (!p || p.row >= BLOCK_ROWS || p.col >= BLOCK_COLS) continue;
    if (grid[p.row][p.col] !== "E") grid[p.row][p.col] = f.severity === "error" ? "E" : "W";
  }
  return grid;
}

function helperTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const found = ss.getSheetByName(HELPER);
  if (found) return found;
  // insertSheet shows the new tab: hide it and give the user back the tab they were on.
  const shown = ss.getActiveSheet();
  const sheet = ss.insertSheet(HELPER, ss.getNumSheets());
  sheet.hideSheet();
  shown.activate();
  return sheet;
}

/** One call writes a tab's marks (plus one to find the helper tab and one for its range). */
export function writeMarks(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, block: number, marks: string[][]): void {
  helperTab(ss)
    .getRange(1 + block * BLOCK_ROWS, 1, BLOCK_ROWS, BLOCK_COLS)
    .setValues(marks);
}

export function ruleFormula(block: number, code: "E" | "W"): string {
  return `=INDIRECT("'${HELPER}'!R"&(ROW()+${block * BLOCK_ROWS})&"C"&COLUMN(),FALSE)="${code}"`;
}

/**
 * Sets the tab's two rules (replacing ours, keeping the user's own rules), unless the properties
 * say they are in place. Returns false when this user may not (a protected tab, as an editor).
 */
export function ensureRules(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  sheetId: number,
  block: number,
  props: Props,
  store: GoogleAppsScript.Properties.Properties,
  force = false,
): boolean {
  if (!force && props[RULES_KEY + sheetId] === String(block)) return true;
  try {
    const area = sheet.getRange(1, 1, BLOCK_ROWS, BLOCK_COLS);
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
    props[RULES_KEY + sheetId] = String(block);
    store.setProperty(RULES_KEY + sheetId, String(block));
    return true;
  } catch {
    return false;
  }
}
