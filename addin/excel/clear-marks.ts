/**
 * "Xóa dấu kiểm tra": removes every mark of ours from every sheet of the workbook — our
 * conditional formats (by their tag) and our notes — and nothing else. Marks are saved in the
 * workbook, so they travel with the file to people without the add-in, and a cell fixed by a
 * co-author or with check-while-typing off stays red until the next check: this is how a clerk
 * sends a clean file. Lines the clerk typed into a note of ours stay, as the clerk's note; the
 * user's own formats, fills and notes are not touched. Three round trips: the sheets, what is on
 * them, the deletions (none when there is nothing of ours).
 */
import type { ExcelFeatures } from "./features";
import { isOurFormula, noteParts } from "./marks";
import { paintGuard } from "./self-writes";

export interface ClearResult {
  /** Sheets that had marks of ours, now without. */
  cleared: string[];
  /** Sheets that have marks of ours but are protected (Review → Unprotect Sheet). */
  protectedSheets: string[];
}

export async function clearMarks(ctx: Excel.RequestContext, features: ExcelFeatures): Promise<ClearResult> {
  const sheets = ctx.workbook.worksheets.load("items/name,items/id");
  await ctx.sync();
  const reads = sheets.items.map((sheet) => ({
    sheet,
    formats: sheet.getRange().conditionalFormats.load("items/type,items/customOrNullObject/rule/formula"),
    notes: features.notes === "notes" ? sheet.notes.load("items/content") : undefined,
    protection: sheet.protection.load("protected"),
  }));
  await ctx.sync();
  const result: ClearResult = { cleared: [], protectedSheets: [] };
  const touched: string[] = [];
  for (const r of reads) {
    const formats = r.formats.items.filter(
      (f) =>
        f.type === "Custom" && !f.customOrNullObject.isNullObject && isOurFormula(f.customOrNullObject.rule.formula),
    );
    const notes = (r.notes?.items ?? []).filter((n) => noteParts(n.content).ours);
    if (formats.length === 0 && notes.length === 0) continue;
    if (r.protection.protected) {
      result.protectedSheets.push(r.sheet.name);
      continue;
    }
    // Last first: deleting never shifts an item still to be deleted.
    for (const f of [...formats].reverse()) f.delete();
    for (const n of notes) {
      const { user } = noteParts(n.content);
      if (user) n.content = user;
      else n.delete();
    }
    result.cleared.push(r.sheet.name);
    touched.push(r.sheet.id);
  }
  if (touched.length) await paintGuard.around(touched, () => ctx.sync());
  return result;
}
