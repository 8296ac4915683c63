/**
 * How many cases each fast-check property tries: the count a test names, times one factor from
 * PHULUC02_PROPERTY_RUNS (default 1: the counts as written; 0.1 for a quick loop, 10 for a long
 * search), so every property keeps its share of the total.
 */
const raw = process.env.PHULUC02_PROPERTY_RUNS ?? "1";
const factor = Number(raw);
if (!(factor > 0)) throw new Error(`PHULUC02_PROPERTY_RUNS must be a number above 0, not "${raw}"`);

/** `count` scaled by PHULUC02_PROPERTY_RUNS, at least 1. */
export function runs(count: number): number {
  return Math.max(1, Math.round(count * factor));
}
