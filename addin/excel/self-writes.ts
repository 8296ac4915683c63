/**
 * Below ExcelApi 1.14 (no triggerSource), which sheets the add-in is writing to, or wrote to a
 * moment ago: a change there may be ours, so the auto-check waits until the write is over before
 * re-checking it (it never drops it). From 1.14 the event itself says whose change it was.
 */
export const QUIET_MS = 300;

export class SelfWrites {
  private busy = new Map<string, number>();
  private until = new Map<string, number>();

  constructor(private now: () => number = () => Date.now()) {}

  async around<T>(sheetIds: string | string[], write: () => Promise<T>): Promise<T> {
    const ids = Array.isArray(sheetIds) ? sheetIds : [sheetIds];
    for (const id of ids) this.busy.set(id, (this.busy.get(id) ?? 0) + 1);
    try {
      return await write();
    } finally {
      for (const id of ids) {
        const n = (this.busy.get(id) ?? 1) - 1;
        if (n <= 0) this.busy.delete(id);
        else this.busy.set(id, n);
        this.until.set(id, this.now() + QUIET_MS);
      }
    }
  }

  /** Writing to every sheet (a merge adds sheets whose ids are not known beforehand). */
  async aroundAll<T>(write: () => Promise<T>): Promise<T> {
    return this.around("*", write);
  }

  isOwn(sheetId: string): boolean {
    for (const id of [sheetId, "*"]) {
      if (this.busy.has(id)) return true;
      if ((this.until.get(id) ?? 0) > this.now()) return true;
    }
    return false;
  }
}

export const paintGuard = new SelfWrites();
