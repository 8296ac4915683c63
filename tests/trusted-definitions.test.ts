/**
 * The bundled definitions are not validated at run time (shared/definition/trusted.ts): they are
 * validated here, and what the run time makes of them must be exactly what zod's parse makes —
 * defaults filled in, keys in the schema's order, no key zod would leave out.
 */
import fc from "fast-check";
import { runs } from "./helpers/property-runs";
import {
  builtinTemplates,
  DAIBIEU,
  HAI_PHONG_ROSTER,
  loadTemplate,
  MERGE_RULES,
  parseRoster,
  PL02,
  RosterError,
  schemas,
  TemplateError,
  type TemplateDefInput,
} from "../shared";
import { bundledRoster } from "../shared/roster";
import { trustedRoster, trustedRule, trustedTemplate } from "../shared/definition/trusted";

/** Equal, undefined-valued keys included, and serialised in the same key order. */
function expectSameAs(actual: unknown, parsed: unknown) {
  expect(actual).toStrictEqual(parsed);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(parsed));
}

test.each([
  ["pl02", PL02],
  ["daibieu", DAIBIEU],
])("the bundled template %s is valid, and taken as zod parses it", (_, def) => {
  const parsed = schemas().TemplateDef.safeParse(def);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expectSameAs(trustedTemplate(def), parsed.data);
});

test("the bundled templates are the ones loadTemplate makes of their definitions", () => {
  expect(builtinTemplates()).toEqual([loadTemplate(PL02), loadTemplate(DAIBIEU)]);
});

test("the merge rules are valid, and taken as zod parses them", () => {
  for (const r of MERGE_RULES) expectSameAs(trustedRule(r), schemas().RuleDef.parse(r));
});

test("the bundled roster is valid, and taken as zod parses it", () => {
  expectSameAs(trustedRoster(HAI_PHONG_ROSTER), schemas().Roster.parse(HAI_PHONG_ROSTER));
  expectSameAs(bundledRoster(), parseRoster(HAI_PHONG_ROSTER));
});

test("what is taken is a copy: changing it leaves the definition as it is", () => {
  const before = structuredClone(PL02);
  const t = trustedTemplate(PL02);
  t.rows[0].aliases.push("x");
  t.columns[0].headers.push("x");
  t.columns[0].name.vi = "x";
  t.unitLabels.push("x");
  expect(PL02).toEqual(before);
});

/** Keys a definition may leave out (optional, or defaulted). */
const LEAVE_OUT = new Set(
  "number group year required width parent aliases shortLabels attributes headerDepth headerPrefixes coef right const num den ceil when years blame row col".split(
    " ",
  ),
);

/** The definition with some of those keys left out or set to undefined, chosen by `pick`. */
function leaveOut(value: unknown, pick: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => leaveOut(v, pick));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = LEAVE_OUT.has(k) ? pick() : 0;
    if (p === 1) continue;
    out[k] = p === 2 ? undefined : leaveOut(v, pick);
  }
  return out;
}

test("definitions that leave out optional and defaulted keys are taken as zod parses them", () => {
  fc.assert(
    fc.property(fc.constantFrom(PL02, DAIBIEU), fc.infiniteStream(fc.nat(5)), (def, choices) => {
      const it = choices[Symbol.iterator]();
      const variant = leaveOut(def, () => it.next().value as number) as TemplateDefInput;
      const parsed = schemas().TemplateDef.safeParse(variant);
      fc.pre(parsed.success); // e.g. a term left without its row where the rule needs one
      expectSameAs(trustedTemplate(variant), parsed.data);
    }),
    { numRuns: runs(200) },
  );
});

test("what a user supplies is still validated", () => {
  const broken = structuredClone(PL02);
  broken.rows[0].code = "not a code";
  expect(() => loadTemplate(broken)).toThrow(TemplateError);
  expect(() => parseRoster({ units: [{ name: "", type: "Trường THPT" }] })).toThrow(RosterError);
});
