/** Sheet and workbook level: which template a sheet holds, and all its findings. */
import type { Grid } from "./cell";
import { checkTable } from "./check";
import { type Finding, makeFinding } from "./finding";
import { decodeGrid, detectLegacyEncoding, type LegacyEncoding } from "./legacy-encoding";
import { type LocatedTable, locateTable } from "./locate";
import { builtinTemplates, type Template } from "./template";
import { fold } from "./text";
import { isCitySheet } from "./city-sheet-names";
import { builtinListTemplates, type ListTemplate } from "./list-template";
import { type LocatedList, locateList } from "./locate-list";
import { checkList } from "./check-list";
import { listContext } from "./list-context";

export interface SheetResult {
  sheet: string;
  template: string;
  /** The unit: the "Đơn vị:" line's, else the letterhead's (`unitSource` says which). */
  unit: string | null;
  unitSource?: "line" | "letterhead" | null;
  /** The unit named in the letterhead above the title, if any. */
  letterhead?: string | null;
  findings: Finding[];
  /** Absent when no table was found (the only finding is LAYOUT_NOT_FOUND). */
  table?: LocatedTable;
  /** A list of delegates (template `ds-daibieu`, spec §4b) instead of a table. */
  list?: LocatedList;
  /** The sheet's text was in a legacy encoding and was decoded to be read (tell the user). */
  encoding?: LegacyEncoding;
}

/**
 * The bundled lists go with the bundled templates; a caller's own templates come alone. A sheet a
 * merge wrote is never a unit's list: "Đại biểu Hội nghị của Sở" has the list's columns, and
 * judged as one it would be told it lacks its unit line.
 */
function listsFor(templates: Template[], sheet = ""): ListTemplate[] {
  return templates === builtinTemplates() && !isCitySheet(sheet) ? builtinListTemplates() : [];
}

/** The template whose header matches best, checked; undefined when the sheet holds none. */
export function analyzeGrid(
  grid: Grid,
  templates: Template[] = builtinTemplates(),
  lists: ListTemplate[] = listsFor(templates, grid.name),
): SheetResult | undefined {
  const encoding = detectLegacyEncoding(grid);
  if (encoding) grid = decodeGrid(grid, encoding);
  let best: LocatedTable | undefined;
  for (const t of templates) {
    const found = locateTable(grid, t);
    if (found && (!best || found.score > best.score)) best = found;
  }
  let bestList: LocatedList | undefined;
  for (const t of lists) {
    const found = locateList(grid, t);
    if (found && (!bestList || found.score > bestList.score)) bestList = found;
  }
  const list = bestList && (!best || bestList.score > best.score) ? bestList : undefined;
  const found = list ?? best;
  if (!found) return undefined;
  const res: SheetResult = {
    sheet: grid.name,
    template: found.template.id,
    unit: found.unit,
    unitSource: found.unitSource,
    letterhead: found.letterhead,
    ...(list ? { findings: checkList(list), list } : { findings: checkTable(best!), table: best }),
  };
  if (encoding) res.encoding = encoding;
  return res;
}

function notFound(sheet: string, t: Pick<Template, "id" | "rule">): SheetResult {
  const rule = t.rule.get("LAYOUT_NOT_FOUND")!;
  return { sheet, template: t.id, unit: null, findings: [makeFinding(rule, { sheet, cells: ["A1"] }, { sheet })] };
}

/**
 * Every sheet holding a table, in workbook order. A sheet named like a template ("Phụ lục 02")
 * that holds no table gets LAYOUT_NOT_FOUND; so does the first sheet when no sheet holds one.
 */
export function analyzeWorkbook(grids: Grid[], templates: Template[] = builtinTemplates()): SheetResult[] {
  const out: SheetResult[] = [];
  for (const g of grids) {
    const res = analyzeGrid(g, templates);
    if (res) out.push(res);
    else {
      const named = [...templates, ...listsFor(templates)].find((t) => fold(t.def.sheetName) === fold(g.name));
      if (named) out.push(notFound(g.name, named));
    }
  }
  if (out.length === 0 && grids.length > 0) out.push(notFound(grids[0].name, templates[0]));
  for (const s of out) if (s.list) s.findings = checkList(s.list, listContext(out, s));
  return out;
}
