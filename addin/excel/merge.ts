/**
 * The Sở's merge inside Excel, in three round trips whatever the number of sheets: list the
 * sheets; read every unit sheet's values; write the three output sheets of spec §5 and the chart
 * sheet with the report's charts (earlier ones replaced, unit sheets never touched).
 */
import {
  analyzeGrid,
  attachOtherSheets,
  type Bilingual,
  bundledRoster,
  chartSheet,
  cityOutputSheets,
  consolidate,
  countBySeverity,
  type Grid,
  isCitySheet,
  isRosterSheet,
  type Lang,
  type MergeInput,
  type MergeResult,
  type Roster,
  rosterOfSheet,
  type SheetResult,
  type UnreadableInput,
} from "../../shared";
import type { ExcelFeatures } from "./features";
import { readBySize } from "./batches";
import { READ_AREA } from "./read-sheet";
import { queueCharts } from "./charts";
import { paintGuard } from "./self-writes";
import { gridFromValues } from "./sheet-grid";
import { queueWriteSheet } from "./write-sheet";

export interface OtherFileSheets {
  /** File name as the user picked it. */
  file: string;
  grids: Grid[];
  /** The file's sheets already read and checked (other-files.ts), instead of `grids`. */
  sheets?: SheetResult[];
  /** Why the file could not be read at all (then grids is empty). */
  error?: Bilingual;
  /** The file's own time (ISO 8601, `File.lastModified`): decides between a unit's versions. */
  fileTime?: string | null;
  /** When the workbook says it was last saved (ISO 8601), if it does. */
  modified?: string | null;
}

export interface MergeOptions {
  lang: Lang;
  features: ExcelFeatures;
  /** Names of the workbook's sheets to take as units; all that hold a table when absent. */
  sheets?: string[];
  /** .xlsx files picked from disk, already read in the browser. */
  others?: OtherFileSheets[];
  /** Units not on the roster go into the city total too (spec §5 v2); held out by default. */
  includeUnknown?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface MergeRun {
  result: MergeResult;
  roster: "sheet" | "bundled";
  /** The sheets written: none when no unit is in the city total (spec §5 v2). */
  written: string[];
}

export async function mergeInWorkbook(ctx: Excel.RequestContext, opts: MergeOptions): Promise<MergeRun> {
  const wb = ctx.workbook;
  wb.load("name");
  const sheets = wb.worksheets.load("items/name,items/id,items/visibility");
  await ctx.sync(); // 1: which sheets there are

  const book = wb.name || "Sổ làm việc";
  const rosterSheet = sheets.items.find((s) => isRosterSheet(s.name));
  const candidates = sheets.items.filter(
    (s) =>
      s.visibility === "Visible" &&
      s !== rosterSheet &&
      !isCitySheet(s.name) &&
      (!opts.sheets || opts.sheets.includes(s.name)),
  );
  // 2: every unit sheet's values (the area a check reads), in one batch unless Excel on the web
  // refuses it for its size: then in halves.
  const readSheets = rosterSheet ? [...candidates, rosterSheet] : candidates;
  // With the formulas: which cells the template's arithmetic computes (never a likely cause, spec §3b).
  const reads = await readBySize(ctx, readSheets.length, (i) =>
    readSheets[i]
      .getUsedRange(true)
      .getIntersectionOrNullObject(READ_AREA)
      .load("values,formulas,rowIndex,columnIndex"),
  );
  const valuesOf = (i: number) => {
    const r = reads[i];
    return r && !r.isNullObject ? r : { values: [], rowIndex: 0, columnIndex: 0 };
  };
  const used = candidates.map((_, i) => valuesOf(i));
  const rosterUsed = rosterSheet ? valuesOf(candidates.length) : undefined;

  let roster: Roster = bundledRoster();
  const unreadable: UnreadableInput[] = [];
  if (rosterSheet && rosterUsed) {
    const read = rosterOfSheet(book, gridFromValues(rosterSheet.name, rosterUsed));
    if ("roster" in read) roster = read.roster;
    else unreadable.push(read.unreadable);
  }
  const inputs: MergeInput[] = [];
  const bookSheets: SheetResult[] = [];
  const total = candidates.length + (opts.others?.length ?? 0);
  candidates.forEach((s, i) => {
    if (!reads[i]) {
      unreadable.push({
        file: book,
        sheet: s.name,
        reason: {
          vi: "trang quá lớn để Excel trên web gửi trong một lần (giới hạn 5 MB)",
          en: "the sheet is too large for Excel on the web to send at once (5 MB limit)",
        },
      });
      return;
    }
    const result = analyzeGrid(gridFromValues(s.name, used[i], reads[i]!.formulas));
    if (result) bookSheets.push(result);
    if (result?.table) inputs.push({ file: book, sheetIndex: i, result });
    else if (opts.sheets)
      unreadable.push({
        file: book,
        sheet: s.name,
        reason: { vi: "trang tính không có bảng Phụ lục 02", en: "the sheet holds no Annex 02 table" },
      });
    opts.onProgress?.(i + 1, total, s.name);
  });
  (opts.others ?? []).forEach((f, k) => {
    if (f.error) unreadable.push({ file: f.file, reason: f.error });
    const fileSheets: SheetResult[] = [];
    const results = f.sheets ?? f.grids.map((g) => analyzeGrid(g));
    results.forEach((result, j) => {
      if (result) fileSheets.push(result);
      if (result?.table)
        inputs.push({
          file: f.file,
          sheetIndex: j,
          result,
          fileTime: f.fileTime ?? null,
          modified: f.modified ?? null,
        });
    });
    attachOtherSheets(inputs, fileSheets);
    opts.onProgress?.(candidates.length + k + 1, total, f.file);
  });
  attachOtherSheets(inputs, bookSheets);
  const result = consolidate(inputs, unreadable, { roster, includeUnknown: !!opts.includeUnknown });
  const from = rosterSheet ? "sheet" : "bundled";
  // Nothing in the city total: no city sheets written, earlier ones left as they were.
  if (result.summary.included === 0) return { result, roster: from, written: [] };

  const charts = chartSheet(result, opts.lang);
  const outs = [...cityOutputSheets(result, opts.lang), charts.sheet];
  for (const s of sheets.items) if (isCitySheet(s.name)) s.delete();
  const added = outs.map((out) => {
    const ws = wb.worksheets.add(out.name);
    queueWriteSheet(ws, out, opts.features);
    return ws;
  });
  queueCharts(added[added.length - 1], charts.charts);
  added[0].activate();
  await paintGuard.aroundAll(() => ctx.sync()); // 3: the output sheets and the charts
  return { result, roster: from, written: outs.map((o) => o.name) };
}

/** Which sheets hold a table (the merge view's default selection): two round trips. */
export async function scanSheets(
  ctx: Excel.RequestContext,
): Promise<{ name: string; template: string | null; unit: string | null; errors: number }[]> {
  const sheets = ctx.workbook.worksheets.load("items/name,items/visibility");
  await ctx.sync();
  const visible = sheets.items.filter((s) => s.visibility === "Visible" && !isCitySheet(s.name));
  const used = await readBySize(ctx, visible.length, (i) =>
    visible[i].getUsedRange(true).getIntersectionOrNullObject(READ_AREA).load("values,rowIndex,columnIndex"),
  );
  return visible.map((s, i) => {
    const u = used[i];
    const r = u && !u.isNullObject ? analyzeGrid(gridFromValues(s.name, u)) : undefined;
    return {
      name: s.name,
      template: r?.table ? r.template : null,
      unit: r?.unit ?? null,
      errors: r ? countBySeverity(r.findings).errors : 0,
    };
  });
}
