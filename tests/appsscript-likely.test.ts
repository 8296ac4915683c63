/**
 * Spec §3b in Google Sheets (issue 22): the reader tells the core which cells hold the template's
 * formulas (Range.getFormulas, one call per block read), the sidebar lists likely causes first
 * with the findings they explain under them, the cell marked is the likely cause (its
 * consequences are not marked), and its note says what to type, under the user's own words.
 * The BUILT dist/appsscript/Code.js runs against the in-memory SpreadsheetApp of gas-fake.ts.
 */
import {
  analyzeGrid,
  causeOrder,
  countBySeverity,
  type Finding,
  type Grid,
  MARK_COLORS,
  templateById,
} from "../shared";
import { builtAppsScript, expectedMarks, type FakeSheet, GasFake } from "./helpers/gas-fake";
import { issue22Example, makeCase, type Mistake } from "./helpers/mistakes";
import { at, LAY } from "./helpers/tables";

const DIST = builtAppsScript();
const TEMPLATE = templateById("pl02").def.sheetName;
const NOTE_MARK = "Phụ lục 02 · ";

interface Item {
  rule: string;
  cell: string;
  cells: string[];
  message: string;
  hint?: string;
  suggested?: number;
  alternatives?: boolean;
}
interface SidebarData {
  table: boolean;
  errors: number;
  warnings: number;
  toFix: number;
  groups: { cause?: Item; findings: Item[] }[];
}

const failures = (fake: GasFake) => fake.toasts.filter((t) => /không làm được/.test(t.msg)).map((t) => t.msg);
const rc = (ref: string) => {
  const p = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return [Number(p[2]) - 1, p[1].charCodeAt(0) - 65] as const;
};

/** The tab as the script reads it: values (formulas computed) and which cells hold a formula. */
function asRead(tab: FakeSheet): Grid {
  const range = tab.fake.asUser(() =>
    (tab.api() as unknown as { getDataRange: () => Record<string, () => unknown[][]> }).getDataRange(),
  );
  const values = tab.fake.asUser(() => range.getValues());
  const texts = tab.fake.asUser(() => range.getFormulas()) as string[][];
  return {
    name: tab.name,
    rows: values.map((r) => r.map((v) => (v === "" ? null : v))) as Grid["rows"],
    formulas: texts.map((r) => r.map((f) => (f === "" ? undefined : f))),
  };
}

/** A grid put into a tab as Sheets holds it: its formulas as "=C12+C13" (computed by the fake). */
function addWithFormulas(fake: GasFake, g: Grid): FakeSheet {
  const tab = fake.addSheet(g.name, g.rows as (string | number)[][]);
  g.formulas?.forEach((row, r) => row?.forEach((f, c) => f && tab.set(r, c, `=${f}`)));
  return tab;
}

/**
 * The issue's worked example on the official template (formulas on parents, groups and TONG),
 * with only the mistakes in `keep` left typed wrong: the others are typed right.
 */
function example(keep: (m: Mistake) => boolean) {
  const { grid, truth } = issue22Example();
  const p = (m: Mistake) => rc(m.cell);
  for (const m of truth.filter((x) => !keep(x))) grid.rows[p(m)[0]][p(m)[1]] = m.truth;
  return { grid: { ...grid, name: "Trường THPT Lê Quý Đôn" }, mistakes: truth.filter(keep) };
}

describe("the reader gives the core the template's formulas", () => {
  test("getFormulas as Apps Script: '' where no formula, the text with '=' where one is", () => {
    const fake = new GasFake(DIST);
    const tab = fake.addSheet("T", [[1, "x", "=A1+A1"]]);
    const range = tab.api() as unknown as { getRange: (a: string) => { getFormulas: () => string[][] } };
    expect(range.getRange("A1:D1").getFormulas()).toEqual([["", "", "=A1+A1", ""]]);
  });

  test("one typed mistake on the official template: one likely cause on the typed cell, formulas never blamed", () => {
    const { grid, mistakes } = example((m) => m.code === "C5");
    const fake = new GasFake(DIST);
    const tab = addWithFormulas(fake, grid);
    const gs = fake.script();
    const data = gs.sidebarData() as SidebarData;
    const causes = data.groups.flatMap((g) => (g.cause ? [g.cause] : []));
    const m = mistakes[0];
    expect(causes.map((c) => [c.rule, c.cells, c.suggested])).toEqual([["CELL_LIKELY_WRONG", [m.cell], 27]]);
    // the rule findings on formula rows are all under it, each saying it clears with the fix
    expect(data.groups).toHaveLength(1);
    const under = data.groups[0].findings;
    expect(causes[0].message).toBe(
      `Ô ${m.cell} (dòng C5 – Bằng khen của Bộ trưởng…, năm học 2022-2023) có lẽ gõ nhầm: đang là 72; nếu là 27 thì ${under.length} lỗi khác đều hết`,
    );
    expect(under.length).toBeGreaterThan(1);
    const formulaCells = under.filter((f) => String(tab.get(...rc(f.cell))).startsWith("="));
    expect(formulaCells.length).toBeGreaterThan(0);
    for (const f of formulaCells) expect(f.hint).toBe(`Sẽ tự đúng khi sửa ${m.cell}`);
    // without the formulas (a reader that gave values only) the core would blame a total instead
    const valuesOnly = analyzeGrid({ ...asRead(tab), formulas: undefined })!.findings;
    expect(valuesOnly.filter((f) => f.rule === "CELL_LIKELY_WRONG").map((f) => f.cells)).not.toEqual([[m.cell]]);

    // marks: the typed cell alone; the consequences on the formula totals are not marked
    expect(fake.marks(tab)).toEqual([[m.cell, MARK_COLORS.error]]);
    for (const f of under) if (f.cell !== m.cell) expect([f.cell, fake.shown(tab, f.cell)]).toEqual([f.cell, null]);
    // its note says what to type
    expect(tab.cell(...rc(m.cell)).note).toBe(NOTE_MARK + causes[0].message);
    expect(failures(fake)).toEqual([]);
  });

  test("three typed mistakes: three likely causes, each with its value; the sidebar's counts", () => {
    const { grid, mistakes } = example(() => true);
    const fake = new GasFake(DIST);
    const tab = addWithFormulas(fake, grid);
    const data = fake.script().sidebarData() as SidebarData;
    const causes = data.groups.flatMap((g) => (g.cause ? [g.cause] : []));
    expect(causes.map((c) => [c.cell, c.suggested])).toEqual(mistakes.map((m) => [m.cell, m.truth]));
    const core = analyzeGrid(asRead(tab))!.findings;
    expect({ errors: data.errors, warnings: data.warnings, toFix: data.toFix }).toEqual({
      ...countBySeverity(core),
      toFix: 3,
    });
    // ordered as causeOrder: each cause, then the findings it explains
    expect(data.groups.map((g) => [g.cause?.cell, g.findings.map((f) => [f.rule, f.cell])])).toEqual(
      causeOrder(core).map((g) => [g.cause?.cells[0], g.findings.map((f) => [f.rule, f.cells[0]])]),
    );
    expect(fake.marks(tab)).toEqual(mistakes.map((m) => [m.cell, MARK_COLORS.error]).sort());
    expect(fake.marks(tab)).toEqual(expectedMarks(core));
  });

  test("a tie: one item listing the candidate cells, none of them marked as the mistake", () => {
    // makeCase 7 in the "formulas" style with D4's 2022-2023 two lower: any year of the row could
    // be the one short (tests/core-localize.test.ts)
    const c = makeCase(7, "formulas", 0);
    const [r, col] = rc(at("D4", "y2023"));
    c.grid.rows[r][col] = (c.grid.rows[r][col] as number) - 2;
    const fake = new GasFake(DIST);
    const tab = addWithFormulas(fake, { ...c.grid, name: "ĐV" });
    const data = fake.script().sidebarData() as SidebarData;
    const ties = data.groups.filter((g) => g.cause);
    expect(ties).toHaveLength(1);
    const tie = ties[0].cause!;
    expect(tie.alternatives).toBe(true);
    expect(tie.suggested).toBeUndefined();
    expect(tie.cells).toContain(at("D4", "y2023"));
    expect(tie.message).toMatch(/^Số liệu không khớp có lẽ do gõ nhầm 1 ô trong các ô /);
    const core: Finding[] = analyzeGrid(asRead(tab))!.findings;
    // the rule findings keep their own marks; no candidate is marked for the tie
    expect(fake.marks(tab)).toEqual(expectedMarks(core));
    const ruleCells = new Set(core.filter((f) => f.rule !== "CELL_LIKELY_WRONG").map((f) => f.cells[0]));
    for (const ref of tie.cells.filter((x) => !ruleCells.has(x))) expect(fake.shown(tab, ref)).toBeNull();
    for (const ref of tie.cells) expect(tab.cell(...rc(ref)).note).toBe("");
  });
});

describe("the unit's path on the locked template", () => {
  test("typed into the template: the mistake marked with its note under the user's words; fixed: both go", () => {
    const { grid } = example(() => false);
    const fake = new GasFake(DIST);
    fake.addSheet("Trang tính1");
    const gs = fake.script();
    gs.createTemplateSheet();
    gs.protectTemplate();
    const tab = fake.sheet(TEMPLATE);
    fake.user = "editor";
    fake.type(TEMPLATE, "B3", "Trường THPT Lê Quý Đôn");
    const t = templateById("pl02");
    const keys = t.countKeys;
    const first = LAY.col.get(keys[0])!;
    for (const def of t.rows) {
      if (t.children.get(def.code)) continue;
      const r = LAY.row.get(def.code)!;
      fake.paste(TEMPLATE, at(def.code, keys[0]), [
        keys.map((_, k) => {
          const v = grid.rows[r][first + k];
          return v ? String(v) : "";
        }),
      ]);
    }
    expect(failures(fake)).toEqual([]);
    expect(fake.marks(tab)).toEqual([]);
    const cell = at("C5", "y2023");
    const [r, c] = rc(cell);
    tab.cell(r, c).note = "Số của tổ Văn phòng";

    fake.type(TEMPLATE, cell, "72");
    expect(fake.marks(tab)).toEqual([[cell, MARK_COLORS.error]]);
    expect(tab.cell(r, c).note).toMatch(
      new RegExp(
        `^Số của tổ Văn phòng\nPhụ lục 02 · Ô ${cell} \\(dòng C5 – .*\\) có lẽ gõ nhầm: đang là 72; nếu là 27 thì \\d+ lỗi khác đều hết$`,
      ),
    );

    // the same edit again: the note is in place, the calls are those of an edit plus one getFormulas
    fake.reset();
    fake.type(TEMPLATE, cell, "72");
    expect(Object.fromEntries(fake.calls)).toEqual({
      "PropertiesService.getDocumentProperties": 1,
      "Properties.getProperties": 1,
      "SpreadsheetApp.getActiveSpreadsheet": 1,
      "Range.getSheet": 1,
      "Range.getRow": 1,
      "Range.getColumn": 1,
      "Range.getNumRows": 1,
      "Range.getNumColumns": 1,
      "Range.getValues": 1,
      "Range.getFormulas": 1,
      "Range.setValues": 1,
      "Sheet.getName": 1,
      "Sheet.getSheetId": 1,
      "Sheet.getLastRow": 1,
      "Sheet.getLastColumn": 1,
      "Sheet.getRange": 2,
      "Spreadsheet.getSheetByName": 1,
    });

    fake.type(TEMPLATE, cell, "27");
    expect(fake.marks(tab)).toEqual([]);
    expect(tab.cell(r, c).note).toBe("Số của tổ Văn phòng");
    expect(failures(fake)).toEqual([]);
  });

  test("check all: one getFormulas beside each getValues, nothing more per tab", () => {
    const fake = new GasFake(DIST);
    for (let i = 0; i < 5; i++) addWithFormulas(fake, { ...example((m) => m.code === "C5").grid, name: `ĐV ${i}` });
    fake.script().checkAllSheets();
    expect(fake.calls.get("Range.getFormulas")).toBe(5);
    expect(fake.calls.get("Range.getValues")).toBe(5 + 1); // and the blocks' stamps (issue 24, point 8)
    fake.reset();
    fake.script().checkAllSheets();
    // a second run: notes in place, no note call, no properties written
    expect(fake.calls.get("Range.getNote")).toBeUndefined();
    expect(fake.calls.get("Range.setNote")).toBeUndefined();
    expect(fake.calls.get("Properties.setProperties")).toBeUndefined();
  });
});
