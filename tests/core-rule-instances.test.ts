/**
 * Each rule kind is defined once (shared/rules.ts): a template's rules expand into instances over
 * its count cells, evaluated on the table's values by the checker and on any other values by
 * `failures`. These tests hold the expansion to the rules' definitions and the evaluation on other
 * values to the checker's.
 */
import fc from "fast-check";
import {
  analyzeGrid,
  builtinTemplates,
  type Cell,
  equalityRows,
  failures,
  type Grid,
  type LinearRow,
  loadTemplate,
  type LocatedTable,
  PL02,
  selectColumns,
  templateLayout,
  type TemplateDefInput,
  type CellValues,
} from "../shared";
import type { RuleDefInput } from "../shared/definition/schema";
import { ISSUE_BITS, planOf } from "../shared/template-plan";
import { unitValues } from "../cli/sample/values";
import { LAY, pl02 } from "./helpers/tables";
import { runs } from "./helpers/property-runs";

test("each template's plan: the instances of its rules read the cells the rules name", () => {
  for (const t of builtinTemplates()) {
    const plan = planOf(t);
    expect(planOf(t)).toBe(plan); // made once
    expect([...plan.keyIndex.keys()]).toEqual(t.countKeys);
    expect(plan.valueRules.map((v) => [v.rule.id, v.bit])).toEqual(
      t.def.rules.flatMap((r) => (r.type === "value" ? [[r.id, ISSUE_BITS[r.issue]]] : [])),
    );
    const key = (ki: number) => t.countKeys[ki];
    const code = (ri: number) => t.rows[ri].code;
    const cells = (refs: { ri: number; ki: number; coef: number }[]) =>
      refs.map((c) => `${c.coef}×${code(c.ri)}.${key(c.ki)}`);
    for (const rule of t.def.rules) {
      const inst = plan.instances.filter((i) => i.rule === rule);
      switch (rule.type) {
        case "rowSum": {
          const terms = selectColumns(t, rule.terms);
          expect(inst.map((i) => (i.type === "rowSum" ? [cells(i.check.left), cells(i.check.right)] : i))).toEqual(
            t.rows.map((r) => [[`1×${r.code}.${rule.target}`], terms.map((k) => `1×${r.code}.${k}`)]),
          );
          break;
        }
        case "treeSum":
          expect(inst.map((i) => (i.type === "treeSum" ? [cells(i.check.left), cells(i.check.right)] : i))).toEqual(
            t.rows
              .filter((r) => rule.parentKinds.includes(r.kind) && t.children.has(r.code))
              .flatMap((r) =>
                t.countKeys.map((k) => [[`1×${r.code}.${k}`], t.children.get(r.code)!.map((c) => `1×${c}.${k}`)]),
              ),
          );
          break;
        case "zero":
          expect(inst.map((i) => (i.type === "zero" ? [code(i.ri), cells(i.cells)] : i))).toEqual(
            t.rows
              .filter((r) => rule.rowKinds.includes(r.kind))
              .map((r) => [r.code, selectColumns(t, rule.columns).map((k) => `1×${r.code}.${k}`)]),
          );
          break;
        case "compare": {
          const keys = selectColumns(t, rule.columns, rule.years);
          expect(inst.map((i) => (i.type === "compare" ? key(i.ki) : i))).toEqual(keys);
          for (const i of inst) {
            if (i.type !== "compare") continue;
            const k = key(i.ki);
            const named = (c: (typeof rule.assert)[number]) =>
              [...c.left, ...c.right].map((tm) => `${tm.coef}×${tm.row}.${tm.col ?? k}`);
            expect(i.assert.map((a) => [...cells(a.left), ...cells(a.right)])).toEqual(rule.assert.map(named));
          }
          break;
        }
        default:
          expect(inst).toEqual([]);
      }
    }
  }
});

// ---- rules of every shape the schema allows, beyond the built-in ones

const text = { vi: "{lhs} / {rhs} / {rhsValue} / {column} / {row} / {cell} / {value}", en: "{lhs} {rhs} {D1} {D1@}" };
const extra = (id: string, rule: Record<string, unknown>) =>
  ({ id, severity: "warning", basis: "test", summary: text, message: text, ...rule }) as RuleDefInput;
const SHAPES: TemplateDefInput = {
  ...structuredClone(PL02),
  rules: [
    ...structuredClone(PL02.rules),
    extra("X_COEF", {
      type: "compare",
      columns: ["@years", "total"],
      assert: [
        {
          left: [{ row: "D1", coef: 3 }],
          op: "le",
          right: [
            { row: "D2", coef: 0.5 },
            { row: "D3", coef: -1 },
          ],
          const: 2,
          num: 7,
          den: 10,
          ceil: true,
        },
      ],
    }),
    extra("X_NAMED_COLUMN", {
      type: "compare",
      columns: ["total", "collective"],
      blame: "D2",
      assert: [
        { left: [{ row: "D1", col: "individual" }], op: "ge", right: [{ row: "D1", col: "leaders" }, { row: "D1" }] },
        { left: [{ row: "D2" }], op: "gt", right: [{ row: "C1" }], den: 2 },
      ],
    }),
    extra("X_CEIL", {
      type: "compare",
      columns: ["@years"],
      assert: [{ left: [{ row: "B1" }], op: "le", right: [{ row: "C1" }, { row: "C2" }], num: 10, ceil: true }],
    }),
    extra("X_OTHER_COLUMN", {
      type: "compare",
      columns: ["leaders", "y2021"],
      assert: [{ left: [{ row: "D1", col: "total" }], op: "le", right: [{ row: "D1" }, { row: "D2", col: "direct" }] }],
    }),
    extra("X_NOT_COUNT", {
      type: "compare",
      columns: ["note", "label", "direct"],
      when: [
        { cmp: { left: [{ row: "D2" }], op: "gt", const: 5 } },
        { cmp: { left: [{ row: "D2", col: "note" }], op: "ge" } },
      ],
      assert: [{ left: [{ row: "D1" }], op: "lt", right: [{ row: "D2" }] }],
    }),
    extra("X_WHEN", {
      type: "compare",
      columns: ["@counts"],
      years: ["2020-2021"],
      when: [{ cmp: { left: [{ row: "D4" }], op: "ge", right: [{ row: "D3" }] } }],
      assert: [{ left: [{ row: "C5" }, { row: "C6" }], op: "eq", right: [{ row: "C" }], const: -1 }],
    }),
    extra("X_EQ_RATIO", {
      type: "compare",
      columns: ["@years"],
      assert: [{ left: [{ row: "D1" }], op: "eq", right: [{ row: "D2" }], const: 1, num: 3, den: 20 }],
    }),
    extra("X_ROWSUM_NOTE", { type: "rowSum", target: "note", terms: ["total"] }),
    extra("X_ROWSUM_MIXED", { type: "rowSum", target: "total", terms: ["@years", "note"] }),
    extra("X_ZERO_MIXED", { type: "zero", rowKinds: ["both", "total"], columns: ["note", "leaders", "@years"] }),
    extra("X_TREE_ALL", { type: "treeSum", parentKinds: ["both", "group", "total"] }),
  ],
};
const shapes = loadTemplate(SHAPES);

/** A count cell of the model layout set to a value: the table's layout stays as it is. */
const countEdit = fc.record({
  code: fc.constantFrom(...pl02.rows.map((r) => r.code)),
  key: fc.constantFrom(...pl02.countKeys),
  v: fc.oneof(
    fc.nat(30),
    fc.nat(60).map((n) => n / 4),
    fc.constantFrom<Cell>(0, -0, -1, 0.1, 0.2, 1e-10, 2.0000000001, "7", "abc", "#REF!", null),
  ),
});
type CountEdit = { code: string; key: string; v: Cell };

function edited(seed: number, edits: CountEdit[]): Grid {
  const grid = templateLayout(pl02, { unit: "X", values: unitValues("Trường THPT", seed) }).grid;
  const rows = grid.rows.map((r) => (r ? [...r] : r));
  for (const e of edits) (rows[LAY.row.get(e.code)!] ??= [])[LAY.col.get(e.key)!] = e.v;
  return { name: grid.name, rows };
}

const table = (g: Grid): LocatedTable => analyzeGrid(g, [shapes])!.table!;

test("X_CEIL: 10 × (0.1 + 0.2) is 3.0000000000000004, rounded up less the tolerance to 3", () => {
  const grid = edited(11, [
    { code: "C1", key: "y2021", v: 0.1 },
    { code: "C2", key: "y2021", v: 0.2 },
    { code: "B1", key: "y2021", v: 3.5 },
  ]);
  expect(
    analyzeGrid(grid, [shapes])!
      .findings.filter((f) => f.rule === "X_CEIL")
      .map((f) => f.column),
  ).toEqual(["y2021"]);
});

test("evaluated on another table's values, the rules fail as they fail on that table", () => {
  fc.assert(
    fc.property(
      fc.nat(1000),
      fc.array(countEdit, { maxLength: 8 }),
      fc.array(countEdit, { maxLength: 8 }),
      (seed, a, b) => {
        const ta = table(edited(seed, a));
        const tb = table(edited(seed + 1, b));
        expect(failures(ta, new Float64Array(tb.data.value))).toEqual(failures(tb));
      },
    ),
    { numRuns: runs(150) },
  );
});

/** Whether the values meet the row (a zero rule's cell: exactly 0, as the rule reads it). */
const holds = (row: LinearRow, values: CellValues) => {
  let s = 0;
  for (const c of row.terms) s += values[c.i] * c.coef;
  return row.instance.type === "zero" ? s === 0 : Math.abs(s - row.rhs) <= 1e-9;
};

test("the equality rows: the model sheet meets them; a row fails with its rule instance", () => {
  const rows = equalityRows(shapes);
  const own = PL02.rules
    .filter((r) => r.type === "rowSum" || r.type === "treeSum" || r.type === "zero")
    .map((r) => r.id);
  expect([...new Set(rows.map((r) => r.instance.rule.id))]).toEqual([
    ...own,
    "X_EQ_RATIO",
    "X_ZERO_MIXED",
    "X_TREE_ALL",
  ]);
  const clean = table(edited(5, []));
  const value = clean.data.value;
  expect(rows.filter((r) => own.includes(r.instance.rule.id) && !holds(r, value))).toEqual([]);
  expect(failures(clean).filter((f) => own.includes(f.instance.rule.id))).toEqual([]);
  fc.assert(
    fc.property(fc.nat(1000), fc.array(countEdit, { minLength: 1, maxLength: 6 }), (seed, edits) => {
      const t = table(edited(seed, edits));
      const value = t.data.value;
      const failing = new Set(failures(t).map((f) => f.instance));
      const readable = rows.filter((r) => r.terms.every((c) => !Number.isNaN(value[c.i])));
      const failingRows = new Set(readable.filter((r) => !holds(r, value)).map((r) => r.instance));
      // a row whose cells all read fails with its instance; a zero instance fails with any of its cells
      for (const r of readable) expect(failing.has(r.instance)).toBe(failingRows.has(r.instance));
      for (const i of failing) if (rows.some((r) => r.instance === i)) expect(failingRows.has(i)).toBe(true);
    }),
    { numRuns: runs(150) },
  );
});
