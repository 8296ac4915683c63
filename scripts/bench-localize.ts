/**
 * The localization time per sheet (spec §3b: within 20 ms a sheet), for `npm run bench`: every
 * sheet of the generated corpus (tests/helpers/mistakes.ts: 3 styles × 0–3 mistakes), located
 * once, then `localize` timed on it (the best of a few runs, so that another process on the
 * machine does not count), with the work it counts against its budget. Also the corpus scores.
 * `node dist/bench.cjs --localize` runs this section alone.
 */
import { analyzeGrid, LOCALIZE_BUDGET, localize } from "../shared";
import { corpus } from "../tests/helpers/mistakes";
import { scoreCorpus, scoreTable } from "../tests/helpers/localize-score";

export const LOCALIZE_ARG = "--localize";

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

export function localizeFigures(perCell = 50) {
  const cases = corpus(perCell);
  const tables = cases.map((c) => analyzeGrid(c.grid)!.table!);
  for (let i = 0; i < 3; i++) for (const t of tables) localize(t); // warm up
  const ms: number[] = [];
  const work: number[] = [];
  let gaveUp = 0;
  for (const t of tables) {
    let bestMs = Infinity;
    for (let r = 0; r < 5; r++) {
      const t0 = process.hrtime.bigint();
      localize(t, { maxMs: Infinity });
      bestMs = Math.min(bestMs, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    ms.push(bestMs);
    const l = localize(t, { budget: Infinity, maxMs: Infinity });
    work.push(l?.work ?? 0);
    if (l && l.work > LOCALIZE_BUDGET) gaveUp++;
  }
  const broken = ms.filter((_, i) => cases[i].mistakes.length > 0);
  // what a unit of work costs, at worst, on sheets with enough of it to tell
  const nsPerUnit = ms.flatMap((m, i) => (work[i] > 5000 ? [(m * 1e6) / work[i]] : []));
  return {
    sheets: tables.length,
    medianMsWithMistakes: +quantile(broken, 0.5).toFixed(3),
    medianMs: +quantile(ms, 0.5).toFixed(3),
    p99Ms: +quantile(ms, 0.99).toFixed(3),
    maxMs: +Math.max(...ms).toFixed(3),
    medianWork: quantile(work, 0.5),
    maxWork: Math.max(...work),
    medianNsPerUnit: +quantile(nsPerUnit, 0.5).toFixed(1),
    p90NsPerUnit: +quantile(nsPerUnit, 0.9).toFixed(1),
    budget: LOCALIZE_BUDGET,
    overBudget: gaveUp,
    scores: scoreTable(scoreCorpus(cases)).split("\n"),
  };
}

export function printLocalizeFigures() {
  process.stdout.write(JSON.stringify({ localizePerSheet: localizeFigures() }, null, 2) + "\n");
}
