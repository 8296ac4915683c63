/**
 * Issue 24, Google Sheets: what people do to a marked spreadsheet and what Sheets does back,
 * each on the in-memory SpreadsheetApp of gas-fake.ts (which cites the behaviour it models),
 * against the BUILT dist/appsscript/Code.js.
 */
import { analyzeGrid, type Grid, MARK_COLORS } from "../shared";
import { builtAppsScript, expectedMarks, type FakeSheet, GasFake } from "./helpers/gas-fake";
import { at, BASE, build, LAY, setCell, sheet } from "./helpers/tables";

const DIST = builtAppsScript();
const failures = (fake: GasFake) => fake.toasts.filter((t) => /không làm được/.test(t.msg)).map((t) => t.msg);

type Api = Record<string, (...a: unknown[]) => Api & Record<string, unknown>>;
const api = (s: FakeSheet) => s.api() as unknown as Api;

/** The tab as the script reads it (values, formulas computed; which cells hold a formula). */
function asRead(tab: FakeSheet): Grid {
  return tab.fake.asUser(() => {
    const range = api(tab).getDataRange();
    const rows = (range.getValues as unknown as () => unknown[][])();
    const texts = (range.getFormulas as unknown as () => string[][])();
    return {
      name: tab.name,
      rows: rows.map((r) => r.map((v) => (v === "" ? null : v))) as Grid["rows"],
      formulas: texts.map((r) => r.map((f) => (f === "" ? undefined : f))),
    };
  });
}

const tabMarks = (tab: FakeSheet) => expectedMarks(analyzeGrid(asRead(tab))?.findings ?? []);

/** A unit's table (D2's total typed 999) with `dr` rows and `dc` columns before it. */
function shifted(name: string, dr: number, dc: number): Grid {
  const g = sheet(build(BASE));
  setCell(g, "D2", "total", 999);
  const rows: Grid["rows"] = [];
  g.rows.forEach((row, r) => (rows[r + dr] = [...new Array(dc).fill(null), ...(row ?? [])]));
  return { name, rows };
}

/** `ref` of the template's layout, moved by `dr` rows and `dc` columns. */
function moved(ref: string, dr: number, dc: number): string {
  const p = /^([A-Z])(\d+)$/.exec(ref)!;
  const col = p[1].charCodeAt(0) - 65 + dc;
  const letters =
    col < 26 ? String.fromCharCode(65 + col) : String.fromCharCode(64 + Math.floor(col / 26), 65 + (col % 26));
  return `${letters}${Number(p[2]) + dr}`;
}

describe("point 11: marks wherever the table is", () => {
  // The core finds a header in a tab's first 200 rows (shared/locate-header.ts): a table whose
  // title is at row 161 is one it lists, and the script used to mark nothing below row 150.
  test("a table below row 150 and right of column Z: check all and an edit mark its cells there", () => {
    const fake = new GasFake(DIST);
    const g = shifted("ĐV xa", 160, 30);
    const tab = fake.addSheet(g.name, g.rows as (string | number)[][]);
    const gs = fake.script();
    gs.checkAllSheets();
    const total = moved(at("D2", "total"), 160, 30);
    expect(tab.get(LAY.row.get("D2")! + 160, LAY.col.get("total")! + 30)).toBe(999);
    expect(fake.marks(tab)).toEqual(tabMarks(tab));
    expect(fake.shown(tab, total)).toBe(MARK_COLORS.error);
    expect(fake.marks(tab).length).toBeGreaterThan(0);
    // put right by a unit behind the link: the mark goes
    fake.user = "editor";
    const right = sheet(build(BASE)).rows[LAY.row.get("D2")!][LAY.col.get("total")!];
    fake.type(g.name, total, String(right));
    expect(failures(fake)).toEqual([]);
    expect(fake.marks(tab)).toEqual([]);
    fake.type(g.name, moved(at("C7", "y2021"), 160, 30), "abc");
    expect(fake.marks(tab)).toEqual(tabMarks(tab));
    expect(fake.shown(tab, moved(at("C7", "y2021"), 160, 30))).toBe(MARK_COLORS.error);
  });
});

describe("point 8: check all does not write over newer marks", () => {
  test("a unit fixes its tab while check all reads the others: its cell does not turn red again", () => {
    const fake = new GasFake(DIST);
    const names = Array.from({ length: 6 }, (_, i) => `ĐV ${i + 1}`);
    for (const n of names) fake.addSheet(n, shifted(n, 0, 0).rows as (string | number)[][]);
    const gs = fake.script();
    gs.checkAllSheets();
    const second = fake.sheet("ĐV 2");
    const total = at("D2", "total");
    expect(fake.shown(second, total)).toBe(MARK_COLORS.error);
    const right = String(sheet(build(BASE)).rows[LAY.row.get("D2")!][LAY.col.get("total")!]);
    // The Sở's second check all has read ĐV 1 … ĐV 4 when the unit of ĐV 2 types the right total.
    fake.between("Range.getValues", () => void fake.type("ĐV 2", total, right), 4);
    gs.checkAllSheets();
    expect(failures(fake)).toEqual([]);
    expect(fake.marks(second)).toEqual([]);
    expect(fake.marks(second)).toEqual(tabMarks(second));
    for (const n of names.filter((x) => x !== "ĐV 2")) {
      const tab = fake.sheet(n);
      expect([n, fake.marks(tab)]).toEqual([n, tabMarks(tab)]);
      expect(fake.shown(tab, total)).toBe(MARK_COLORS.error);
    }
  });
});

describe("point 14: the first check all of 150 tabs", () => {
  /** 150 correct unit tabs, the first check all run on them: its calls, by name. */
  function firstRun(n: number) {
    const fake = new GasFake(DIST);
    for (let i = 0; i < n; i++) fake.addSheet(`ĐV ${i + 1}`, sheet(build(BASE)).rows as (string | number)[][]);
    fake.script().checkAllSheets();
    return fake;
  }

  test("one properties write for every tab's rules; per tab only its read and its rules", () => {
    const f10 = firstRun(10);
    const f150 = firstRun(150);
    expect(failures(f150)).toEqual([]);
    // the blocks handed out (under the lock), then every tab's rules at once: not a setProperty per tab
    expect(f150.calls.get("Properties.setProperties")).toBe(2);
    expect(f150.calls.get("Properties.setProperty")).toBeUndefined();
    // per tab: getName, getSheetId, getDataRange, getValues, getFormulas; getRange,
    // getConditionalFormatRules, 2 × 5 rule builder calls, setConditionalFormatRules
    expect((f150.total() - f10.total()) / 140).toBe(18);
    expect(f150.total()).toBe(2727);
    for (const tab of f150.sheets.filter((s) => s.name.startsWith("ĐV"))) expect(tab.cf).toHaveLength(2);
  });
});

describe("point 13: an edit in a large tab that holds no unit's table", () => {
  /** A tab of 40,000 rows × 26 columns (1,040,000 cells), a class list, say. */
  function bigTab(fake: GasFake): FakeSheet {
    const big = fake.addSheet("Danh sách học sinh");
    for (let r = 0; r < 40000; r++) {
      big.set(r, 0, `HS ${r + 1}`);
      big.set(r, 25, r);
    }
    return big;
  }

  test("the model stops an onEdit that reads past the 30 s of a simple trigger", () => {
    const fake = new GasFake(DIST);
    const big = bigTab(fake);
    // what onEdit did before: the whole tab read (getDataRange().getValues())
    const whole = () => (api(big).getDataRange().getValues as unknown as () => unknown)();
    expect(() => fake.asTrigger(whole)).toThrow("Exceeded maximum execution time");
    expect(() => whole()).not.toThrow(); // a menu command has 6 minutes
  });

  test("an edit below the rows that can hold a table reads nothing", () => {
    const fake = new GasFake(DIST);
    bigTab(fake);
    fake.reset();
    fake.type("Danh sách học sinh", "B20000", "x");
    expect(failures(fake)).toEqual([]);
    expect(fake.cellsRead).toBe(0);
    // the session (3), the edited range (5), the tab's name and size (3)
    expect(fake.total()).toBe(11);
  });

  test("an edit near the top reads the first 350 rows; a unit's table there is checked and marked", () => {
    const fake = new GasFake(DIST);
    const big = bigTab(fake);
    const g = shifted("x", 0, 0);
    for (let r = 0; r < 60; r++) big.rows[r] = [];
    g.rows.forEach((row, r) => row?.forEach((v, c) => v !== null && v !== undefined && big.set(r, c, v as string)));
    fake.user = "editor";
    fake.reset();
    fake.type(big.name, at("C7", "y2021"), "abc");
    expect(failures(fake)).toEqual([]);
    expect(fake.cellsRead).toBe(2 * 350 * 26);
    expect(fake.shown(big, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    expect(fake.shown(big, at("D2", "total"))).toBe(MARK_COLORS.error);
  });
});

describe("point 15: the helper tab made under the lock; locking when the Sở edits through a group", () => {
  test("two first edits after the helper tab was deleted: both mark, neither fails", () => {
    const fake = new GasFake(DIST);
    for (const n of ["ĐV A", "ĐV B"]) fake.addSheet(n, sheet(build(BASE)).rows as (string | number)[][]);
    fake.script().checkAllSheets();
    fake.deleteTab("_phuluc02");
    fake.user = "editor";
    // B's whole edit runs right after A found the helper tab missing
    fake.between("Spreadsheet.getSheetByName", () => void fake.type("ĐV B", at("C7", "y2021"), "7"));
    fake.type("ĐV A", at("D2", "total"), "1");
    expect(failures(fake)).toEqual([]);
    expect(fake.sheets.filter((s) => s.name === "_phuluc02")).toHaveLength(1);
    const [a, b] = [fake.sheet("ĐV A"), fake.sheet("ĐV B")];
    expect(fake.shown(a, at("D2", "total"))).toBe(MARK_COLORS.error);
    expect(fake.shown(b, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    expect(fake.marks(a)).toEqual(tabMarks(a));
    expect(fake.marks(b)).toEqual(tabMarks(b));
  });

  test("Khóa cấu trúc mẫu by someone who edits through a group: the tab is locked, the group kept", () => {
    const fake = new GasFake(DIST);
    fake.runnerGroup = "phong-gdtrh@haiphong.edu.vn";
    fake.addSheet("Trang tính1");
    const gs = fake.script();
    gs.createTemplateSheet();
    gs.protectTemplate();
    expect(failures(fake)).toEqual([]);
    const tab = fake.sheets.find((s) => s.protections.length)!;
    expect(tab.protections[0].editors).toEqual(["so-gddt@haiphong.edu.vn", "phong-gdtrh@haiphong.edu.vn"]);
    expect(tab.protections[0].domainEdit).toBe(false);
    expect(fake.toasts.at(-1)?.msg).toMatch(/^Đã khóa cấu trúc trang/);
  });
});

/** The marks shown that the tab's findings, as it is now, do not call for: a mark claiming a stale error. */
function staleMarks(fake: GasFake, tab: FakeSheet): [string, string][] {
  const due = new Set(tabMarks(tab).map(([ref]) => ref));
  return fake.marks(tab).filter(([ref]) => !due.has(ref));
}

describe("point 9: a mark never outlives the values it was made for", () => {
  /** A unit's tab checked by the Sở: D2's total typed 999 and C7's first year "abc". */
  function checked() {
    const fake = new GasFake(DIST);
    const g = shifted("ĐV 1", 0, 0);
    setCell(g, "C7", "y2021", "abc");
    const tab = fake.addSheet(g.name, g.rows as (string | number)[][]);
    fake.script().checkAllSheets();
    expect(fake.shown(tab, at("D2", "total"))).toBe(MARK_COLORS.error);
    expect(fake.shown(tab, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    return { fake, tab };
  }
  const put = (tab: FakeSheet, code: string, key: string, v: string | number) =>
    tab.set(LAY.row.get(code)!, LAY.col.get(key)!, v);
  const right = (code: string, key: string) => sheet(build(BASE)).rows[LAY.row.get(code)!][LAY.col.get(key)!] as number;

  test("fixed by an editor for whom no trigger runs: no cell stays red for an error that is gone", () => {
    const { fake, tab } = checked();
    // not signed in: Sheets runs no simple trigger for them, the cell changes and nothing checks it
    fake.user = "anonymous";
    fake.reset();
    fake.type(tab.name, at("D2", "total"), String(right("D2", "total")));
    expect(fake.total()).toBe(0);
    fake.user = "owner";
    expect(fake.shown(tab, at("D2", "total"))).toBeNull();
    expect(staleMarks(fake, tab)).toEqual([]);
    // the next check (the Sở's, or a signed-in unit's edit) marks what is still wrong
    fake.script().checkAllSheets();
    expect(fake.marks(tab)).toEqual(tabMarks(tab));
    expect(fake.shown(tab, at("C7", "y2021"))).toBe(MARK_COLORS.error);
  });

  test("a text cell put right with a 0, which leaves the table's sum as it was: its mark goes", () => {
    const { fake, tab } = checked();
    put(tab, "C7", "y2021", 0);
    expect(fake.shown(tab, at("C7", "y2021"))).toBeNull();
    expect(staleMarks(fake, tab)).toEqual([]);
  });
});

describe("point 10: a locked tab duplicated with its protection", () => {
  test("the copy, put right by its unit, shows none of the original's marks", () => {
    const fake = new GasFake(DIST);
    const g = shifted("ĐV 1", 0, 0);
    fake.addSheet(g.name, g.rows as (string | number)[][]);
    const gs = fake.script();
    gs.checkAllSheets();
    gs.protectTemplate();
    const copy = fake.duplicate("ĐV 1", "ĐV 2", { protections: true });
    expect(copy.protections).toHaveLength(1);
    // as copied, the table is the original's: its marks are true of the copy too
    expect(fake.marks(copy)).toEqual(tabMarks(copy));
    fake.user = "editor";
    const right = sheet(build(BASE)).rows[LAY.row.get("D2")!][LAY.col.get("total")!];
    fake.type("ĐV 2", at("D2", "total"), String(right));
    expect(failures(fake)).toEqual([]);
    // the unit may not set the copy's rules (protected): they still read the original's block
    expect(copy.cf[0].formula).toBe(fake.sheet("ĐV 1").cf[0].formula);
    expect(fake.shown(copy, at("D2", "total"))).toBeNull();
    expect(staleMarks(fake, copy)).toEqual([]);
    expect(fake.shown(fake.sheet("ĐV 1"), at("D2", "total"))).toBe(MARK_COLORS.error);
  });
});

describe("point 12: a block pasted from another tab brings that tab's rules", () => {
  test("the pasted rules never show the other tab's errors once the cells differ from what was checked there", () => {
    const fake = new GasFake(DIST);
    const a = fake.addSheet("ĐV A", shifted("ĐV A", 0, 0).rows as (string | number)[][]);
    const b = fake.addSheet("ĐV B", sheet(build(BASE)).rows as (string | number)[][]);
    const gs = fake.script();
    gs.checkAllSheets();
    expect(fake.marks(b)).toEqual([]);
    fake.user = "editor";
    // B's unit copies A's table (with its wrong total) over its own
    const rows = LAY.grid.rows.length;
    fake.pasteFrom("ĐV A", `A1:M${rows}`, "ĐV B");
    expect(failures(fake)).toEqual([]);
    expect(b.cf.length).toBeGreaterThan(2); // its own two rules and A's
    expect(fake.marks(b)).toEqual(tabMarks(b));
    // B's unit puts the total right: neither B's rules nor A's mark it any more
    const right = sheet(build(BASE)).rows[LAY.row.get("D2")!][LAY.col.get("total")!];
    fake.type("ĐV B", at("D2", "total"), String(right));
    expect(fake.shown(b, at("D2", "total"))).toBeNull();
    expect(staleMarks(fake, b)).toEqual([]);
    expect(fake.shown(a, at("D2", "total"))).toBe(MARK_COLORS.error);
  });
});
