/**
 * Checks sheets in Excel: one round trip reads them all, the core judges, one round trip marks
 * them all (none when the sheet already shows the right marks). Batches are cut by size, never
 * over Excel on the web's 5 MB; a sheet that cannot be marked keeps its findings and says why.
 */
import { analyzeGrid, type Bilingual, type Finding, isCitySheet, type Lang, type SheetResult } from "../../shared";
import { bySize, readBySize } from "./batches";
import type { ExcelFeatures } from "./features";
import { wantedMarks, type WantedMarks } from "./marks";
import { queueSheetRead, responseBytes, type SheetRead, truncated, gridOf } from "./read-sheet";
import { decide, inspect, paintOps, type WriteOp } from "./paint";
import { paintGuard } from "./self-writes";
import { inWorkbook, needs, remember, resetRelated } from "./related-sheets";

export interface SheetCheck {
  sheetId: string;
  sheet: string;
  /** undefined when the sheet holds no table (any earlier marks are then taken back). */
  result: SheetResult | undefined;
  findings: Finding[];
  /** Actions written to mark this sheet (0: it already showed the right marks). */
  changed: number;
  /** Why the cells could not be marked, or the sheet not read; the findings are still there. */
  problem?: Bilingual;
  /** The sheet holds values beyond the area a check reads (A1:AX400). */
  truncated?: boolean;
  /** Judged without writing marks (`paint: false`): the sheet's marks may be out of date. */
  marksPending?: boolean;
  /**
   * Not asked for: a list of delegates on another sheet, judged again because the Cơ cấu đại
   * biểu it is compared with changed (addin/excel/related-sheets.ts).
   */
  related?: boolean;
}

export interface CheckOptions {
  lang: Lang;
  features: ExcelFeatures;
  /** Sheet ids; the active sheet when absent. */
  sheetIds?: string[];
  /** Select the first blamed cell (the ribbon command), in the same write round trip. */
  selectFirst?: boolean;
  /**
   * false: judge only, write no mark (check-while-typing on an Excel whose writes would clear the
   * user's undo history); the check then says `marksPending`.
   */
  paint?: boolean;
}

/** What each sheet's read weighed last time, to cut the next read by size. */
const readBytes = new Map<string, number>();
/** An unseen sheet: the bounded area half full of short values. */
const FIRST_READ_BYTES = 128 * 1024;

function problemOf(sheet: string, e: unknown): Bilingual {
  if (e === null)
    return {
      vi: `Không đọc lại được trang "${sheet}" sau khi Excel từ chối ghi; có thể một phần các ô sai chưa được đánh dấu. Các lỗi vẫn được liệt kê dưới đây.`,
      en: `Sheet "${sheet}" could not be read again after Excel refused a write; some wrong cells may be unmarked. The findings are listed below.`,
    };
  const code = (e as { code?: string })?.code ?? "";
  if (code === "AccessDenied" || /protect/i.test(String((e as Error)?.message))) return protectedProblem(sheet);
  const why = code || String((e as Error)?.message ?? e);
  return {
    vi: `Không đánh dấu được các ô sai trên trang "${sheet}" (${why}). Các lỗi vẫn được liệt kê dưới đây.`,
    en: `The wrong cells of sheet "${sheet}" could not be marked (${why}). The findings are listed below.`,
  };
}

function protectedProblem(sheet: string): Bilingual {
  return {
    vi: `Trang "${sheet}" đang được bảo vệ (Xem lại → Bỏ bảo vệ trang tính), nên không tô màu hay ghi chú được các ô sai. Các lỗi vẫn được liệt kê dưới đây.`,
    en: `Sheet "${sheet}" is protected (Review → Unprotect Sheet), so the wrong cells could not be coloured or noted. The findings are listed below.`,
  };
}

const tooLarge = (sheet: string): Bilingual => ({
  vi: `Trang "${sheet}" quá lớn để Excel trên web gửi trong một lần (giới hạn 5 MB), nên chưa kiểm tra được.`,
  en: `Sheet "${sheet}" is too large for Excel on the web to send at once (5 MB limit), so it was not checked.`,
});

/** Reads sheets in batches cut by their expected size (what they weighed last time). */
async function readAll(
  ctx: Excel.RequestContext,
  sheets: Excel.Worksheet[],
  ids: (string | undefined)[],
  features: ExcelFeatures,
) {
  const reads = await readBySize(
    ctx,
    sheets.length,
    (i) => queueSheetRead(sheets[i], features),
    (i) => readBytes.get(ids[i] ?? "") ?? FIRST_READ_BYTES,
  );
  return reads.map((read) => {
    if (read) readBytes.set(read.sheet.id, responseBytes(read));
    return read;
  });
}

interface Judged {
  read: SheetRead;
  result: SheetResult | undefined;
  findings: Finding[];
  wanted: WantedMarks;
}

function judge(read: SheetRead, opts: CheckOptions, result = analyzeGrid(gridOf(read))): Judged {
  const findings = result?.findings ?? [];
  return { read, result, findings, wanted: wantedMarks(findings, opts.lang) };
}

/**
 * The ids of the workbook's sheets but those a merge wrote (never a unit's), loaded with the first
 * read: a sync only when that read was refused for its size.
 */
async function idsOf(ctx: Excel.RequestContext, book: Excel.WorksheetCollection): Promise<string[]> {
  const ids = () => book.items.filter((s) => !isCitySheet(s.name)).map((s) => s.id);
  try {
    return ids();
  } catch {
    // the first read was refused for its size and read again in parts, without the ids
    book.load("items/id,items/name");
    await ctx.sync();
    return ids();
  }
}

/**
 * Lists of delegates are judged against the Cơ cấu đại biểu on the workbook's other sheets, which
 * one more round trip reads when the check holds a list or a Cơ cấu đại biểu that says something
 * new; the lists on the other sheets are then returned to be marked again. No round trip for
 * other checks, nor when every sheet was read already ("Kiểm tra tất cả").
 */
async function withOtherSheets(
  ctx: Excel.RequestContext,
  book: Excel.WorksheetCollection,
  judged: Judged[],
  opts: CheckOptions,
): Promise<Judged[]> {
  const need = needs(judged.map((j) => ({ id: j.read.sheet.id, result: j.result })));
  if (!need.lists && !need.changed) return [];
  const all = await idsOf(ctx, book);
  const mine = new Set(judged.map((j) => j.read.sheet.id));
  const ids = all.filter((id) => !mine.has(id));
  const reads = ids.length
    ? await readAll(
        ctx,
        ids.map((id) => ctx.workbook.worksheets.getItem(id)),
        ids,
        opts.features,
      )
    : [];
  // a sheet too large to read is left out here: it is reported when it is checked itself
  const others = reads.filter((r): r is SheetRead => r !== undefined).map((read) => judge(read, opts));
  const results = [...judged, ...others].flatMap((j) => j.result ?? []);
  const again = (j: Judged) => judge(j.read, opts, inWorkbook(j.result, results));
  judged.forEach((j, i) => j.result?.list && (judged[i] = again(j)));
  // remembered only now: a check that failed before this point compares with what was known
  for (const j of [...judged, ...others]) remember(j.read.sheet.id, j.result);
  return need.changed ? others.filter((o) => o.result?.list).map(again) : [];
}

/**
 * Checks sheets together: one round trip reads them all, one marks them all (skipped when every
 * sheet already shows the right marks), however many sheets there are — one more when marks of
 * ours are on a sheet (the cells they cover are read back and compared: a paste or Clear Formats
 * cuts cells out of them) or notes must be placed around the user's, more only when 5 MB would be
 * exceeded, or when a write fails half-way (then each sheet of that batch is checked on its own).
 */
export async function checkSheets(ctx: Excel.RequestContext, opts: CheckOptions): Promise<SheetCheck[]> {
  const ids = opts.sheetIds ?? [undefined];
  const sheets = opts.sheetIds
    ? opts.sheetIds.map((id) => ctx.workbook.worksheets.getItem(id))
    : [ctx.workbook.worksheets.getActiveWorksheet()];
  // The workbook's sheet ids come with the first read, for the sheets a list is judged with.
  const book = ctx.workbook.worksheets.load("items/id,items/name");
  const reads = await readAll(ctx, sheets, ids, opts.features);

  const tooBig = reads.flatMap((r, i) => (r ? [] : [i]));
  const judged: Judged[] = reads.filter((r): r is SheetRead => r !== undefined).map((read) => judge(read, opts));
  const related = await withOtherSheets(ctx, book, judged, opts);
  const checks: SheetCheck[] = [...judged, ...related].map((j, i) => ({
    sheetId: j.read.sheet.id,
    sheet: j.read.sheet.name,
    result: j.result,
    findings: j.findings,
    changed: 0,
    ...(truncated(j.read) ? { truncated: true } : {}),
    ...(i >= judged.length ? { related: true } : {}),
  }));
  judged.push(...related);

  if (opts.paint === false) for (const c of checks) c.marksPending = true;
  const failed = opts.paint === false ? [] : await paint(ctx, judged, checks, opts, false);
  if (failed.length) {
    // Excel runs a batch in order and stops at its first failing action, keeping the earlier
    // ones: some sheets of the batch may be painted, some not. Each is read again and finished
    // on its own, so that a sheet is reported unpainted only when it is.
    const again = await readAll(
      ctx,
      failed.map((i) => ctx.workbook.worksheets.getItem(checks[i].sheetId)),
      failed.map((i) => checks[i].sheetId),
      opts.features,
    );
    const retry = failed.flatMap((i, k) => (again[k] ? [{ i, read: again[k]! }] : []));
    const before = retry.map(({ i }) => checks[i].changed);
    const sub = retry.map(({ i }) => checks[i]);
    await paint(
      ctx,
      retry.map(({ i, read }) => ({ ...judged[i], read })),
      sub,
      opts,
      true,
    );
    // Nothing left to write: the failed batch had painted it.
    sub.forEach((c, k) => {
      if (!c.problem && c.changed === 0) c.changed = before[k];
    });
    for (const [k, i] of failed.entries()) if (!again[k]) checks[i].problem ??= problemOf(checks[i].sheet, null);
  }

  // A sheet too large to read in one response is reported by name, never silently skipped.
  if (tooBig.length) {
    for (const i of tooBig) sheets[i].load("name,id");
    await ctx.sync();
    for (const i of tooBig) {
      const { id, name } = sheets[i];
      checks.push({ sheetId: id, sheet: name, result: undefined, findings: [], changed: 0, problem: tooLarge(name) });
    }
  }
  return checks;
}

/**
 * Marks these sheets: one round trip to read what must be compared (when anything must), then the
 * writes in batches cut by size — every sheet in batches of its own when `alone`. Returns the
 * sheets of batches that failed when not `alone` (their problem is then not yet known); alone, a
 * failed sheet gets its problem.
 */
async function paint(
  ctx: Excel.RequestContext,
  judged: readonly Judged[],
  checks: SheetCheck[],
  opts: CheckOptions,
  alone: boolean,
): Promise<number[]> {
  const seen = judged.map((j) => inspect(j.read, j.wanted, opts.features));
  if (seen.some((x) => x.ranges || x.locations)) await ctx.sync();
  const ops: { sheet: number; op: WriteOp }[] = [];
  judged.forEach((j, i) => {
    const plan = decide(j.read, j.wanted, seen[i], opts.features);
    const mine = paintOps(j.read, j.wanted, plan);
    if (mine.length && j.read.protection.protected) {
      checks[i].problem = protectedProblem(j.read.sheet.name);
      checks[i].changed = 0;
    } else {
      checks[i].changed = mine.length;
      for (const op of mine) ops.push({ sheet: i, op });
    }
    const first = opts.selectFirst ? j.findings.find((f) => f.cells[0])?.cells[0] : undefined;
    if (first) ops.push({ sheet: i, op: { bytes: 600, queue: () => j.read.sheet.getRange(first).select() } });
  });

  const batches = alone
    ? judged.flatMap((_, i) =>
        bySize(
          ops.filter((o) => o.sheet === i),
          (o) => o.op.bytes,
        ),
      )
    : bySize(ops, (o) => o.op.bytes);
  const failed = new Set<number>();
  for (const batch of batches) {
    const touched = [...new Set(batch.map((o) => o.sheet))];
    if (alone && touched.some((i) => checks[i].problem)) continue; // its earlier batch failed
    for (const o of batch) o.op.queue();
    try {
      await paintGuard.around(
        touched.map((i) => checks[i].sheetId),
        () => ctx.sync(),
      );
    } catch (e) {
      for (const i of touched) {
        if (!alone) failed.add(i);
        else {
          checks[i].problem = problemOf(checks[i].sheet, e);
          checks[i].changed = 0;
        }
      }
    }
  }
  return [...failed];
}

/** One sheet (the active one when no id is given): two round trips, one when nothing changes. */
export async function checkSheet(
  ctx: Excel.RequestContext,
  opts: Omit<CheckOptions, "sheetIds"> & { sheetId?: string },
): Promise<SheetCheck> {
  const [c] = await checkSheets(ctx, { ...opts, sheetIds: opts.sheetId ? [opts.sheetId] : undefined });
  return c;
}

/** Test hook: forget what this session measured (a new session). */
export function resetSession(): void {
  readBytes.clear();
  resetRelated();
}
