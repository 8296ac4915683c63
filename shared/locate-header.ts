/**
 * Finding a template's header in a sheet: the cells whose folded text names a column (also after
 * a prefix such as "Trong đó:"), the band of rows where most columns are named, and the row that
 * numbers the columns ("(1)", "(2)", … or "A", "B") under it (spec §1).
 */
import { address } from "./address";
import type { Grid } from "./cell";
import type { RuleDef, TemplateDef, Text } from "./definition/schema";
import { type Finding, makeFinding } from "./finding";
import type { Template } from "./template";
import { cellText, detachString, fold } from "./text";
import type { UnitAbove } from "./unit-lines";

/** How far down a sheet a header, and then a table's rows, are looked for. */
export const SCAN_ROWS = 200;

const NUMBERING = /^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?$/;

/** What a header is found by: a table template's, or a list template's (spec §4b). */
export interface HeaderSpec {
  headerIndex: Template["headerIndex"];
  headerPrefixes: string[];
  def: Pick<TemplateDef, "headerDepth" | "minHeaderMatches" | "anchors">;
}

export interface Hit {
  r: number;
  c: number;
  keys: string[];
}

export function text(grid: Grid, r: number, c: number): string {
  return cellText(grid.rows[r]?.[c]).trim();
}

/**
 * The abbreviations units type inside longer headers ("Giáo viên, nhân viên, NLĐ trực tiếp"), as
 * folded words → their folded words in full. A header is also compared with both sides expanded.
 */
const ABBREVIATIONS: Record<string, string> = {
  cbql: "can bo quan li",
  cbgv: "can bo giao vien",
  cb: "can bo",
  gv: "giao vien",
  nv: "nhan vien",
  nld: "nguoi lao dong",
  nh: "nam hoc",
};

/** A folded text with its abbreviations in full. */
export function expandAbbreviations(f: string): string {
  return f
    .split(" ")
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(" ");
}

/** Per template: the header index with every header's abbreviations in full. */
const expandedIndexes = new WeakMap<HeaderSpec, Map<string, string[]>>();

function expandedIndex(t: HeaderSpec): Map<string, string[]> {
  let m = expandedIndexes.get(t);
  if (!m) {
    m = new Map();
    for (const [h, keys] of t.headerIndex) {
      const e = expandAbbreviations(h);
      const have = m.get(e);
      m.set(e, have ? [...new Set([...have, ...keys])] : keys);
    }
    expandedIndexes.set(t, m);
  }
  return m;
}

/** The columns a folded header names, also after a prefix such as "Trong đó:", also with its abbreviations in full. */
function headerKeys(t: HeaderSpec, f: string): string[] | undefined {
  const keys = t.headerIndex.get(f);
  if (keys) return keys;
  for (const p of t.headerPrefixes)
    if (f.startsWith(p + " ")) {
      const rest = t.headerIndex.get(f.slice(p.length + 1));
      if (rest) return rest;
    }
  const e = expandAbbreviations(f);
  if (e === f) return undefined;
  const index = expandedIndex(t);
  const full = index.get(e);
  if (full) return full;
  for (const p of t.headerPrefixes)
    if (f.startsWith(p + " ")) {
      const rest = index.get(expandAbbreviations(f.slice(p.length + 1)));
      if (rest) return rest;
    }
  return undefined;
}

/**
 * Per template: cell text → the columns it names (null: none). Every unit's sheet repeats the
 * same headers and labels, so each distinct text is folded and looked up once (bounded).
 */
const headerMemos = new WeakMap<HeaderSpec, Map<string, string[] | null>>();
const HEADER_MEMO_LIMIT = 50_000;

export function headerHits(grid: Grid, t: HeaderSpec): Hit[] {
  let memo = headerMemos.get(t);
  if (!memo) headerMemos.set(t, (memo = new Map()));
  const hits: Hit[] = [];
  const end = Math.min(grid.rows.length, SCAN_ROWS);
  for (let r = 0; r < end; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || v.length > 120) continue;
      let keys = memo.get(v);
      if (keys === undefined) {
        keys = headerKeys(t, fold(v)) ?? null;
        if (memo.size >= HEADER_MEMO_LIMIT) memo.clear();
        memo.set(detachString(v), keys); // kept across files: must not hold this file's XML
      }
      if (keys) hits.push({ r, c, keys });
    }
  }
  return hits;
}

/** The band of header rows with the most distinct columns that holds every anchor. */
export function bestBand(hits: Hit[], t: HeaderSpec): { top: number; chosen: Map<string, Hit> } | undefined {
  let best: { top: number; chosen: Map<string, Hit> } | undefined;
  const depth = t.def.headerDepth;
  for (const top of [...new Set(hits.map((h) => h.r))]) {
    const band = hits.filter((h) => h.r >= top && h.r < top + depth).sort((a, b) => a.c - b.c || a.r - b.r);
    const chosen = new Map<string, Hit>();
    const usedCols = new Set<number>();
    for (const h of band) {
      if (usedCols.has(h.c)) continue;
      const key = h.keys.find((k) => !chosen.has(k));
      if (!key) continue;
      chosen.set(key, h);
      usedCols.add(h.c);
    }
    if (chosen.size < t.def.minHeaderMatches) continue;
    if (!t.def.anchors.every((a) => chosen.has(a))) continue;
    if (!best || chosen.size > best.chosen.size) best = { top, chosen };
  }
  return best;
}

export function isNumberingRow(grid: Grid, r: number, columns: Map<string, number>): boolean {
  let filled = 0;
  for (const c of columns.values()) {
    const t = text(grid, r, c);
    if (!t) continue;
    if (!NUMBERING.test(t)) return false;
    filled++;
  }
  return filled >= 3;
}

/**
 * What a located table and a located list share: where the header is, the columns it names, the
 * rows found under it, and the unit its lines above give (shared/unit-lines.ts).
 */
export interface LocatedBlock extends UnitAbove {
  sheet: string;
  /** Header band, 0-based sheet rows; `dataStart` is the first row after the column numbers. */
  headerTop: number;
  headerBottom: number;
  dataStart: number;
  /** How many distinct header columns were recognised (used to choose between templates). */
  score: number;
  /** column key → 0-based sheet column */
  columns: Map<string, number>;
  /** row code (a list: row number) → 0-based sheet row, so that `tableBlock` covers either. */
  rows: Map<string, number>;
}

/** A table's or a list's columns as its header band names them (spec §1, §4b). */
export interface FoundColumns {
  /** The band's first row (0-based). */
  top: number;
  /** column key → 0-based sheet column */
  columns: Map<string, number>;
  headerBottom: number;
  /** The leftmost column named, and how many columns were named (used to choose between templates). */
  firstCol: number;
  score: number;
  /** The first row under the header and the row that numbers its columns, if any. */
  dataStart: number;
  /** LAYOUT_MISSING_COLUMN for each required column the band does not name. */
  findings: Finding[];
}

/** Finds a template's header band and its columns; undefined when the sheet holds no such header. */
export function locateColumns(
  grid: Grid,
  t: HeaderSpec & { columns: readonly { key: string; name: Text; required: boolean }[]; rule: Map<string, RuleDef> },
): FoundColumns | undefined {
  const band = bestBand(headerHits(grid, t), t);
  if (!band) return undefined;
  const columns = new Map<string, number>();
  let headerBottom = band.top;
  let firstCol = Infinity;
  for (const [key, h] of band.chosen) {
    columns.set(key, h.c);
    headerBottom = Math.max(headerBottom, h.r);
    firstCol = Math.min(firstCol, h.c);
  }
  let dataStart = headerBottom + 1;
  while (dataStart <= headerBottom + 2 && isNumberingRow(grid, dataStart, columns)) dataStart++;
  const findings: Finding[] = [];
  for (const col of t.columns)
    if (col.required && !columns.has(col.key)) {
      const cell = address(band.top, firstCol);
      findings.push(
        makeFinding(
          t.rule.get("LAYOUT_MISSING_COLUMN")!,
          { sheet: grid.name, cells: [cell], column: col.key },
          { column: col.name, cell },
        ),
      );
    }
  return { top: band.top, columns, headerBottom, firstCol, score: band.chosen.size, dataStart, findings };
}
