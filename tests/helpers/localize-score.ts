/** Scoring error localization on the generated corpus (tests/helpers/mistakes.ts). */
import { analyzeGrid, type Finding } from "../../shared";
import type { Case, Style } from "./mistakes";

export interface Score {
  cases: number;
  /** Cases whose likely causes are exactly the mistyped cells (no alternatives). */
  exact: number;
  /** Cases with a tie (one finding with alternatives). */
  ties: number;
  /** Cases with no likely-cause finding. */
  none: number;
  mistakes: number;
  /** Mistyped cells with a likely cause on them that suggests the true value. */
  rightSuggested: number;
  /** Likely-cause findings (not ties) on a cell that was not mistyped. */
  wrongCells: number;
  /** Rule findings (every finding but the likely causes). */
  ruleFindings: number;
  /** What a clerk meets first: the likely causes, and the findings none of them explains. */
  firstLevel: number;
}

export function emptyScore(): Score {
  return {
    cases: 0,
    exact: 0,
    ties: 0,
    none: 0,
    mistakes: 0,
    rightSuggested: 0,
    wrongCells: 0,
    ruleFindings: 0,
    firstLevel: 0,
  };
}

export function scoreCase(c: Case, findings: Finding[], s: Score): void {
  s.cases++;
  s.mistakes += c.mistakes.length;
  const causes = findings.filter((f) => f.rule === "CELL_LIKELY_WRONG");
  const rules = findings.filter((f) => f.rule !== "CELL_LIKELY_WRONG");
  s.ruleFindings += rules.length;
  s.firstLevel += causes.length + rules.filter((f) => !f.explainedBy).length;
  if (causes.some((f) => f.alternatives)) s.ties++;
  else if (causes.length === 0) s.none++;
  const single = causes.filter((f) => !f.alternatives);
  const truth = new Set(c.mistakes.map((m) => m.cell));
  const got = new Set(single.map((f) => f.cells[0]));
  if (c.mistakes.length > 0 && got.size === truth.size && [...truth].every((t) => got.has(t))) s.exact++;
  s.wrongCells += single.filter((f) => !truth.has(f.cells[0])).length;
  for (const m of c.mistakes)
    if (single.some((f) => f.cells[0] === m.cell && f.suggested === m.truth)) s.rightSuggested++;
}

/** Scores per style and number of mistakes: key "typed/1". */
export function scoreCorpus(cases: Case[]): Map<string, Score> {
  const out = new Map<string, Score>();
  for (const c of cases) {
    const key = `${c.style}/${c.mistakes.length}`;
    let s = out.get(key);
    if (!s) out.set(key, (s = emptyScore()));
    scoreCase(c, analyzeGrid(c.grid)!.findings, s);
  }
  return out;
}

const pct = (a: number, b: number) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)}%`);

/** One line per style and number of mistakes. */
export function scoreTable(scores: Map<string, Score>, styles: Style[] = ["typed", "official", "formulas"]): string {
  const lines = ["style/mistakes  cases  exact   ties   none  right-suggested  wrong-cells  rule→first (avg)"];
  for (const st of styles)
    for (let n = 0; n <= 3; n++) {
      const s = scores.get(`${st}/${n}`);
      if (!s) continue;
      lines.push(
        [
          `${st}/${n}`.padEnd(15),
          String(s.cases).padStart(6),
          pct(s.exact, n ? s.cases : 0).padStart(6),
          pct(s.ties, s.cases).padStart(6),
          pct(s.none, s.cases).padStart(6),
          pct(s.rightSuggested, s.mistakes).padStart(16),
          String(s.wrongCells).padStart(12),
          `${(s.ruleFindings / s.cases).toFixed(1)} → ${(s.firstLevel / s.cases).toFixed(1)}`.padStart(18),
        ].join(" "),
      );
    }
  return lines.join("\n");
}
