/**
 * "Check while typing": one handler on the workbook's worksheets, registered once per runtime
 * (not again when the pane re-renders), removed when turned off, debounced, re-checking only the
 * sheets that changed.
 *
 * Whose change was it? WorksheetChangedEventArgs.source (ExcelApi 1.7) says "Remote" for a
 * co-author's edit: their own Excel checks it, so this one leaves it alone. From ExcelApi 1.14,
 * triggerSource says "ThisLocalAddin" for our own writes, and everything else is the user's
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-triggersource-member).
 * Below 1.14 a change during or just after our write may be ours or the user's: it is never
 * dropped, only re-checked once the write is over (a re-check that finds nothing to change does
 * not write, so this cannot loop).
 */
import type { ExcelFeatures } from "./features";
import { paintGuard, QUIET_MS, type SelfWrites } from "./self-writes";

export type RecheckFn = (sheetIds: string[]) => Promise<void>;

export interface ChangeArgs {
  worksheetId: string;
  source?: string;
  triggerSource?: string;
}

export class AutoCheck {
  private on = true;
  private registration: Promise<void> | undefined;
  private handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | undefined;
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  /** How many times a handler was actually added to Excel (tests read it). */
  registrations = 0;

  constructor(
    private recheck: RecheckFn,
    private features: () => ExcelFeatures,
    private delayMs = 600,
    private guard: SelfWrites = paintGuard,
  ) {}

  get enabled(): boolean {
    return this.on;
  }

  /** Turning it off removes the handler from Excel; turning it on adds it again. */
  async setEnabled(on: boolean): Promise<void> {
    this.on = on;
    if (on) return this.register();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    const reg = this.registration;
    this.registration = undefined;
    await reg?.catch(() => undefined);
    const h = this.handler;
    this.handler = undefined;
    if (h)
      await Excel.run(h.context, async (ctx) => {
        h.remove();
        await ctx.sync();
      });
  }

  /** Idempotent: the first call adds the handler, later calls return the same promise. */
  register(): Promise<void> {
    this.registration ??= Excel.run(async (ctx) => {
      this.handler = ctx.workbook.worksheets.onChanged.add(async (e) => this.onChanged(e));
      this.registrations++;
      await ctx.sync();
    }).catch((err) => {
      this.registration = undefined;
      throw err;
    });
    return this.registration;
  }

  onChanged(e: ChangeArgs): Promise<void> {
    if (!this.on) return Promise.resolve();
    if (e.source === "Remote") return Promise.resolve();
    let delay = this.delayMs;
    if (this.features().triggerSource) {
      if (e.triggerSource === "ThisLocalAddin") return Promise.resolve();
    } else if (this.guard.isOwn(e.worksheetId)) delay = Math.max(delay, QUIET_MS + 50);
    this.pending.add(e.worksheetId);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
    return Promise.resolve();
  }

  /** Runs the re-check now for what is pending (the timer calls it; tests may too). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length === 0) return this.running;
    this.running = this.running.then(() => this.recheck(ids)).catch(() => undefined);
    return this.running;
  }
}
