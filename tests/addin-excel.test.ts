/**
 * The Excel adapter through office-addin-mock objects (tests/helpers/excel-fake.ts): exact
 * round trips, exact cells painted and given back, the user's fills and notes kept, the merge's
 * three round trips for 1, 10 and 100 sheets, the auto-check's single registration and guard.
 */
import { AutoCheck } from "../addin/excel/auto-check";
import { checkSheet, checkSheets, resetSession } from "../addin/excel/check";
import { detectFeatures, type ExcelFeatures } from "../addin/excel/features";
import { mergeInWorkbook, scanSheets } from "../addin/excel/merge";
import { SelfWrites } from "../addin/excel/self-writes";
import { freeName, insertTemplates } from "../addin/excel/template";
import { bundledRoster, CITY_SHEET_NAMES, type Grid, MARK_COLORS, templateById, templateLayout } from "../shared";
import { OfficeMockObject } from "office-addin-mock";
import { FakeExcel, type FakeSheet } from "./helpers/excel-fake";
import { at, BASE, build, findings, LAY, setCell, sheet } from "./helpers/tables";

const NOTES: ExcelFeatures = { notes: "notes", triggerSource: true };
const NO_NOTES: ExcelFeatures = { notes: "none", triggerSource: false };

function book(grids: Grid[]): FakeExcel {
  const x = new FakeExcel();
  for (const g of grids) x.addSheet(g.name, g.rows as (string | number | null)[][]);
  (globalThis as unknown as { Excel: unknown }).Excel = { run: x.run };
  return x;
}

async function check(x: FakeExcel, features = NOTES, sheetId?: string) {
  const before = x.syncs;
  const res = await x.run((ctx) => checkSheet(ctx, { lang: "vi", features, sheetId }));
  return { res, syncs: x.syncs - before };
}

function marked(s: FakeSheet) {
  return [...s.cells]
    .filter(([, c]) => c.fill === MARK_COLORS.error || c.fill === MARK_COLORS.warning)
    .map(([ref, c]) => [ref, c.fill])
    .sort();
}

beforeEach(() => resetSession());

describe("check in Excel", () => {
  test("a right table: one read; the table's place is remembered in one write; then reads only", async () => {
    const x = book([sheet(build(BASE))]);
    const first = await check(x);
    expect(first.res.findings).toEqual([]);
    expect(first.res.result?.template).toBe("pl02");
    expect(first.syncs).toBe(2);
    expect(marked(x.sheets[0])).toEqual([]);
    const again = await check(x);
    expect(again.syncs).toBe(1);
  });

  test("wrong cells are painted and explained in notes, in one read and one write", async () => {
    const g = sheet(build(BASE));
    setCell(g, "D2", "total", 999);
    const expected = findings(g);
    const x = book([g]);
    const { res, syncs } = await check(x);
    expect(syncs).toBe(2);
    expect(res.findings).toEqual(expected);
    const blamed = [...new Set(expected.map((f) => f.cells[0]))].sort();
    expect(marked(x.sheets[0]).map(([ref]) => ref)).toEqual(blamed);
    for (const ref of blamed) {
      const note = x.cell(x.sheets[0], ref).note!;
      for (const f of expected.filter((e) => e.cells[0] === ref)) expect(note).toContain(`[${f.rule}] ${f.message}`);
    }
  });

  test("the user's fill and note survive check → fix → re-check", async () => {
    const g = sheet(build(BASE));
    const ref = at("D2", "total");
    const good = g.rows[LAY.row.get("D2")!][LAY.col.get("total")!];
    setCell(g, "D2", "total", 999);
    const x = book([g]);
    const s = x.sheets[0];
    Object.assign(x.cell(s, ref), { fill: "#00B0F0", note: "Số của phòng TCCB" });
    const otherRef = at("D2", "y2023");
    x.cell(s, otherRef).fill = "#92D050"; // a user colour on a cell the tool never blames

    await check(x);
    expect(x.cell(s, ref).fill).toBe(MARK_COLORS.error);
    expect(x.cell(s, ref).note).toBe("Số của phòng TCCB"); // not replaced: explanation stays in the pane

    x.cell(s, ref).v = good as number;
    const fixed = await check(x);
    expect(fixed.res.findings).toEqual([]);
    expect(fixed.syncs).toBe(2);
    expect(x.cell(s, ref).fill).toBe("#00B0F0");
    expect(x.cell(s, ref).note).toBe("Số của phòng TCCB");
    expect(x.cell(s, otherRef).fill).toBe("#92D050");
    expect([...s.cells.values()].filter((c) => c.note !== null)).toHaveLength(1);
    expect(marked(s)).toEqual([]);
  });

  test("our notes go when the cell is right; cells without a fill get none back", async () => {
    const g = sheet(build(BASE));
    const ref = at("C7", "y2021");
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    expect(x.cell(s, ref).fill).toBe(MARK_COLORS.error);
    expect(x.cell(s, ref).note).toMatch(/^\[VALUE_NOT_NUMBER\] /);
    x.cell(s, ref).v = 1;
    await check(x);
    expect(x.cell(s, ref).fill).toBeNull();
    expect(x.cell(s, ref).note).toBeNull();
  });

  test("a cell the user recoloured while wrong keeps the user's new colour once right", async () => {
    const g = sheet(build(BASE));
    const ref = at("C7", "y2021");
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    x.cell(s, ref).fill = "#FFFF00";
    await check(x); // still wrong: painted again, the user's yellow recorded as its own
    expect(x.cell(s, ref).fill).toBe(MARK_COLORS.error);
    x.cell(s, ref).v = 1;
    await check(x);
    expect(x.cell(s, ref).fill).toBe("#FFFF00");
  });

  test("without the notes API nothing is written into notes", async () => {
    const g = sheet(build(BASE));
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const { syncs } = await check(x, NO_NOTES);
    expect(syncs).toBe(2);
    expect([...x.sheets[0].cells.values()].some((c) => c.note !== null)).toBe(false);
    expect(marked(x.sheets[0])).toEqual([[at("C7", "y2021"), MARK_COLORS.error]]);
  });

  test("a sheet without a table: one read, nothing written", async () => {
    const x = book([{ name: "Ghi chú", rows: [["Danh sách cán bộ"], ["Nguyễn Văn A", 3]] }]);
    const { res, syncs } = await check(x);
    expect(res.result).toBeUndefined();
    expect(syncs).toBe(1);
  });

  test("sheets changed together are checked together: one read and one write trip for all", async () => {
    const wrong = (name: string) => {
      const g = { ...sheet(build(BASE)), name };
      setCell(g, "D2", "total", 999);
      return g;
    };
    const grids = [wrong("Đơn vị 1"), wrong("Đơn vị 2"), wrong("Đơn vị 3")];
    const x = book(grids);
    const before = x.syncs;
    const checks = await x.run((ctx) =>
      checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }),
    );
    expect(x.syncs - before).toBe(2);
    expect(checks.map((c) => [c.sheet, c.findings])).toEqual(grids.map((g) => [g.name, findings(g)]));
    for (const [i, g] of grids.entries())
      expect(marked(x.sheets[i]).map(([ref]) => ref)).toEqual([...new Set(findings(g).map((f) => f.cells[0]))].sort());
  });

  test("the round trips do not grow with the size of the sheet", async () => {
    const g = sheet(build(BASE));
    for (let r = 60; r < 3000; r++) g.rows[r] = [`ghi chú ${r}`, r];
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    expect((await check(x)).syncs).toBe(2);
  });
});

describe("merge in Excel", () => {
  const units = bundledRoster().units.map((u) => u.name);

  function unitsBook(n: number) {
    const grids = Array.from({ length: n }, (_, i) => {
      const g = sheet(build(BASE), units[i % units.length]);
      g.name = `DV ${i + 1}`;
      return g;
    });
    return book(grids);
  }

  test.each([1, 10, 100])("%i unit sheets: three round trips, unit sheets untouched", async (n) => {
    const x = unitsBook(n);
    const before = JSON.stringify(x.sheets.map((s) => [...s.cells]));
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(x.syncs).toBe(3);
    expect(JSON.stringify(x.sheets.slice(0, n).map((s) => [...s.cells]))).toBe(before);
    expect(x.sheets.map((s) => s.name).slice(n)).toEqual(Object.values(CITY_SHEET_NAMES));
    expect(run.result.units.filter((u) => u.included)).toHaveLength(Math.min(n, units.length));
  });

  test("the city sheet holds the sum of the units, in the template's layout", async () => {
    const x = unitsBook(3);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    const one = build(BASE);
    const lay = templateLayout(templateById("pl02"));
    const city = x.values(CITY_SHEET_NAMES.city);
    for (const code of ["TONG", "D2", "C7"])
      expect(city[lay.row.get(code)!][lay.col.get("total")!]).toBe(3 * one[code].total);
    expect(run.result.city.rows.TONG.total).toBe(3 * one.TONG.total);
    expect(run.roster).toBe("bundled");
    // Row codes stay text, never numbers or dates.
    const codeRef = `B${lay.row.get("A4.3")! + 1}`.replace("B", "A");
    expect(x.cell(CITY_SHEET_NAMES.city, codeRef).numberFormat).toBe("@");
  });

  test("a second merge replaces the earlier output sheets", async () => {
    const x = unitsBook(2);
    await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(x.sheets.map((s) => s.name)).toEqual(["DV 1", "DV 2", ...Object.values(CITY_SHEET_NAMES)]);
  });

  test("a roster sheet in the workbook is used; sheets named by the user only", async () => {
    const x = unitsBook(3);
    x.addSheet("Danh sách đơn vị", [
      ["Tên đơn vị", "Loại"],
      [units[0], "Trường THPT"],
      ["Trường THPT Mới", "Trường THPT"],
    ]);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES, sheets: ["DV 1"] }));
    expect(run.roster).toBe("sheet");
    expect(run.result.units.map((u) => u.sheet)).toEqual(["DV 1"]);
    expect(run.result.missing).toEqual(["Trường THPT Mới"]);
  });

  test("the scan lists the sheets that hold a table in two round trips", async () => {
    const x = unitsBook(2);
    x.addSheet("Ghi chú", [["không phải bảng"]]);
    const list = await x.run((ctx) => scanSheets(ctx));
    expect(x.syncs).toBe(2);
    expect(list.map((s) => [s.name, s.template])).toEqual([
      ["DV 1", "pl02"],
      ["DV 2", "pl02"],
      ["Ghi chú", null],
    ]);
  });
});

describe("template", () => {
  test("inserts Phụ lục 02 and Cơ cấu đại biểu under free names, totals as formulas", async () => {
    const x = book([{ name: "Phụ lục 02", rows: [["cũ"]] }]);
    const names = await x.run((ctx) => insertTemplates(ctx, { daibieu: true, features: NOTES }));
    expect(x.syncs).toBe(2);
    expect(names).toEqual(["Phụ lục 02 (2)", templateById("daibieu").def.sheetName]);
    const lay = templateLayout(templateById("pl02"));
    const v = x.values("Phụ lục 02 (2)");
    const [ref, formula] = [...lay.formulas][0];
    const p = /^([A-Z]+)(\d+)$/.exec(ref)!;
    expect(v[Number(p[2]) - 1][p[1].charCodeAt(0) - 65]).toBe("=" + formula);
    expect(v[lay.titleRow][0]).toBe(templateById("pl02").def.title);
  });

  test("free names", () => {
    expect(freeName("Phụ lục 02", ["phụ lục 02", "Phụ lục 02 (2)"])).toBe("Phụ lục 02 (3)");
    expect(freeName("Phụ lục 02", ["Khác"])).toBe("Phụ lục 02");
  });
});

describe("check while typing", () => {
  test("registered once, debounced, blind to its own writes, re-checks only the changed sheet", async () => {
    const x = book([sheet(build(BASE)), { ...sheet(build(BASE)), name: "Bản 2" }]);
    const checked: string[][] = [];
    const guard = new SelfWrites();
    const auto = new AutoCheck(
      async (ids) => void checked.push(ids),
      () => NOTES,
      10_000,
      guard,
    );
    await Promise.all([auto.register(), auto.register()]);
    await auto.register();
    expect(auto.registrations).toBe(1);
    expect(x.handlers).toHaveLength(1);

    const id1 = x.sheets[0].id;
    const id2 = x.sheets[1].id;
    x.handlers[0]({ worksheetId: id1, triggerSource: "ThisLocalAddin" });
    await guard.around(id2, async () => x.handlers[0]({ worksheetId: id2 }));
    x.handlers[0]({ worksheetId: id2 }); // right after our write: still ours
    await auto.flush();
    expect(checked).toEqual([]);

    x.handlers[0]({ worksheetId: id1, triggerSource: "Local" });
    x.handlers[0]({ worksheetId: id1, triggerSource: "Local" });
    await auto.flush();
    expect(checked).toEqual([[id1]]);

    auto.enabled = false;
    x.handlers[0]({ worksheetId: id1 });
    await auto.flush();
    expect(checked).toEqual([[id1]]);
  });

  test("the debounce timer fires once for a burst of edits", async () => {
    jest.useFakeTimers();
    try {
      book([sheet(build(BASE))]);
      const calls: string[][] = [];
      const auto = new AutoCheck(
        async (ids) => void calls.push(ids),
        () => NO_NOTES,
        500,
        new SelfWrites(),
      );
      for (let i = 0; i < 5; i++) {
        auto.onChanged({ worksheetId: "A" });
        jest.advanceTimersByTime(100);
      }
      auto.onChanged({ worksheetId: "B" });
      expect(calls).toEqual([]);
      jest.advanceTimersByTime(500);
      await Promise.resolve();
      await Promise.resolve();
      expect(calls).toEqual([["A", "B"]]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("ribbon command", () => {
  test("Kiểm tra checks the active sheet, selects the first wrong cell, completes the event", async () => {
    const associated: Record<string, unknown> = {};
    (globalThis as unknown as { Office: unknown }).Office = new OfficeMockObject({
      onReady: (cb: () => void) => cb(),
      actions: { associate: (name: string, fn: unknown) => (associated[name] = fn) },
      context: { requirements: { isSetSupported: (set: string, v: string) => set === "ExcelApi" && v !== "1.18" } },
    });
    const { checkActiveSheet } = await import("../addin/commands/commands");
    expect(associated.checkActiveSheet).toBe(checkActiveSheet);
    const g = sheet(build(BASE));
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const completed = jest.fn();
    const res = await checkActiveSheet({ completed } as unknown as Office.AddinCommands.Event);
    expect(completed).toHaveBeenCalledTimes(1);
    expect(x.syncs).toBe(2);
    expect(res?.findings.map((f) => f.rule)).toEqual(["VALUE_NOT_NUMBER"]);
    expect(x.selected).toBe(`${g.name}!${at("C7", "y2021")}`);
    // ExcelApi 1.18 missing here: no notes, the fill alone marks the cell.
    expect(x.cell(x.sheets[0], at("C7", "y2021")).note).toBeNull();
    expect(x.cell(x.sheets[0], at("C7", "y2021")).fill).toBe(MARK_COLORS.error);
  });
});

test("features: notes from ExcelApi 1.18, own-write detection from 1.14", () => {
  const upTo = (max: number) => (set: string, v: string) => set === "ExcelApi" && Number(v.split(".")[1]) <= max;
  expect(detectFeatures(upTo(18))).toEqual({ notes: "notes", triggerSource: true });
  expect(detectFeatures(upTo(14))).toEqual({ notes: "none", triggerSource: true });
  expect(detectFeatures(upTo(9))).toEqual({ notes: "none", triggerSource: false });
});
