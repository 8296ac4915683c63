/**
 * The city table is the cell-wise sum of the included units' values, added in unit order. Values
 * of the template's own shape are added in an array (shared/consolidate.ts `sumValues`); any
 * other shape key by key. Both must give exactly what adding key by key gives, to the last bit.
 */
import fc from "fast-check";
import { runs } from "./helpers/property-runs";
import { consolidate, type MergeInput, tableValues, templateById, type Values } from "../shared";

const t = templateById("pl02");

/** The sum as it was always made: key by key, unit by unit. */
function keyByKey(units: Values[]): Values {
  const city: Values = {};
  for (const def of t.rows) {
    const row: Record<string, number> = {};
    for (const key of t.countKeys) row[key] = 0;
    city[def.code] = row;
  }
  for (const v of units) for (const code in v) for (const key in v[code]) city[code][key] += v[code][key];
  return city;
}

const input = (values: Values, i: number): MergeInput => ({
  file: `u${String(i).padStart(3, "0")}.xlsx`,
  sheetIndex: 0,
  result: { sheet: "Phụ lục 02", template: "pl02", unit: `Đơn vị ${i}`, findings: [] },
  values,
});

const number = fc.oneof(
  fc.nat(1000),
  fc.constantFrom(0.1, 0.2, 0.3, 0.7, 1e16, -0, -3, 2.5),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);

/** A unit's values in the template's shape. */
const shaped: fc.Arbitrary<Values> = fc
  .array(number, { minLength: t.rows.length * t.countKeys.length, maxLength: t.rows.length * t.countKeys.length })
  .map((ns) => {
    const v: Values = {};
    t.rows.forEach((def, ri) => {
      v[def.code] = Object.fromEntries(t.countKeys.map((k, ki) => [k, ns[ri * t.countKeys.length + ki]]));
    });
    return v;
  });

/** Ways a caller's values may differ from that shape (a row or a column left out, another order, text). */
const odd: fc.Arbitrary<Values> = fc
  .tuple(shaped, fc.constantFrom("no-row", "no-key", "reordered-keys", "reordered-rows", "text"), fc.nat(200))
  .map(([v, how, n]) => {
    const code = t.rows[n % t.rows.length].code;
    const key = t.countKeys[n % t.countKeys.length];
    switch (how) {
      case "no-row":
        delete v[code];
        return v;
      case "no-key":
        delete v[code][key];
        return v;
      case "text":
        (v[code] as Record<string, unknown>)[key] = "5";
        return v;
      case "reordered-keys":
        v[code] = Object.fromEntries(Object.entries(v[code]).reverse());
        return v;
      default:
        return Object.fromEntries(Object.entries(v).reverse());
    }
  });

function cityOf(units: Values[]): Values {
  return consolidate(units.map(input), []).city.rows;
}

/** Equal to the bit (-0 and 0 told apart), keys in the same order. */
function expectBitEqual(a: Values, b: Values) {
  const bits = (v: Values) =>
    Object.entries(v).map(([code, row]) => [
      code,
      Object.entries(row).map(([k, n]) => [k, Object.is(n, -0) ? "-0" : n]),
    ]);
  expect(bits(a)).toEqual(bits(b));
}

test("the city table is the key-by-key sum, for values of the template's shape and of any other", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: odd }), { maxLength: 8 }),
      (units) => {
        // consolidate adds in path order: the inputs are named so that it is the order given
        expectBitEqual(cityOf(structuredClone(units)), keyByKey(units));
      },
    ),
    { numRuns: runs(300) },
  );
});

test("values from tableValues are of the template's shape", () => {
  const v = tableValues({ sheet: "x", template: "pl02", unit: null, findings: [] });
  expect(Object.keys(v)).toEqual(t.rows.map((r) => r.code));
  for (const code of Object.keys(v)) expect(Object.keys(v[code])).toEqual(t.countKeys);
});
