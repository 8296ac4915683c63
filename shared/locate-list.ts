/**
 * Finds a list template's table anywhere in a sheet (spec §4b): the header band by its text, as
 * for the tables (locate-header.ts), then one record per row down to the first blank row, the
 * "Đơn vị:" line, the letterhead and the "Loại đơn vị" attribute. Never by fixed position.
 */
import type { Cell, Grid } from "./cell";
import type { Finding } from "./finding";
import type { ListTemplate } from "./list-template";
import { type LocatedBlock, locateColumns, text } from "./locate-header";
import { fold } from "./text";
import { unitAbove } from "./unit-lines";

/** One person or collective of a list, as read. */
export interface ListPerson {
  /** 0-based sheet row. */
  row: number;
  name: string;
  /** The year of birth read from the cell (a year, a date typed as text, or a date), or null. */
  birthYear: number | null;
  birthRaw: Cell;
  /** Gender id ("male", "female") or null when the cell says neither. */
  gender: string | null;
  genderRaw: string;
  position: string;
  /** Kind id ("delegate", "collective", "individual") or null when the cell names none. */
  kind: string | null;
  kindRaw: string;
  award: string;
  summary: string;
}

export interface LocatedList extends LocatedBlock {
  template: ListTemplate;
  people: ListPerson[];
  /** LAYOUT_MISSING_COLUMN and UNIT_MISSING findings. */
  findings: Finding[];
}

/** Days from 1899-12-30 (a spreadsheet's date serial) to its year. */
function serialYear(n: number): number {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000).getUTCFullYear();
}

/** 1980, "1980", "12/05/1980", "1980-05-12", or a date cell → 1980; anything else → null. */
export function readBirthYear(v: Cell): number | null {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1000 && v <= 2999) return v;
    if (v > 3000 && v < 2_958_466) return serialYear(v); // a date (Excel's last is 31/12/9999)
    return null;
  }
  if (typeof v !== "string") return null;
  const s = v.trim();
  let m = /^(\d{4})$/.exec(s) ?? /^\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{4})$/.exec(s);
  m ??= /^(\d{4})-\d{1,2}-\d{1,2}$/.exec(s);
  return m ? Number(m[1]) : null;
}

/** A total or a signature line under the list, not a record. */
const NOT_A_RECORD = /^(tong cong|tong so|cong|nguoi lap bieu|thu truong don vi|hieu truong|truong phong)\b/;

export function locateList(grid: Grid, t: ListTemplate): LocatedList | undefined {
  const found = locateColumns(grid, t);
  if (!found) return undefined;
  const { top, columns, headerBottom, firstCol, score, dataStart, findings } = found;
  const sheet = grid.name;

  const at = (r: number, role: Parameters<ListTemplate["keyOf"]["get"]>[0]): Cell => {
    const key = t.keyOf.get(role);
    const c = key === undefined ? undefined : columns.get(key);
    return c === undefined ? null : (grid.rows[r]?.[c] ?? null);
  };
  const str = (r: number, role: Parameters<ListTemplate["keyOf"]["get"]>[0]) => {
    const v = at(r, role);
    return (typeof v === "string" ? v : typeof v === "number" ? String(v) : "").replace(/\s+/g, " ").trim();
  };
  const people: ListPerson[] = [];
  const dataCols = [...columns.entries()].filter(([k]) => k !== t.keyOf.get("index")).map(([, c]) => c);
  for (let r = dataStart; r < grid.rows.length; r++) {
    let filled = 0;
    for (const c of dataCols) if (text(grid, r, c)) filled++;
    if (typeof at(r, "index") === "number" || /^\d+\.?$/.test(str(r, "index"))) filled++;
    if (filled === 0) {
      if (people.length > 0) break; // the list ends at its first blank row
      continue;
    }
    if (NOT_A_RECORD.test(fold(str(r, "name"))) || filled < 2) {
      if (people.length > 0) break;
      continue;
    }
    const kindRaw = str(r, "kind");
    const genderRaw = str(r, "gender");
    people.push({
      row: r,
      name: str(r, "name"),
      birthYear: readBirthYear(at(r, "birthYear")),
      birthRaw: at(r, "birthYear"),
      gender: t.genderIndex.get(fold(genderRaw)) ?? null,
      genderRaw,
      position: str(r, "position"),
      kind: t.kindIndex.get(fold(kindRaw)) ?? null,
      kindRaw,
      award: str(r, "award"),
      summary: str(r, "summary"),
    });
  }

  const above = unitAbove(grid, t, top, firstCol);
  findings.push(...above.findings);
  return {
    template: t,
    sheet,
    headerTop: top,
    headerBottom,
    dataStart,
    score: score,
    columns,
    rows: new Map(people.map((p) => [String(p.row + 1), p.row])),
    people,
    unit: above.unit,
    unitSource: above.unitSource,
    letterhead: above.letterhead,
    unitCell: above.unitCell,
    attrs: above.attrs,
    findings,
  };
}
