/**
 * Turns "what the sheet shows" into "what it should show" as a list of queued actions, each with
 * an estimate of its size in the request, so that the caller can split them into batches under
 * Excel on the web's 5 MB. Nothing here syncs: what must be read before deciding (the cells our
 * formats cover, where notes are) is queued by `inspect` and decided by `decide` after the sync.
 *
 * Our conditional formats are replaced as a whole (deleted, then added) when the cells they
 * cover differ from the cells they should cover. Our notes are rewritten, keeping any line the
 * user typed into them; the user's fills, formats and notes are never touched.
 */
import type { ExcelFeatures } from "./features";
import { cellsOfAreas, formatsUpToDate, noteParts, notesUpToDate, sameFormulas, type WantedMarks } from "./marks";
import { notesOf, ourFormats, type SheetRead } from "./read-sheet";

/** One queued action and a generous estimate of its bytes in the request (Office.js JSON). */
export interface WriteOp {
  bytes: number;
  queue: () => void;
}

/** Per action: its JSON envelope and the object paths it needs (a few hundred bytes in Office.js). */
const ACTION = 600;

/** What to do to our notes: nothing, or these actions in order. */
export type NoteAction =
  | { kind: "delete"; note: Excel.Note }
  | { kind: "set"; note: Excel.Note; content: string }
  | { kind: "add"; ref: string; text: string };

/** What a sheet's marks need, once decided. */
export interface MarksPlan {
  formats: "same" | "replace";
  notes: "same" | NoteAction[];
}

/** What is still to be read before deciding (queued for the next sync). */
export interface Inspection {
  /** ConditionalFormat.getRanges (ExcelApi 1.9) of each of our formats, in ourFormats order. */
  ranges?: Excel.RangeAreas[];
  /** Every note's cell (Note.getLocation, ExcelApi 1.18), in the notes' order. */
  locations?: Excel.Range[];
}

/**
 * Decides what can be decided from the read alone, and queues what cannot: the cells our formats
 * cover when their formulas are the ones wanted (a paste or Clear Formats cuts cells out of a
 * format, Format Painter widens it: its formula stays), where the notes are when ours must be
 * merged with the user's lines or new ones must avoid the user's notes.
 */
export function inspect(read: SheetRead, wanted: WantedMarks, features: ExcelFeatures): Inspection {
  const out: Inspection = {};
  const mine = ourFormats(read);
  if (
    mine.length > 0 &&
    sameFormulas(
      mine.map((f) => f.customOrNullObject.rule.formula),
      wanted.formats,
    )
  )
    out.ranges = mine.map((f) => f.getRanges().load("address"));
  if (features.notes === "notes" && quickNotes(read, wanted) === "need-locations")
    out.locations = (read.notes?.items ?? []).map((n) => n.getLocation().load("address"));
  return out;
}

/** The plan, once what `inspect` queued has been synced. */
export function decide(read: SheetRead, wanted: WantedMarks, seen: Inspection, features: ExcelFeatures): MarksPlan {
  const mine = ourFormats(read);
  const formats =
    seen.ranges &&
    formatsUpToDate(
      mine.map((f, i) => ({
        formula: f.customOrNullObject.rule.formula,
        cells: cellsOfAreas(seen.ranges![i].address),
      })),
      wanted.formats,
    )
      ? "same"
      : mine.length === 0 && wanted.formats.length === 0
        ? "same"
        : "replace";
  if (features.notes !== "notes") return { formats, notes: "same" };
  const quick = quickNotes(read, wanted);
  if (quick !== "need-locations") return { formats, notes: quick };
  const items = read.notes?.items ?? [];
  const at = new Map(items.map((n, i) => [n, seen.locations![i].address.replace(/^.*!/, "").replace(/\$/g, "")]));
  return { formats, notes: notesByCell(read, wanted, at) };
}

/** Without knowing where notes are: "same", delete-and-add, or "need-locations". */
function quickNotes(read: SheetRead, wanted: WantedMarks): "same" | NoteAction[] | "need-locations" {
  const { ours, theirs } = notesOf(read);
  if (ours.some((n) => noteParts(n.content).user !== "")) return "need-locations";
  const texts = [...wanted.notes.values()];
  if (
    notesUpToDate(
      ours.map((n) => n.content),
      texts,
    )
  )
    return "same";
  if (theirs.length > 0) return "need-locations";
  return [
    ...ours.map((note): NoteAction => ({ kind: "delete", note })),
    ...[...wanted.notes].map(([ref, text]): NoteAction => ({ kind: "add", ref, text })),
  ];
}

/**
 * Cell by cell: a cell holding a note of the user's gets none of ours; a note of ours keeps the
 * lines the user typed into it, under ours while the cell is wrong, alone (the user's note) once
 * it is right; a note of ours with nothing of the user's is deleted once its cell is right.
 */
function notesByCell(read: SheetRead, wanted: WantedMarks, at: Map<Excel.Note, string>): "same" | NoteAction[] {
  const { ours, theirs } = notesOf(read);
  const theirCells = new Set(theirs.map((n) => at.get(n)));
  const target = new Map([...wanted.notes].filter(([ref]) => !theirCells.has(ref)));
  const actions: NoteAction[] = [];
  for (const note of ours) {
    const ref = at.get(note)!;
    const { user } = noteParts(note.content);
    const want = target.get(ref);
    target.delete(ref);
    if (want !== undefined) {
      const content = user ? `${want}\n${user}` : want;
      if (content !== note.content) actions.push({ kind: "set", note, content });
    } else if (user) actions.push({ kind: "set", note, content: user });
    else actions.push({ kind: "delete", note });
  }
  for (const [ref, text] of target) actions.push({ kind: "add", ref, text });
  return actions.length ? actions : "same";
}

export function paintOps(read: SheetRead, wanted: WantedMarks, plan: MarksPlan): WriteOp[] {
  const ops: WriteOp[] = [];
  const sheet = read.sheet;
  if (plan.formats === "replace") {
    // Last first: deleting never shifts an item the batch still has to delete.
    for (const f of [...ourFormats(read)].reverse()) ops.push({ bytes: ACTION, queue: () => f.delete() });
    for (const m of wanted.formats)
      ops.push({
        bytes: 3 * ACTION + m.areas.length + m.formula.length,
        queue: () => {
          // RangeAreas.conditionalFormats (ExcelApi 1.9); first in priority, so it shows over the user's own.
          const cf = sheet.getRanges(m.areas).conditionalFormats.add("Custom");
          cf.custom.rule.formula = m.formula;
          cf.custom.format.fill.color = m.color;
          cf.priority = 0;
        },
      });
  }
  if (plan.notes !== "same")
    for (const a of plan.notes)
      if (a.kind === "delete") ops.push({ bytes: ACTION, queue: () => a.note.delete() });
      else if (a.kind === "set")
        ops.push({ bytes: ACTION + a.content.length * 2, queue: () => (a.note.content = a.content) });
      else ops.push({ bytes: ACTION + a.ref.length + a.text.length * 2, queue: () => sheet.notes.add(a.ref, a.text) });
  return ops;
}
