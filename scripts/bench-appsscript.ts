/**
 * The Apps Script's figures for `npm run bench`: service calls per check (onEdit), per "check all"
 * of 10 and 150 tabs, per "Tạo trang mẫu" and "Khóa cấu trúc mẫu", and per merge of 1, 10 and 150
 * tabs, counted by running the built dist/appsscript/Code.js against the in-memory SpreadsheetApp
 * of the tests (each call its own execution, as in Sheets), and the time that takes in Node (real
 * Sheets calls cost far more: the counts are the figure that matters).
 */
import { benchSubmissions } from "../cli/sample/generate";
import type { Grid } from "../shared";
import { GasFake } from "../tests/helpers/gas-fake";

function unitGrids(n: number): Grid[] {
  return benchSubmissions(n).flatMap((f) => (f.kind === "workbook" ? [f.sheets[0].grid] : []));
}

function loaded(dist: string, grids: Grid[]) {
  const fake = new GasFake(dist);
  grids.forEach((g, i) => fake.addSheet(`${i + 1} ${g.name}`.slice(0, 90), g.rows as (string | number)[][]));
  return { fake, gs: fake.script() };
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
    checkAllAgain: checkAll,
    template: { create: createTemplate, lock: lockTemplate },
    merge: merges,
  };
}
