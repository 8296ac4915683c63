/**
 * Google Sheets checks a list of delegates against its unit's Cơ cấu đại biểu on another tab
 * (spec §4b, DS_MATCHES_DAIBIEU), in the shared spreadsheet where many units keep their tabs:
 * "Kiểm tra tất cả" judges every tab as the CLI judges a file; an edit in a list reads its own
 * Cơ cấu đại biểu again and no other tab; an edit that changes DB7 re-marks the lists compared
 * with it. The BUILT dist/appsscript/Code.js runs against the in-memory SpreadsheetApp of gas-fake.ts.
 */
import {
  analyzeWorkbook,
  CITY_SHEET_NAMES,
  countBySeverity,
  type Grid,
  listLayout,
  listTemplateById,
  MARK_COLORS,
  templateById,
  templateLayout,
} from "../shared";
import { builtAppsScript, GasFake } from "./helpers/gas-fake";
import { dbSheet, listSheet, sheet, unitValues } from "./helpers/tables";

const DIST = builtAppsScript();
const T = listTemplateById("ds-daibieu");
const LAY = listLayout(T);
const UNITS = ["Trường THPT Ngô Quyền", "Trường THPT Trần Phú"];
const col = (key: string) => String.fromCharCode(65 + LAY.col.get(key)!);
const KIND_HEADER = `${col("kind")}${LAY.headerRow + 1}`;
const DB = templateLayout(templateById("daibieu"));
const DB7 = [DB.row.get("DB7")!, DB.col.get("value")!] as const;
const DB7_REF = `${String.fromCharCode(65 + DB7[1])}${DB7[0] + 1}`;

const tabs = (i: number, db7: number): Grid[] => [
  { ...sheet(unitValues(i), UNITS[i]), name: `PL02 ${i + 1}` },
  { ...dbSheet({ DB7: db7 }, { level: "co_so", unitType: "thpt" }, UNITS[i]), name: `Cơ cấu ${i + 1}` },
  { ...listSheet(UNITS[i]), name: `Danh sách ${i + 1}` },
];

type Script = Record<string, (...args: unknown[]) => unknown>;
function setup(grids: Grid[]) {
  const fake = new GasFake(DIST);
  for (const g of grids) fake.addSheet(g.name, g.rows as (string | number)[][]);
  return { fake, gs: fake.script() as Script, grids };
}

/** An edit event as Sheets gives it to onEdit, the value typed first. */
function type(fake: GasFake, tab: string, r: number, c: number, v: string | number) {
  fake.sheet(tab).set(r, c, v);
  const api = fake.sheet(tab).api() as unknown as { getRange: (...a: number[]) => unknown };
  const range = fake.asUser(() => api.getRange(r + 1, c + 1, 1, 1));
  fake.reset();
  return { range, value: v };
}

/** The tabs as the CLI would read the spreadsheet exported as a file. */
const asFile = (fake: GasFake): Grid[] =>
  fake.sheets.map((s) => ({
    name: s.name,
    rows: s.rows.map((r) => (r ?? []).map((c) => c?.v ?? null)) as Grid["rows"],
  }));

const rulesOn = (fake: GasFake, name: string) =>
  analyzeWorkbook(asFile(fake))
    .find((r) => r.sheet === name)!
    .findings.map((f) => [f.rule, f.cells[0]]);

describe("a list against its unit's Cơ cấu đại biểu in the shared spreadsheet", () => {
  test("Kiểm tra tất cả: each unit's list against its own Cơ cấu đại biểu, as the CLI judges the file", () => {
    const { fake, gs } = setup([...tabs(0, 2), ...tabs(1, 3)]);
    gs.checkAllSheets();
    expect(rulesOn(fake, "Danh sách 1")).toEqual([["DS_MATCHES_DAIBIEU", KIND_HEADER]]);
    expect(rulesOn(fake, "Danh sách 2")).toEqual([]);
    expect(fake.marks(fake.sheet("Danh sách 1"))).toEqual([[KIND_HEADER, MARK_COLORS.warning]]);
    expect(fake.marks(fake.sheet("Danh sách 2"))).toEqual([]);
    expect(fake.toasts.at(-1)?.msg).toMatch(/6 trang/);
  });

  test("an edit in a list reads its own Cơ cấu đại biểu again, no other tab; a fixed DB7 takes the mark off the list", () => {
    const { fake, gs } = setup([...tabs(0, 2), ...tabs(1, 3)]);
    gs.checkAllSheets();
    // the clerk of Ngô Quyền types in the list: two reads, the list and its own Cơ cấu đại biểu
    gs.onEdit(type(fake, "Danh sách 1", LAY.firstDataRow, LAY.col.get("summary")!, "Giáo viên giỏi cấp thành phố"));
    expect([fake.calls.get("Range.getValues"), fake.calls.get("Spreadsheet.getSheets")]).toEqual([2, undefined]);
    expect(fake.marks(fake.sheet("Danh sách 1"))).toEqual([[KIND_HEADER, MARK_COLORS.warning]]);
    // typing elsewhere in the Cơ cấu đại biểu (DB7 as it was): no list is read
    gs.onEdit(type(fake, "Cơ cấu 1", DB.row.get("DB1")!, DB7[1], 40));
    expect(fake.calls.get("Range.getValues")).toBe(1);
    // DB7 corrected to 3: the list is read and its mark taken off, Trần Phú's list is not read
    gs.onEdit(type(fake, "Cơ cấu 1", ...DB7, 3));
    expect(fake.calls.get("Range.getValues")).toBe(2);
    expect(fake.marks(fake.sheet("Danh sách 1"))).toEqual([]);
    expect(rulesOn(fake, "Danh sách 1")).toEqual([]);
    // and back to 2: marked again
    gs.onEdit(type(fake, "Cơ cấu 1", ...DB7, 2));
    expect(fake.marks(fake.sheet("Danh sách 1"))).toEqual([[KIND_HEADER, MARK_COLORS.warning]]);
    expect(fake.marks(fake.sheet("Danh sách 2"))).toEqual([]);
  });

  test("with no Kiểm tra tất cả ever run: the edits themselves tell where the Cơ cấu đại biểu is", () => {
    const { fake, gs } = setup(tabs(0, 3));
    gs.onEdit(type(fake, "Cơ cấu 1", ...DB7, 2));
    gs.onEdit(type(fake, "Danh sách 1", LAY.firstDataRow, LAY.col.get("summary")!, "Giáo viên giỏi"));
    expect(fake.marks(fake.sheet("Danh sách 1"))).toEqual([[KIND_HEADER, MARK_COLORS.warning]]);
    // the sidebar shows the finding with the Cơ cấu đại biểu's cell
    fake.active = fake.sheets.findIndex((s) => s.name === "Danh sách 1");
    const data = gs.sidebarData() as { groups: { findings: { rule: string; message: string }[] }[] };
    const found = data.groups.flatMap((g) => g.findings);
    expect(found.map((f) => f.rule)).toEqual(["DS_MATCHES_DAIBIEU"]);
    expect(found[0].message).toContain(`(ô 'Cơ cấu 1'!${DB7_REF})`);
  });

  test("a Cơ cấu đại biểu renamed, or deleted, after it was recorded", () => {
    const { fake, gs } = setup(tabs(0, 2));
    gs.checkAllSheets();
    fake.sheet("Cơ cấu 1").name = "Cơ cấu đại biểu Ngô Quyền";
    gs.onEdit(type(fake, "Danh sách 1", LAY.firstDataRow, LAY.col.get("summary")!, "Giáo viên giỏi"));
    expect(fake.marks(fake.sheet("Danh sách 1"))).toEqual([[KIND_HEADER, MARK_COLORS.warning]]);
    fake.active = fake.sheets.findIndex((s) => s.name === "Danh sách 1");
    const data = gs.sidebarData() as { groups: { findings: { message: string }[] }[] };
    expect(data.groups[0].findings[0].message).toContain(`'Cơ cấu đại biểu Ngô Quyền'!${DB7_REF}`);
    fake.sheets.splice(
      fake.sheets.findIndex((s) => s.name === "Cơ cấu đại biểu Ngô Quyền"),
      1,
    );
    gs.onEdit(type(fake, "Danh sách 1", LAY.firstDataRow, LAY.col.get("summary")!, "Giáo viên giỏi lắm"));
    expect(fake.marks(fake.sheet("Danh sách 1"))).toEqual([]);
    expect(rulesOn(fake, "Danh sách 1")).toEqual([]);
  });

  test("the merge counts each list's DS_MATCHES_DAIBIEU with its unit, as the CLI counts a file's", () => {
    const { fake, gs } = setup([...tabs(0, 2), ...tabs(1, 3)]);
    gs.mergeUnitSheets();
    const status = fake.sheet(CITY_SHEET_NAMES.status);
    const rows = status.rows.map((r) => (r ?? []).map((c) => c?.v ?? null));
    const header = rows.findIndex((r) => r.includes("Số cảnh báo"));
    const at = (h: string) => rows[header].indexOf(h);
    // each unit's row, found by its Phụ lục 02 tab (the roster's name may be longer than the tab's)
    const shown = UNITS.map((_, i) => {
      const row = rows.find((r) => String(r[at("Bản nộp")]).endsWith(`› PL02 ${i + 1}`))!;
      return [row[at("Số lỗi")], row[at("Số cảnh báo")]];
    });
    // independently: the file's sheets judged whole by the core, each unit's findings over its three tabs
    const results = analyzeWorkbook(
      asFile(fake).filter((g) => !(Object.values(CITY_SHEET_NAMES) as string[]).includes(g.name)),
    );
    const expected = UNITS.map((u) => {
      const n = countBySeverity(results.filter((r) => r.unit === u).flatMap((r) => r.findings));
      return [n.errors, n.warnings];
    });
    expect(results.find((r) => r.sheet === "Danh sách 1")!.findings.map((f) => f.rule)).toEqual(["DS_MATCHES_DAIBIEU"]);
    expect(shown).toEqual(expected);
    expect(expected[0][1]).toBe(1);
  });
});
