/**
 * The tool's marks on a unit's sheet, recognisable wherever they end up.
 *
 * - Colour: conditional formats, never the cells' own fills: red for an error (a likely cause,
 *   spec §3b, is the error), yellow for a warning, pale red for a consequence (a cell whose
 *   findings all clear once a likely cause elsewhere is corrected). Each carries the formula
 *   `=ISTEXT("phuluc02:E:<hash>")` (always true): the tag says "ours" wherever the format is
 *   (moved by inserted rows, copied with the sheet, pasted elsewhere), the hash says which cells
 *   it was written for. The user's fills are never written, so nothing has to be given back.
 * - Explanation (ExcelApi 1.18): a note whose first line is `Phụ lục 02 · C12`. Notes without
 *   that line are the user's and are never edited or deleted; a cell holding one gets no note.
 * Nothing is remembered by address between checks: every check reads what is on the sheet.
 */
import { MARK_COLORS, marksByCell, type Finding, type Lang } from "../../shared";
import { areaChunks } from "./addresses";

export const MARK_TAG = "phuluc02";
export const NOTE_HEAD = "Phụ lục 02 · ";

/** Error, warning, or consequence (every finding explained by a likely cause elsewhere, spec §3b). */
type Sev = "E" | "W" | "C";

function hash(refs: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of refs.join(",")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export function markFormula(sev: Sev, refs: readonly string[]): string {
  return `=ISTEXT("${MARK_TAG}:${sev}:${hash(refs)}")`;
}

export function isOurFormula(formula: unknown): boolean {
  return typeof formula === "string" && formula.includes(`"${MARK_TAG}:`);
}

export function noteText(ref: string, text: string): string {
  return `${NOTE_HEAD}${ref}\n${text}`;
}

export function isOurNote(content: unknown): boolean {
  return typeof content === "string" && content.startsWith(NOTE_HEAD);
}

/** One conditional format to add: its colour, formula and the cells (a RangeAreas address). */
export interface MarkFormat {
  color: string;
  formula: string;
  areas: string;
}

/** What the sheet should show after this check. */
export interface WantedMarks {
  formats: MarkFormat[];
  /** Cell → our note text (the cell may turn out to hold a user's note: then none). */
  notes: Map<string, string>;
}

export function wantedMarks(findings: readonly Finding[], lang: Lang): WantedMarks {
  const bySev: Record<Sev, string[]> = { E: [], W: [], C: [] };
  const notes = new Map<string, string>();
  for (const [ref, mark] of marksByCell(findings, lang)) {
    bySev[mark.consequence ? "C" : mark.severity === "error" ? "E" : "W"].push(ref);
    notes.set(ref, noteText(ref, mark.text));
  }
  const formats: MarkFormat[] = [];
  const colors: Record<Sev, string> = {
    E: MARK_COLORS.error,
    W: MARK_COLORS.warning,
    C: MARK_COLORS.consequence,
  };
  for (const sev of ["E", "W", "C"] as const) {
    const refs = bySev[sev];
    if (refs.length === 0) continue;
    const formula = markFormula(sev, refs);
    const color = colors[sev];
    for (const areas of areaChunks(refs)) formats.push({ color, formula, areas });
  }
  return { formats, notes };
}

const sorted = (xs: Iterable<string>) => [...xs].sort().join("\u0000");

/** Are the formats on the sheet (ours, by formula) the ones wanted? */
export function formatsUpToDate(ourFormulas: readonly string[], wanted: readonly MarkFormat[]): boolean {
  return sorted(ourFormulas) === sorted(wanted.map((f) => f.formula));
}

/** Are our notes on the sheet exactly these texts? */
export function notesUpToDate(ourNotes: readonly string[], wanted: Iterable<string>): boolean {
  return sorted(ourNotes) === sorted(wanted);
}
