/**
 * The Apps Script's figures for `npm run bench`: service calls per check (onEdit), per "check all"
 * of 10 and 150 tabs, per "Tạo trang mẫu" and "Khóa cấu trúc mẫu", and per merge of 1, 10 and 150
 * tabs, counted by running the built dist/appsscript/Code.js against the in-memory SpreadsheetApp
 * of the tests (each call its own execution, as in Sheets), and the time that takes in Node (real
 * Sheets calls cost far more: the counts are the figure that matters).
 */
import { benchSubmissions } from "../cli/sample/generate";
import { type Grid, listLayout, listTemplateById, templateById, templateLayout } from "../shared";
import { GasFake } from "../tests/helpers/gas-fake";
import { listSheet } from "../tests/helpers/tables";

function unitGrids(n: number): Grid[] {
  return benchSubmissions(n).flatMap((f) => (f.kind === "workbook" ? [f.sheets[0].grid] : []));
}

function loaded(dist: string, grids: Grid[]) {
  const fake = new GasFake(dist);
  grids.forEach((g, i) => fake.addSheet(`${i + 1} ${g.name}`.slice(0, 90), g.rows as (string | number)[][]));
  return { fake, gs: fake.script() };
}

/**
 * The delegate tabs of 50 units (150 tabs: Phụ lục 02, Cơ cấu đại biểu with DB7 = 2, a list of 3),
 * after a "Kiểm tra tất cả": an edit in a list (its Cơ cấu đại biểu read again), one in a Cơ cấu
 * đại biểu that leaves DB7–DB9 as they were, and one that changes DB7 (its list read and re-marked).
 */
function delegateEdits(dist: string) {
  const [pl] = unitGrids(1);
  const db = templateLayout(templateById("daibieu"));
  const list = listLayout(listTemplateById("ds-daibieu"));
  const fake = new GasFake(dist);
  for (let i = 0; i < 50; i++) {
    const unit = `Trường THPT Số ${i + 1}`;
    const dbGrid = templateLayout(templateById("daibieu"), {
      unit,
      values: { DB7: { value: 2 } },
      attrs: { unitType: "thpt", level: "co_so" },
    }).grid;
    fake.addSheet(`PL ${i + 1}`, pl.rows as (string | number)[][]);
    fake.addSheet(`CC ${i + 1}`, dbGrid.rows as (string | number)[][]);
    fake.addSheet(`DS ${i + 1}`, listSheet(unit).rows as (string | number)[][]);
  }
  const gs = fake.script();
  gs.checkAllSheets();
  const type = (tab: string, r: number, c: number, v: string | number) => {
    fake.sheet(tab).set(r, c, v);
    const api = fake.sheet(tab).api() as unknown as { getRange: (...a: number[]) => unknown };
    const range = fake.asUser(() => api.getRange(r + 1, c + 1, 1, 1));
    fake.reset();
    gs.onEdit({ range, value: v });
    return { calls: fake.total(), reads: fake.calls.get("Range.getValues") ?? 0 };
  };
  const v = db.col.get("value")!;
  return {
    inList: type("DS 7", list.firstDataRow, list.col.get("summary")!, "Giáo viên giỏi cấp thành phố"),
    inDaibieuSameDb7: type("CC 7", db.row.get("DB1")!, v, 40),
    inDaibieuDb7Changed: type("CC 7", db.row.get("DB7")!, v, 3),
  };
}

export function appsScriptFigures(dist: string) {
  const [grid] = unitGrids(1);
  const { fake, gs } = loaded(dist, [grid]);
  const range = fake.asUser(() =>
    (fake.sheets[0].api() as unknown as { getRange: (r: number, c: number) => unknown }).getRange(20, 3),
  );
  const edit = () => {
    fake.reset();
    const t0 = process.hrtime.bigint();
    gs.onEdit({ range, value: "1" });
    return { calls: fake.total(), ms: +(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1) };
  };
  const firstEdit = edit(); // creates the helper tab and the tab's rules
  const nextEdit = edit();
  const merges: Record<string, { calls: number; reads: number; ms: number }> = {};
  for (const n of [1, 10, 150]) {
    const run = loaded(dist, unitGrids(n));
    run.fake.reset();
    const t0 = process.hrtime.bigint();
    run.gs.mergeUnitSheets();
    merges[`${n}Tabs`] = {
      calls: run.fake.total(),
      reads: run.fake.calls.get("Range.getValues") ?? 0,
      ms: +(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1),
    };
  }
  const checkAll: Record<string, { first: number; calls: number; reads: number; writes: number; ms: number }> = {};
  for (const n of [10, 150]) {
    const run = loaded(dist, unitGrids(n));
    run.gs.checkAllSheets(); // the first run also sets each tab's rules
    const first = run.fake.total();
    run.fake.reset();
    const t0 = process.hrtime.bigint();
    run.gs.checkAllSheets();
    checkAll[`${n}Tabs`] = {
      first,
      calls: run.fake.total(),
      reads: run.fake.calls.get("Range.getValues") ?? 0,
      writes: run.fake.calls.get("Range.setValues") ?? 0,
      ms: +(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1),
    };
  }
  const template = loaded(dist, []);
  template.fake.addSheet("Trang tính1");
  const calls = (fn: string) => {
    template.fake.reset();
    template.gs[fn]();
    return template.fake.total();
  };
  const createTemplate = calls("createTemplateSheet");
  const lockTemplate = calls("protectTemplate");
  return {
    checkOnEdit: { firstEdit, nextEdit },
    delegateTabs: delegateEdits(dist),
    checkAllAgain: checkAll,
    template: { create: createTemplate, lock: lockTemplate },
    merge: merges,
  };
}
