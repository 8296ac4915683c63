/**
 * Turns "what the sheet shows" into "what it should show" as a list of queued actions, each with
 * an estimate of its size in the request, so that the caller can split them into batches under
 * Excel on the web's 5 MB. Nothing here syncs.
 *
 * Our conditional formats are replaced as a whole (deleted, then added) when the cells they
 * should cover changed; our notes likewise. The user's fills, formats and notes are never touched.
 */
import type { ExcelFeatures } from "./features";
import { formatsUpToDate, notesUpToDate, type WantedMarks } from "./marks";
import { notesOf, ourFormats, type SheetRead } from "./read-sheet";

/** One queued action and a generous estimate of its bytes in the request (Office.js JSON). */
export interface WriteOp {
  bytes: number;
  queue: () => void;
}

/** Per action: its JSON envelope and the object paths it needs (a few hundred bytes in Office.js). */
const ACTION = 600;

/** Our notes stay as they are, or the texts they should become (a cell of the user's gets none). */
export function notesPlan(
  read: SheetRead,
  wanted: WantedMarks,
  userNoteCells: ReadonlySet<string> | undefined,
): Map<string, string> | "same" | "need-locations" {
  const { ours, theirs } = notesOf(read);
  const texts = [...wanted.notes.values()];
  if (
    notesUpToDate(
      ours.map((n) => n.content),
      texts,
    )
  )
    return "same";
  if (theirs.length > 0 && !userNoteCells) return "need-locations";
  const target = new Map([...wanted.notes].filter(([ref]) => !userNoteCells?.has(ref)));
  if (
    notesUpToDate(
      ours.map((n) => n.content),
      target.values(),
    )
  )
    return "same";
  return target;
}

export function paintOps(
  read: SheetRead,
  wanted: WantedMarks,
  notes: Map<string, string> | "same",
  features: ExcelFeatures,
): WriteOp[] {
  const ops: WriteOp[] = [];
  const sheet = read.sheet;
  const mine = ourFormats(read);
  if (
    !formatsUpToDate(
      mine.map((f) => f.customOrNullObject.rule.formula),
      wanted.formats,
    )
  ) {
    // Last first: deleting never shifts an item the batch still has to delete.
    for (const f of [...mine].reverse()) ops.push({ bytes: ACTION, queue: () => f.delete() });
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
  if (features.notes === "notes" && notes !== "same") {
    for (const n of notesOf(read).ours) ops.push({ bytes: ACTION, queue: () => n.delete() });
    for (const [ref, text] of notes)
      ops.push({ bytes: ACTION + ref.length + text.length * 2, queue: () => sheet.notes.add(ref, text) });
  }
  return ops;
}
