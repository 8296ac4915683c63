/**
 * The BUILT dist/appsscript/Code.js, loaded in a Node vm context that holds only the in-memory
 * Apps Script services of tests/helpers/gas-fake.ts (which count every call): the bundle runs
 * alone, the menu, the check on edit, highlights shown and taken back, the protected template,
 * the merge of 1, 10 and 150 tabs.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import {
  analyzeGrid,
  bundledRoster,
  causeOrder,
  CITY_SHEET_NAMES,
  consolidate,
  countBySeverity,
  type Grid,
  listLayout,
  listTemplateById,
  MARK_COLORS,
  type MergeOptions,
  type Roster,
  templateById,
  templateLayout,
} from "../shared";
import { CHARTS, TITLES } from "./helpers/charts";
import { builtAppsScript, expectedMarks, type FakeSheet, GasFake } from "./helpers/gas-fake";
import {
  at,
  BASE,
  build,
  dbSheet,
  delegate,
  findings,
  LAY,
  setCell,
  sheet,
  unitsSum,
  unitValues,
} from "./helpers/tables";

const DIST = builtAppsScript();
const CODE = readFileSync(join(DIST, "Code.js"), "utf8");
const ENTRY = [
  "onOpen",
  "onEdit",
  "checkActiveSheet",
  "checkAllSheets",
  "mergeUnitSheets",
  "mergeUnitSheetsIncludingUnknown",
  "createTemplateSheet",
  "createDelegateSheets",
  "protectTemplate",
  "showSidebar",
];

type Script = Record<string, (...args: unknown[]) => unknown>;

/** The script as Sheets runs it: each call its own execution, in fresh globals. */
function load(fake: GasFake): Script {
  return fake.script();
}

function setup(grids: Grid[]): { fake: GasFake; gs: Script } {
  const fake = new GasFake(DIST);
  for (const g of grids) fake.addSheet(g.name, g.rows as (string | number)[][]);
  return { fake, gs: load(fake) };
}

/** An edit event as Sheets gives it to onEdit (a paste has no value). */
function edit(fake: GasFake, tab: string, ref: string, value?: unknown, rows = 1, cols = 1) {
  const p = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const col = p[1].charCodeAt(0) - 64;
  const range = fake.sheet(tab).api() as unknown as { getRange: (...a: number[]) => unknown };
  const r = fake.asUser(() => range.getRange(Number(p[2]), col, rows, cols));
  fake.reset();
  return value === undefined ? { range: r } : { range: r, value };
}

function writes(fake: GasFake): string[] {
  return [...fake.calls.keys()].filter((k) => /\.(set|insert|delete|merge|protect|hide)/.test(k)).sort();
}

const digest = (x: unknown) => createHash("sha1").update(JSON.stringify(x)).digest("hex");

/** The core's summary of these tabs merged as the script merges them (the spreadsheet's name as the file). */
function coreLines(fake: GasFake, tabs: Grid[], opts: MergeOptions): string[] {
  const inputs = tabs.map((g, i) => ({ file: fake.name, sheetIndex: i, result: analyzeGrid(g)! }));
  return consolidate(inputs, [], opts).summary.lines.vi;
}

/** The toast that announces a merge: the core's lines as they are, then where to look. */
const mergedToast = (lines: string[]) => `${lines.join("\n")}\nXem trang "Tình trạng nộp" và "Tổng hợp thành phố".`;

/** The cells a check marks on this tab (spec §3b: likely causes, not their consequences). */
const blamed = (g: Grid) => expectedMarks(findings(g)).map(([ref]) => ref);

const shownMarks = (fake: GasFake, tab: FakeSheet) => fake.marks(tab);

interface SidebarItem {
  rule: string;
  cell: string;
  cells: string[];
  message: string;
  hint?: string;
  suggested?: number;
  alternatives?: boolean;
}
interface SidebarData {
  sheet: string;
  table: boolean;
  errors: number;
  warnings: number;
  toFix: number;
  groups: { cause?: SidebarItem; findings: SidebarItem[] }[];
}

describe("the bundle", () => {
  test("plain top-level functions, no export, no module loader, no eval, nothing run at load", () => {
    for (const name of ENTRY) expect(CODE).toMatch(new RegExp(`^function ${name}\\(`, "m"));
    expect(CODE).not.toMatch(/^\s*export\s/m);
    expect(CODE).not.toMatch(/\brequire\(/);
    expect(CODE).not.toMatch(/\beval\(/);
    expect(CODE).not.toMatch(/\bimport\(/);
    const fake = new GasFake(DIST);
    const ctx = vm.createContext(fake.globals());
    vm.runInContext(CODE, ctx, { filename: "Code.js" });
    expect(fake.total()).toBe(0);
    for (const name of ENTRY) expect(typeof (ctx as unknown as Script)[name]).toBe("function");
  });

  test("appsscript.json: V8 and exactly the two least-privilege scopes", () => {
    const manifest = JSON.parse(readFileSync(join(DIST, "appsscript.json"), "utf8"));
    expect(manifest.runtimeVersion).toBe("V8");
    expect(manifest.oauthScopes).toEqual([
      "https://www.googleapis.com/auth/spreadsheets.currentonly",
      "https://www.googleapis.com/auth/script.container.ui",
    ]);
    expect(existsSync(join(DIST, "Sidebar.html"))).toBe(true);
    expect(CODE).not.toMatch(/openById|openByUrl|Sheets\.Spreadsheets|UrlFetchApp|Session\./);
  });
});

describe("menu", () => {
  test("Vietnamese menu on open", () => {
    const { fake, gs } = setup([]);
    gs.onOpen({});
    expect(fake.menus).toEqual([
      {
        name: "Phụ lục 02",
        items: [
          ["Kiểm tra trang này", "checkActiveSheet"],
          ["Kiểm tra tất cả", "checkAllSheets"],
          ["Hợp nhất các đơn vị", "mergeUnitSheets"],
          ["Hợp nhất (tính cả đơn vị ngoài danh sách)", "mergeUnitSheetsIncludingUnknown"],
          ["Tạo trang mẫu", "createTemplateSheet"],
          ["Tạo trang Cơ cấu và Danh sách đại biểu", "createDelegateSheets"],
          ["Khóa cấu trúc mẫu", "protectTemplate"],
          ["Bảng lỗi", "showSidebar"],
        ],
      },
    ]);
  });

  test("English when the spreadsheet's locale is not Vietnamese", () => {
    const fake = new GasFake(DIST);
    fake.locale = "en_US";
    load(fake).onOpen({});
    expect(fake.menus[0].items.map(([label]) => label)).toEqual([
      "Check this sheet",
      "Check all sheets",
      "Consolidate the units",
      "Consolidate (include units not on the roster)",
      "New template sheet",
      "New delegate structure and delegate list sheets",
      "Lock the template's structure",
      "Findings",
    ]);
  });
});

describe("check on edit", () => {
  /** Types the right numbers back into the two cells wrong() broke. */
  function putRight(tab: FakeSheet) {
    const good = sheet(build(BASE)).rows;
    for (const [code, key] of [
      ["D2", "total"],
      ["C7", "y2021"],
    ]) {
      const [r, c] = [LAY.row.get(code)!, LAY.col.get(key)!];
      tab.set(r, c, good[r][c] as number);
    }
  }

  function wrong(): Grid {
    const g = sheet(build(BASE));
    g.name = "Trường THPT Ngô Quyền";
    setCell(g, "D2", "total", 999);
    setCell(g, "C7", "y2021", "abc");
    return g;
  }

  test("an edit in the table: one read, one write of marks; wrong cells show, others keep their colour", () => {
    const g = wrong();
    const { fake, gs } = setup([g]);
    const tab = fake.sheet(g.name);
    const userRef = at("D2", "y2022");
    tab.cell(LAY.row.get("D2")!, LAY.col.get("y2022")!).bg = "#00B0F0";
    tab.cell(LAY.row.get("D2")!, LAY.col.get("total")!).note = "Số của phòng TCCB";
    gs.onEdit(edit(fake, g.name, at("C7", "y2021"), "abc"));
    expect(fake.calls.get("Range.getValues")).toBe(1);
    expect(fake.calls.get("Range.setValues")).toBe(1);
    expect(writes(fake)).toEqual([
      "ConditionalFormatRuleBuilder.setBackground",
      "ConditionalFormatRuleBuilder.setRanges",
      "Properties.setProperties",
      "Range.setNote",
      "Range.setValues",
      "Sheet.hideSheet",
      "Sheet.setConditionalFormatRules",
      "Spreadsheet.insertSheet",
    ]);
    expect(shownMarks(fake, tab)).toEqual(expectedMarks(findings(g)));
    expect(fake.shown(tab, userRef)).toBe("#00B0F0");
    // The helper tab is hidden and the user stays on the tab they typed in.
    expect(fake.sheets.map((s) => [s.name, s.hidden])).toEqual([
      [g.name, false],
      ["_phuluc02", true],
    ]);
    expect(fake.sheets[fake.active].name).toBe(g.name);

    // The next edit costs a fixed number of calls: the helper tab and the rules are in place.
    gs.onEdit(edit(fake, g.name, at("C7", "y2021"), "abc"));
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

    // Fixed: the marks go, the user's colour and note were never touched.
    putRight(tab);
    gs.onEdit(edit(fake, g.name, at("C7", "y2021"), "1"));
    expect(shownMarks(fake, tab)).toEqual([]);
    expect(fake.shown(tab, userRef)).toBe("#00B0F0");
    expect(tab.cell(LAY.row.get("D2")!, LAY.col.get("total")!).note).toBe("Số của phòng TCCB");
    expect(tab.rows.flat().filter((c) => c?.bg).length).toBe(1);
  });

  test("the calls do not grow with the size of the tab", () => {
    const small = wrong();
    const big = wrong();
    for (let r = 60; r < 3000; r++) big.rows[r] = [`ghi chú ${r}`, r];
    const count = (g: Grid) => {
      const { fake, gs } = setup([g]);
      gs.onEdit(edit(fake, g.name, at("C7", "y2021"), "abc"));
      gs.onEdit(edit(fake, g.name, at("C7", "y2021"), "abc"));
      return fake.total();
    };
    expect(count(big)).toBe(count(small));
  });

  test("a paste (no e.value) over the table is checked from e.range", () => {
    const g = wrong();
    const { fake, gs } = setup([g]);
    gs.onEdit(edit(fake, g.name, at("C7", "y2021"), undefined, 3, 4));
    expect(fake.calls.get("Range.setValues")).toBe(1);
    expect(shownMarks(fake, fake.sheet(g.name)).map(([ref]) => ref)).toEqual(blamed(g));
  });

  test("an edit outside the table only reads", () => {
    const g = wrong();
    const { fake, gs } = setup([g]);
    gs.onEdit(edit(fake, g.name, "Z140", "ghi chú"));
    expect(fake.calls.get("Range.getValues")).toBe(1);
    expect(writes(fake)).toEqual([]);
  });

  test("a list of delegates (spec §4b): an edit in it marks the wrong cell; fixed, the mark goes", () => {
    const lay = listLayout(listTemplateById("ds-daibieu"));
    const person = (name: string, gender: string) => delegate(name, { gender });
    const people = [person("Nguyễn Văn An", "Nam"), person("Trần Thị Bình", "Khác"), person("Lê Văn Cường", "Nam")];
    const g = { ...listLayout(listTemplateById("ds-daibieu"), { unit: "Trường THPT Ngô Quyền", people }).grid };
    const { fake, gs } = setup([g]);
    const tab = fake.sheet(g.name);
    const ref = `${String.fromCharCode(65 + lay.col.get("gender")!)}${lay.firstDataRow + 2}`;
    gs.onEdit(edit(fake, g.name, ref, "Khác"));
    expect(shownMarks(fake, tab)).toEqual([[ref, MARK_COLORS.error]]);
    tab.set(lay.firstDataRow + 1, lay.col.get("gender")!, "Nữ");
    gs.onEdit(edit(fake, g.name, ref, "Nữ"));
    expect(shownMarks(fake, tab)).toEqual([]);
  });

  test("the menu's delegate sheets (spec §4, §4b): both tabs made blank and clean; a person typed in is checked", () => {
    const { fake, gs } = setup([]);
    fake.addSheet("Sheet1");
    gs.createDelegateSheets();
    expect(fake.toasts.at(-1)?.msg).toBe('Đã tạo các trang "Cơ cấu đại biểu" và "Danh sách đại biểu".');
    const lay = listLayout(listTemplateById("ds-daibieu"));
    const tab = fake.sheet("Danh sách đại biểu");
    const header = lay.grid.rows[lay.headerRow]!;
    expect(lay.template.columns.map((_, c) => tab.get(lay.headerRow, c))).toEqual(
      lay.template.columns.map((_, c) => header[c]),
    );
    expect(shownMarks(fake, tab)).toEqual([]);
    expect(shownMarks(fake, fake.sheet("Cơ cấu đại biểu"))).toEqual([]);
    // a unit (a THPT: three delegates) types its name and its three people, one gender wrong
    const r = lay.firstDataRow + 1;
    const people: [string, string][] = [
      ["Nguyễn Văn An", "Nam"],
      ["Trần Thị Bình", "Khác"],
      ["Lê Văn Cường", "Nam"],
    ];
    tab.set(lay.unitRow, 1, "Trường THPT Ngô Quyền");
    people.forEach(([name, gender], i) => {
      const typed: [string, string | number][] = [
        ["name", name],
        ["birthYear", 1980],
        ["gender", gender],
        ["position", "Giáo viên"],
        ["kind", "Đại biểu"],
        ["summary", "Giáo viên dạy giỏi"],
      ];
      for (const [key, v] of typed) tab.set(lay.firstDataRow + i, lay.col.get(key)!, v);
    });
    const ref = `${String.fromCharCode(65 + lay.col.get("gender")!)}${r + 1}`;
    gs.onEdit(edit(fake, "Danh sách đại biểu", ref, "Khác"));
    expect(shownMarks(fake, tab)).toEqual([[ref, MARK_COLORS.error]]);
    // a second click makes new tabs beside them, never over a unit's own
    gs.createDelegateSheets();
    expect(fake.toasts.at(-1)?.msg).toBe('Đã tạo các trang "Cơ cấu đại biểu (2)" và "Danh sách đại biểu (2)".');
    expect(tab.get(r, lay.col.get("gender")!)).toBe("Khác");
  });

  test("a tab without a table, and the script's own tabs, are left alone", () => {
    const { fake, gs } = setup([{ name: "Ghi chú", rows: [["Danh sách cán bộ"]] }]);
    fake.addSheet(CITY_SHEET_NAMES.city, [["x"]]);
    gs.onEdit(edit(fake, "Ghi chú", "A1", "y"));
    expect(writes(fake)).toEqual([]);
    gs.onEdit(edit(fake, CITY_SHEET_NAMES.city, "A1", "y"));
    expect(fake.calls.get("Range.getValues")).toBeUndefined();
  });

  test("a failure becomes a toast, never a script error", () => {
    const { fake, gs } = setup([wrong()]);
    const e = edit(fake, "Trường THPT Ngô Quyền", "A1", "x") as { range: Record<string, unknown> };
    const broken = {
      ...e,
      range: {
        getSheet: () => {
          throw new Error("Service unavailable");
        },
      },
    };
    expect(() => gs.onEdit(broken)).not.toThrow();
    expect(fake.toasts.at(-1)?.msg).toBe("Phụ lục 02: không làm được (onEdit: Service unavailable).");
  });

  test("menu checks: this sheet and all sheets, with counts in a toast", () => {
    const g = wrong();
    const { fake, gs } = setup([g, { ...sheet(build(BASE)), name: "Đúng" }, { name: "Khác", rows: [["—"]] }]);
    const f = findings(g);
    // the counts are of rule findings: a likely cause (spec §3b) is not one more
    const { errors, warnings } = countBySeverity(f);
    gs.checkActiveSheet();
    expect(fake.toasts.at(-1)?.msg).toBe(`"${g.name}": ${errors} lỗi, ${warnings} cảnh báo.`);
    gs.checkAllSheets();
    expect(fake.toasts.at(-1)?.msg).toBe(`Đã kiểm tra 2 trang: ${errors} lỗi, ${warnings} cảnh báo.`);
    // a read of each tab (1 + 3), and check all's one read of the blocks' stamps
    expect(fake.calls.get("Range.getValues")).toBe(5);
  });

  test("check all: eight tabs marked with one write; the helper tab grows past its 1,000 rows", () => {
    const tabs = Array.from({ length: 8 }, (_, i) => ({ ...wrong(), name: `ĐV ${i + 1}` }));
    const { fake, gs } = setup(tabs);
    gs.checkAllSheets();
    expect(fake.calls.get("Range.getValues")).toBe(8 + 1); // and the blocks' stamps
    expect(fake.calls.get("Range.setValues")).toBe(1);
    // the blocks handed out (under the lock), then the rules and notes of all eight at once
    expect(fake.calls.get("Properties.setProperties")).toBe(2);
    expect(fake.calls.get("Properties.setProperty")).toBeUndefined();
    expect(fake.sheet("_phuluc02").maxRows).toBe(8 * 150);
    for (const t of tabs) expect(shownMarks(fake, fake.sheet(t.name)).map(([ref]) => ref)).toEqual(blamed(t));

    // The eighth tab (its block at rows 1,051–1,200) fixed by typing: its marks go, the others stay.
    const last = fake.sheet("ĐV 8");
    putRight(last);
    gs.onEdit(edit(fake, "ĐV 8", at("C7", "y2021"), "1"));
    expect(fake.toasts.filter((t) => /không làm được/.test(t.msg))).toEqual([]);
    expect(shownMarks(fake, last)).toEqual([]);
    expect(shownMarks(fake, fake.sheet("ĐV 7")).map(([ref]) => ref)).toEqual(blamed(tabs[6]));
  });

  test("the sidebar lists the active tab's findings; a click selects the cell", () => {
    const g = wrong();
    const { fake, gs } = setup([g]);
    gs.showSidebar();
    expect(fake.sidebars).toEqual([{ file: "Sidebar", title: "Bảng lỗi" }]);
    const data = gs.sidebarData() as SidebarData;
    // each likely cause first, the findings it explains under it, then the rest (spec §3b)
    const all = findings(g);
    expect(data.groups.map((x) => [x.cause?.cell, x.findings.map((f) => [f.rule, f.cell, f.message])])).toEqual(
      causeOrder(all).map((x) => [x.cause?.cells[0], x.findings.map((f) => [f.rule, f.cells[0], f.message])]),
    );
    expect(data.groups[0].cause).toMatchObject({ rule: "CELL_LIKELY_WRONG", cell: at("D2", "total") });
    expect({ errors: data.errors, warnings: data.warnings, toFix: data.toFix }).toEqual({
      ...countBySeverity(all),
      toFix: 1,
    });
    const cell = at("C7", "y2021");
    gs.selectCell(cell);
    expect(fake.selection).toBe(`${g.name}!${cell}`);
  });
});

describe("template and protection", () => {
  test("a protected template: editors fill counts only, and their errors are still marked", () => {
    const { fake, gs } = setup([]);
    fake.addSheet("Sheet1");
    gs.createTemplateSheet();
    const tab = fake.sheet("Phụ lục 02");
    const lay = templateLayout(templateById("pl02"));
    const [fref, formula] = [...lay.formulas][0];
    const fp = /^([A-Z]+)(\d+)$/.exec(fref)!;
    expect(tab.get(Number(fp[2]) - 1, fp[1].charCodeAt(0) - 65)).toBe("=" + formula);
    expect(tab.cell(LAY.row.get("A4.3")!, 0).nf).toBe("@");
    // Counts (here the total, a formula) are formatted #,##0.
    expect(tab.cell(LAY.row.get("TONG")!, LAY.col.get("total")!).nf).toBe("#,##0");
    expect(tab.get(LAY.row.get("A4.3")!, 0)).toBe("A4.3");
    gs.protectTemplate();
    expect(fake.toasts.at(-1)?.msg).toMatch(/^Đã khóa cấu trúc trang "Phụ lục 02"/);
    expect(tab.protections).toHaveLength(1);
    expect(tab.protections[0].editors).toEqual(["so-gddt@haiphong.edu.vn"]);
    expect(tab.protections[0].domainEdit).toBe(false);

    fake.user = "editor";
    const api = tab.api() as unknown as { getRange: (a: string) => { setValues: (v: unknown[][]) => void } };
    expect(() => api.getRange(at("D", "total")).setValues([[5]])).toThrow(/protected/); // a group total (formula)
    expect(() => api.getRange(at("D2", "label")).setValues([["x"]])).toThrow(/protected/); // a label
    expect(() => api.getRange(at("D2", "code")).setValues([["x"]])).toThrow(/protected/); // a row code
    expect(() => api.getRange(at("TONG", "y2021")).setValues([[0]])).toThrow(/protected/); // the total row
    expect(() => api.getRange("A1").setValues([["x"]])).toThrow(/protected/); // the title
    expect(() => api.getRange(at("C7", "y2021")).setValues([["abc"]])).not.toThrow(); // a count
    expect(() => api.getRange("B3").setValues([["Trường THPT Ngô Quyền"]])).not.toThrow(); // the unit's name
    gs.onEdit(edit(fake, "Phụ lục 02", at("C7", "y2021"), "abc"));
    expect(fake.toasts.filter((t) => /không làm được/.test(t.msg))).toEqual([]);
    expect(fake.shown(tab, at("C7", "y2021"))).toBe(MARK_COLORS.error);
  });
});

describe("merge", () => {
  const units = bundledRoster().units.map((u) => u.name);
  function unitTabs(n: number): Grid[] {
    // A tab past the roster's length repeats an earlier unit's very table: one copy counted.
    return Array.from({ length: n }, (_, i) => ({
      ...sheet(unitValues(i % units.length), units[i % units.length]),
      name: `ĐV ${i + 1}`,
    }));
  }

  function merge(n: number) {
    const tabs = unitTabs(n);
    const { fake, gs } = setup(tabs);
    const before = digest(fake.sheets.map((s) => s.rows));
    fake.reset();
    gs.mergeUnitSheets();
    expect(digest(fake.sheets.slice(0, n).map((s) => s.rows))).toBe(before);
    return { fake, tabs, calls: fake.total() };
  }

  test.each([1, 10, 150])(
    "%i tabs: one read per tab, the three outputs and the chart tab written, unit tabs untouched",
    (n) => {
      const { fake, tabs } = merge(n);
      expect(fake.calls.get("Range.getValues")).toBe(n);
      expect(fake.sheets.map((s) => s.name).slice(n)).toEqual(Object.values(CITY_SHEET_NAMES));
      expect(fake.sheets[fake.active].name).toBe(CITY_SHEET_NAMES.city);
      // The core's summary word for word. Spec §5 v2: the bundled roster is partial, so nobody is
      // called "chưa nộp"; a tab past the roster's length repeats a table and is counted once.
      const lines = coreLines(fake, tabs, { roster: bundledRoster() });
      expect(fake.toasts.at(-1)?.msg).toBe(mergedToast(lines));
      expect(lines[0]).toBe(`Tổng hợp: ${Math.min(n, units.length)} đơn vị được tính vào tổng thành phố.`);
      expect(lines[1]).toMatch(/không xác định được đơn vị nào chưa nộp\.$/);
      expect(lines[2]).toBe(
        `Có lỗi: 0 đơn vị; bản trùng bị loại: ${n - Math.min(n, units.length)}; không đọc được: 0.`,
      );
      const lay = templateLayout(templateById("pl02"));
      const city = fake.sheet(CITY_SHEET_NAMES.city);
      expect(city.get(lay.row.get("TONG")!, lay.col.get("total")!)).toBe(unitsSum(Math.min(n, units.length), "TONG"));
    },
  );

  test("the chart tab: a column chart per kind and group of levels, built from its tables, values labelled", () => {
    const { fake } = merge(2);
    const common = { type: "COLUMN", yTitle: TITLES.count, legend: "BOTTOM" };
    expect(fake.sheet(CITY_SHEET_NAMES.charts).charts).toEqual(
      CHARTS.map((c) => ({
        ...common,
        title: c.title,
        xTitle: c.categoryTitle,
        anchor: c.anchor[0],
        ranges: [`Biểu đồ tổng hợp!${c.table}`],
        categories: c.categories,
        series: c.series,
        options: {
          series: Object.fromEntries(c.series.map((_, i) => [i, { dataLabel: "value" }])),
          "vAxis.format": "#,##0",
        },
      })),
    );
    expect(fake.calls.get("Sheet.insertChart")).toBe(4);
    expect(fake.sheet(CITY_SHEET_NAMES.charts).get(0, 6) ?? "").toBe(""); // no error: no caution
  });

  test("charts drawn from a city table with errors: the caution in the cell above each chart", () => {
    const tabs = unitTabs(2);
    setCell(tabs[1], "D2", "total", 99);
    const { fake, gs } = setup(tabs);
    gs.mergeUnitSheets();
    const text =
      "Lưu ý: số liệu này còn 3 lỗi chưa sửa (xem trang Tổng hợp thành phố); biểu đồ vẽ theo số liệu như đã nhập.";
    const tab = fake.sheet(CITY_SHEET_NAMES.charts);
    expect([0, 21, 42, 63].map((r) => tab.get(r, 6))).toEqual([text, text, text, text]);
    expect(tab.merges).toEqual(["G1:O1", "G22:O22", "G43:O43", "G64:O64"]);
    expect(tab.charts.map((c) => c.anchor)).toEqual(CHARTS.map((c) => c.anchor[0]));
  });

  test("the calls grow only by the per-tab read the host forces", () => {
    const c1 = merge(1).calls;
    const c10 = merge(10).calls;
    const c150 = merge(150).calls;
    const perTab = (c10 - c1) / 9;
    expect(perTab).toBe(4); // getName, getDataRange, getValues, getFormulas
    expect(c150 - c10).toBe(140 * perTab + 150 / 25); // and a progress toast every 25 tabs
  });

  test("a second merge replaces the outputs; the document lock keeps two merges apart", () => {
    const { fake, gs } = setup(unitTabs(2));
    gs.mergeUnitSheets();
    gs.mergeUnitSheets();
    expect(fake.sheets.map((s) => s.name)).toEqual(["ĐV 1", "ĐV 2", ...Object.values(CITY_SHEET_NAMES)]);
    fake.lockTakenElsewhere = true;
    fake.reset();
    gs.mergeUnitSheets();
    expect(fake.toasts.at(-1)?.msg).toBe("Đang có người khác hợp nhất. Hãy thử lại sau ít phút.");
    expect(writes(fake)).toEqual([]);
  });

  test("a tab copied without its unit line counted once; a blank tab not submitted; the toast is the core's", () => {
    const tabs = [
      { ...sheet(unitValues(0), units[0]), name: "ĐV 1" },
      { ...sheet(unitValues(0), null), name: "Bản sao" },
      { ...sheet(build({}), units[1]), name: "ĐV 2" },
    ];
    const { fake, gs } = setup(tabs);
    gs.mergeUnitSheets();
    const lines = coreLines(fake, tabs, { roster: bundledRoster() });
    expect(fake.toasts.at(-1)?.msg).toBe(mergedToast(lines));
    expect(lines[0]).toBe("Tổng hợp: 1 đơn vị được tính vào tổng thành phố.");
    expect(lines[1]).toMatch(/^Đã nộp: 1 đơn vị; nộp bảng trống: 1\. /);
    expect(lines[2]).toBe("Có lỗi: 0 đơn vị; bản trùng bị loại: 1; không đọc được: 0.");
    expect(fake.sheet(CITY_SHEET_NAMES.city).get(LAY.row.get("TONG")!, LAY.col.get("total")!)).toBe(
      unitValues(0).TONG.total,
    );
    const status = fake.sheet(CITY_SHEET_NAMES.status);
    const row = status.rows.find((r) => r?.[1]?.v === units[1])!;
    expect(row[3]?.v).toBe("Nộp bảng trống");
  });

  test("errors on a unit's Cơ cấu đại biểu tab count with its unit, in the status and the toast", () => {
    const tabs = unitTabs(2);
    const db = { ...dbSheet({ DB1: 80, DB2: 90, DB3: 40, DB4: 30, DB7: 3 }, undefined, units[1]), name: "CCDB 2" };
    const dbErrors = countBySeverity(analyzeGrid(db)!.findings).errors;
    expect(dbErrors).toBeGreaterThan(0);
    const { fake, gs } = setup([...tabs, db]);
    gs.mergeUnitSheets();
    const rows = fake.sheet(CITY_SHEET_NAMES.status).rows.map((r) => (r ?? []).map((c) => c?.v));
    const errorsCol = rows[0].indexOf("Số lỗi");
    expect(rows.find((r) => r[1] === units[1])![errorsCol]).toBe(dbErrors);
    expect(rows.find((r) => r[1] === units[0])![errorsCol]).toBe(0);
    expect(fake.toasts.at(-1)?.msg).toContain("Có lỗi: 1 đơn vị;");
  });

  test("a merge that includes no unit writes no tab and says why", () => {
    const tabs = [{ ...sheet(build({}), units[0]), name: "ĐV 1" }];
    const { fake, gs } = setup(tabs);
    gs.mergeUnitSheets();
    expect(fake.sheets.map((s) => s.name)).toEqual(["ĐV 1"]);
    const lines = coreLines(fake, tabs, { roster: bundledRoster() });
    expect(fake.toasts.at(-1)?.msg).toBe(
      `Không có đơn vị nào được tính vào tổng: chưa ghi trang tổng hợp nào.\n${lines.join("\n")}`,
    );
  });

  test.each(["Danh sách đơn vị", "DANH SÁCH ĐƠN VỊ"])("a roster tab in the spreadsheet is used: %s", (tab) => {
    const tabs = unitTabs(2);
    const { fake, gs } = setup(tabs);
    fake.addSheet(tab, [
      ["Tên đơn vị", "Loại"],
      [units[0], "Trường THPT"],
      ["Trường THPT Mới", "Trường THPT"],
    ]);
    const roster: Roster = {
      units: [
        { name: units[0], type: "Trường THPT", aliases: [] },
        { name: "Trường THPT Mới", type: "Trường THPT", aliases: [] },
      ],
    };
    gs.mergeUnitSheets();
    // Spec §5 v2: the tab's roster is complete, so the unit off it is held out until confirmed.
    const lines = coreLines(fake, tabs, { roster });
    expect(fake.toasts.at(-1)?.msg).toBe(mergedToast(lines));
    expect(lines.slice(0, 2)).toEqual([
      "Tổng hợp: 1 đơn vị được tính vào tổng thành phố.",
      "Đã nộp: 2 đơn vị; chưa nộp: 1 (trong đó 0 nộp bảng trống).",
    ]);
    expect(lines[3]).toMatch(/^Chưa xác nhận — không tính vào tổng: 1 đơn vị ngoài danh sách/);
    expect(fake.sheet(CITY_SHEET_NAMES.city).get(LAY.row.get("TONG")!, LAY.col.get("total")!)).toBe(
      unitValues(0).TONG.total,
    );
    // The menu's second merge counts it in.
    gs.mergeUnitSheetsIncludingUnknown();
    const all = coreLines(fake, tabs, { roster, includeUnknown: true });
    expect(fake.toasts.at(-1)?.msg).toBe(mergedToast(all));
    expect(all[0]).toBe("Tổng hợp: 2 đơn vị được tính vào tổng thành phố.");
    expect(fake.sheet(CITY_SHEET_NAMES.city).get(LAY.row.get("TONG")!, LAY.col.get("total")!)).toBe(
      unitsSum(2, "TONG"),
    );
  });
});
