/**
 * A located table holds its count cells in arrays (`TableData`) and builds `cells` from them only
 * when asked: on any sheet a unit may send, the two agree cell for cell, the merge reads the same
 * values from either, and the sheet itself is never changed.
 */
import fc from "fast-check";
import {
  analyzeGrid,
  type Cell,
  encodeLegacy,
  type Grid,
  loadTemplate,
  PL02,
  type SheetResult,
  tableValues,
  templateById,
  type Template,
  templateLayout,
  type Values,
} from "../shared";
import { ABSENT, ISSUE_BITS, NO_VALUE } from "../shared/template-plan";
import { daibieuValues, unitValues } from "../cli/sample/values";
import { layoutVariants } from "../cli/sample/variants";
import { runs } from "./helpers/property-runs";

const pl02 = templateById("pl02");
const daibieu = templateById("daibieu");

/** The arrays agree with the cells built from them, cell for cell. */
function expectDataMatchesCells(r: SheetResult) {
  const t = r.table!;
  const tpl = t.template;
  const nk = tpl.countKeys.length;
  const d = t.data;
  const fromData: unknown[] = [];
  const fromCells: unknown[] = [];
  tpl.rows.forEach((def, ri) => {
    fromData.push([def.code, d.rowAt[ri]]);
    fromCells.push([def.code, t.rows.get(def.code) ?? -1]);
    tpl.countKeys.forEach((key, k) => {
      const i = ri * nk + k;
      const c = t.cells.get(def.code)?.get(key);
      let flags = !c ? ABSENT : c.value === null ? NO_VALUE : 0;
      for (const issue of c?.issues ?? []) flags |= ISSUE_BITS[issue];
      fromData.push([def.code, key, d.flags[i], Object.is(d.value[i], c?.value ?? NaN), c ? d.raw[i] : null]);
      fromCells.push([def.code, key, flags, true, c ? c.raw : null]);
    });
  });
  fromData.push(d.found.map((ri) => tpl.rows[ri].code));
  fromCells.push([...t.rows.keys()]);
  expect(fromData).toEqual(fromCells);
}

/** Values as the merge read them before: from `cells`. */
function valuesFromCells(r: SheetResult): Values {
  const t = templateById(r.template);
  const out: Values = {};
  for (const def of t.rows) {
    const row: Record<string, number> = {};
    for (const key of t.countKeys) row[key] = r.table?.cells.get(def.code)?.get(key)?.value ?? 0;
    out[def.code] = row;
  }
  return out;
}

// ---- sheets to start from: the templates' own layouts and the corpus of real-world layouts

const attrIds = (key: string) => daibieu.def.attributes.find((a) => a.key === key)!.values.map((v) => v.id);

const baseSheet = fc.oneof(
  fc
    .integer({ min: 1, max: 10_000 })
    .map((seed) => templateLayout(pl02, { unit: "Trường THPT Một", values: unitValues("Trường THPT", seed) }).grid),
  fc
    .record({
      seed: fc.integer({ min: 1, max: 10_000 }),
      level: fc.constantFrom(...attrIds("level"), "none"),
      unitType: fc.constantFrom(...attrIds("unitType"), "none"),
    })
    .map(({ seed, level, unitType }) => {
      const db = daibieuValues("Phòng GDĐT", seed);
      return templateLayout(daibieu, { unit: "Phòng GDĐT Một", values: db.values, attrs: { level, unitType } }).grid;
    }),
  fc.constantFrom(...layoutVariants().map((v) => v.sheet.grid)),
);

// ---- what units do to them

const oddValue: fc.Arbitrary<Cell> = fc.oneof(
  fc.integer({ min: -5, max: 400 }),
  fc.constantFrom<Cell>(0, -0, 1.5, 2.0000000001, 1e-10, -1, 300, 301, 299, NaN, Infinity),
  fc.constantFrom<Cell>("12", " 7 ", "1.234", "2,5", "-3", "1 234", "abc", "", "  ", "-", "x"),
  fc.constantFrom<Cell>("#REF!", "#N/A", { error: "#DIV/0!" }, { error: "#VALUE!" }, true, false, null, undefined),
);
const oddText = fc.constantFrom(
  "Tổng số",
  "Tổng cộng",
  "Tập thể",
  "Cá nhân",
  "Hạng Nhất",
  "Hạng Ba",
  "a) Hạng Nhì",
  "Huân chương Lao động",
  "A1",
  "D2",
  "C",
  "(1)",
  "Ghi chú",
  "Đơn vị:",
  "Đơn vị: Trường THPT Hai",
  "Cấp hội nghị: Cơ sở",
  "Loại đơn vị: Phòng GDĐT",
  "Số lượng",
  "Hình thức khen thưởng",
  "Lao động tiên tiến",
  "Người ký",
);

type Edit =
  | { op: "set"; r: number; c: number; v: Cell }
  | { op: "text"; r: number; c: number; v: string }
  | { op: "dropRow" | "copyRow" | "dropCol"; r: number; c: number }
  | { op: "swapRows"; r: number; c: number; s: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("set" as const), r: fc.nat(45), c: fc.nat(14), v: oddValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("text" as const), r: fc.nat(45), c: fc.nat(14), v: oddText }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constantFrom("dropRow" as const, "copyRow" as const, "dropCol" as const),
      r: fc.nat(45),
      c: fc.nat(14),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("swapRows" as const), r: fc.nat(45), c: fc.nat(14), s: fc.nat(45) }),
  },
);

/** Changes to the rows the quota rules compare, on the model layout (those rules fire rarely otherwise). */
const LAY = templateLayout(pl02);
const QUOTA_ROWS = ["B1", "C1", "C2", "C7", "D1", "D2", "D3"];
const quotaEdit: fc.Arbitrary<Edit> = fc
  .record({
    code: fc.constantFrom(...QUOTA_ROWS),
    key: fc.constantFrom(...pl02.countKeys),
    v: fc.oneof(
      fc.nat(30),
      fc.nat(60).map((n) => n / 4),
      fc.constantFrom(0.1, 0.2, 0.3, 0.7, 1.1, 2.2, 3.3),
    ),
  })
  .map(({ code, key, v }) => ({ op: "set" as const, r: LAY.row.get(code)!, c: LAY.col.get(key)!, v }));

function apply(grid: Grid, edits: Edit[]): Grid {
  const rows = grid.rows.map((r) => (r ? [...r] : r));
  for (const e of edits) {
    const r = e.r % Math.max(1, rows.length + 2);
    switch (e.op) {
      case "set":
      case "text":
        (rows[r] ??= [])[e.c] = e.v;
        break;
      case "dropRow":
        rows.splice(r, 1);
        break;
      case "copyRow":
        if (rows[r]) rows.splice(r, 0, [...rows[r]]);
        break;
      case "swapRows": {
        const s = e.s % Math.max(1, rows.length);
        [rows[r], rows[s]] = [rows[s], rows[r]];
        break;
      }
      case "dropCol":
        for (const row of rows) row?.splice(e.c, 1);
        break;
    }
  }
  return { name: grid.name, rows };
}

function expectConsistent(grid: Grid, templates?: Template[]) {
  const copy = structuredClone(grid);
  const res = analyzeGrid(grid, templates);
  expect(grid).toEqual(copy); // the grid is read, never changed
  if (res?.table) {
    expectDataMatchesCells(res);
    expect(tableValues(res)).toEqual(valuesFromCells(res));
  }
}

test("the corpus and the templates' layouts", () => {
  for (const v of layoutVariants()) expectConsistent(v.sheet.grid);
  expectConsistent(templateLayout(pl02, { unit: "X", values: unitValues("Trường THPT", 1) }).grid);
  expectConsistent(templateLayout(daibieu, { unit: "X", values: daibieuValues("Trường THPT", 2).values }).grid);
  expectConsistent(templateLayout(pl02).grid); // no unit, no values
});

test("any sheet a unit may send", () => {
  fc.assert(
    fc.property(baseSheet, fc.array(fc.oneof(edit, quotaEdit), { maxLength: 12 }), (grid, edits) =>
      expectConsistent(apply(grid, edits)),
    ),
    { numRuns: runs(300) },
  );
});

test("legacy-encoded sheets too", () => {
  fc.assert(
    fc.property(
      baseSheet,
      fc.array(edit, { maxLength: 6 }),
      fc.constantFrom("tcvn3", "vni") as fc.Arbitrary<"tcvn3" | "vni">,
      (grid, edits, enc) => {
        const g = apply(grid, edits);
        g.rows = g.rows.map((r) => r?.map((v) => (typeof v === "string" ? encodeLegacy(v, enc) : v)));
        expectConsistent(g);
      },
    ),
    { numRuns: runs(50) },
  );
});

test("a template other than the built-in one of its id: the merge reads its values through cells", () => {
  // same id, rows in another order and a column less: tableValues must map by code and key
  const def = structuredClone(PL02);
  def.rows = [...def.rows].reverse();
  def.columns = def.columns.filter((c) => c.key !== "y2425");
  def.rules = def.rules.filter((r) => !("columns" in r) || !r.columns.includes("y2425"));
  const custom = loadTemplate(def);
  const grid = templateLayout(pl02, { unit: "X", values: unitValues("Trường THPT", 3) }).grid;
  const res = analyzeGrid(grid, [custom])!;
  expect(res.table!.template).toBe(custom);
  expect(tableValues(res)).toEqual(valuesFromCells(res));
  expectDataMatchesCells(res);
});
