/**
 * The add-in's one state in its shared runtime (SharedRuntime 1.1): the ribbon command, the pane
 * and check-while-typing all use this host, so a check started anywhere shows in the pane, and
 * the auto-check keeps running while the pane is closed. Every operation is one Excel.run with
 * its fixed round trips. The auto-check lives here, outside React, so that re-rendering the pane
 * never registers twice.
 */
import type { Lang } from "../../shared";
import { AutoCheck } from "./auto-check";
import { checkSheet, checkSheets, type SheetCheck } from "./check";
import { clearMarks, type ClearResult } from "./clear-marks";
import { detectFeatures, type ExcelFeatures } from "./features";
import { mergeInWorkbook, type MergeOptions, type MergeRun, scanSheets } from "./merge";
import { insertTemplates } from "./template";
import { STRINGS } from "../taskpane/i18n";

export type SheetInfo = Awaited<ReturnType<typeof scanSheets>>[number];

export class ExcelHost {
  readonly autoCheck: AutoCheck;
  lang: Lang = "vi";
  private listeners = new Set<(c: SheetCheck) => void>();
  private errorListeners = new Set<(message: string) => void>();
  /** The last check, whoever asked for it (a pane opened later shows it). */
  lastCheck: SheetCheck | null = null;
  private featuresCache: ExcelFeatures | undefined;

  constructor(features?: ExcelFeatures) {
    this.featuresCache = features;
    this.autoCheck = new AutoCheck(
      async (ids) => {
        try {
          // a list on another sheet marked again shows when its own sheet is checked
          for (const c of await this.run((ctx) => this.checkExisting(ctx, ids))) if (!c.related) this.emit(c);
        } catch (e) {
          this.reportError(e);
        }
      },
      () => this.features,
    );
  }

  /**
   * Checks sheets that changed; one deleted since (its change event still queued) is left out
   * instead of failing the whole batch with ItemNotFound.
   */
  private async checkExisting(ctx: Excel.RequestContext, ids: string[]): Promise<SheetCheck[]> {
    try {
      // Where a write would clear the user's Ctrl+Z, typing updates the pane only.
      return await checkSheets(ctx, { ...this.opts(), sheetIds: ids, paint: this.features.keepsUndo !== false });
    } catch (e) {
      if ((e as { code?: string })?.code !== "ItemNotFound" && !/ItemNotFound/.test(String(e))) throw e;
      const sheets = ctx.workbook.worksheets.load("items/id");
      await ctx.sync();
      const alive = ids.filter((id) => sheets.items.some((s) => s.id === id));
      return alive.length
        ? checkSheets(ctx, { ...this.opts(), sheetIds: alive, paint: this.features.keepsUndo !== false })
        : [];
    }
  }

  get features(): ExcelFeatures {
    return (this.featuresCache ??= detectFeatures());
  }

  private opts() {
    return { lang: this.lang, features: this.features };
  }

  private run<T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    return Excel.run(fn);
  }

  private emit(c: SheetCheck) {
    this.lastCheck = c;
    for (const l of this.listeners) l(c);
  }

  /** A failure of a check the pane did not start (typing, the ribbon): the pane shows it. */
  reportError(e: unknown): void {
    const why = String((e as Error)?.message ?? e);
    const text = STRINGS[this.lang].sheetNotChecked(why);
    for (const l of this.errorListeners) l(text);
  }

  private noticeListeners = new Set<(message: string) => void>();

  /** What the pane should say after an action started anywhere (the ribbon's "Xóa dấu kiểm tra"). */
  onNotice(listener: (message: string) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /**
   * Removes every mark of ours from the workbook (addin/excel/clear-marks.ts). Check-while-typing
   * is turned off first, or the next edit would mark the sheet again; the pane says so.
   */
  async clearMarks(): Promise<ClearResult> {
    await this.autoCheck.setEnabled(false);
    const r = await this.run((ctx) => clearMarks(ctx, this.features));
    const text = STRINGS[this.lang].cleared(r.cleared, r.protectedSheets);
    for (const l of this.noticeListeners) l(text);
    return r;
  }

  private viewListeners = new Set<(view: "check" | "merge") => void>();

  /** The ribbon asks the pane for one of its views. */
  showView(view: "check" | "merge"): void {
    for (const l of this.viewListeners) l(view);
  }

  onView(listener: (view: "check" | "merge") => void): () => void {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  }

  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Results of checks the pane did not ask for (typing, the ribbon button). */
  onCheck(listener: (c: SheetCheck) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async checkActive(opts: { selectFirst?: boolean } = {}): Promise<SheetCheck> {
    const c = await this.run((ctx) => checkSheet(ctx, { ...this.opts(), ...opts }));
    this.emit(c);
    return c;
  }

  /** Selects the blamed cell, so that the user sees it. */
  select(sheet: string, ref: string): Promise<void> {
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(ref).select();
      await ctx.sync();
    });
  }

  insertTemplates(daibieu: boolean): Promise<string[]> {
    return this.run((ctx) => insertTemplates(ctx, { daibieu, features: this.features }));
  }

  scan(): Promise<SheetInfo[]> {
    return this.run((ctx) => scanSheets(ctx));
  }

  merge(opts: Omit<MergeOptions, "lang" | "features">): Promise<MergeRun> {
    return this.run((ctx) => mergeInWorkbook(ctx, { ...opts, ...this.opts() }));
  }
}

let shared: ExcelHost | undefined;

/** One host per runtime: the ribbon, the pane and its re-renders share it (and its single event handler). */
export function excelHost(): ExcelHost {
  return (shared ??= new ExcelHost());
}
