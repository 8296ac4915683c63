/**
 * The tool's marks on a unit's sheet, recognisable wherever they end up.
 *
 * - Colour: conditional formats, never the cells' own fills: red for an error (a likely cause,
 *   spec §3b, is the error), yellow for a warning, pale red for a consequence (a cell whose
 *   findings all clear once a likely cause elsewhere is corrected). Each carries the formula
 *   `=ISTEXT("phuluc02:E")` (always true): the tag says "ours" and which kind wherever the format
 *   is (moved by inserted rows, copied with the sheet, pasted elsewhere). Which cells it covers is
 *   read back from Excel (ConditionalFormat.getRanges, ExcelApi 1.9) and compared cell by cell
 *   with the cells it should cover: a paste that cut a cell out of it, or Format Painter that
 *   widened it, is seen, and no two cell lists can pass for each other (issue 24, points 1, 6).
 *   The user's fills are never written, so nothing has to be given back.
 * - Explanation (ExcelApi 1.18): a note whose first line is `Phụ lục 02 · C12`, then one line per
 *   finding, `[RULE_ID] message`. Lines the user typed into it are the user's: kept when the note
 *   is rewritten, left alone as the user's note when the cell is right again. A note without our
 *   lines is the user's and is never edited or deleted; a cell holding one gets no note.
 * Nothing is remembered by address between checks: every check reads what is on the sheet.
 */
import { MARK_COLORS, marksByCell, type Finding, type Lang } from "../../shared";
import { areaChunks, cellsOf } from "./addresses";

export const MARK_TAG = "phuluc02";
export const NOTE_HEAD = "Phụ lục 02 · ";

/** Error, warning, or consequence (every finding explained by a likely cause elsewhere, spec §3b). */
type Sev = "E" | "W" | "C";

export function markFormula(sev: Sev): string {
  return `=ISTEXT("${MARK_TAG}:${sev}")`;
}

export function isOurFormula(formula: unknown): boolean {
  return typeof formula === "string" && formula.includes(`"${MARK_TAG}:`);
}

export function noteText(ref: string, text: string): string {
  return `${NOTE_HEAD}${ref}\n${text}`;
}

/** A line of ours in a note: a finding, "[RULE_ID] message". */
const FINDING_LINE = /^\[[A-Z][A-Z0-9_]*\] /;
/** Our first line, as written or reworded ("Phụ lục 02 - C34 (xem lại)"). */
const HEAD_LINE = /^Ph[uụ] l[uụ]c 02\b/i;

/**
 * A note's parts: whether it is ours (our first line, or a line of our findings under a first line
 * the user reworded) and the user's own lines in it ("" when none).
 */
export function noteParts(content: unknown): { ours: boolean; user: string } {
  if (typeof content !== "string") return { ours: false, user: "" };
  const lines = content.split("\n");
  const headed = lines[0].startsWith(NOTE_HEAD);
  const ours = headed || lines.some((l) => FINDING_LINE.test(l));
  if (!ours) return { ours: false, user: content };
  const user = lines.filter((l, i) => !(i === 0 && (headed || HEAD_LINE.test(l))) && !FINDING_LINE.test(l));
  return { ours: true, user: user.join("\n").trim() };
}

export function isOurNote(content: unknown): boolean {
  return noteParts(content).ours;
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
    const formula = markFormula(sev);
    const color = colors[sev];
    for (const areas of areaChunks(refs)) formats.push({ color, formula, areas });
  }
  return { formats, notes };
}

/**
 * The cells a RangeAreas address covers ("'Phụ lục 02'!C26:C31, 'Phụ lục 02'!J31"), or undefined
 * past `limit` cells (a rule widened to whole columns is simply not ours to keep).
 */
export function cellsOfAreas(addr: string, limit = 20_000): Set<string> | undefined {
  // Areas are separated by commas outside quoted sheet names; each may be sheet-qualified.
  const areas: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of addr) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      areas.push(cur);
      cur = "";
    } else cur += ch;
  }
  areas.push(cur);
  const out = new Set<string>();
  for (const area of areas) {
    const a = area.slice(area.lastIndexOf("!") + 1).trim();
    if (!/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(a)) return undefined;
    const [p, q] = a.replace(/\$/g, "").split(":");
    const size = areaSize(p, q ?? p);
    if (out.size + size > limit) return undefined;
    for (const c of cellsOf(a)) out.add(c);
  }
  return out;
}

function areaSize(a: string, b: string): number {
  const col = (x: string) => [...x.replace(/\d+$/, "")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = (x: string) => Number(x.replace(/^[A-Z]+/, ""));
  return (Math.abs(row(a) - row(b)) + 1) * (Math.abs(col(a) - col(b)) + 1);
}

/** Formula → the cells our formats of that formula should cover. */
export function wantedCells(wanted: readonly MarkFormat[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of wanted) {
    const set = out.get(f.formula) ?? new Set<string>();
    for (const a of f.areas.split(",")) for (const c of cellsOf(a)) set.add(c);
    out.set(f.formula, set);
  }
  return out;
}

/**
 * Do our formats on the sheet (formula, and the address of the cells each covers) cover exactly
 * the cells wanted, kind by kind? A format whose cells cannot be read (undefined) never does.
 */
export function formatsUpToDate(
  ours: readonly { formula: string; cells: Set<string> | undefined }[],
  wanted: readonly MarkFormat[],
): boolean {
  const want = wantedCells(wanted);
  const have = new Map<string, Set<string>>();
  for (const f of ours) {
    if (!f.cells) return false;
    const set = have.get(f.formula) ?? new Set<string>();
    for (const c of f.cells) set.add(c);
    have.set(f.formula, set);
  }
  if (have.size !== want.size) return false;
  for (const [formula, cells] of want) {
    const h = have.get(formula);
    if (!h || h.size !== cells.size || [...cells].some((c) => !h.has(c))) return false;
  }
  return true;
}

/** Do our formats carry exactly the formulas wanted (then their cells must be compared)? */
export function sameFormulas(ours: readonly string[], wanted: readonly MarkFormat[]): boolean {
  const a = new Set(ours);
  const b = new Set(wanted.map((f) => f.formula));
  return a.size === b.size && [...a].every((f) => b.has(f));
}

const sorted = (xs: Iterable<string>) => [...xs].sort().join("\u0000");

/** Are our notes on the sheet exactly these texts? */
export function notesUpToDate(ourNotes: readonly string[], wanted: Iterable<string>): boolean {
  return sorted(ourNotes) === sorted(wanted);
}
