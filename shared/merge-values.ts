/** A unit table's values, and the city's sum of them (spec §5). */
import type { SheetResult } from "./analyze";
import type { MergedUnit, Values } from "./consolidate";
import { type Template, templateById } from "./template";
import { planOf, UNREADABLE } from "./template-plan";

/** Values of a located table: unreadable cells and missing rows count 0. */
export function tableValues(result: SheetResult): Values {
  const t = templateById(result.template);
  const table = result.table;
  const out: Values = {};
  if (table?.template === t) {
    // the table's arrays are indexed by this template's rows and count columns
    const { value, flags } = table.data;
    const { zeroRow } = planOf(t);
    const nk = t.countKeys.length;
    t.rows.forEach((def, ri) => {
      const row = { ...zeroRow };
      for (let k = 0; k < nk; k++) {
        const v = value[ri * nk + k];
        // most counts are 0, which the row holds already (-0 is not)
        if (!(flags[ri * nk + k] & UNREADABLE) && (v !== 0 || Object.is(v, -0))) row[t.countKeys[k]] = v;
      }
      out[def.code] = row;
    });
    return out;
  }
  for (const def of t.rows) {
    const row: Record<string, number> = {};
    const cells = table?.cells.get(def.code);
    for (const key of t.countKeys) row[key] = cells?.get(key)?.value ?? 0;
    out[def.code] = row;
  }
  return out;
}

/**
 * Σ of the included units' values, cell by cell, in unit order. When every unit's rows and
 * columns come in the template's order and hold numbers (what `tableValues` makes), each is
 * added in an array at its position: the same additions to the same cells in the same order as
 * adding key by key, which any other values get.
 */
export function sumValues(t: Template, units: readonly MergedUnit[]): Values {
  const city: Values = {};
  for (const def of t.rows) {
    const row: Record<string, number> = {};
    for (const key of t.countKeys) row[key] = 0;
    city[def.code] = row;
  }
  const nk = t.countKeys.length;
  const acc = new Float64Array(t.rows.length * nk);
  let shaped = true;
  each: for (const u of units) {
    if (!u.included) continue;
    let ri = 0;
    for (const code in u.values) {
      if (code !== t.rows[ri]?.code) {
        shaped = false;
        break each;
      }
      const src = u.values[code];
      let k = 0;
      for (const key in src) {
        const v = src[key];
        if (key !== t.countKeys[k] || typeof v !== "number") {
          shaped = false;
          break each;
        }
        acc[ri * nk + k++] += v;
      }
      ri++;
    }
  }
  if (shaped) {
    t.rows.forEach((def, ri) => {
      const row = city[def.code];
      for (let k = 0; k < nk; k++) row[t.countKeys[k]] = acc[ri * nk + k];
    });
    return city;
  }
  for (const u of units) {
    if (!u.included) continue;
    for (const code in u.values) for (const key in u.values[code]) city[code][key] += u.values[code][key];
  }
  return city;
}
