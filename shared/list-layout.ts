/**
 * The canonical layout of a list template (spec §4b), as this project writes it: the blank
 * template, the sample units' lists and every host's "create template" build their cells here.
 */
import type { Cell, Grid } from "./cell";
import type { Merge } from "./layout";
import type { ListTemplate } from "./list-template";

/** A row of a list as written: the cells by column key ("name", "birthYear", …). */
export type ListRow = Partial<Record<string, Cell>>;

export interface ListLayout {
  template: ListTemplate;
  grid: Grid;
  merges: Merge[];
  titleRow: number;
  subtitleRow: number;
  unitRow: number;
  attrRows: Map<string, number>;
  headerRow: number;
  numberRow: number;
  firstDataRow: number;
  lastRow: number;
  lastCol: number;
  col: Map<string, number>;
}

/** Rows left for a unit to fill in a blank list (a Phòng GDĐT needs 2, a THPT 3). */
export const BLANK_LIST_ROWS = 3;

export function listLayout(
  t: ListTemplate,
  opts: { unit?: string | null; unitType?: string | null; people?: ListRow[] } = {},
): ListLayout {
  const rows: Cell[][] = [];
  const lastCol = t.columns.length - 1;
  const set = (r: number, c: number, v: Cell) => {
    (rows[r] ??= [])[c] = v;
  };
  const merges: Merge[] = [];
  set(0, 0, t.def.title);
  merges.push({ top: 0, bottom: 0, left: 0, right: lastCol });
  set(1, 0, t.def.subtitle);
  merges.push({ top: 1, bottom: 1, left: 0, right: lastCol });
  set(2, 0, `${t.def.unitLabels[0]}:`);
  set(2, 1, opts.unit ?? "");
  const attrRows = new Map<string, number>();
  let r = 3;
  for (const a of t.def.attributes) {
    set(r, 0, `${a.labels[0]}:`);
    const v = a.values.find((x) => x.id === opts.unitType);
    set(r, 1, v ? v.texts[0] : "");
    attrRows.set(a.key, r++);
  }
  const headerRow = r + 1;
  const col = new Map<string, number>();
  t.columns.forEach((c, i) => {
    col.set(c.key, i);
    set(headerRow, i, c.headers[0]);
    set(headerRow + 1, i, c.number ?? "");
  });
  const firstDataRow = headerRow + 2;
  const people = opts.people ?? [];
  const count = people.length || BLANK_LIST_ROWS;
  for (let i = 0; i < count; i++) {
    const p = people[i];
    t.columns.forEach((c, k) => {
      const v = c.role === "index" ? i + 1 : (p?.[c.key] ?? null);
      set(firstDataRow + i, k, v);
    });
  }
  const lastRow = firstDataRow + count - 1;
  for (let i = 0; i <= lastRow; i++) rows[i] ??= [];
  return {
    template: t,
    grid: { name: t.def.sheetName, rows },
    merges,
    titleRow: 0,
    subtitleRow: 1,
    unitRow: 2,
    attrRows,
    headerRow,
    numberRow: headerRow + 1,
    firstDataRow,
    lastRow,
    lastCol,
    col,
  };
}
