/**
 * The note on a likely mistyped cell (spec §3b): "Phụ lục 02 · Ô I28 … có lẽ gõ nhầm: đang là 72;
 * nếu là 27 thì 4 lỗi khác đều hết". It is the only note the script writes on a unit's tab, and it
 * never erases the user's words: our line is added under theirs and taken out alone when the cell
 * is no longer a likely cause. Which notes are ours, and with what text, is kept in the document
 * properties, so an unchanged result costs no call; a changed one costs a getNote and a setNote
 * per cell that changes (one to three cells).
 */
import { type Finding, findingMessage, type Lang, LIKELY_CAUSE } from "../../shared";
import type { Props } from "./highlight";

const NOTES_KEY = "pl02.notes.";
/** The first words of each line of ours in a note. */
export const NOTE_MARK = "Phụ lục 02 · ";

/** The notes a tab's findings call for: the cell of each likely cause that says what to type. */
export function wantedNotes(findings: readonly Finding[]): Record<string, Finding> {
  const out: Record<string, Finding> = {};
  for (const f of findings) if (f.rule === LIKELY_CAUSE && !f.alternatives && f.cells[0]) out[f.cells[0]] = f;
  return out;
}

/** The user's lines of a note, ours taken out. */
export function theirLines(note: string): string {
  return note
    .split("\n")
    .filter((l) => !l.startsWith(NOTE_MARK))
    .join("\n")
    .trimEnd();
}

/**
 * Writes what changed since the last check of this tab; returns the property to save (in the
 * caller's one setProperties), or undefined when nothing changed. A cell Sheets refuses (a cell
 * the user protected by hand) keeps its note and is tried again next time.
 */
export function writeNotes(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  sheetId: number,
  findings: readonly Finding[],
  props: Props,
  lang: () => Lang,
): Props | undefined {
  const want = wantedNotes(findings);
  const had: Record<string, string> = JSON.parse(props[NOTES_KEY + sheetId] ?? "{}");
  const now: Record<string, string> = {};
  for (const [ref, f] of Object.entries(want)) now[ref] = f.message;
  if (JSON.stringify(now) === JSON.stringify(had)) return undefined;
  const kept: Record<string, string> = {};
  for (const ref of new Set([...Object.keys(had), ...Object.keys(now)])) {
    if (had[ref] === now[ref]) {
      kept[ref] = now[ref];
      continue;
    }
    try {
      const range = sheet.getRange(ref);
      const theirs = theirLines(range.getNote());
      const ours = want[ref] ? NOTE_MARK + findingMessage(want[ref], lang()) : "";
      range.setNote([theirs, ours].filter((x) => x).join("\n"));
      if (want[ref]) kept[ref] = now[ref];
    } catch {
      if (had[ref] !== undefined) kept[ref] = had[ref];
    }
  }
  const value = JSON.stringify(kept);
  props[NOTES_KEY + sheetId] = value;
  return { [NOTES_KEY + sheetId]: value };
}
