/**
 * Where the add-in keeps its marks: one workbook setting per sheet (saved inside the file, seen
 * only by this add-in). It remembers each painted cell's own fill and our notes, and the block
 * the table occupied, whose cells the next check probes for the user's own notes.
 */
import type { SheetMarks } from "../../shared";

export interface Block {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface StoredMarks {
  v: 1;
  marks: SheetMarks;
  block: Block | null;
}

export const EMPTY: StoredMarks = { v: 1, marks: {}, block: null };

export function marksKey(sheetId: string): string {
  return `phuluc02.marks.${sheetId}`;
}

/** A setting's value as stored; anything unexpected reads as "no marks" (never throws). */
export function parseStored(value: unknown): StoredMarks {
  try {
    const v = typeof value === "string" ? JSON.parse(value) : value;
    if (v && v.v === 1 && typeof v.marks === "object" && v.marks)
      return { v: 1, marks: v.marks, block: v.block ?? null };
  } catch {
    // a damaged setting is dropped: the worst case is a cell that keeps our fill
  }
  return EMPTY;
}

/** All our settings, in the read trip: the sheet's id is only known after it. */
export function queueMarksRead(ctx: Excel.RequestContext): Excel.SettingCollection {
  return ctx.workbook.settings.load("items/key,items/value");
}

export function storedOf(settings: Excel.SettingCollection, sheetId: string): StoredMarks {
  const key = marksKey(sheetId);
  const item = settings.items.find((s) => s.key === key);
  return item ? parseStored(item.value) : EMPTY;
}

export function queueMarksWrite(ctx: Excel.RequestContext, sheetId: string, stored: StoredMarks): void {
  ctx.workbook.settings.add(marksKey(sheetId), JSON.stringify(stored));
}
