/**
 * The tool's own marks on a user's sheet, and how to take them back. A host paints the blamed
 * cell of each finding and may attach a note; before painting it records the cell's own fill,
 * and when the cell is right again it puts that fill back. Whatever the user did meanwhile
 * wins: a cell the user recoloured is not "restored", and a note of the user's is never
 * replaced or deleted. Pure: the host reads fills and note presence, hands them in, and
 * carries out the plan in one batch.
 */
import type { Finding, Lang } from "./finding";
import { MARK_COLORS, marksByCell } from "./output-sheets";

/** A cell the tool has painted: its own fill before (null = no fill), ours, and our note if any. */
export interface OwnedMark {
  fill: string | null;
  color: string;
  note: string | null;
}

/** A1 address → mark, for one sheet. Hosts persist it with the workbook. */
export type SheetMarks = Record<string, OwnedMark>;

export interface MarkPlan {
  /** Colour → cells to paint with it. */
  paint: Map<string, string[]>;
  /** Cells to give back their own fill (null = clear the fill). */
  restore: { ref: string; fill: string | null }[];
  /** Our notes to write (new or changed text). */
  notes: { ref: string; text: string }[];
  /** Our notes to remove. */
  clearNotes: string[];
  /** The marks after the plan is carried out. */
  next: SheetMarks;
}

export interface MarkInput {
  findings: readonly Finding[];
  lang: Lang;
  previous: SheetMarks;
  /** The cell's current fill, #RRGGBB, or null when it has none. */
  fillOf: (ref: string) => string | null;
  /** Does the cell hold a note or comment that is not ours? */
  userNote: (ref: string) => boolean;
  /** Can this host write notes? When false, explanations live in the pane only. */
  notes: boolean;
}

/** "#ffc7ce" and "FFC7CE" are the same colour; white counts as no fill. */
export function normalizeColor(c: string | null | undefined): string | null {
  if (!c) return null;
  const hex = c.trim().replace(/^#/, "").toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(hex) || hex === "FFFFFF") return null;
  return "#" + hex;
}

export function planMarks(input: MarkInput): MarkPlan {
  const plan: MarkPlan = { paint: new Map(), restore: [], notes: [], clearNotes: [], next: {} };
  const wanted = marksByCell(input.findings, input.lang);
  for (const [ref, mark] of wanted) {
    const color = MARK_COLORS[mark.severity];
    const current = normalizeColor(input.fillOf(ref));
    const prev = input.previous[ref];
    // Our paint still there: keep the fill recorded before it. Otherwise the cell's fill now is
    // the user's own (never painted, or recoloured by the user since).
    const own = prev && current === normalizeColor(prev.color) ? prev.fill : current;
    if (current !== color) {
      const refs = plan.paint.get(color);
      if (refs) refs.push(ref);
      else plan.paint.set(color, [ref]);
    }
    let note: string | null = null;
    if (input.notes && (prev?.note != null || !input.userNote(ref))) {
      note = mark.text;
      if (prev?.note !== note) plan.notes.push({ ref, text: note });
    } else if (prev?.note != null) plan.clearNotes.push(ref);
    plan.next[ref] = { fill: own, color, note };
  }
  for (const [ref, prev] of Object.entries(input.previous)) {
    if (wanted.has(ref)) continue;
    if (normalizeColor(input.fillOf(ref)) === normalizeColor(prev.color)) plan.restore.push({ ref, fill: prev.fill });
    if (prev.note != null) plan.clearNotes.push(ref);
  }
  return plan;
}

/** Every cell a plan touches (the host's write batch covers exactly these). */
export function planSize(plan: MarkPlan): number {
  let n = plan.restore.length + plan.notes.length + plan.clearNotes.length;
  for (const refs of plan.paint.values()) n += refs.length;
  return n;
}
