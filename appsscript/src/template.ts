/** "Tạo trang mẫu" and "Khóa cấu trúc mẫu". */
import {
  analyzeGrid,
  type Grid,
  parseAddress,
  type SheetResult,
  sheetValues,
  templateById,
  templateSheet,
  templateSheetName,
} from "../../shared";
import { located, saveProps, type Session } from "./check";
import { blocksOf, ensureRules, markGrid, ruleArea, writeBlock } from "./highlight";
import { readTab } from "./read";
import { writeOutSheet } from "./write-sheet";

export function freeTabName(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, wanted: string): string {
  if (!ss.getSheetByName(wanted)) return wanted;
  for (let i = 2; ; i++) {
    const name = `${wanted} (${i})`;
    if (!ss.getSheetByName(name)) return name;
  }
}

/**
 * A blank tab of a template (Phụ lục 02 by default; the Cơ cấu đại biểu and the Danh sách đại biểu,
 * spec §4 and §4b), totals as formulas, with its highlight rules in place. A tab left half-built
 * by a failure is taken away, so the next click makes "Phụ lục 02" again, not "(2)".
 */
export function createTemplate(
  s: Session,
  id: "pl02" | "daibieu" | "ds-daibieu" = "pl02",
): GoogleAppsScript.Spreadsheet.Sheet {
  const name = freeTabName(s.ss, templateSheetName(id));
  const sheet = s.ss.insertSheet(name);
  const out = templateSheet(id, { name });
  try {
    writeOutSheet(sheet, out);
  } catch (e) {
    s.ss.deleteSheet(sheet);
    throw e;
  }
  const tabId = sheet.getSheetId();
  const [block] = blocksOf(s.ss, [tabId], s.props, s.store);
  // The table as written (no call to read it back): its rules' area and origin.
  const grid: Grid = { name, rows: sheetValues(out).values as Grid["rows"] };
  const table = located(analyzeGrid(grid))!;
  ensureRules(sheet, tabId, block, ruleArea(table, grid), s.props, s.pending, "force");
  saveProps(s);
  sheet.activate();
  return sheet;
}

/** The cells a unit fills in: counts of the leaf rows, notes, the unit's name and attributes. */
export function inputAreas(result: SheetResult): { row: number; col: number; rows: number; cols: number }[] {
  const table = result.table!;
  const t = templateById(result.template);
  const out: { row: number; col: number; rows: number; cols: number }[] = [];
  const countCols = t.countKeys.map((k) => table.columns.get(k)).filter((c): c is number => c !== undefined);
  const noteCol = table.columns.get("note");
  for (const def of t.rows) {
    const r = table.rows.get(def.code);
    if (r === undefined) continue;
    if (!t.children.get(def.code) && countCols.length)
      for (const c of countCols) out.push({ row: r, col: c, rows: 1, cols: 1 });
    if (noteCol !== undefined) out.push({ row: r, col: noteCol, rows: 1, cols: 1 });
  }
  const unit = parseAddress(table.unitCell);
  const lastCol = Math.max(...table.columns.values());
  if (unit) out.push({ row: unit.row, col: unit.col + 1, rows: 1, cols: Math.max(1, lastCol - unit.col) });
  return out;
}

/**
 * Protects the tab but for its input cells; the owner (running this) stays the only editor.
 * The highlight rules and the tab's marks are set first: once it is protected, the editors
 * behind the link may not set rules on it, and a duplicated tab would keep reading its
 * original's marks.
 */
export function protectTab(s: Session, sheet: GoogleAppsScript.Spreadsheet.Sheet, description: string): boolean {
  const grid = readTab(sheet);
  const result = analyzeGrid(grid);
  if (!result?.table) return false;
  const id = sheet.getSheetId();
  const [block] = blocksOf(s.ss, [id], s.props, s.store);
  ensureRules(sheet, id, block, ruleArea(result.table, grid), s.props, s.pending, "force");
  writeBlock(s.ss, s.props, { block, grid: markGrid(result.findings, { table: result.table, grid }) });
  saveProps(s);
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) p.remove();
  const protection = sheet.protect().setDescription(description);
  const runs = mergeRuns(inputAreas(result));
  protection.setUnprotectedRanges(runs.map((a) => sheet.getRange(a.row + 1, a.col + 1, a.rows, a.cols)));
  removeEditors(protection);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return true;
}

/**
 * Everyone but the owner loses the right to edit the tab's structure. Sheets refuses to remove the
 * editor through whom the person running this may edit (a group they belong to: "Ensure the current
 * user is an editor before removing others. Otherwise, if the user's edit permission comes from a
 * group, the script throws an exception upon removing the group",
 * https://developers.google.com/apps-script/reference/spreadsheet/protection). Adding the current
 * user first needs their address (Session, a third scope): instead, when removing all at once is
 * refused, each is removed alone and the one Sheets keeps is kept (issue 24, point 15).
 */
function removeEditors(protection: GoogleAppsScript.Spreadsheet.Protection): void {
  const editors = protection.getEditors();
  try {
    protection.removeEditors(editors);
  } catch {
    for (const e of editors)
      try {
        protection.removeEditor(e);
      } catch {
        // the runner's own way in: kept
      }
  }
}

/** Adjacent input cells of a row as one range (fewer ranges to send). */
function mergeRuns(areas: { row: number; col: number; rows: number; cols: number }[]) {
  const sorted = [...areas].sort((a, b) => a.row - b.row || a.col - b.col);
  const out: typeof areas = [];
  for (const a of sorted) {
    const last = out[out.length - 1];
    if (last && last.row === a.row && last.rows === 1 && a.rows === 1 && last.col + last.cols === a.col)
      last.cols += a.cols;
    else out.push({ ...a });
  }
  return out;
}
