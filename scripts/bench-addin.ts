/**
 * The Excel add-in's figures for `npm run bench`: round trips (context.sync calls) per check and
 * per merge of 1, 10 and 100 sheets, the request and response sizes of a check of 1, 10 and 30
 * sheets changed together (Excel on the web refuses 5 MB either way), counted through the
 * office-addin-mock workbook the tests use, and the size of the built pane (office.js is loaded
 * from Microsoft's CDN, not bundled).
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { checkSheet, checkSheets, resetSession } from "../addin/excel/check";
import type { ExcelFeatures } from "../addin/excel/features";
import { mergeInWorkbook } from "../addin/excel/merge";
import { benchSubmissions } from "../cli/sample/generate";
import { type Grid, templateById, templateLayout } from "../shared";
import { FakeExcel } from "../tests/helpers/excel-fake";
import { listSheet } from "../tests/helpers/tables";

const FEATURES: ExcelFeatures = { notes: "notes", triggerSource: true };

function workbookOf(grids: Grid[]): FakeExcel {
  const x = new FakeExcel();
  grids.forEach((g, i) => x.addSheet(`${i + 1} ${g.name}`.slice(0, 31), g.rows as (string | number | null)[][]));
  return x;
}

function unitGrids(n: number): Grid[] {
  return benchSubmissions(n).flatMap((f) => (f.kind === "workbook" ? [f.sheets[0].grid] : []));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: +(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1) };
}

/**
 * A unit's workbook (Phụ lục 02, Cơ cấu đại biểu with DB7 = 2, a list of 3): round trips of an
 * edit in the list (the other sheets read for its Cơ cấu đại biểu), of an edit in the Cơ cấu đại
 * biểu that leaves DB7–DB9 as they were, and of one that changes DB7 (the list marked again).
 */
async function delegateSheets(grid: Grid) {
  resetSession();
  const unit = "Trường THPT Số 1";
  const db = templateLayout(templateById("daibieu"), {
    unit,
    values: { DB7: { value: 2 } },
    attrs: { unitType: "thpt", level: "co_so" },
  });
  const x = new FakeExcel();
  x.addSheet("Phụ lục 02", grid.rows as (string | number | null)[][]);
  const dbSheet = x.addSheet("Cơ cấu đại biểu", db.grid.rows as (string | number | null)[][]);
  const list = x.addSheet("Danh sách đại biểu", listSheet(unit).rows as (string | number | null)[][]);
  const syncs = async (id: string) => {
    const before = x.syncs;
    await x.run((ctx) => checkSheets(ctx, { lang: "vi", features: FEATURES, sheetIds: [id] }));
    return x.syncs - before;
  };
  const value = db.col.get("value")!;
  const at = (code: string) => `${String.fromCharCode(65 + value)}${db.row.get(code)! + 1}`;
  await syncs(dbSheet.id); // the session's first sight of the Cơ cấu đại biểu
  const listEdit = await syncs(list.id);
  x.edit(dbSheet, at("DB1"), 40);
  const dbSameDb7 = await syncs(dbSheet.id);
  x.edit(dbSheet, at("DB7"), 3);
  const dbDb7Changed = await syncs(dbSheet.id);
  return { listEdit, dbSameDb7, dbDb7Changed };
}

export async function addinFigures(dist: string) {
  resetSession();
  const [grid] = unitGrids(1);
  const wrong = { ...grid, rows: grid.rows.map((r) => [...(r ?? [])]) };
  const firstCount = wrong.rows.findIndex((r, i) => i > 8 && typeof r[2] === "number");
  wrong.rows[firstCount][2] = (wrong.rows[firstCount][2] as number) + 7;
  const x = workbookOf([wrong]);
  const syncsOf = async (fn: () => Promise<unknown>) => {
    const before = x.syncs;
    const t = await timed(fn);
    return { syncs: x.syncs - before, ms: t.ms };
  };
  const check = (ctx: Excel.RequestContext) => checkSheet(ctx, { lang: "vi", features: FEATURES });
  const firstCheck = await syncsOf(() => x.run(check));
  const recheckUnchanged = await syncsOf(() => x.run(check));
  // Sheets changed within one debounce window (Find/Replace over the workbook, grouped sheets)
  // are checked together: round trips and the bytes of each request and response.
  const together: Record<string, { syncs: number; requestKB: number[]; responseKB: number[] }> = {};
  for (const n of [1, 10, 30]) {
    resetSession();
    const several = workbookOf(Array.from({ length: n }, () => wrong));
    const ids = several.sheets.map((s) => s.id);
    await several.run((ctx) => checkSheets(ctx, { lang: "vi", features: FEATURES, sheetIds: ids }));
    const kb = (b: number) => +(b / 1024).toFixed(1);
    together[`${n}Sheets`] = {
      syncs: several.syncs,
      requestKB: several.payloads.map((p) => kb(p.request)),
      responseKB: several.payloads.map((p) => kb(p.response)),
    };
  }
  const merges: Record<string, { syncs: number; ms: number }> = {};
  for (const n of [1, 10, 100]) {
    const wb = workbookOf(unitGrids(n));
    const t = await timed(() => wb.run((ctx) => mergeInWorkbook(ctx, { lang: "vi", features: FEATURES })));
    merges[`${n}Sheets`] = { syncs: wb.syncs, ms: t.ms };
  }
  const size = (f: string) => (existsSync(join(dist, f)) ? +(statSync(join(dist, f)).size / 1024).toFixed(1) : null);
  return {
    checkRoundTrips: { firstCheckWithErrors: firstCheck, recheckNothingChanged: recheckUnchanged },
    sheetsCheckedTogether: together,
    delegateSheetsRoundTrips: await delegateSheets(grid),
    mergeRoundTrips: merges,
    bundleKB: {
      taskpaneJs: size("taskpane.js"),
      xlsxWriteChunkLoadedOnDemand: size("xlsx-write.chunk.js"),
      goalTaskpaneJs: 1536,
    },
  };
}
