/** What a host hands the core: a sheet as a grid of plain values. */

export interface CellError {
  error: string; // "#REF!", "#VALUE!", …
}

export type Cell = null | undefined | string | number | boolean | CellError;

export interface Grid {
  name: string;
  /** rows[r][c]; rows may be ragged or sparse (holes read as blank). */
  rows: Cell[][];
  /**
   * Where the host knows them, the cells whose value a formula computes: formulas[r][c] is the
   * formula's text (with or without "="), or "" when a formula is there but its text is not known.
   * Absent: the host does not say (every count cell is then taken as typed).
   */
  formulas?: (string | null | undefined)[][];
}

/** A formula made of numbers alone ("=20+7"): a typed figure, not arithmetic over other cells. */
const CONSTANT_FORMULA = /^=?[\d\s.,+\-*/()^%]+$/;

/**
 * Whether a formula recomputes from other cells (the template's own arithmetic, spec §3b): any
 * formula but one made of numbers alone; an unknown text ("") counts as one that does.
 */
export function recomputes(formula: string): boolean {
  return !CONSTANT_FORMULA.test(formula.trim());
}

/**
 * The value of a formula cell saved without a cached result (no <v>, or an empty one). An error
 * value, so the checks read it as unreadable (VALUE_FORMULA_ERROR on the cell itself, explained
 * with what to do; the sums that involve it skipped) instead of a blank that would blame its
 * parent row.
 */
export const NOT_CALCULATED: Readonly<CellError> = Object.freeze({
  error: "(công thức chưa được tính · formula never calculated)",
});

export function isNotCalculated(v: Cell): boolean {
  return isCellError(v) && v.error === NOT_CALCULATED.error;
}

export function isCellError(v: Cell): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as CellError).error === "string";
}

const ERROR_TEXT = /^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|ERROR!)$/i;

/** Hosts whose APIs deliver error values as text (Excel and Google Sheets) map them here. */
export function errorFromText(v: Cell): Cell {
  return typeof v === "string" && ERROR_TEXT.test(v.trim()) ? { error: v.trim().toUpperCase() } : v;
}

export type ValueIssue = "not_number" | "as_text" | "negative" | "not_integer" | "formula_error";

export interface CountValue {
  /** The number the cell stands for; null when it cannot be read as one. */
  value: number | null;
  issues: ValueIssue[];
}

const EPS = 1e-9;
const VN_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/; // 1.234 / 1.234,5
const VN_DECIMAL = /^[+-]?\d+,\d+$/; // 1,5
const PLAIN = /^[+-]?\d+(\.\d+)?$/; // 12 / 1.5
const SPACED = /^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+$/; // 1 234

function textToNumber(t: string): number | null {
  if (VN_THOUSANDS.test(t)) return Number(t.replace(/\./g, "").replace(",", "."));
  if (VN_DECIMAL.test(t)) return Number(t.replace(",", "."));
  if (PLAIN.test(t)) return Number(t);
  if (SPACED.test(t)) return Number(t.replace(/[ \u00a0\u202f]/g, ""));
  return null;
}

/** Reads a count cell per spec §3: blank = 0; text numbers read with a warning. */
export function readCount(v: Cell): CountValue {
  if (v === null || v === undefined) return { value: 0, issues: [] };
  if (isCellError(v)) return { value: null, issues: ["formula_error"] };
  let n: number;
  const issues: ValueIssue[] = [];
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { value: null, issues: ["not_number"] };
    n = v;
  } else if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return { value: 0, issues: [] };
    if (ERROR_TEXT.test(t)) return { value: null, issues: ["formula_error"] };
    const parsed = textToNumber(t);
    if (parsed === null) return { value: null, issues: ["not_number"] };
    issues.push("as_text");
    n = parsed;
  } else {
    return { value: null, issues: ["not_number"] };
  }
  if (n < 0) issues.push("negative");
  if (Math.abs(n - Math.round(n)) > EPS) issues.push("not_integer");
  else n = Math.round(n); // 2.0000000001 from a formula is 2
  return { value: n, issues };
}
