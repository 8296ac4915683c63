/**
 * Carries out a mark plan in the current batch: fills through RangeAreas in short chunks,
 * our notes through the notes API (1.18). Nothing here syncs.
 */
import type { MarkPlan, OwnedMark } from "../../shared";
import { areaChunks } from "./addresses";
import type { ExcelFeatures } from "./features";

export function queuePaint(
  sheet: Excel.Worksheet,
  plan: MarkPlan,
  previous: Record<string, OwnedMark>,
  hasNote: (ref: string) => boolean | undefined,
  features: ExcelFeatures,
): void {
  for (const [color, refs] of plan.paint)
    for (const areas of areaChunks(refs)) sheet.getRanges(areas).format.fill.color = color;
  const byFill = new Map<string | null, string[]>();
  for (const { ref, fill } of plan.restore) {
    const refs = byFill.get(fill);
    if (refs) refs.push(ref);
    else byFill.set(fill, [ref]);
  }
  for (const [fill, refs] of byFill)
    for (const areas of areaChunks(refs)) {
      const fmt = sheet.getRanges(areas).format.fill;
      if (fill === null) fmt.clear();
      else fmt.color = fill;
    }
  if (features.notes !== "notes") return;
  for (const { ref, text } of plan.notes) {
    // Ours and still there: edit it. Otherwise (new, or the user deleted ours): add it.
    if (previous[ref]?.note != null && hasNote(ref) !== false) sheet.notes.getItem(ref).content = text;
    else sheet.notes.add(ref, text);
  }
  for (const ref of plan.clearNotes) if (hasNote(ref) !== false) sheet.notes.getItem(ref).delete();
}
