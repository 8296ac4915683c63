/**
 * Checks one sheet in Excel: one round trip to read, the core's judgement, one round trip to
 * paint (skipped when nothing changes). The user's fills and notes are kept and given back.
 */
import { analyzeGrid, type Finding, type Lang, planMarks, planSize, type SheetResult, tableBlock } from "../../shared";
import type { ExcelFeatures } from "./features";
import { type Block, queueMarksRead, queueMarksWrite, type StoredMarks } from "./marks-store";
import { fillReader, FIRST_BLOCK, gridOf, marksOf, noteReader, queueSheetRead } from "./read-sheet";
import { paintGuard } from "./self-writes";
import { queuePaint } from "./paint";

export interface SheetCheck {
  sheetId: string;
  sheet: string;
  /** undefined when the sheet holds no table (any earlier marks are then taken back). */
  result: SheetResult | undefined;
  findings: Finding[];
  /** Cells painted, restored, noted or un-noted by this check. */
  changed: number;
}

/** Blocks of tables seen this session, by sheet id: where to look for the user's notes. */
const blocks = new Map<string, Block>();

function probeBlock(): Block {
  const b = { ...FIRST_BLOCK };
  for (const x of blocks.values()) {
    b.top = Math.min(b.top, x.top);
    b.left = Math.min(b.left, x.left);
    b.bottom = Math.max(b.bottom, x.bottom);
    b.right = Math.max(b.right, x.right);
  }
  // Never more than ~3,000 probes in one batch.
  if ((b.bottom - b.top + 1) * (b.right - b.left + 1) > 3000) return FIRST_BLOCK;
  return b;
}

export interface CheckOptions {
  lang: Lang;
  features: ExcelFeatures;
  /** Sheet ids; the active sheet when absent. */
  sheetIds?: string[];
  /** Select the first blamed cell (the ribbon command), in the same write round trip. */
  selectFirst?: boolean;
}

/**
 * Checks sheets together: one round trip reads them all, one paints them all (skipped when
 * nothing changes), however many sheets there are.
 */
export async function checkSheets(ctx: Excel.RequestContext, opts: CheckOptions): Promise<SheetCheck[]> {
  const sheets = opts.sheetIds
    ? opts.sheetIds.map((id) => ctx.workbook.worksheets.getItem(id))
    : [ctx.workbook.worksheets.getActiveWorksheet()];
  const probe = probeBlock();
  const settings = queueMarksRead(ctx);
  const reads = sheets.map((ws) => queueSheetRead(ctx, ws, opts.features, probe, settings));
  await ctx.sync();

  const painted: string[] = [];
  const checks = reads.map((read) => {
    const result = analyzeGrid(gridOf(read));
    const findings = result?.findings ?? [];
    const stored = marksOf(read);
    const hasNote = noteReader(read);
    const plan = planMarks({
      findings,
      lang: opts.lang,
      previous: stored.marks,
      fillOf: fillReader(read),
      // Only cells known to hold no note get ours; an unprobed cell is left alone.
      userNote: (ref) => hasNote(ref) !== false,
      notes: opts.features.notes === "notes",
    });
    const block = result?.table ? tableBlock(result.table) : stored.block;
    if (block) blocks.set(read.sheet.id, block);
    const next: StoredMarks = { v: 1, marks: plan.next, block };
    const changed = planSize(plan);
    const first = opts.selectFirst ? findings.find((f) => f.cells[0])?.cells[0] : undefined;
    if (changed > 0 || first || JSON.stringify(next) !== JSON.stringify(stored)) {
      queuePaint(read.sheet, plan, stored.marks, hasNote, opts.features);
      queueMarksWrite(ctx, read.sheet.id, next);
      if (first) read.sheet.getRange(first).select();
      painted.push(read.sheet.id);
    }
    return { sheetId: read.sheet.id, sheet: read.sheet.name, result, findings, changed };
  });
  if (painted.length) await paintGuard.around(painted, () => ctx.sync());
  return checks;
}

/** One sheet (the active one when no id is given): two round trips, one when nothing changes. */
export async function checkSheet(
  ctx: Excel.RequestContext,
  opts: Omit<CheckOptions, "sheetIds"> & { sheetId?: string },
): Promise<SheetCheck> {
  const [c] = await checkSheets(ctx, { ...opts, sheetIds: opts.sheetId ? [opts.sheetId] : undefined });
  return c;
}

/** Test hook: forget the blocks seen (a new session). */
export function resetSession(): void {
  blocks.clear();
}
