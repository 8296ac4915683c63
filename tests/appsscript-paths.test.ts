/**
 * The Apps Script as the unit and the Sở use it, end to end, in the strict in-memory Sheets of
 * tests/helpers/gas-fake.ts: every click and every keystroke is its own execution, an editor
 * behind the link is refused what Sheets refuses them, typed text is parsed by the cell's
 * number format. First the fake's own refusals, then the paths.
 */
import { createHash } from "node:crypto";
import { bundledRoster, CITY_SHEET_NAMES, type Grid, MARK_COLORS, templateById } from "../shared";
import { builtAppsScript, expectedMarks, type FakeSheet, GasFake, ProtectedError } from "./helpers/gas-fake";
import { at, BASE, build, findings, LAY, setCell, sheet, unitValues } from "./helpers/tables";

const DIST = builtAppsScript();
const TEMPLATE = templateById("pl02").def.sheetName;
const HELPER = "_phuluc02";

type Api = Record<string, (...a: unknown[]) => Api & Record<string, unknown>>;
const api = (s: FakeSheet) => s.api() as unknown as Api;

function setup(grids: Grid[] = []) {
  const fake = new GasFake(DIST);
  for (const g of grids) fake.addSheet(g.name, g.rows as (string | number)[][]);
  return { fake, gs: fake.script() };
}

const failures = (fake: GasFake) => fake.toasts.filter((t) => /không làm được/.test(t.msg)).map((t) => t.msg);

/** The tab as the script reads it (values, formulas computed; which cells hold a formula), as the core's grid. */
function asRead(tab: FakeSheet): Grid {
  const range = api(tab).getDataRange();
  const rows = (range.getValues as unknown as () => unknown[][])();
  const texts = (range.getFormulas as unknown as () => string[][])();
  return {
    name: tab.name,
    rows: rows.map((r) => r.map((v) => (v === "" ? null : v))) as Grid["rows"],
    formulas: texts.map((r) => r.map((f) => (f === "" ? undefined : f))),
  };
}

/** The cells the core blames on the tab as it stands, with the colour each should show. */
function expectedTabMarks(tab: FakeSheet): [string, string][] {
  return expectedMarks(findings(asRead(tab)));
}

/** The leaf cells of a correct table, as a unit types them: [ref, text], zeros left empty. */
function leafEntries(): [string, string][] {
  const values = build(BASE);
  const t = templateById("pl02");
  const out: [string, string][] = [];
  for (const def of t.rows) {
    if (t.children.get(def.code)) continue;
    for (const key of t.countKeys) {
      const n = values[def.code][key];
      if (n) out.push([at(def.code, key), String(n)]);
    }
  }
  return out;
}

/** A correct unit tab named `name`. */
function unitTab(name: string): Grid {
  return { ...sheet(build(BASE)), name };
}

/**
 * Two units' first edits, B's run right after A's call named `after`: A breaks D2's total in
 * tab "ĐV A", B breaks C7's first year in tab "ĐV B".
 */
function firstEdits(after: string) {
  const { fake } = setup([unitTab("ĐV A"), unitTab("ĐV B")]);
  fake.user = "editor";
  fake.between(after, () => void fake.type("ĐV B", at("C7", "y2021"), "7"));
  fake.type("ĐV A", at("D2", "total"), "1");
  return { fake, ta: fake.sheet("ĐV A"), tb: fake.sheet("ĐV B") };
}

const digest = (x: unknown) => createHash("sha1").update(JSON.stringify(x)).digest("hex");
const look = (s: FakeSheet) => ({
  name: s.name,
  rows: s.rows,
  merges: s.merges,
  frozen: s.frozen,
  size: [s.maxRows, s.maxCols],
  hidden: s.hidden,
});

describe("the fake is as strict as Sheets", () => {
  test("a frozen pane may not cut a merge, nor a merge a frozen pane", () => {
    const { fake } = setup();
    const tab = fake.addSheet("T");
    api(tab).getRange("A1:M1").merge();
    expect(() => api(tab).setFrozenColumns(2)).toThrow(
      "Sorry, you can't freeze columns which contain only part of a merged cell.",
    );
    api(tab).setFrozenRows(1); // the merge lies inside the frozen row
    api(tab).getRange("A5:A6").merge();
    expect(() => api(tab).setFrozenRows(5)).toThrow(
      "Sorry, you can't freeze rows which contain only part of a merged cell.",
    );
    const other = fake.addSheet("U");
    api(other).setFrozenColumns(2);
    expect(() => api(other).getRange("A1:M1").merge()).toThrow("You can't merge frozen and non-frozen columns.");
    api(other).getRange("A1:B1").merge(); // inside the frozen columns
    api(other).getRange("C1:M1").merge(); // outside them
    expect(other.merges).toEqual(["A1:B1", "C1:M1"]);
  });

  test("ranges past the tab, and writes of another size than the range, are refused", () => {
    const { fake } = setup();
    const tab = fake.addSheet("T");
    expect(() => api(tab).getRange(1001, 1, 1, 1)).toThrow(/outside the dimensions of the sheet/);
    expect(() => api(tab).getRange(1, 27)).toThrow(/outside the dimensions of the sheet/);
    const r = api(tab).getRange(1, 1, 2, 2);
    for (const call of ["setValues", "setBackgrounds", "setNumberFormats"]) {
      expect(() => r[call]([["1", "2"]])).toThrow(/number of rows in the data does not match/);
      expect(() => r[call]([["1"], ["2"]])).toThrow(/number of columns in the data does not match/);
    }
  });

  test("text is parsed by the cell's number format, by hand and by setValues", () => {
    const { fake } = setup();
    const tab = fake.addSheet("T");
    api(tab).getRange("A1").setNumberFormat("@");
    api(tab)
      .getRange(1, 1, 1, 3)
      .setValues([["12", "12", "1.234"]]);
    expect([tab.get(0, 0), tab.get(0, 1), tab.get(0, 2)]).toEqual(["12", 12, 1234]);
    tab.set(3, 0, "=A1+B1+C1");
    expect(tab.value(3, 0)).toBe(1258); // Sheets' '+' reads the text "12" as 12
  });

  test("an editor behind the link is refused protected cells and the tab's formatting rules", () => {
    const { fake } = setup();
    const tab = fake.addSheet("T", [["x"]]);
    const p = api(tab).protect();
    p.setUnprotectedRanges([api(tab).getRange("B2")]);
    fake.user = "editor";
    expect(() =>
      api(tab)
        .getRange("A1")
        .setValues([["y"]]),
    ).toThrow(ProtectedError);
    expect(() => fake.type("T", "A1", "y")).toThrow(/protected cell/);
    expect(tab.get(0, 0)).toBe("x");
    expect(() => api(tab).setConditionalFormatRules([])).toThrow(/protected cell or object/);
    api(tab)
      .getRange("B2")
      .setValues([["ok"]]);
    expect(tab.get(1, 1)).toBe("ok");
  });

  test("insertSheet refuses an index past the last tab", () => {
    const { fake } = setup([{ name: "A", rows: [] }]);
    const ss = fake.globals().SpreadsheetApp as { getActiveSpreadsheet: () => Api };
    expect(() => ss.getActiveSpreadsheet().insertSheet("B", 2)).toThrow(/index 2 is out of range/);
    ss.getActiveSpreadsheet().insertSheet("B", 1);
    expect(fake.sheets.map((s) => s.name)).toEqual(["A", "B"]);
  });

  test("each click is its own execution; its locks end with it; another may run in between", () => {
    const { fake, gs } = setup([{ ...sheet(build(BASE)), name: "ĐV 1" }]);
    let during: [number, string | undefined, boolean] | undefined;
    fake.between("Lock.tryLock", () => {
      during = [fake.current, [...fake.locks.keys()][0], fake.run("onOpen") === undefined];
    });
    gs.mergeUnitSheets();
    expect(during).toEqual([1, "document", true]); // the merge held the document lock while onOpen ran
    expect(fake.executions).toBe(2);
    expect(fake.locks.size).toBe(0);
  });
});

describe("the unit's path", () => {
  test("template → lock → a correct table typed cell by cell → a wrong total → fixed → a pasted block", () => {
    const { fake, gs } = setup();
    fake.addSheet("Trang tính1");
    gs.createTemplateSheet();
    expect(failures(fake)).toEqual([]);
    expect(fake.toasts.at(-1)?.msg).toBe(`Đã tạo trang "${TEMPLATE}".`);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Trang tính1", TEMPLATE, HELPER]);
    const tab = fake.sheet(TEMPLATE);
    // Sheets cannot freeze part of a merged title: the header rows are frozen, the title stays merged.
    expect(tab.frozen).toEqual({ rows: LAY.row.get("A")!, cols: 0 });
    expect(tab.merges).toContain("A1:M1");
    gs.protectTemplate();
    expect(fake.toasts.at(-1)?.msg).toMatch(/^Đã khóa cấu trúc trang "Phụ lục 02"/);

    fake.user = "editor";
    fake.type(TEMPLATE, "B3", "Trường THPT Ngô Quyền");
    const entries = leafEntries();
    for (const [ref, text] of entries) fake.type(TEMPLATE, ref, text);
    expect(failures(fake)).toEqual([]);
    for (const [ref] of entries) {
      const p = /^([A-Z])(\d+)$/.exec(ref)!;
      const [r, c] = [Number(p[2]) - 1, p[1].charCodeAt(0) - 65];
      expect([ref, typeof tab.get(r, c), tab.cell(r, c).nf]).toEqual([ref, "number", undefined]);
    }
    expect(findings(asRead(tab))).toEqual([]);
    expect(fake.marks(tab)).toEqual([]);
    fake.active = fake.sheets.indexOf(tab);
    expect((gs.sidebarData() as { groups: unknown[] }).groups).toEqual([]);

    const total = at("D2", "total");
    fake.type(TEMPLATE, total, "999");
    expect(fake.shown(tab, total)).toBe(MARK_COLORS.error);
    expect(fake.marks(tab)).toEqual(expectedTabMarks(tab));
    const right = entries.find(([ref]) => ref === total)![1];
    fake.type(TEMPLATE, total, right);
    expect(fake.marks(tab)).toEqual([]);

    // The D2 row pasted at once: one wrong year, then the row pasted right.
    const row = build(BASE).D2;
    const keys = templateById("pl02").countKeys;
    fake.paste(TEMPLATE, at("D2", "total"), [keys.map((k) => String(k === "y2023" ? row[k] + 5 : row[k]))]);
    expect(fake.shown(tab, at("D2", "total"))).toBe(MARK_COLORS.error);
    expect(fake.marks(tab)).toEqual(expectedTabMarks(tab));
    fake.paste(TEMPLATE, at("D2", "total"), [keys.map((k) => String(row[k]))]);
    expect(fake.marks(tab)).toEqual([]);
    // A paste over a protected label is refused by Sheets, the table stays as it was.
    expect(() => fake.paste(TEMPLATE, at("D2", "label"), [["x", "1"]])).toThrow(ProtectedError);
    expect(failures(fake)).toEqual([]);
  });

  test("a template that fails half-way is taken away: the next click makes the same tab, not a (2)", () => {
    const { fake, gs } = setup();
    fake.addSheet("Trang tính1");
    fake.between("Range.setValues", () => {
      throw new Error("Service Spreadsheets failed while accessing document");
    });
    gs.createTemplateSheet();
    expect(failures(fake)).toHaveLength(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Trang tính1"]);
    gs.createTemplateSheet();
    expect(fake.sheets.map((s) => s.name)).toEqual(["Trang tính1", TEMPLATE, HELPER]);
  });

  test("a tab locked before its first check shows the unit's marks", () => {
    const g = unitTab("ĐV 1");
    const { fake, gs } = setup([g]);
    gs.protectTemplate();
    fake.user = "editor";
    fake.type("ĐV 1", at("D2", "y2021"), "40");
    expect(failures(fake)).toEqual([]);
    const tab = fake.sheet("ĐV 1");
    expect(fake.shown(tab, at("D2", "y2021"))).toBe(MARK_COLORS.error);
    expect(fake.marks(tab)).toEqual(expectedTabMarks(tab));
  });

  test("on a tab protected by hand, a refused rules call is not retried on each edit; the owner's check sets them", () => {
    const g = unitTab("ĐV 1");
    const { fake, gs } = setup([g]);
    const tab = fake.sheet("ĐV 1");
    api(tab)
      .protect()
      .setUnprotectedRanges([api(tab).getRange("C8:L40")]);
    fake.user = "editor";
    fake.type("ĐV 1", at("D2", "y2021"), "40");
    fake.reset();
    fake.type("ĐV 1", at("D2", "y2021"), "41");
    expect(fake.calls.get("Sheet.setConditionalFormatRules")).toBeUndefined();
    expect(fake.calls.get("Range.setValues")).toBe(1); // the marks are still written
    fake.user = "owner";
    fake.active = fake.sheets.indexOf(tab);
    gs.checkActiveSheet();
    expect(fake.marks(tab)).toEqual(expectedTabMarks(tab));
    expect(fake.shown(tab, at("D2", "y2021"))).toBe(MARK_COLORS.error);
  });

  test("a tab duplicated from a unit's tab and locked shows its own marks, the original keeps its own", () => {
    const g = unitTab("ĐV 1");
    setCell(g, "C7", "y2021", 3);
    const { fake, gs } = setup([g]);
    gs.checkAllSheets();
    const first = fake.sheet("ĐV 1");
    expect(fake.shown(first, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    const copy = fake.duplicate("ĐV 1", "ĐV 2");
    // Sheets copies the rules: until the copy has its own, it shows the original's marks.
    expect(fake.marks(copy)).toEqual(fake.marks(first));
    fake.active = fake.sheets.indexOf(copy);
    gs.protectTemplate();
    fake.user = "editor";
    fake.type("ĐV 2", at("C7", "y2021"), "1"); // the copy is put right
    fake.type("ĐV 2", at("D2", "total"), "1"); // and broken elsewhere
    expect(failures(fake)).toEqual([]);
    expect(fake.marks(copy)).toEqual(expectedTabMarks(copy));
    expect(fake.shown(copy, at("C7", "y2021"))).toBeNull();
    expect(fake.shown(copy, at("D2", "total"))).toBe(MARK_COLORS.error);
    expect(fake.marks(first)).toEqual(expectedTabMarks(first));
    expect(fake.shown(first, at("D2", "total"))).toBeNull();
  });

  test("the helper tab deleted and made again: the eighth tab's edit and check all still mark", () => {
    const tabs = Array.from({ length: 8 }, (_, i) => {
      const g = unitTab(`ĐV ${i + 1}`);
      setCell(g, "D2", "total", 100 + i);
      return g;
    });
    const { fake, gs } = setup(tabs);
    gs.checkAllSheets();
    fake.deleteTab(HELPER);
    fake.user = "editor";
    fake.type("ĐV 8", at("C7", "y2021"), "4");
    expect(failures(fake)).toEqual([]);
    const eighth = fake.sheet("ĐV 8");
    expect(fake.marks(eighth)).toEqual(expectedTabMarks(eighth));
    expect(fake.shown(eighth, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    fake.deleteTab(HELPER);
    fake.user = "owner";
    gs.checkAllSheets();
    expect(failures(fake)).toEqual([]);
    for (const g of tabs) expect(fake.marks(fake.sheet(g.name))).toEqual(expectedTabMarks(fake.sheet(g.name)));
  });

  test("two units' first edits interleaved get a block each: every tab shows its own marks", () => {
    // B's whole first edit runs while A's is between reading the properties and writing them.
    const { fake, ta, tb } = firstEdits("Properties.getProperties");
    expect(failures(fake)).toEqual([]);
    expect(fake.shown(ta, at("D2", "total"))).toBe(MARK_COLORS.error);
    expect(fake.shown(tb, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    expect(fake.marks(ta)).toEqual(expectedTabMarks(ta));
    expect(fake.marks(tb)).toEqual(expectedTabMarks(tb));
    // And they stay apart on the next edits.
    fake.type("ĐV B", at("C7", "y2021"), "1");
    expect(fake.marks(tb)).toEqual([]);
    expect(fake.marks(ta)).toEqual(expectedTabMarks(ta));
  });
});

describe("the lock around new blocks", () => {
  test("a first edit that cannot have the lock says so in Vietnamese; the next edit marks", () => {
    // B's edit comes while A holds the script lock (the fake cannot wait: the 10 s run out at once).
    const { fake, ta, tb } = firstEdits("Lock.tryLock");
    expect(failures(fake)).toEqual([
      "Phụ lục 02: không làm được (onEdit: một người khác đang được cấp vùng đánh dấu; hãy sửa lại ô vừa nhập).",
    ]);
    expect(fake.marks(ta)).toEqual(expectedTabMarks(ta));
    fake.type("ĐV B", at("C7", "y2021"), "7");
    expect(fake.shown(tb, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    expect(fake.marks(tb)).toEqual(expectedTabMarks(tb));
    expect(fake.marks(ta)).toEqual(expectedTabMarks(ta));
  });
});

describe("the Sở's path", () => {
  test("a unit that typed a correct table into the template is merged with 0 errors and 0 warnings", () => {
    const unit = bundledRoster().units[0].name;
    const { fake, gs } = setup();
    fake.addSheet("Trang tính1");
    gs.createTemplateSheet();
    gs.protectTemplate();
    fake.user = "editor";
    fake.type(TEMPLATE, "B3", unit);
    for (const [ref, text] of leafEntries()) fake.type(TEMPLATE, ref, text);
    fake.user = "owner";
    gs.mergeUnitSheets();
    expect(failures(fake)).toEqual([]);
    const status = fake.sheet(CITY_SHEET_NAMES.status);
    const row = status.rows.find((r) => r?.[1]?.v === unit)!.map((c) => c?.v);
    // Đã nộp, Ô cần sửa, Số lỗi, Số cảnh báo, Được tổng hợp
    expect(row.slice(3, 8)).toEqual(["Có", 0, 0, 0, "Có"]);
    const city = fake.sheet(CITY_SHEET_NAMES.city);
    expect(city.value(LAY.row.get("TONG")!, LAY.col.get("total")!)).toBe(build(BASE).TONG.total);
  });

  test("a unit's table pasted twice: the tab named 'bổ sung' is summed; the status sheet says which, why and what differs", () => {
    const unit = bundledRoster().units[0].name;
    const first = { ...sheet(build(BASE), unit), name: "ĐV 1" };
    const again = { ...sheet(build({ ...BASE, "A4.3": { lead: [0, 0, 0, 1, 1] } }), unit), name: "ĐV 1 bổ sung" };
    const { fake, gs } = setup([first, again]); // tab order alone would pick "ĐV 1"
    gs.mergeUnitSheets();
    expect(failures(fake)).toEqual([]);
    const status = fake.sheet(CITY_SHEET_NAMES.status);
    const head = status.rows[0].map((c) => c?.v);
    const row = status.rows.find((r) => r?.[1]?.v === unit)!.map((c) => c?.v);
    expect(head.slice(-2)).toEqual(["Bản được dùng", "Khác với bản bị loại"]);
    expect(String(row.at(-2))).toMatch(/ › ĐV 1 bổ sung: tên trang tính ghi là bản nộp lại \("bổ sung"\)$/);
    const lines = String(row.at(-1)).split("\n");
    expect(lines[0]).toMatch(/ › ĐV 1 → .+ › ĐV 1 bổ sung: 16 ô khác$/);
    expect(lines).toContain("A4.3 Huân chương Lao động hạng Ba · Lãnh đạo, quản lý: 1 → 2");
    const city = fake.sheet(CITY_SHEET_NAMES.city);
    expect(city.value(LAY.row.get("A4.3")!, LAY.col.get("leaders")!)).toBe(2);
  });

  test("merge twice: all output tabs written, the same outputs, the unit tabs unchanged", () => {
    const units = bundledRoster().units.map((u) => u.name);
    const grids = [0, 1, 2].map((i) => ({ ...sheet(unitValues(i), units[i]), name: `ĐV ${i + 1}` }));
    setCell(grids[1], "D2", "total", 999);
    const { fake, gs } = setup(grids);
    const before = digest(fake.sheets.map(look));
    gs.mergeUnitSheets();
    expect(failures(fake)).toEqual([]);
    const names = ["ĐV 1", "ĐV 2", "ĐV 3", ...Object.values(CITY_SHEET_NAMES)];
    expect(fake.sheets.map((s) => s.name)).toEqual(names);
    const outputs = () => digest(fake.sheets.slice(3).map(look));
    const first = outputs();
    gs.mergeUnitSheets();
    expect(failures(fake)).toEqual([]);
    expect(fake.sheets.map((s) => s.name)).toEqual(names);
    expect(outputs()).toBe(first);
    expect(digest(fake.sheets.slice(0, 3).map(look))).toBe(before);
    expect(fake.sheet(CITY_SHEET_NAMES.status).get(0, 0)).toBe("STT");
    // Panes: the city table as the template (its title is merged over every column), the others as asked.
    expect(Object.values(CITY_SHEET_NAMES).map((n) => fake.sheet(n).frozen)).toEqual([
      { rows: LAY.row.get("A")!, cols: 0 },
      { rows: 2, cols: 2 },
      { rows: 1, cols: 0 },
      { rows: 7, cols: 0 }, // the conference tab (spec §5b): its header row; its title is merged across
      { rows: 0, cols: 0 }, // the report tab
      { rows: 0, cols: 0 }, // the chart tab: nothing frozen
    ]);
    expect(fake.sheet(CITY_SHEET_NAMES.detail).lastRow()).toBe(2 + 3 + 1); // two header rows, three units, the total
    // The figures in words for the Sở's report, titled with the city's unit line.
    expect(fake.sheet(CITY_SHEET_NAMES.report).get(0, 0)).toBe(
      "Số liệu khen thưởng giai đoạn 2020 - 2025 – Sở GDĐT Hải Phòng (tổng hợp)",
    );
  });
});
