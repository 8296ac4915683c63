/** The finding (spec §6): one shape for the CLI, the task pane, the sidebar and the sheet. */
import type { RuleDef, Severity, Text } from "./definition/schema";

export interface Finding {
  rule: string;
  severity: Severity;
  sheet: string | null;
  /** cells[0] is blamed and highlighted; the cells compared follow. */
  cells: string[];
  row: string | null;
  column: string | null;
  message: string;
  messageEn: string;
  basis: string;
  /** Merge findings only: the input file (and unit) they are about. */
  file?: string;
  unit?: string;
  /** CELL_LIKELY_WRONG (spec §3b): the value the cell holds. */
  value?: number;
  /** CELL_LIKELY_WRONG: the value the rules give the cell, when they fix it. */
  suggested?: number;
  /** CELL_LIKELY_WRONG: how many rule findings the cell's change clears. */
  explains?: number;
  /** CELL_LIKELY_WRONG: several smallest sets of cells tie; `cells` lists them all. */
  alternatives?: true;
  /** A rule finding that a likely cause explains: the likely cause's cells. */
  explainedBy?: string[];
  /** A rule finding that a likely cause explains, on another cell: "Sẽ tự đúng khi sửa I28" (English: `hintEn`). */
  hint?: string;
  hintEn?: string;
}

import { type Bilingual, type Lang, pick } from "./bilingual";
export type { Lang };
export type Var = string | number | Text;
export type Vars = Record<string, Var>;

const THOUSANDS_MARK: Bilingual = { vi: ".", en: "," };
export const DECIMAL_MARK: Bilingual = { vi: ",", en: "." };

/** Numbers as a Vietnamese reader writes them: 1.234 and 2,5 (English: 1,234 and 2.5). */
export function formatNumber(n: number, lang: Lang): string {
  // Past 1e21 toFixed writes "1e+25" (and ∞ as "Infinity"): such a cell is written as JavaScript
  // writes it, never split at a "." it does not have.
  if (!(Math.abs(n) < 1e21)) return String(n);
  const group = pick(THOUSANDS_MARK, lang);
  const decimal = pick(DECIMAL_MARK, lang);
  const neg = n < 0;
  const fixed = (Math.round(Math.abs(n) * 100) / 100).toFixed(2);
  const [int, frac] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, group);
  const tail = frac === "00" ? "" : decimal + frac.replace(/0$/, "");
  return (neg ? "-" : "") + grouped + tail;
}

function render(template: string, vars: Vars, lang: Lang): string {
  return template.replace(/\{([A-Za-z0-9@]+)\}/g, (m, name: string) => {
    const v = vars[name];
    if (v === undefined) return m;
    if (typeof v === "number") return formatNumber(v, lang);
    if (typeof v === "string") return v;
    return v[lang];
  });
}

/** A bilingual text with its variables filled in. */
export function renderText(text: Text, vars: Vars): { vi: string; en: string } {
  return { vi: render(text.vi, vars, "vi"), en: render(text.en, vars, "en") };
}

export function makeFinding(
  rule: RuleDef,
  where: { sheet: string | null; cells: string[]; row?: string | null; column?: string | null },
  vars: Vars,
): Finding {
  return {
    rule: rule.id,
    severity: rule.severity,
    sheet: where.sheet,
    cells: where.cells,
    row: where.row ?? null,
    column: where.column ?? null,
    message: render(rule.message.vi, vars, "vi"),
    messageEn: render(rule.message.en, vars, "en"),
    basis: rule.basis,
  };
}

/** A finding's message in `lang`. */
export function findingMessage(f: Pick<Finding, "message" | "messageEn">, lang: Lang): string {
  return pick({ vi: f.message, en: f.messageEn }, lang);
}

/** The rule id of a likely cause (spec §3b): it explains other findings, it is not one more. */
export const LIKELY_CAUSE = "CELL_LIKELY_WRONG";

/**
 * Errors and warnings among the rule findings. A likely cause (spec §3b) is not counted: it
 * points at where the counted findings come from; `likelyCells` counts the cells it names.
 */
export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) if (f.rule !== LIKELY_CAUSE) f.severity === "error" ? errors++ : warnings++;
  return { errors, warnings };
}

/** How many cells the likely causes name as mistyped ("3 ô cần sửa"); ties not counted. */
export function likelyCells(findings: readonly Finding[]): number {
  let n = 0;
  for (const f of findings) if (f.rule === LIKELY_CAUSE && !f.alternatives) n += f.cells.length;
  return n;
}
