/**
 * "Check while typing": one handler on the workbook's worksheets, registered once per page
 * (not again when the pane re-renders), debounced, blind to the add-in's own writes, and
 * re-checking only the sheets that changed.
 */
import type { ExcelFeatures } from "./features";
import { paintGuard, type SelfWrites } from "./self-writes";

export type RecheckFn = (sheetIds: string[]) => Promise<void>;

export class AutoCheck {
  enabled = true;
  private registration: Promise<void> | undefined;
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

  /** Idempotent: the first call adds the handler, later calls return the same promise. */
  register(): Promise<void> {
    this.registration ??= Excel.run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add((e) => this.onChanged(e));
      this.registrations++;
      await ctx.sync();
    }).catch((err) => {
      this.registration = undefined;
      throw err;
    });
    return this.registration;
  }

  onChanged(e: Pick<Excel.WorksheetChangedEventArgs, "worksheetId"> & { triggerSource?: string }): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    if (this.features().triggerSource && e.triggerSource === "ThisLocalAddin") return Promise.resolve();
    if (this.guard.isOwn(e.worksheetId)) return Promise.resolve();
    this.pending.add(e.worksheetId);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
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
