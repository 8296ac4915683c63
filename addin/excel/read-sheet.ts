/**
 * Queues everything a check needs from one sheet, for a single context.sync(): the used range's
 * values, its cells' own fills, our stored marks, and (notes API) which cells of the table's
 * block hold a note.
 */
import { address, type Grid } from "../../shared";
import type { ExcelFeatures } from "./features";
import { gridFromValues } from "./sheet-grid";
import { type Block, queueMarksRead, type StoredMarks, storedOf } from "./marks-store";

/**
 * The block probed for notes when no table was seen yet this session: the template's usual
 * place. A table found elsewhere has its block remembered, and later checks probe it.
 */
export const FIRST_BLOCK: Block = { top: 0, left: 0, bottom: 79, right: 19 };

export interface SheetRead {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  settings: Excel.SettingCollection;
  probes: Map<string, Excel.Note>;
}

export function queueSheetRead(
  ctx: Excel.RequestContext,
  sheet: Excel.Worksheet,
  features: ExcelFeatures,
  block: Block | null,
  settings: Excel.SettingCollection = queueMarksRead(ctx),
): SheetRead {
  sheet.load("name,id");
  const used = sheet.getUsedRange(false).load("values,rowIndex,columnIndex,rowCount,columnCount");
  const fills = used.getCellProperties({ format: { fill: { color: true, pattern: true } } });
  const probes = new Map<string, Excel.Note>();
  if (features.notes === "notes") {
    const b = block ?? FIRST_BLOCK;
    for (let r = b.top; r <= b.bottom; r++)
      for (let c = b.left; c <= b.right; c++) {
        const ref = address(r, c);
        probes.set(ref, sheet.notes.getItemOrNullObject(ref).load("content"));
      }
  }
  return { sheet, used, fills, settings, probes };
}

/** The sheet as the core sees it. */
export function gridOf(read: SheetRead): Grid {
  return gridFromValues(read.sheet.name, read.used);
}

/** A cell's own fill: #RRGGBB, or null when it has none. */
export function fillReader(read: SheetRead): (ref: string) => string | null {
  const props = read.fills.value;
  const { rowIndex, columnIndex } = read.used;
  const at = new Map<string, string | null>();
  props.forEach((row, r) =>
    row.forEach((p, c) => {
      const fill = p.format?.fill;
      at.set(address(rowIndex + r, columnIndex + c), !fill || fill.pattern === "None" ? null : (fill.color ?? null));
    }),
  );
  return (ref) => at.get(ref) ?? null;
}

export function marksOf(read: SheetRead): StoredMarks {
  return storedOf(read.settings, read.sheet.id);
}

/** Cells holding a note, among those probed; undefined = not probed (outside the block). */
export function noteReader(read: SheetRead): (ref: string) => boolean | undefined {
  return (ref) => {
    const n = read.probes.get(ref);
    return n ? !n.isNullObject : undefined;
  };
}
