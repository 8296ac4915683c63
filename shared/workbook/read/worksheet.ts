/**
 * A worksheet's values, by three paths: the plain <sheetData> loop of ../xml/sheet-scan.ts, else
 * the scanner of ../xml/xml-scan.ts with element handlers, else the full parser. Within the
 * limits: rows, columns and cells beyond them are not read.
 */
import { type Cell, NOT_CALCULATED } from "../../cell";
import { CellCursor, type CellSink, parseIndexAt, scanSheetData } from "../xml/sheet-scan";
import { type AttrReader, type ScanHandlers, scanElements, sheetDataSpan, XmlWalk } from "../xml/xml-scan";
import { fail } from "./errors";
import { parseWith, STOP } from "./saxes-driver";
import type { ReadLimits, ReadSheet } from "./types";
import { unescapeX } from "./xml-text";

function cellValue(type: string, text: string, strings: string[]): Cell {
  switch (type) {
    case "s": {
      const v = strings[parseIndexAt(text, 0, text.length)];
      return v === undefined ? null : v;
    }
    case "str":
    case "inlineStr":
      return unescapeX(text);
    case "b": {
      const t = text.trim();
      return t === "1" || t.toLowerCase() === "true";
    }
    case "e":
      return { error: text.trim() };
    case "d":
      return text;
    default: {
      if (text.trim() === "") return null;
      const num = Number(text);
      return Number.isNaN(num) ? text : num;
    }
  }
}

export { NOT_CALCULATED };

/** A plain number as Number() reads it: digits, maybe after "-", few enough to be exact; else NaN. */
function plainNumber(xml: string, from: number, to: number): number {
  let i = from;
  const negative = xml.charCodeAt(i) === 45;
  if (negative) i++;
  if (i === to || to - i > 15) return NaN;
  let n = 0;
  for (; i < to; i++) {
    const k = xml.charCodeAt(i) - 48;
    if (k < 0 || k > 9) return NaN;
    n = n * 10 + k;
  }
  return negative ? -n : n;
}

/** The cells of one sheet as they are read, within the limits; STOP once beyond them. */
class SheetCells implements CellSink {
  readonly rows: Cell[][] = [];
  /** Where a cell holds a formula: "" (its text is not kept; Grid.formulas). */
  private formulas: string[][] | undefined;
  truncated = false;
  private cells = 0;
  private readonly xml: string;
  private readonly strings: string[];
  private readonly limits: ReadLimits;

  constructor(xml: string, strings: string[], limits: ReadLimits) {
    this.xml = xml;
    this.strings = strings;
    this.limits = limits;
  }

  cell(
    row: number,
    col: number,
    type: string,
    hasValue: boolean,
    text: string | null,
    from: number,
    to: number,
    formula: boolean,
  ): void {
    const L = this.limits;
    if (row >= L.maxRows || ++this.cells > L.maxCells) {
      this.truncated = true;
      throw STOP; // data beyond the limit: stop reading this sheet here
    }
    if (row < 0 || col < 0 || col >= L.maxCols) return;
    // A formula saved without its result (written by a program that does not calculate): no <v>,
    // or an empty one (<v></v>, <v/>) where the result is not text. An unreadable value, reported
    // as such, never a silent 0. (An empty text result, t="str", is a real value: "".)
    let v: Cell;
    if (!hasValue) v = NOT_CALCULATED;
    else if (formula && type !== "str" && type !== "inlineStr" && (text ?? this.xml.slice(from, to)).trim() === "")
      v = NOT_CALCULATED;
    else if (text !== null) v = cellValue(type, text, this.strings);
    else if (type === "s") {
      const s = this.strings[parseIndexAt(this.xml, from, to)];
      v = s === undefined ? null : s;
    } else {
      const n = type === "" || type === "n" ? plainNumber(this.xml, from, to) : NaN;
      v = n === n ? n : cellValue(type, this.xml.slice(from, to), this.strings);
    }
    let cells = this.rows[row];
    if (cells === undefined) cells = this.rows[row] = [];
    cells[col] = v;
    if (formula) ((this.formulas ??= [])[row] ??= [])[col] = "";
  }

  result(): Omit<ReadSheet, "name" | "hidden"> {
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
    return this.formulas
      ? { rows, truncated: this.truncated, formulas: this.formulas }
      : { rows, truncated: this.truncated };
  }
}

/** The element handlers of a worksheet (or of its <sheetData> content, `depth` elements deep). */
function worksheetHandlers(part: string, cells: SheetCells, maxDepth: number, depth: number) {
  const at = new CellCursor();
  let inCell = false;
  let type = "";
  let hasValue = false; // <v> or <is><t> seen
  let hasFormula = false;
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let text = "";

  return {
    cells,
    open(n: string, attr: AttrReader) {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      switch (n) {
        case "c": {
          const ref = attr("r");
          if (ref === undefined) at.cell("", -1, -1);
          else at.cell(ref, 0, ref.length);
          const t = attr("t");
          type = t === undefined ? "" : t;
          inCell = true;
          hasValue = hasFormula = false;
          text = "";
          break;
        }
        case "v":
          if (inCell) {
            inV = true;
            hasValue = true;
            text = "";
          }
          break;
        case "f":
          if (inCell) hasFormula = true;
          break;
        case "is":
          if (inCell) {
            inIs = true;
            if (!hasValue) text = "";
            if (type === "") type = "inlineStr";
          }
          break;
        case "t":
          if (inIs && phonetic === 0) {
            inT = true;
            hasValue = true;
          }
          break;
        case "rPh":
          phonetic++;
          break;
        case "row": {
          const ref = attr("r");
          if (ref === undefined) at.row("", -1, -1);
          else at.row(ref, 0, ref.length);
          break;
        }
      }
    },
    wantText: () => inV || inT,
    text(t: string) {
      text += t;
    },
    close(n: string) {
      depth--;
      switch (n) {
        case "v":
          inV = false;
          break;
        case "t":
          inT = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "is":
          inIs = false;
          break;
        case "c":
          inCell = false;
          if (hasValue || hasFormula) cells.cell(at.cellRow, at.c, type, hasValue, text, 0, 0, hasFormula);
          break;
      }
    },
  };
}

/**
 * Handlers for what surrounds <sheetData> on the fast path: they count the depth, and give up on
 * the elements the cell handlers react to (a cell outside <sheetData>, or an element around it
 * that would change how its cells read, is for the full parser).
 */
function aroundSheetData(part: string, maxDepth: number): ScanHandlers {
  let depth = 0;
  return {
    open(n) {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      return n !== "c" && n !== "row" && n !== "rPh";
    },
    close() {
      depth--;
    },
    text() {},
    wantText: () => false,
  };
}

/** Which path read a worksheet: the plain <sheetData> loop, the scanner with handlers, the full parser. */
export type WorksheetPath = "plain" | "scan" | "full";

/**
 * A worksheet's cells by the fast paths: the plain <sheetData> loop (sheet-scan.ts, unless
 * `plain` is false), else the element handlers driven by the scanner, the rest of the part
 * walked and checked around it; null when the full parser must decide.
 */
export function worksheetFast(
  xml: string,
  part: string,
  strings: string[],
  limits: ReadLimits,
  plain: boolean,
): { cells: SheetCells; path: WorksheetPath } | null {
  const span = sheetDataSpan(xml);
  if (span === null) return null;
  const walk = new XmlWalk(xml);
  const around = aroundSheetData(part, limits.maxDepth);
  if (!walk.prolog()) return null;
  let cells = new SheetCells(xml, strings, limits);
  let path: WorksheetPath = "plain"; // an empty <sheetData> has nothing for the loop to read
  if (span[0] < span[1]) {
    if (!walk.walk(span[0], around) || walk.stack[walk.stack.length - 1] !== "sheetData") return null;
    const depth = walk.stack.length;
    try {
      if (!plain || !scanSheetData(xml, span[0], span[1], depth, limits.maxDepth, new CellCursor(), cells)) {
        path = "scan";
        cells = new SheetCells(xml, strings, limits);
        if (!scanElements(xml, span[0], span[1], worksheetHandlers(part, cells, limits.maxDepth, depth))) return null;
      }
    } catch (e) {
      if (e === STOP) return { cells, path }; // as the full parser, read no further
      throw e;
    }
    walk.pos = span[1];
  }
  return walk.walk(xml.length, around) && walk.end() ? { cells, path } : null;
}

export function readWorksheet(
  xml: string,
  part: string,
  strings: string[],
  limits: ReadLimits,
  fast: boolean | "scan",
): { sheet: Omit<ReadSheet, "name" | "hidden">; path: WorksheetPath } {
  const quick = fast ? worksheetFast(xml, part, strings, limits, fast !== "scan") : null;
  if (quick !== null) return { sheet: quick.cells.result(), path: quick.path };
  const cells = new SheetCells(xml, strings, limits);
  parseWith(xml, part, worksheetHandlers(part, cells, limits.maxDepth, 0)); // STOP ends it quietly
  return { sheet: cells.result(), path: "full" };
}

export function worksheet(
  xml: string,
  part: string,
  strings: string[],
  limits: ReadLimits,
): Omit<ReadSheet, "name" | "hidden"> {
  return readWorksheet(xml, part, strings, limits, true).sheet;
}
