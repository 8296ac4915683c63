/**
 * The Excel adapter through office-addin-mock objects (tests/helpers/excel-fake.ts): exact
 * round trips, exact cells marked, the user's fills and notes kept through inserted and deleted
 * rows, sorts, sheet copies and clients without notes; request sizes under Excel on the web's
 * 5 MB; failed writes that keep the findings; the auto-check's events; the ribbon's shared runtime.
 */
import { AutoCheck } from "../addin/excel/auto-check";
import { checkSheet, checkSheets, resetSession } from "../addin/excel/check";
import { detectFeatures, type ExcelFeatures } from "../addin/excel/features";
import { mergeInWorkbook, scanSheets } from "../addin/excel/merge";
import { otherFileSheets } from "../addin/excel/other-files";
import { writeXlsx } from "../shared/workbook/write/sheet-writer";
import { zipSync } from "fflate";
import { SelfWrites } from "../addin/excel/self-writes";
import { freeName, insertTemplates } from "../addin/excel/template";
import { NOTE_HEAD } from "../addin/excel/marks";
import {
  analyzeGrid,
  analyzeWorkbook,
  bundledRoster,
  CITY_SHEET_NAMES,
  countBySeverity,
  type Finding,
  type Grid,
  listLayout,
  listTemplateById,
  MARK_COLORS,
  templateById,
  templateLayout,
} from "../shared";
import { OfficeMockObject } from "office-addin-mock";
import { CHARTS, TITLES } from "./helpers/charts";
import { FakeExcel, type FakeSheet, PAYLOAD_LIMIT } from "./helpers/excel-fake";
import { officialCase } from "./helpers/mistakes";
import {
  at,
  BASE,
  build,
  dbSheet,
  delegate,
  findings,
  LAY,
  listSheet,
  setCell,
  sheet,
  THREE_DELEGATES,
  unitsSum,
  unitValues,
} from "./helpers/tables";

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

/** Cells that show a mark colour, and which. */
function marked(x: FakeExcel, s: FakeSheet) {
  const refs = new Set([...s.cells.keys(), ...s.cfs.flatMap((f) => f.refs)]);
  return [...refs]
    .map((ref) => [ref, x.shown(s, ref)] as const)
    .filter(([, c]) => c === MARK_COLORS.error || c === MARK_COLORS.warning || c === MARK_COLORS.consequence)
    .map(([ref, c]) => [ref, c])
    .sort();
}

const blamedOf = (fs: Finding[]) => [...new Set(fs.map((f) => f.cells[0]).filter(Boolean))].sort();
const notesOf = (s: FakeSheet) =>
  Object.fromEntries([...s.cells].filter(([, c]) => c.note !== null).map(([ref, c]) => [ref, c.note]));
const ourNoteCells = (s: FakeSheet) =>
  [...s.cells]
    .filter(([, c]) => c.note?.startsWith(NOTE_HEAD))
    .map(([ref]) => ref)
    .sort();

/** A row address moved by `n` rows. */
const down = (ref: string, n: number) => ref.replace(/\d+$/, (r) => String(Number(r) + n));

function wrongTable(name = "Phụ lục 02") {
  const g = { ...sheet(build(BASE)), name };
  setCell(g, "D2", "total", 999);
  return g;
}

beforeEach(() => resetSession());

describe("check in Excel", () => {
  test("a right table: one read, nothing written", async () => {
    const x = book([sheet(build(BASE))]);
    const first = await check(x);
    expect(first.res.findings).toEqual([]);
    expect(first.res.result?.template).toBe("pl02");
    expect(first.syncs).toBe(1);
    expect(marked(x, x.sheets[0])).toEqual([]);
  });

  test("wrong cells are painted by conditional formats and explained in tagged notes, in one read and one write", async () => {
    const g = wrongTable();
    const expected = findings(g);
    const x = book([g]);
    const { res, syncs } = await check(x);
    expect(syncs).toBe(2);
    expect(res.findings).toEqual(expected);
    const s = x.sheets[0];
    expect(marked(x, s).map(([ref]) => ref)).toEqual(blamedOf(expected));
    // No cell's own fill is written: the colour is a conditional format of ours.
    expect([...s.cells.values()].filter((c) => c.fill !== null)).toEqual([]);
    expect(s.cfs.every((f) => f.formula.includes('"phuluc02:'))).toBe(true);
    for (const ref of blamedOf(expected)) {
      const note = x.cell(s, ref).note!;
      expect(note.startsWith(`${NOTE_HEAD}${ref}\n`)).toBe(true);
      for (const f of expected.filter((e) => e.cells[0] === ref)) expect(note).toContain(`[${f.rule}] ${f.message}`);
    }
    // Checked again, unchanged: one read, the cells our formats cover read back, nothing written.
    expect((await check(x)).syncs).toBe(2);
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

    const wrong = await check(x);
    expect(wrong.syncs).toBe(3); // read; where the user's note is; write
    expect(x.shown(s, ref)).toBe(MARK_COLORS.error);
    expect(x.cell(s, ref).note).toBe("Số của phòng TCCB"); // not replaced: explanation stays in the pane
    expect((await check(x)).syncs).toBe(2); // unchanged: read, locate, nothing written

    x.cell(s, ref).v = good as number;
    const fixed = await check(x);
    expect(fixed.res.findings).toEqual([]);
    expect(x.shown(s, ref)).toBe("#00B0F0");
    expect(x.cell(s, ref).note).toBe("Số của phòng TCCB");
    expect(x.cell(s, otherRef).fill).toBe("#92D050");
    expect(notesOf(s)).toEqual({ [ref]: "Số của phòng TCCB" });
    expect(marked(x, s)).toEqual([]);
  });

  test("a cell the user recoloured while wrong shows the user's new colour once right", async () => {
    const g = sheet(build(BASE));
    const ref = at("C7", "y2021");
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    x.cell(s, ref).fill = "#FFFF00";
    await check(x);
    expect(x.shown(s, ref)).toBe(MARK_COLORS.error);
    x.cell(s, ref).v = 1;
    await check(x);
    expect(x.shown(s, ref)).toBe("#FFFF00");
    expect(ourNoteCells(s)).toEqual([]);
  });

  test("the user's own conditional formats are kept through check and fix", async () => {
    const g = sheet(build(BASE));
    const ref = at("C7", "y2021");
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const s = x.sheets[0];
    const theirs = { refs: [ref, at("C7", "y2022")], type: "Custom", formula: "=C7>5", fill: "#00FF00", priority: 0 };
    s.cfs.push(theirs);
    await check(x);
    expect(x.shown(s, ref)).toBe(MARK_COLORS.error); // ours first
    x.cell(s, ref).v = 1;
    await check(x);
    expect(s.cfs).toEqual([theirs]);
  });

  test("without the notes API nothing is written into notes", async () => {
    const g = sheet(build(BASE));
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const { syncs } = await check(x, NO_NOTES);
    expect(syncs).toBe(2);
    expect(notesOf(x.sheets[0])).toEqual({});
    expect(marked(x, x.sheets[0])).toEqual([[at("C7", "y2021"), MARK_COLORS.error]]);
  });

  test("a sheet without a table: one read, nothing written", async () => {
    const x = book([{ name: "Ghi chú", rows: [["Danh sách cán bộ"], ["Nguyễn Văn A", 3]] }]);
    const { res, syncs } = await check(x);
    expect(res.result).toBeUndefined();
    expect(syncs).toBe(1);
  });

  test("sheets changed together are checked together: one read and one write trip for all", async () => {
    const grids = [wrongTable("Đơn vị 1"), wrongTable("Đơn vị 2"), wrongTable("Đơn vị 3")];
    const x = book(grids);
    const before = x.syncs;
    const checks = await x.run((ctx) =>
      checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }),
    );
    expect(x.syncs - before).toBe(2);
    expect(checks.map((c) => [c.sheet, c.findings])).toEqual(grids.map((g) => [g.name, findings(g)]));
    for (const [i, g] of grids.entries())
      expect(marked(x, x.sheets[i]).map(([ref]) => ref)).toEqual(blamedOf(findings(g)));
  });

  test("English notes when the pane speaks English", async () => {
    const x = book([wrongTable()]);
    await x.run((ctx) => checkSheet(ctx, { lang: "en", features: NOTES }));
    const ref = blamedOf(findings(wrongTable()))[0]!;
    expect(x.cell(x.sheets[0], ref).note).toMatch(/Total/);
  });
});

describe("likely causes in Excel (spec §3b)", () => {
  /** C5's 2022-2023 is 27 and the clerk types 72, on the blank template (its totals are formulas). */
  const C5 = { col: [0, 1, 0, 0, 1], lead: [1, 0, 2, 0, 0], dir: [10, 12, 25, 15, 20] };
  function typo() {
    const { grid } = officialCase({ ...BASE, C5 }, [["C5", "y2023", 72, "swap"]]);
    const x = new FakeExcel();
    x.addSheet(grid.name, grid.rows as (string | number | null)[][], undefined, grid.formulas);
    (globalThis as unknown as { Excel: unknown }).Excel = { run: x.run };
    return { x, grid };
  }

  test("one typed mistake in the template's formula style: one likely cause, on the typed cell, with the right value", async () => {
    const { x, grid } = typo();
    const { res, syncs } = await check(x);
    expect(syncs).toBe(2); // the formulas come with the values: still one read
    const cause = at("C5", "y2023");
    const causes = res.findings.filter((f) => f.rule === "CELL_LIKELY_WRONG");
    expect(causes.map((f) => [f.cells, f.value, f.suggested, f.explains])).toEqual([[[cause], 72, 27, 3]]);
    // the rule findings: C5's own row, and the group C and TONG totals, both formulas, explained by the cause
    expect(
      res.findings.filter((f) => f.rule !== "CELL_LIKELY_WRONG").map((f) => [f.rule, f.cells[0], f.explainedBy]),
    ).toEqual([
      ["SUM_YEARS", at("C", "total"), [cause]],
      ["SUM_YEARS", at("C5", "total"), [cause]],
      ["SUM_YEARS", at("TONG", "total"), [cause]],
    ]);
    expect(res.findings).toEqual(analyzeGrid(grid)!.findings);
    // Read as values alone, the group's and TONG's formula cells would be blamed too.
    const valuesOnly = analyzeGrid({ ...grid, formulas: undefined })!.findings;
    expect(valuesOnly.filter((f) => f.rule === "CELL_LIKELY_WRONG").map((f) => f.cells[0])).toEqual([
      at("C", "y2023"),
      cause,
      at("TONG", "y2023"),
    ]);
  });

  test("the cause is marked as the error with the value to type; the cells it explains get the lighter mark", async () => {
    const { x } = typo();
    await check(x);
    const s = x.sheets[0];
    const cause = at("C5", "y2023");
    expect(marked(x, s)).toEqual(
      [
        [cause, MARK_COLORS.error],
        [at("C", "total"), MARK_COLORS.consequence],
        [at("C5", "total"), MARK_COLORS.consequence],
        [at("TONG", "total"), MARK_COLORS.consequence],
      ].sort(),
    );
    expect(x.cell(s, cause).note).toBe(
      `${NOTE_HEAD}${cause}\n[CELL_LIKELY_WRONG] Ô ${cause} (dòng C5 – Bằng khen của Bộ trưởng…, năm học 2022-2023) có lẽ gõ nhầm: đang là 72; nếu là 27 thì 3 lỗi khác đều hết`,
    );
    const total = at("C5", "total");
    expect(x.cell(s, total).note).toMatch(new RegExp(`\\[SUM_YEARS\\] .* — Sẽ tự đúng khi sửa ${cause}$`));
    // typed right: every mark goes, in one write
    x.edit(s, cause, 27);
    const fixed = await check(x);
    expect([fixed.res.findings, marked(x, s), ourNoteCells(s)]).toEqual([[], [], []]);
  });
});

describe("what people do to a marked sheet, and what Excel does back (issue 24)", () => {
  const ref = at("D2", "total");

  test("a value pasted onto a marked cell that is still wrong: the next check marks it again", async () => {
    const g = wrongTable();
    setCell(g, "C7", "y2021", "abc"); // a second error cell: our red format covers both
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    expect(x.shown(s, ref)).toBe(MARK_COLORS.error);
    x.paste(s, ref, 998); // Excel takes the cell out of our format's "Applies to"
    expect(x.shown(s, ref)).toBeNull();
    const again = await check(x);
    expect(again.res.findings.some((f) => f.cells[0] === ref)).toBe(true);
    expect(again.syncs).toBe(3); // read; the cells our formats cover; write
    expect(x.shown(s, ref)).toBe(MARK_COLORS.error);
    expect((await check(x)).syncs).toBe(2); // then up to date: nothing written
  });

  test("Clear Formats on marked cells: the marks come back on the next check; the user's note stays", async () => {
    const x = book([wrongTable()]);
    const s = x.sheets[0];
    await check(x);
    const before = marked(x, s);
    x.clearFormats(
      s,
      before.map(([r]) => r as string),
    );
    expect(marked(x, s)).toEqual([]);
    await check(x);
    expect(marked(x, s)).toEqual(before);
  });

  test("Format Painter from a red cell onto a right one: the right cell is not left red", async () => {
    const x = book([wrongTable()]);
    const s = x.sheets[0];
    const { res } = await check(x);
    const right = at("D1", "total");
    expect(res.findings.some((f) => f.cells[0] === right)).toBe(false);
    x.formatPainter(s, ref, right); // the rule's "Applies to" widens onto the right cell
    expect(x.shown(s, right)).toBe(MARK_COLORS.error);
    await check(x);
    expect(x.shown(s, right)).toBeNull();
    expect(marked(x, s).map(([r]) => r)).toEqual(blamedOf(res.findings));
  });

  test("mark identity is the cells themselves: marks written for {K9, C47} never pass for {F52, L52}", async () => {
    // The former identity, a 32-bit FNV-1a hash of the cell list, gave these two lists one formula.
    const fnv = (refs: string[]) => {
      let h = 0x811c9dc5;
      for (const ch of refs.join(",")) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
      return h;
    };
    expect(fnv(["K9", "C47"])).toBe(fnv(["F52", "L52"]));
    const x = book([wrongTable()]);
    const s = x.sheets[0];
    const { res } = await check(x);
    // our error format, same formula, as if written for other cells
    const ours = s.cfs.find((f) => f.fill === MARK_COLORS.error)!;
    const wanted = ours.refs;
    ours.refs = ["K9", "C47"];
    await check(x);
    expect(
      s.cfs
        .filter((f) => f.fill === MARK_COLORS.error)
        .flatMap((f) => f.refs)
        .sort(),
    ).toEqual([...wanted].sort());
    expect(marked(x, s).map(([r]) => r)).toEqual(blamedOf(res.findings));
  });

  test("a line the clerk typed in our note is kept through the next checks, and stays as the clerk's note once fixed", async () => {
    const g = wrongTable();
    const good = build(BASE).D2.total;
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    const ours = x.cell(s, ref).note!;
    x.cell(s, ref).note = `${ours}\nĐã hỏi tổ trưởng, chờ số mới`;
    const same = await check(x);
    expect(same.syncs).toBe(2); // read; the formats' cells and the notes' places; nothing to write
    expect(x.cell(s, ref).note).toBe(`${ours}\nĐã hỏi tổ trưởng, chờ số mới`);
    // another mistake elsewhere changes our lines; the clerk's line stays under them
    x.edit(s, at("D1", "total"), 5);
    await check(x);
    const note = x.cell(s, ref).note!;
    expect(note.startsWith(`${NOTE_HEAD}${ref}\n[`)).toBe(true);
    expect(note.endsWith("\nĐã hỏi tổ trưởng, chờ số mới")).toBe(true);
    x.edit(s, at("D1", "total"), build(BASE).D1.total);
    x.edit(s, ref, good);
    const fixed = await check(x);
    expect(fixed.res.findings).toEqual([]);
    expect(notesOf(s)).toEqual({ [ref]: "Đã hỏi tổ trưởng, chờ số mới" });
    expect(marked(x, s)).toEqual([]);
  });

  test("a note of ours whose first line the clerk reworded goes once the cell is right", async () => {
    const x = book([wrongTable()]);
    const s = x.sheets[0];
    await check(x);
    const c = x.cell(s, ref);
    c.note = c.note!.replace(`${NOTE_HEAD}${ref}`, `Phụ lục 02 – ô ${ref} (xem lại)`);
    x.edit(s, ref, build(BASE).D2.total);
    await check(x);
    expect(notesOf(s)).toEqual({});
  });

  test("a batch that fails half-way: the sheet it painted is reported painted, only the refused one as protected", async () => {
    const grids = [wrongTable("Đơn vị 1"), wrongTable("Đơn vị 2"), wrongTable("Đơn vị 3")];
    const x = book(grids);
    // "Đơn vị 2" is protected between the read and the write: Excel applies the first sheet's
    // actions and stops at the first refused one (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling).
    x.beforeSync = (n) => {
      if (n === 2) x.sheets[1].protected = true;
    };
    const checks = await x.run((ctx) =>
      checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((sh) => sh.id) }),
    );
    expect(
      checks.map((c) => [c.sheet, c.problem?.vi.match(/bảo vệ/) !== null && c.problem !== undefined, c.changed > 0]),
    ).toEqual([
      ["Đơn vị 1", false, true],
      ["Đơn vị 2", true, false],
      ["Đơn vị 3", false, true],
    ]);
    for (const i of [0, 2]) expect(marked(x, x.sheets[i]).map(([r]) => r)).toEqual(blamedOf(findings(grids[i])));
    expect(marked(x, x.sheets[1])).toEqual([]);
    expect(checks.map((c) => c.findings)).toEqual(grids.map((g) => findings(g)));
  });
});

describe("Xóa dấu kiểm tra (issue 24 point 4)", () => {
  test("every mark and note of ours goes from every sheet; the user's formats, fills, notes and lines stay", async () => {
    const grids = [wrongTable("Đơn vị 1"), wrongTable("Đơn vị 2"), { ...sheet(build(BASE)), name: "Đúng" }];
    const x = book(grids);
    await x.run((ctx) => checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }));
    const [a, b, right] = x.sheets;
    const ref = at("D2", "total");
    // the clerk's own things: a fill, a note, a conditional format, a line typed into our note
    x.cell(a, at("D1", "label")).fill = "#92D050";
    x.cell(a, at("D1", "label")).note = "Số của phòng TCCB";
    a.cfs.push({ refs: ["A1"], type: "Custom", formula: "=A1>0", fill: "#00B0F0", priority: a.cfs.length });
    x.cell(b, ref).note = `${x.cell(b, ref).note}\nĐã hỏi tổ trưởng`;
    const values = x.sheets.map((s) => JSON.stringify(x.values(s.name)));
    const { clearMarks } = await import("../addin/excel/clear-marks");
    const before = x.syncs;
    const r = await x.run((ctx) => clearMarks(ctx, NOTES));
    expect(x.syncs - before).toBe(3);
    expect(r).toEqual({ cleared: ["Đơn vị 1", "Đơn vị 2"], protectedSheets: [] });
    for (const s of [a, b, right]) expect(marked(x, s)).toEqual([]);
    expect(ourNoteCells(a)).toEqual([]);
    expect(notesOf(a)).toEqual({ [at("D1", "label")]: "Số của phòng TCCB" });
    expect(notesOf(b)).toEqual({ [ref]: "Đã hỏi tổ trưởng" });
    expect(a.cfs.map((f) => f.formula)).toEqual(["=A1>0"]);
    expect(x.cell(a, at("D1", "label")).fill).toBe("#92D050");
    expect(x.sheets.map((s) => JSON.stringify(x.values(s.name)))).toEqual(values);
    // nothing of ours left: nothing written
    const again = x.syncs;
    expect(await x.run((ctx) => clearMarks(ctx, NOTES))).toEqual({ cleared: [], protectedSheets: [] });
    expect(x.syncs - again).toBe(2);
  });

  test("a protected sheet keeps its marks and is named; the others are cleared", async () => {
    const x = book([wrongTable("Đơn vị 1"), wrongTable("Đơn vị 2")]);
    await x.run((ctx) => checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }));
    x.sheets[1].protected = true;
    const { clearMarks } = await import("../addin/excel/clear-marks");
    expect(await x.run((ctx) => clearMarks(ctx, NOTES))).toEqual({
      cleared: ["Đơn vị 1"],
      protectedSheets: ["Đơn vị 2"],
    });
    expect(marked(x, x.sheets[0])).toEqual([]);
    expect(marked(x, x.sheets[1]).length).toBeGreaterThan(0);
  });
});

/** A grid's row as the writer's cells. */
const cellsOf = (r: Grid["rows"][number]) => (r ?? []).map((v) => ({ v: v as string | number | null }));

describe("the list of delegates (spec §4b) in Excel", () => {
  const T = listTemplateById("ds-daibieu");
  const person = (name: string, gender: string) => delegate(name, { gender });
  const listGrid = (gender: string): Grid => ({
    ...listLayout(T, {
      unit: units0,
      unitType: "thpt",
      people: [person("Nguyễn Văn An", "Nam"), person("Trần Thị Bình", gender), person("Lê Văn Cường", "Nam")],
    }).grid,
    name: "Danh sách đại biểu",
  });
  const units0 = "Trường THPT Ngô Quyền";

  test("checked like a table: the wrong gender marked, its note names the row and the person; fixed, unmarked", async () => {
    const g = listGrid("Khác");
    const x = book([g]);
    const { res } = await check(x);
    expect(res.result?.template).toBe("ds-daibieu");
    const lay = listLayout(T);
    const ref = `${String.fromCharCode(65 + lay.col.get("gender")!)}${lay.firstDataRow + 2}`;
    expect(res.findings.map((f) => [f.rule, f.cells[0]])).toEqual([["DS_GENDER", ref]]);
    expect(marked(x, x.sheets[0])).toEqual([[ref, MARK_COLORS.error]]);
    expect(x.cell(x.sheets[0], ref).note).toContain(
      `[DS_GENDER] Dòng ${lay.firstDataRow + 2} (Trần Thị Bình): giới tính "Khác"; phải ghi "Nam" hoặc "Nữ"`,
    );
    x.cell(x.sheets[0], ref).v = "Nữ";
    expect((await check(x)).res.findings).toEqual([]);
    expect(marked(x, x.sheets[0])).toEqual([]);
  });

  test("merged: the unit's list goes to the conference sheet with its Phụ lục 02", async () => {
    const pl = { ...sheet(unitValues(0), units0), name: "Phụ lục 02" };
    const x = book([pl, listGrid("Nữ")]);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(run.result.conference.delegates).toBe(3);
    const v = x.values(CITY_SHEET_NAMES.conference);
    expect(v[1][4]).toBe(3);
    expect(v[2][4]).toBe(Math.floor((3 * 3) / 7));
    expect(v.flat().filter((c) => ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"].includes(String(c)))).toHaveLength(
      3,
    );
    // the Sở's conference sheet is an output, not a unit's list: checking it marks nothing, reads no other sheet
    const conf = x.sheet(CITY_SHEET_NAMES.conference);
    const { res, syncs } = await check(x, NOTES, conf.id);
    expect([res.result, res.findings, syncs]).toEqual([undefined, [], 1]);
    expect(marked(x, conf)).toEqual([]);
  });
});

describe("a list of delegates against its Cơ cấu đại biểu on another sheet (DS_MATCHES_DAIBIEU)", () => {
  const T = listTemplateById("ds-daibieu");
  const lay = listLayout(T);
  const unit = "Trường THPT Ngô Quyền";
  const people = THREE_DELEGATES;
  const LIST = "Danh sách đại biểu";
  const DB = "Cơ cấu đại biểu";
  const kindHeader = `${String.fromCharCode(65 + lay.col.get("kind")!)}${lay.headerRow + 1}`;
  const db7 = (() => {
    const d = templateLayout(templateById("daibieu"));
    return `${String.fromCharCode(65 + d.col.get("value")!)}${d.row.get("DB7")! + 1}`;
  })();
  const workbook = (db7Value: number) =>
    book([
      { ...sheet(unitValues(0), unit), name: "Phụ lục 02" },
      { ...dbSheet({ DB7: db7Value }), name: DB },
      { ...listSheet(unit), name: LIST },
    ]);
  const byName = (checks: { sheet: string; related?: boolean; findings: Finding[] }[]) =>
    checks.map((c) => [c.sheet, !!c.related, c.findings.map((f) => [f.rule, f.cells[0]])]);
  const run = async (x: FakeExcel, name: string) => {
    const before = x.syncs;
    const checks = await x.run((ctx) =>
      checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: [x.sheet(name).id] }),
    );
    return { checks, syncs: x.syncs - before };
  };

  test("checked alone, the list is judged as the CLI judges the whole workbook: one more round trip", async () => {
    const x = workbook(2);
    const { checks, syncs } = await run(x, LIST);
    expect(byName(checks)).toEqual([[LIST, false, [["DS_MATCHES_DAIBIEU", kindHeader]]]]);
    const cli = analyzeWorkbook(x.sheets.map((s) => ({ name: s.name, rows: x.values(s.name) })));
    expect(checks[0].findings).toEqual(cli.find((r) => r.sheet === LIST)!.findings);
    expect(checks[0].findings[0].message).toBe(
      `Trang "${DB}" ghi số đại biểu cử dự Hội nghị cấp trên (DB7) = 2 (ô '${DB}'!${db7}), danh sách có 3: ` +
        people.map((p, i) => `dòng ${lay.firstDataRow + i + 1} ${p.name}`).join(", "),
    );
    expect(marked(x, x.sheet(LIST))).toEqual([[kindHeader, MARK_COLORS.warning]]);
    expect(syncs).toBe(3); // the sheet, the other sheets, the marks
    // nothing else is marked: the other sheets were only read
    expect(marked(x, x.sheet(DB))).toEqual([]);
    expect(x.sheet(DB).cfs).toEqual([]);
  });

  test("DB7 corrected on the Cơ cấu đại biểu: the list on its sheet loses its marks in the same check", async () => {
    const x = workbook(2);
    await run(x, LIST);
    x.edit(x.sheet(DB), db7, 3);
    const fixed = await run(x, DB);
    expect(byName(fixed.checks)).toEqual([
      [DB, false, []],
      [LIST, true, []],
    ]);
    expect(marked(x, x.sheet(LIST))).toEqual([]);
    expect(fixed.syncs).toBe(3); // the sheet, the other sheets, the writes
    // typing elsewhere in the Cơ cấu đại biểu (DB7–DB9 as they were): the other sheets are not read
    x.edit(
      x.sheet(DB),
      db7.replace(/\d+$/, (r) => String(Number(r) - 1)),
      5,
    );
    const again = await run(x, DB);
    expect(byName(again.checks)).toEqual([[DB, false, expect.anything()]]);
    expect(again.syncs).toBeLessThanOrEqual(2);
    // and back to 2: the list is marked again without being asked for
    x.edit(x.sheet(DB), db7, 2);
    const broken = await run(x, DB);
    expect(byName(broken.checks).slice(1)).toEqual([[LIST, true, [["DS_MATCHES_DAIBIEU", kindHeader]]]]);
    expect(marked(x, x.sheet(LIST)).map(([ref]) => ref)).toEqual([kindHeader]);
  });

  test("a Phụ lục 02 or a list checked with every sheet reads no other sheet", async () => {
    const x = workbook(2);
    const pl = await run(x, "Phụ lục 02");
    expect(pl.checks.map((c) => c.sheet)).toEqual(["Phụ lục 02"]);
    expect(pl.syncs).toBeLessThanOrEqual(2);
    const ids = x.sheets.map((s) => s.id);
    const before = x.syncs;
    const all = await x.run((ctx) => checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: ids }));
    expect(x.syncs - before).toBe(2); // read all, mark all
    expect(byName(all).map(([name, rel, fs]) => [name, rel, (fs as string[][]).map(([r]) => r)])).toEqual([
      ["Phụ lục 02", false, []],
      [DB, false, ["DB_HIGHER_DELEGATES"]],
      [LIST, false, ["DS_MATCHES_DAIBIEU"]],
    ]);
  });

  test("the first read refused for its size (Excel on the web's 5 MB): the sheet ids are read after it", async () => {
    const x = workbook(2);
    const huge = wrongTable("Nhật ký");
    for (let r = 60; r < 400; r++) huge.rows[r] = Array.from({ length: 50 }, () => "x".repeat(320));
    x.addSheet(huge.name, huge.rows as (string | number | null)[][]);
    const checks = await x.run((ctx) =>
      checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: [x.sheet(LIST).id, x.sheet("Nhật ký").id] }),
    );
    expect(x.payloads[0].refused).toBe(true);
    expect(byName(checks).map(([name, rel, fs]) => [name, rel, (fs as string[][]).map(([r]) => r)])).toEqual([
      [LIST, false, ["DS_MATCHES_DAIBIEU"]],
      ["Nhật ký", false, []],
    ]);
    expect(checks[1].problem?.vi).toContain("quá lớn");
  });

  test("check while typing: a list marked again from the Cơ cấu đại biểu is not what the pane shows", async () => {
    const { ExcelHost } = await import("../addin/excel/host");
    const x = workbook(3);
    const host = new ExcelHost(NOTES);
    await host.autoCheck.register();
    x.edit(x.sheet(DB), db7, 2);
    await host.autoCheck.flush();
    expect(host.lastCheck?.sheet).toBe(DB);
    expect(marked(x, x.sheet(LIST)).map(([ref]) => ref)).toEqual([kindHeader]);
    await host.autoCheck.setEnabled(false);
  });
});

describe("marks survive what users do to their sheets", () => {
  test("rows inserted above the table: the user's note that moved onto an old marked cell stays; marks follow the table", async () => {
    const g = wrongTable();
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    const blamed = blamedOf(findings(g)) as string[];
    // A user's note one row above a marked cell: after one inserted row it sits on the old marked address.
    const userRef = down(blamed[0], -1);
    x.cell(s, userRef).note = "ghi chú của tôi";
    x.insertRows(s, 0, 1);
    expect(x.cell(s, blamed[0]).note).toBe("ghi chú của tôi");
    await check(x);
    expect(x.cell(s, blamed[0]).note).toBe("ghi chú của tôi");
    expect(marked(x, s).map(([ref]) => ref)).toEqual(blamed.map((r) => down(r, 1)).sort());
    expect(ourNoteCells(s)).toEqual(blamed.map((r) => down(r, 1)).sort());
  });

  test("a row inserted inside the table: marks below it move down with their cells, the user's notes stay", async () => {
    const g = wrongTable();
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    const blamed = blamedOf(findings(g)) as string[];
    const inside = LAY.row.get("D1")!; // above D2, below the groups A–C
    x.cell(s, down(at("D2", "total"), -1)).note = "ghi chú của tôi"; // on D1, moves onto D2's old address
    x.insertRows(s, inside, 1);
    const after = await check(x);
    expect(after.res.problem).toBeUndefined();
    expect(x.cell(s, at("D2", "total")).note).toBe("ghi chú của tôi");
    const now = blamedOf(after.res.findings) as string[];
    expect(now).toEqual(blamed.map((r) => (Number(r.replace(/^[A-Z]+/, "")) > inside ? down(r, 1) : r)).sort());
    expect(marked(x, s).map(([r]) => r)).toEqual(now);
    expect(ourNoteCells(s)).toEqual(now);
  });

  test("a row deleted inside the table, then the fix: no cell stays red, no note of ours stays", async () => {
    const g = wrongTable();
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    const d1 = LAY.row.get("D1")!; // a row above D2, inside the table
    x.deleteRows(s, d1, 1);
    const after = await check(x);
    const ref = after.res.findings[0].cells[0];
    expect(marked(x, s).map(([r]) => r)).toEqual(blamedOf(after.res.findings));
    // Fix the moved D2 total (one row up now).
    const good = sheet(build(BASE)).rows[LAY.row.get("D2")!][LAY.col.get("total")!];
    x.cell(s, at("D2", "total").replace(/\d+$/, String(LAY.row.get("D2")!))).v = good as number;
    const fixed = await check(x);
    expect(fixed.res.findings.filter((f) => f.cells[0] === ref && f.rule === "SUM_TOTAL")).toEqual([]);
    expect(marked(x, s).map(([r]) => r)).toEqual(blamedOf(fixed.res.findings));
    expect(ourNoteCells(s)).toEqual(blamedOf(fixed.res.findings));
  });

  test("a range sorted: the user's notes and fills move with their cells and are kept; marks are redone", async () => {
    const g = wrongTable();
    const x = book([g]);
    const s = x.sheets[0];
    const top = LAY.row.get("D1")!;
    const bottom = LAY.row.get("D4")!;
    const userRef = at("D3", "y2022");
    Object.assign(x.cell(s, userRef), { note: "xem lại", fill: "#92D050" });
    await check(x);
    x.sortRows(s, top, bottom, LAY.col.get("total")!, true);
    const after = await check(x);
    const moved = [...s.cells].find(([, c]) => c.note === "xem lại");
    expect(moved).toBeDefined();
    expect(moved![1].fill).toBe("#92D050");
    expect(marked(x, s).map(([r]) => r)).toEqual(blamedOf(after.res.findings));
    expect(ourNoteCells(s)).toEqual(blamedOf(after.res.findings).filter((r) => r !== moved![0]));
  });

  test("a copied sheet: its marks are recognised as ours, cleared when it is fixed; the original keeps its own", async () => {
    const g = wrongTable();
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    const copy = x.copySheet(s, "Phụ lục 02 (2)");
    const blamed = blamedOf(findings(g));
    expect(marked(x, copy).map(([r]) => r)).toEqual(blamed);
    const good = sheet(build(BASE)).rows[LAY.row.get("D2")!][LAY.col.get("total")!];
    x.cell(copy, at("D2", "total")).v = good as number;
    const fixed = await check(x, NOTES, copy.id);
    expect(fixed.res.findings).toEqual([]);
    expect(marked(x, copy)).toEqual([]);
    expect(ourNoteCells(copy)).toEqual([]);
    expect(marked(x, s).map(([r]) => r)).toEqual(blamed);
  });

  test("a note of ours deleted by hand: the next check neither fails nor touches the user's notes", async () => {
    const g = wrongTable();
    const x = book([g]);
    const s = x.sheets[0];
    await check(x);
    const [ref] = ourNoteCells(s);
    x.cell(s, ref).note = null;
    const again = await check(x);
    expect(again.res.problem).toBeUndefined();
    expect(ourNoteCells(s)).toEqual(blamedOf(findings(g)));
  });

  test("fixed on a client without notes, back on one with notes: the stale note of ours goes, the user's stays", async () => {
    const g = sheet(build(BASE));
    const ref = at("C7", "y2021");
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const s = x.sheets[0];
    x.cell(s, at("A1", "total")).note = "của người dùng";
    await check(x, NOTES);
    expect(ourNoteCells(s)).toEqual([ref]);
    x.cell(s, ref).v = 1;
    await check(x, NO_NOTES); // Excel 2021: the colour goes, the note cannot be touched
    expect(marked(x, s)).toEqual([]);
    expect(ourNoteCells(s)).toEqual([ref]);
    await check(x, NOTES); // Microsoft 365 again
    expect(ourNoteCells(s)).toEqual([]);
    expect(notesOf(s)).toEqual({ [at("A1", "total")]: "của người dùng" });
  });
});

describe("Excel on the web's 5 MB, both ways", () => {
  test("the fake refuses a request over 5 MB, as Excel on the web does", async () => {
    const x = book([{ name: "Trang", rows: [["x"]] }]);
    const big = Array.from({ length: 600 }, () => Array.from({ length: 100 }, () => "x".repeat(100)));
    await expect(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Trang").getRange("A1:CV600").values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(x.cell("Trang", "A2").v).toBeNull();
  });

  test.each([1, 10, 30])(
    "%i sheets changed together: every request and response is small, one read and one write",
    async (n) => {
      const x = book(Array.from({ length: n }, (_, i) => wrongTable(`Đơn vị ${i + 1}`)));
      const checks = await x.run((ctx) =>
        checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }),
      );
      expect(x.syncs).toBe(2);
      expect(checks.every((c) => c.findings.length > 0 && c.changed > 0 && !c.problem)).toBe(true);
      const [read, write] = x.payloads;
      // No per-cell probe: the read request stays under 4 KB per sheet (it was ~0.46 MB per sheet).
      expect(read.request).toBeLessThan(4000 * n);
      expect(read.response).toBeLessThan(PAYLOAD_LIMIT);
      expect(write.request).toBeLessThan(PAYLOAD_LIMIT);
    },
  );

  test("a write larger than 5 MB is cut into batches by size; every sheet is marked", async () => {
    // Every count cell holds text: ~450 findings and notes per sheet.
    const grids = Array.from({ length: 40 }, (_, i) => {
      const g = { ...sheet(build(BASE)), name: `Đơn vị ${i + 1}` };
      for (const code of ["A1", "A2", "B1", "B2", "C1", "C2", "C3", "C4", "C5", "D1", "D2", "D3", "D4"])
        for (const key of ["total", "collective", "individual", "leaders", "direct", "y2021", "y2022"])
          setCell(g, code, key, "x".repeat(200));
      return g;
    });
    const x = book(grids);
    const checks = await x.run((ctx) =>
      checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }),
    );
    expect(checks.map((c) => c.problem)).toEqual(checks.map(() => undefined));
    expect(x.payloads.length).toBeGreaterThan(2);
    expect(Math.max(...x.payloads.map((p) => p.request))).toBeLessThan(PAYLOAD_LIMIT);
    for (const [i, s] of x.sheets.entries()) expect(marked(x, s).map(([r]) => r)).toEqual(blamedOf(checks[i].findings));
  });

  test("reads too large together are read again in halves; a used range of 120,000 cells is read within its bound", async () => {
    const grids = Array.from({ length: 12 }, (_, i) => {
      const g = wrongTable(`Đơn vị ${i + 1}`);
      // Filler text under the table, up to the bound and beyond it (row 2,000, columns to BH).
      for (let r = 60; r < 400; r++) g.rows[r] = Array.from({ length: 50 }, () => "ghi chú ".repeat(4));
      g.rows[1999] = Array.from({ length: 60 }, () => "ngoài vùng");
      return g;
    });
    const x = book(grids);
    const checks = await x.run((ctx) =>
      checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }),
    );
    expect(checks.map((c) => [c.sheet, c.findings, !!c.truncated])).toEqual(
      grids.map((g) => [g.name, findings(wrongTable(g.name)), true]),
    );
    expect(x.payloads.some((p) => p.refused)).toBe(true);
    expect(Math.max(...x.payloads.filter((p) => !p.refused).map((p) => p.response))).toBeLessThan(PAYLOAD_LIMIT);
    // Measured this time: the next check cuts its reads in advance, and Excel refuses none.
    const before = x.payloads.length;
    await x.run((ctx) => checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }));
    expect(x.payloads.slice(before).filter((p) => p.refused)).toEqual([]);
    expect(x.payloads.length - before).toBeGreaterThan(1);
  });
  test("one sheet whose values alone pass 5 MB: reported by name, the other sheets checked", async () => {
    const huge = wrongTable("Nhật ký");
    for (let r = 60; r < 400; r++) huge.rows[r] = Array.from({ length: 50 }, () => "x".repeat(320));
    const x = book([wrongTable("Đơn vị 1"), huge]);
    const checks = await x.run((ctx) =>
      checkSheets(ctx, { lang: "vi", features: NOTES, sheetIds: x.sheets.map((s) => s.id) }),
    );
    expect(checks.map((c) => [c.sheet, c.findings.length > 0, c.problem?.vi ?? null])).toEqual([
      ["Đơn vị 1", true, null],
      [
        "Nhật ký",
        false,
        'Trang "Nhật ký" quá lớn để Excel trên web gửi trong một lần (giới hạn 5 MB), nên chưa kiểm tra được.',
      ],
    ]);
    expect(marked(x, x.sheets[0]).map(([r]) => r)).toEqual(blamedOf(findings(wrongTable())));
  });
});

describe("a failed paint never loses the findings", () => {
  test("a protected sheet: findings listed, nothing written, the reason in Vietnamese", async () => {
    const g = wrongTable();
    const x = book([g]);
    x.sheets[0].protected = true;
    const { res, syncs } = await check(x);
    expect(res.findings).toEqual(findings(g));
    expect(res.problem?.vi).toMatch(/đang được bảo vệ/);
    expect(res.problem?.en).toMatch(/protected/);
    expect(syncs).toBe(1);
    expect(marked(x, x.sheets[0])).toEqual([]);
  });

  test("a write Excel refuses (the sheet protected meanwhile): findings kept, the reason given", async () => {
    const g = wrongTable();
    const x = book([g]);
    x.beforeSync = (n) => {
      if (n === 2) x.sheets[0].protected = true;
    };
    const { res } = await check(x);
    expect(res.findings).toEqual(findings(g));
    expect(res.problem?.vi).toMatch(/bảo vệ/);
  });
});

describe("merge in Excel", () => {
  const units = bundledRoster().units.map((u) => u.name);

  function unitsBook(n: number) {
    const grids = Array.from({ length: n }, (_, i) => {
      // A sheet past the roster's length repeats an earlier unit's very table: one copy counted.
      const g = sheet(unitValues(i % units.length), units[i % units.length]);
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
    const lay = templateLayout(templateById("pl02"));
    const city = x.values(CITY_SHEET_NAMES.city);
    for (const code of ["TONG", "D2", "C7"])
      for (const key of ["total", "leaders", "direct", "y2025"])
        expect(city[lay.row.get(code)!][lay.col.get(key)!]).toBe(unitsSum(3, code, key));
    expect(run.result.city.rows.TONG.total).toBe(unitsSum(3, "TONG"));
    expect(run.roster).toBe("bundled");
    // Row codes stay text, never numbers or dates.
    const codeRef = `B${lay.row.get("A4.3")! + 1}`.replace("B", "A");
    expect(x.cell(CITY_SHEET_NAMES.city, codeRef).numberFormat).toBe("@");
    // The figures in words for the Sở's report, in the same batch: 100 + 100 + 101 awards.
    const words = x.values(CITY_SHEET_NAMES.report).map((r) => r[0]);
    expect(words[0]).toBe("Số liệu khen thưởng giai đoạn 2020 - 2025 – Sở GDĐT Hải Phòng (tổng hợp)");
    expect(words).toContain(
      "Trong 5 năm học (2020-2021 đến 2024-2025) có tổng cộng 301 lượt khen thưởng: 45 tập thể (15,0 %) và 256 cá nhân (85,0 %).",
    );
  });

  test("the city sheets print as the workbook file does: A4, fitted, titles repeated, header and footer; counts #,##0", async () => {
    const x = unitsBook(2);
    await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    const detail = x.sheet(CITY_SHEET_NAMES.detail).page;
    expect(detail).toEqual({
      paperSize: "A4",
      orientation: "Landscape",
      centerHorizontally: true,
      zoom: { horizontalFitToPages: 2 },
      printTitleRows: "$1:$2",
      printTitleColumns: "$A:$B",
      rowBreaks: [],
      headers: {
        leftHeader: "&9Sở GDĐT Hải Phòng (tổng hợp)",
        centerHeader: '&"-,Bold"&9Phụ lục 02 · Chi tiết theo đơn vị',
        rightHeader: "&9In ngày &D",
        centerFooter: "&9Trang &P / &N",
      },
    });
    const report = x.sheet(CITY_SHEET_NAMES.report).page;
    expect([report.orientation, report.zoom, report.printTitleRows]).toEqual([
      "Portrait",
      { horizontalFitToPages: 1 },
      undefined,
    ]);
    // The city total is a count: #,##0; a row code stays text.
    expect(x.cell(CITY_SHEET_NAMES.city, `${"C"}${LAY.row.get("TONG")! + 1}`).numberFormat).toBe("#,##0");
  });

  test("the chart sheet: Excel draws a clustered column chart per kind and group of levels, values labelled, in the third round trip", async () => {
    const x = unitsBook(2);
    await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(x.syncs).toBe(3);
    expect(x.sheet(CITY_SHEET_NAMES.charts).charts).toEqual(
      CHARTS.map((c) => ({
        name: c.id,
        type: "ColumnClustered",
        source: `Biểu đồ tổng hợp!${c.table}`,
        title: c.title,
        categoryTitle: c.categoryTitle,
        valueTitle: TITLES.count,
        legend: "Bottom",
        position: c.anchor,
        categories: c.categories,
        series: c.series,
        labels: true,
        labelFormat: "#,##0",
        valueFormat: "#,##0",
      })),
    );
    // The city table passed every check: no caution. Each group of levels prints on a page of its own.
    expect(x.values(CITY_SHEET_NAMES.charts)[0][6] ?? null).toBeNull();
    expect(x.sheet(CITY_SHEET_NAMES.charts).page.rowBreaks).toEqual(["A43"]);
  });

  test("a sheet of the Sở's own named Biểu đồ is neither read as a unit nor replaced", async () => {
    const x = unitsBook(2);
    x.addSheet("Biểu đồ", [["Biểu đồ của Sở"]]);
    await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(x.sheets.map((s) => s.name)).toEqual(["DV 1", "DV 2", "Biểu đồ", ...Object.values(CITY_SHEET_NAMES)]);
    expect(x.values("Biểu đồ")).toEqual([["Biểu đồ của Sở"]]);
  });

  test("charts drawn from a city table with errors say so in the cell above each chart", async () => {
    const g1 = sheet(unitValues(0), units[0]);
    const g2 = sheet(unitValues(1), units[1]);
    setCell(g2, "D2", "total", 99);
    [g1.name, g2.name] = ["DV 1", "DV 2"];
    const x = book([g1, g2]);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "en", features: NOTES }));
    expect(run.result.city.findings.filter((f) => f.severity === "error")).toHaveLength(3);
    const text =
      "Note: these figures still have 3 unresolved errors (see the city sheet); the chart shows them as entered.";
    expect(["G1", "G22", "G43", "G64"].map((ref) => x.cell(CITY_SHEET_NAMES.charts, ref).v)).toEqual([
      text,
      text,
      text,
      text,
    ]);
    const small = "State-level; Government-level; Ministry- and city-level";
    expect(x.sheet(CITY_SHEET_NAMES.charts).charts.map((c) => [c.title, c.series.map((s) => s.name)])).toEqual([
      [`Awards per school year: ${small}`, ["State-level", "Government-level", "Ministry- and city-level"]],
      [`Collectives and individuals awarded: ${small}`, ["Collectives", "Individuals"]],
      ["Awards per school year: Grassroots-level", ["Grassroots-level"]],
      ["Collectives and individuals awarded: Grassroots-level", ["Collectives", "Individuals"]],
    ]);
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
  test("inserts Phụ lục 02, Cơ cấu đại biểu and Danh sách đại biểu under free names, totals as formulas", async () => {
    const x = book([{ name: "Phụ lục 02", rows: [["cũ"]] }]);
    const names = await x.run((ctx) => insertTemplates(ctx, { daibieu: true, features: NOTES }));
    expect(x.syncs).toBe(2);
    expect(names).toEqual(["Phụ lục 02 (2)", templateById("daibieu").def.sheetName, "Danh sách đại biểu"]);
    // the list sheet is found again as a ds-daibieu list, its header where the layout puts it
    const list = analyzeGrid({ name: "Danh sách đại biểu", rows: x.values("Danh sách đại biểu") })!;
    expect(list.template).toBe("ds-daibieu");
    expect(list.list!.headerTop).toBe(listLayout(listTemplateById("ds-daibieu")).headerRow);
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
  function auto(x: FakeExcel, features: ExcelFeatures, guard = new SelfWrites()) {
    const checked: string[][] = [];
    const a = new AutoCheck(
      async (ids) => void checked.push(ids),
      () => features,
      10_000,
      guard,
    );
    return { a, checked };
  }

  test("registered once, however often asked; removed when turned off, added again when on", async () => {
    const x = book([sheet(build(BASE))]);
    const { a } = auto(x, NOTES);
    await Promise.all([a.register(), a.register()]);
    await a.register();
    expect(a.registrations).toBe(1);
    expect(x.handlers).toHaveLength(1);
    await a.setEnabled(false);
    expect(x.handlers).toHaveLength(0);
    await a.setEnabled(true);
    expect(x.handlers).toHaveLength(1);
  });

  test("from ExcelApi 1.14: our own writes are ignored by triggerSource, every user edit right after them is re-checked", async () => {
    const x = book([sheet(build(BASE))]);
    const guard = new SelfWrites();
    const { a, checked } = auto(x, NOTES, guard);
    await a.register();
    const s = x.sheets[0];
    await guard.around(s.id, () =>
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(s.id).getRange("Z1").values = [["ours"]];
        await ctx.sync();
      }),
    );
    await a.flush();
    expect(checked).toEqual([]);
    // Three quick edits within the old 0.3 s window: none is dropped.
    for (const v of [1, 2, 3]) {
      x.edit(s, at("C7", "y2021"), v);
      await a.flush();
    }
    expect(checked).toEqual([[s.id], [s.id], [s.id]]);
  });

  test("a co-author's change (source Remote) starts no check here", async () => {
    const x = book([sheet(build(BASE))]);
    const { a, checked } = auto(x, NOTES);
    await a.register();
    x.edit(x.sheets[0], "B2", 5, "Remote");
    await a.flush();
    expect(checked).toEqual([]);
  });

  test("below 1.14, a change during our write is not dropped: it is re-checked once the write is over", async () => {
    jest.useFakeTimers();
    try {
      const x = book([sheet(build(BASE))]);
      x.api = 13;
      const guard = new SelfWrites();
      const checked: string[][] = [];
      const a = new AutoCheck(
        async (ids) => void checked.push(ids),
        () => NO_NOTES,
        100,
        guard,
      );
      await a.register();
      const s = x.sheets[0];
      await guard.around(s.id, async () => x.edit(s, "B2", 5));
      jest.advanceTimersByTime(100);
      await Promise.resolve();
      expect(checked).toEqual([]); // not yet: the write's quiet time is not over
      jest.advanceTimersByTime(300);
      await Promise.resolve();
      await Promise.resolve();
      expect(checked).toEqual([[s.id]]);
    } finally {
      jest.useRealTimers();
    }
  });

  test("changes that arrive while a check runs are checked again after it", async () => {
    const x = book([sheet(build(BASE))]);
    const s = x.sheets[0];
    const checked: string[][] = [];
    let release!: () => void;
    const a = new AutoCheck(
      async (ids) => {
        checked.push(ids);
        if (checked.length === 1) await new Promise<void>((r) => (release = r));
      },
      () => NOTES,
      10_000,
    );
    await a.register();
    x.edit(s, "B2", 1);
    const first = a.flush();
    await new Promise((r) => setImmediate(r));
    expect(checked).toHaveLength(1);
    x.edit(s, "B2", 2); // while the first check is still running
    const second = a.flush();
    release();
    await first;
    await second;
    expect(checked).toEqual([[s.id], [s.id]]);
  });

  test("the debounce timer fires once for a burst of edits", async () => {
    jest.useFakeTimers();
    try {
      book([sheet(build(BASE))]);
      const calls: string[][] = [];
      const a = new AutoCheck(
        async (ids) => void calls.push(ids),
        () => NO_NOTES,
        500,
        new SelfWrites(),
      );
      for (let i = 0; i < 5; i++) {
        a.onChanged({ worksheetId: "A" });
        jest.advanceTimersByTime(100);
      }
      a.onChanged({ worksheetId: "B" });
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

describe("ribbon command (shared runtime)", () => {
  function office(shown: jest.Mock) {
    const associated: Record<string, unknown> = {};
    (globalThis as unknown as { Office: unknown }).Office = new OfficeMockObject({
      onReady: (cb: () => void) => cb(),
      actions: { associate: (name: string, fn: unknown) => (associated[name] = fn) },
      addin: { showAsTaskpane: shown },
      context: { requirements: { isSetSupported: (set: string, v: string) => set === "ExcelApi" && v !== "1.18" } },
    });
    return associated;
  }

  test("Kiểm tra checks with the pane's host: first wrong cell selected, the pane shown with the counts", async () => {
    const shown = jest.fn(async () => undefined);
    const associated = office(shown);
    const { checkActiveSheet, openMerge, registerCommands } = await import("../addin/commands/commands");
    const { excelHost } = await import("../addin/excel/host");
    registerCommands();
    expect(associated.checkActiveSheet).toBe(checkActiveSheet);
    expect(associated.openMerge).toBe(openMerge);
    const g = sheet(build(BASE));
    setCell(g, "C7", "y2021", "abc");
    const x = book([g]);
    const host = excelHost();
    host.lang = "en";
    const seen: string[] = [];
    const off = host.onCheck((c) => seen.push(`${c.sheet}:${c.findings.length}`));
    const completed = jest.fn();
    const res = await checkActiveSheet({ completed } as unknown as Office.AddinCommands.Event);
    off();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(shown).toHaveBeenCalledTimes(1);
    expect(x.syncs).toBe(2);
    expect(res?.findings.map((f) => f.rule)).toEqual(["VALUE_NOT_NUMBER"]);
    expect(seen).toEqual([`${g.name}:1`]);
    expect(host.lastCheck).toBe(res);
    expect(x.selected).toBe(`${g.name}!${at("C7", "y2021")}`);
    // ExcelApi 1.18 missing here: no notes, the colour alone marks the cell.
    expect(x.cell(x.sheets[0], at("C7", "y2021")).note).toBeNull();
    expect(x.shown(x.sheets[0], at("C7", "y2021"))).toBe(MARK_COLORS.error);
  });

  test("Xóa dấu kiểm tra on the ribbon: the marks go, check-while-typing is turned off, the pane says so", async () => {
    const shown = jest.fn(async () => undefined);
    const associated = office(shown);
    const { clearCheckMarks, registerCommands } = await import("../addin/commands/commands");
    const { excelHost } = await import("../addin/excel/host");
    registerCommands();
    expect(associated.clearCheckMarks).toBe(clearCheckMarks);
    const x = book([wrongTable()]);
    const host = excelHost();
    host.lang = "vi";
    await host.checkActive();
    expect(marked(x, x.sheets[0]).length).toBeGreaterThan(0);
    const notices: string[] = [];
    const off = host.onNotice((n) => notices.push(n));
    const completed = jest.fn();
    await clearCheckMarks({ completed } as unknown as Office.AddinCommands.Event);
    off();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(shown).toHaveBeenCalledTimes(1);
    expect(marked(x, x.sheets[0])).toEqual([]);
    expect(host.autoCheck.enabled).toBe(false);
    expect(notices).toEqual([
      "Đã xóa dấu kiểm tra trên 1 trang: Phụ lục 02. Đã tắt Tự kiểm tra khi gõ để dấu không hiện lại; bấm Kiểm tra khi cần.",
    ]);
  });

  test("a check that fails tells the pane why, in Vietnamese, and still completes", async () => {
    const shown = jest.fn(async () => undefined);
    office(shown);
    const { checkActiveSheet } = await import("../addin/commands/commands");
    const { excelHost } = await import("../addin/excel/host");
    (globalThis as unknown as { Excel: unknown }).Excel = {
      run: async () => {
        throw new Error("GeneralException: Excel đang bận");
      },
    };
    const host = excelHost();
    host.lang = "vi";
    const errors: string[] = [];
    const off = host.onError((m) => errors.push(m));
    const completed = jest.fn();
    await checkActiveSheet({ completed } as unknown as Office.AddinCommands.Event);
    off();
    expect(errors).toEqual(["Không kiểm tra được trang tính: GeneralException: Excel đang bận"]);
    expect(completed).toHaveBeenCalledTimes(1);
    expect(shown).toHaveBeenCalledTimes(1);
  });

  test("a sheet deleted after its change was queued is left out; the others are checked", async () => {
    const { ExcelHost } = await import("../addin/excel/host");
    const x = book([sheet(build(BASE)), { ...sheet(build(BASE)), name: "Bản 2" }]);
    const host = new ExcelHost(NOTES);
    await host.autoCheck.register();
    const [a, b] = x.sheets;
    x.edit(a, at("C7", "y2021"), "abc");
    x.edit(b, at("C7", "y2021"), "abc");
    x.sheets.splice(1, 1); // "Bản 2" deleted before the debounce fires
    const errors: string[] = [];
    const off = host.onError((m) => errors.push(m));
    await host.autoCheck.flush();
    off();
    expect(errors).toEqual([]);
    expect(host.lastCheck?.sheet).toBe(a.name);
    expect(x.shown(a, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    await host.autoCheck.setEnabled(false);
  });

  test("check while typing runs in the shared runtime with no pane: the edit is checked and marked", async () => {
    const { ExcelHost } = await import("../addin/excel/host");
    const x = book([sheet(build(BASE))]);
    const host = new ExcelHost(NOTES);
    await host.autoCheck.register();
    const s = x.sheets[0];
    x.edit(s, at("C7", "y2021"), "abc");
    await host.autoCheck.flush();
    expect(host.lastCheck?.findings.map((f) => f.rule)).toEqual(["VALUE_NOT_NUMBER"]);
    expect(x.shown(s, at("C7", "y2021"))).toBe(MARK_COLORS.error);
    await host.autoCheck.setEnabled(false);
  });
});

test("features: notes from ExcelApi 1.18, own-write detection from 1.14, writes that keep Ctrl+Z from 1.20", () => {
  const upTo = (max: number) => (set: string, v: string) => set === "ExcelApi" && Number(v.split(".")[1]) <= max;
  expect(detectFeatures(upTo(20))).toEqual({ notes: "notes", triggerSource: true, keepsUndo: true });
  expect(detectFeatures(upTo(18))).toEqual({ notes: "notes", triggerSource: true, keepsUndo: false });
  expect(detectFeatures(upTo(14))).toEqual({ notes: "none", triggerSource: true, keepsUndo: false });
  expect(detectFeatures(upTo(9))).toEqual({ notes: "none", triggerSource: false, keepsUndo: false });
});

describe("check while typing keeps the user's Ctrl+Z (issue 24 point 3)", () => {
  test("below ExcelApi 1.20 typing updates the findings only: nothing written, the undo history intact; Kiểm tra marks", async () => {
    const { ExcelHost } = await import("../addin/excel/host");
    const x = book([sheet(build(BASE))]);
    const host = new ExcelHost({ ...NOTES, keepsUndo: false });
    await host.autoCheck.register();
    const s = x.sheets[0];
    // the fake models the host: a write of the add-in here clears what Ctrl+Z can take back
    x.edit(s, at("D1", "label"), "Công đoàn");
    await x.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(s.id).getRange("Z1").values = [["x"]];
      await ctx.sync();
    });
    expect(x.undo).toEqual([]);

    x.edit(s, at("C7", "y2021"), "abc");
    await host.autoCheck.flush();
    expect(host.lastCheck?.findings.map((f) => f.rule)).toEqual(["VALUE_NOT_NUMBER"]);
    expect(host.lastCheck?.marksPending).toBe(true);
    expect(marked(x, s)).toEqual([]);
    expect(x.undo).toEqual([`${s.name}!${at("C7", "y2021")}`]);
    // the user asks: marked (this write clears the history, as the pane told them it would)
    const c = await host.checkActive();
    expect(c.marksPending).toBeUndefined();
    expect(marked(x, s)).toEqual([[at("C7", "y2021"), MARK_COLORS.error]]);
    await host.autoCheck.setEnabled(false);
  });

  test("from ExcelApi 1.20 typing checks and marks, and the user's undo history stays", async () => {
    const { ExcelHost } = await import("../addin/excel/host");
    const x = book([sheet(build(BASE))]);
    x.api = 20;
    const host = new ExcelHost({ ...NOTES, keepsUndo: true });
    await host.autoCheck.register();
    const s = x.sheets[0];
    x.edit(s, at("C7", "y2021"), "abc");
    await host.autoCheck.flush();
    expect(marked(x, s)).toEqual([[at("C7", "y2021"), MARK_COLORS.error]]);
    expect(x.undo).toEqual([`${s.name}!${at("C7", "y2021")}`]);
    await host.autoCheck.setEnabled(false);
  });
});

test("the city sheet's notes are tagged as the tool's: checking it afterwards rewrites nothing", async () => {
  const names = bundledRoster().units.map((u) => u.name);
  const grids = [0, 1].map((i) => {
    const g = { ...sheet(unitValues(i), names[i]), name: `DV ${i + 1}` };
    setCell(g, "D2", "total", 999);
    return g;
  });
  const x = book(grids);
  await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
  const city = x.sheet(CITY_SHEET_NAMES.city);
  const noted = Object.keys(notesOf(city));
  expect(noted.length).toBeGreaterThan(0);
  expect(ourNoteCells(city)).toEqual(noted.sort());
  const first = await check(x, NOTES, city.id);
  expect(first.res.findings.length).toBeGreaterThan(0);
  expect(Object.keys(notesOf(city)).sort()).toEqual(noted.sort());
  // read; the cells our formats cover; nothing written
  expect((await check(x, NOTES, city.id)).syncs).toBe(2);
});

describe("merge in Excel: consolidation integrity (spec §5 v2)", () => {
  const units = bundledRoster().units.map((u) => u.name);
  const STRANGER = "Trường Tiểu học Lê Văn Tám";
  const named = (g: Grid, name: string) => ({ ...g, name });
  const cityTotal = (x: FakeExcel) => x.values(CITY_SHEET_NAMES.city)[LAY.row.get("TONG")!][LAY.col.get("total")!];

  test("the same table on two sheets, one without a unit line: counted once, both named", async () => {
    const x = book([
      named(sheet(unitValues(0), units[0]), "DV 1"),
      named(sheet(unitValues(1), units[1]), "DV 2"),
      named(sheet(unitValues(0), null), "Zalo"),
    ]);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(run.result.units.filter((u) => u.included).map((u) => u.sheet)).toEqual(["DV 1", "DV 2"]);
    const dup = run.result.findings.filter((f) => f.rule === "MERGE_DUPLICATE_CONTENT");
    expect(dup).toHaveLength(1);
    expect(dup[0].message).toContain("DV 1");
    expect(dup[0].message).toContain("Zalo");
    expect(cityTotal(x)).toBe(unitsSum(2, "TONG"));
    expect(run.result.summary.duplicates).toBe(1);
    expect(run.result.summary.lines.vi[2]).toBe("Có lỗi: 0 đơn vị; bản trùng bị loại: 1; không đọc được: 0.");
  });

  test("a unit off the workbook's roster sheet: held out by default, in the total with includeUnknown", async () => {
    const make = () => {
      const x = book([named(sheet(unitValues(0), units[0]), "DV 1"), named(sheet(unitValues(1), STRANGER), "DV 2")]);
      x.addSheet("Danh sách đơn vị", [
        ["Tên đơn vị", "Loại"],
        [units[0], "Phòng GDĐT"],
      ]);
      return x;
    };
    const x = make();
    const held = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(held.result.units.map((u) => [u.sheet, u.included, u.heldOut])).toEqual([
      ["DV 1", true, false],
      ["DV 2", false, true],
    ]);
    expect(cityTotal(x)).toBe(unitValues(0).TONG.total);
    const status = x.values(CITY_SHEET_NAMES.status);
    expect([status[1][1], status[1][3]]).toEqual([STRANGER, "Chưa xác nhận — không tính vào tổng"]);
    expect(held.result.summary.lines.vi[3]).toMatch(/^Chưa xác nhận — không tính vào tổng: 1 đơn vị ngoài danh sách/);

    const y = make();
    const all = await y.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES, includeUnknown: true }));
    expect(all.result.units.map((u) => [u.sheet, u.included, u.heldOut])).toEqual([
      ["DV 1", true, false],
      ["DV 2", true, false],
    ]);
    expect(cityTotal(y)).toBe(unitsSum(2, "TONG"));
    expect(all.result.summary.lines.vi[0]).toBe("Tổng hợp: 2 đơn vị được tính vào tổng thành phố.");
  });

  test("errors on a unit's Cơ cấu đại biểu sheet count with its unit, in the status and the summary", async () => {
    // DB2 ≠ DB3 + DB4 and too few exemplars: the unit's table itself is clean
    const db = named(dbSheet({ DB1: 80, DB2: 90, DB3: 40, DB4: 30, DB7: 3 }, undefined, units[1]), "CCDB 2");
    const dbErrors = countBySeverity(analyzeGrid(db)!.findings).errors;
    expect(dbErrors).toBeGreaterThan(0);
    const x = book([named(sheet(unitValues(0), units[0]), "DV 1"), named(sheet(unitValues(1), units[1]), "DV 2"), db]);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(run.result.status.filter((s) => s.submitted).map((s) => [s.unit, s.errors])).toEqual([
      [units[0], 0],
      [units[1], dbErrors],
    ]);
    expect(run.result.summary.withErrors).toBe(1);
    const status = x.values(CITY_SHEET_NAMES.status);
    expect(status.find((r) => r[1] === units[1])![status[0].indexOf("Số lỗi")]).toBe(dbErrors);
  });

  test("a blank template sent back: 'nộp bảng trống', not submitted, not in the total", async () => {
    const x = book([named(sheet(unitValues(0), units[0]), "DV 1"), named(sheet(build({}), units[1]), "DV 2")]);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(run.result.units.map((u) => [u.sheet, u.blank, u.included])).toEqual([
      ["DV 1", false, true],
      ["DV 2", true, false],
    ]);
    const row = run.result.status.find((s) => s.unit === units[1])!;
    expect([row.submitted, row.blank]).toEqual([false, true]);
    expect(run.result.findings.map((f) => f.rule)).toContain("MERGE_EMPTY_TABLE");
    expect(run.result.summary).toMatchObject({ submitted: 1, blank: 1, included: 1 });
    expect(x.values(CITY_SHEET_NAMES.status).find((r) => r[1] === units[1])![3]).toBe("Nộp bảng trống");
    expect(cityTotal(x)).toBe(unitValues(0).TONG.total);
  });

  test("two added files of one unit: the newer by its file time is kept, whatever the path order", async () => {
    const x = book([]);
    const older = { file: "a.xlsx", grids: [sheet(unitValues(0), units[0])], fileTime: "2026-11-02T08:00:00.000Z" };
    const newer = { file: "b.xlsx", grids: [sheet(unitValues(2), units[0])], fileTime: "2026-11-06T08:00:00.000Z" };
    for (const others of [
      [older, newer],
      [newer, older],
    ]) {
      const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES, sheets: [], others }));
      const kept = run.result.units.filter((u) => u.included);
      expect(kept.map((u) => [u.file, u.keptBecause?.kind])).toEqual([["b.xlsx", "file-time"]]);
      expect(cityTotal(x)).toBe(unitValues(2).TONG.total);
    }
  });

  test("files picked from disk are read as the CLI reads them: a .zip's spreadsheets, a .csv table, a PDF named", async () => {
    // a unit's table as an .xlsx, sent inside a .zip; another unit's as a .csv (";" as Excel writes it in Vietnam)
    const xlsx = writeXlsx([{ name: "Phụ lục 02", rows: sheet(unitValues(0), units[0]).rows.map(cellsOf) }]);
    const zip = zipSync({ "bao-cao/phu-luc-02.xlsx": xlsx });
    const csvText = sheet(unitValues(1), units[1])
      .rows.map((r) =>
        (r ?? []).map((v) => (v === null || v === undefined ? "" : `"${String(v).replace(/"/g, '""')}"`)).join(";"),
      )
      .join("\r\n");
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    const others = [
      ...otherFileSheets("dv1.zip", zip, null),
      ...otherFileSheets("dv2.csv", new TextEncoder().encode(csvText), null),
      ...otherFileSheets("bao-cao.pdf", pdf, null),
    ];
    expect(others.map((o) => [o.file, o.sheets?.map((r) => r.template), o.error?.vi ?? null])).toEqual([
      ["dv1.zip › bao-cao/phu-luc-02.xlsx", ["pl02"], null],
      ["dv2.csv", ["pl02"], null],
      ["bao-cao.pdf", [], "Tệp PDF (bản in của biểu), không phải tệp Excel; hãy gửi tệp Excel (.xlsx) của biểu"],
    ]);
    const x = book([]);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES, sheets: [], others }));
    expect(run.result.units.filter((u) => u.included).map((u) => [u.unit, u.file])).toEqual([
      [units[0], "dv1.zip › bao-cao/phu-luc-02.xlsx"],
      [units[1], "dv2.csv"],
    ]);
    expect(run.result.findings.filter((f) => f.rule === "MERGE_UNREADABLE").map((f) => f.file)).toEqual([
      "bao-cao.pdf",
    ]);
    expect(cityTotal(x)).toBe(unitValues(0).TONG.total + unitValues(1).TONG.total);
  });

  test("a merge that includes no unit writes no sheet", async () => {
    const x = book([named(sheet(build({}), units[0]), "DV 1")]);
    const run = await x.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: NOTES }));
    expect(run.written).toEqual([]);
    expect(x.sheets.map((s) => s.name)).toEqual(["DV 1"]);
    expect(x.syncs).toBe(2);
    expect(run.result.summary.lines.vi[0]).toBe("Tổng hợp: 0 đơn vị được tính vào tổng thành phố.");
  });
});
