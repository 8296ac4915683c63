/**
 * Where a finding is, in words, and the few cells around it: outside Excel there is no sheet to
 * jump to, so the page shows the table around the blamed cell (its row label, its column header,
 * the value highlighted, the suggested value when the core has one).
 */
import {
  type Cell,
  columnLetter,
  decodeGrid,
  type Finding,
  formatNumber,
  type Grid,
  labelIn,
  type Lang,
  type LocatedTable,
  parseAddress,
  type SheetResult,
  templateById,
} from "../../shared";
import { readXlsx } from "../../shared/workbook/read";

/** Where a finding is, for "Trang “Phụ lục 02” · Dòng “Bằng khen…”, cột “Tổng số” (ô I28)". */
export interface Place {
  sheet: string | null;
  /** The row's label in the template, else null (then `rowNumber`, 1-based, when the cell is known). */
  rowLabel: string | null;
  rowNumber: number | null;
  /** The column's header in the template, else null (then `columnLetter`). */
  column: string | null;
  columnLetter: string | null;
  cell: string | null;
}

/** A sheet's row and column names, from its located table; rows and columns outside it by number. */
function namesOf(table: LocatedTable | undefined, lang: Lang) {
  const rows = new Map<number, string>();
  const cols = new Map<number, string>();
  if (table) {
    for (const [code, r] of table.rows) {
      const def = table.template.row.get(code);
      if (def) rows.set(r, labelIn(def, lang));
    }
    for (const [key, c] of table.columns) {
      const def = table.template.column.get(key);
      if (def) cols.set(c, def.name[lang]);
    }
  }
  return { rows, cols };
}

export function placeOf(f: Finding, sheet: SheetResult | undefined, lang: Lang): Place {
  const cell = f.cells[0] ?? null;
  const at = cell ? parseAddress(cell) : undefined;
  const { rows, cols } = namesOf(sheet?.table, lang);
  const t = sheet ? safeTemplate(sheet.template) : undefined;
  const rowDef = f.row ? t?.row.get(f.row) : undefined;
  const colDef = f.column ? t?.column.get(f.column) : undefined;
  return {
    sheet: f.sheet,
    rowLabel: rowDef ? labelIn(rowDef, lang) : at ? (rows.get(at.row) ?? null) : null,
    rowNumber: at ? at.row + 1 : null,
    // A column's header names the cells under it, not the title and unit lines above the table.
    column: colDef ? colDef.name[lang] : at && below(sheet?.table, at.row) ? (cols.get(at.col) ?? null) : null,
    columnLetter: at ? columnLetter(at.col) : null,
    cell,
  };
}

function below(table: LocatedTable | undefined, row: number): boolean {
  return !!table && row >= table.headerTop;
}

function safeTemplate(id: string) {
  try {
    return templateById(id);
  } catch {
    return undefined;
  }
}

export interface WindowCell {
  address: string;
  text: string;
  focus: boolean;
}

/** The cells around one: a header line of column names, then rows with their labels. */
export interface CellWindow {
  columns: { letter: string; header: string }[];
  rows: { number: number; label: string; cells: WindowCell[] }[];
  /** The value the rules give the cell, when the core found one (CELL_LIKELY_WRONG). */
  suggested: string | null;
}

function show(v: Cell, lang: Lang): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v, lang);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "object") return v.error;
  return v;
}

/**
 * `radius` rows and columns either side of the cell (the table's label column always shown as
 * the row's name, so the window reads like the table).
 */
export function cellWindow(
  grid: Grid,
  table: LocatedTable | undefined,
  f: Finding,
  lang: Lang,
  radius = 2,
): CellWindow | null {
  const at = f.cells[0] ? parseAddress(f.cells[0]) : undefined;
  if (!at) return null;
  const { rows, cols } = namesOf(table, lang);
  const c0 = Math.max(0, at.col - radius);
  const r0 = Math.max(0, at.row - radius);
  const columns = [];
  for (let c = c0; c <= at.col + radius; c++)
    columns.push({ letter: columnLetter(c), header: cols.get(c) ?? columnLetter(c) });
  const out: CellWindow["rows"] = [];
  for (let r = r0; r <= at.row + radius; r++) {
    const line = grid.rows[r] ?? [];
    out.push({
      number: r + 1,
      label: rows.get(r) ?? String(r + 1),
      cells: columns.map((_, i) => ({
        address: `${columnLetter(c0 + i)}${r + 1}`,
        text: show(line[c0 + i], lang),
        focus: r === at.row && c0 + i === at.col,
      })),
    });
  }
  return { columns, rows: out, suggested: f.suggested === undefined ? null : formatNumber(f.suggested, lang) };
}

const grids = new WeakMap<Uint8Array, Grid[]>();

/** A checked file's sheet as read (decoded when it was typed in a legacy encoding), read again on demand. */
export function sheetGrid(bytes: Uint8Array | undefined, sheet: SheetResult): Grid | null {
  if (!bytes) return null;
  let all = grids.get(bytes);
  if (!all) {
    try {
      all = readXlsx(bytes).sheets;
    } catch {
      return null;
    }
    grids.set(bytes, all);
  }
  const grid = all.find((g) => g.name === sheet.sheet);
  if (!grid) return null;
  return sheet.encoding ? decodeGrid(grid, sheet.encoding) : grid;
}
