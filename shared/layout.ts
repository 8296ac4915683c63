/**
 * The canonical layout of a template as this project writes it: the blank template, the
 * city sheet and every host's "create template" build their cells from here, so the
 * addresses in the city's findings are the addresses in the written sheet.
 */
import { address } from "./address";
import type { Cell, Grid } from "./cell";
import type { Lang } from "./finding";
import type { Template } from "./template";

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface TemplateLayout {
  template: Template;
  grid: Grid;
  merges: Merge[];
  titleRow: number;
  subtitleRow: number;
  unitRow: number;
  /** attribute key → row; the value goes in the cell right of the label */
  attrRows: Map<string, number>;
  headerTop: number;
  headerBottom: number;
  numberRow: number;
  firstDataRow: number;
  lastRow: number;
  lastCol: number;
  col: Map<string, number>;
  row: Map<string, number>;
  /** Cells computed by a formula in the blank template: "C9" → "C10+C11+C12". */
  formulas: Map<string, string>;
  /** Count cells a unit types into (the leaf rows). */
  inputCells: { top: number; left: number; bottom: number; right: number }[];
}

export interface LayoutOptions {
  unit?: string | null;
  /** row code → column key → value; absent cells are left blank (or 0 where `zeros`). */
  values?: Record<string, Record<string, number>>;
  attrs?: Record<string, string>;
  lang?: Lang;
}

export function unitLine(t: Template): string {
  return `${t.def.unitLabels[0]}:`;
}

export function templateLayout(t: Template, opts: LayoutOptions = {}): TemplateLayout {
  const cols = t.columns;
  const lastCol = cols.length - 1;
  const rows: Cell[][] = [];
  const merges: Merge[] = [];
  const set = (r: number, c: number, v: Cell) => {
    if (v === "" || v === null || v === undefined) rows[r] ??= [];
    else (rows[r] ??= [])[c] = v;
  };
  set(0, 0, t.def.title);
  merges.push({ top: 0, left: 0, bottom: 0, right: lastCol });
  set(1, 0, t.def.subtitle);
  merges.push({ top: 1, left: 0, bottom: 1, right: lastCol });
  set(2, 0, unitLine(t));
  set(2, 1, opts.unit ?? "");
  let r = 3;
  const attrRows = new Map<string, number>();
  for (const a of t.def.attributes) {
    set(r, 1, `${a.name.vi}:`);
    const id = opts.attrs?.[a.key];
    const v = a.values.find((x) => x.id === id);
    set(r, 2, v ? v.texts[0] : "");
    attrRows.set(a.key, r);
    r++;
  }
  const headerTop = r + 1;
  const grouped = cols.some((c) => c.group);
  const headerBottom = grouped ? headerTop + 1 : headerTop;
  for (let c = 0; c < cols.length; c++) {
    const col = cols[c];
    if (!col.group) {
      set(headerTop, c, col.headers[0]);
      if (grouped) merges.push({ top: headerTop, left: c, bottom: headerBottom, right: c });
      continue;
    }
    set(headerBottom, c, col.headers[0]);
    const prev = cols[c - 1];
    if (!prev || prev.group?.vi !== col.group.vi) {
      let end = c;
      while (cols[end + 1]?.group?.vi === col.group.vi) end++;
      set(headerTop, c, col.group.vi);
      if (end > c) merges.push({ top: headerTop, left: c, bottom: headerTop, right: end });
    }
  }
  const numberRow = headerBottom + 1;
  cols.forEach((col, c) => set(numberRow, c, col.number ?? ""));
  const firstDataRow = numberRow + 1;
  const col = new Map(cols.map((c, i) => [c.key, i]));
  const rowOf = new Map<string, number>();
  const formulas = new Map<string, string>();
  const inputCells: TemplateLayout["inputCells"] = [];
  const codeCol = col.get("code");
  const labelCol = col.get("label")!;
  const counts = t.countKeys.map((k) => col.get(k)!);
  t.rows.forEach((def, i) => rowOf.set(def.code, firstDataRow + i));
  for (const def of t.rows) {
    const rr = rowOf.get(def.code)!;
    if (codeCol !== undefined) set(rr, codeCol, def.code === "TONG" ? "" : def.code);
    set(rr, labelCol, def.label);
    const kids = t.children.get(def.code);
    for (const key of t.countKeys) {
      const c = col.get(key)!;
      const v = opts.values?.[def.code]?.[key];
      if (v !== undefined) set(rr, c, v);
      if (kids) formulas.set(address(rr, c), kids.map((k) => address(rowOf.get(k)!, c)).join("+"));
    }
    if (!kids && counts.length)
      inputCells.push({ top: rr, bottom: rr, left: Math.min(...counts), right: Math.max(...counts) });
  }
  const lastRow = firstDataRow + t.rows.length - 1;
  for (let i = 0; i <= lastRow; i++) rows[i] ??= [];
  return {
    template: t,
    grid: { name: t.def.sheetName, rows },
    merges,
    titleRow: 0,
    subtitleRow: 1,
    unitRow: 2,
    attrRows,
    headerTop,
    headerBottom,
    numberRow,
    firstDataRow,
    lastRow,
    lastCol,
    col,
    row: rowOf,
    formulas,
    inputCells,
  };
}
