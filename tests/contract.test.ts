/** The contract other tools read: rule ids and severities, the README rule table, a host-free core. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { builtinTemplates, listTemplateById, loadTemplate, MERGE_RULES, PL02, TemplateError } from "../shared";
import { withRules } from "../scripts/rules-doc";
import { ROOT } from "./helpers/cli";

// Spec §3, §4, §5: id → severity. Changing one of these breaks other tools.
const CONTRACT: Record<string, Record<string, "error" | "warning">> = {
  pl02: {
    VALUE_NOT_NUMBER: "error",
    VALUE_AS_TEXT: "warning",
    VALUE_NEGATIVE: "error",
    VALUE_NOT_INTEGER: "error",
    VALUE_FORMULA_ERROR: "error",
    SUM_TOTAL: "error",
    SUM_INDIVIDUAL: "error",
    SUM_YEARS: "error",
    SUM_CHILDREN: "error",
    SUM_GROUP: "error",
    SUM_GRAND: "error",
    KIND_INDIVIDUAL_ONLY: "error",
    KIND_COLLECTIVE_ONLY: "error",
    QUOTA_CSTDCS_LE_LDTT: "error",
    QUOTA_CSTDCS_15PCT: "warning",
    QUOTA_CSTD_CAP_TREN: "warning",
    QUOTA_CSTD_TOAN_QUOC: "warning",
    QUOTA_TTLDXS_LE_TTLDTT: "warning",
    CELL_LIKELY_WRONG: "error",
    LAYOUT_NOT_FOUND: "error",
    LAYOUT_MISSING_COLUMN: "error",
    LAYOUT_MISSING_ROW: "error",
    LAYOUT_DUPLICATE_ROW: "error",
    LAYOUT_UNKNOWN_ROW: "warning",
    UNIT_MISSING: "warning",
  },
  daibieu: {
    DB_SUM: "error",
    DB_RATIO_EXEMPLAR: "error",
    DB_SIZE_REPRESENTATIVE: "error",
    DB_SIZE_BOUNDARY: "warning",
    DB_PLENARY: "warning",
    DB_SIZE_SO: "error",
    DB_PRESIDIUM_SIZE: "error",
    DB_PRESIDIUM_EXEMPLAR: "error",
    DB_HIGHER_DELEGATES: "error",
    DB_NOMINEES: "error",
  },
  merge: {
    MERGE_DUPLICATE_UNIT: "error",
    MERGE_UNKNOWN_UNIT: "warning",
    // spec §5 v2 (issue 21); MERGE_UNIT_INFERRED is the finding that says which clue named the unit
    MERGE_UNIT_INFERRED: "warning",
    MERGE_DUPLICATE_CONTENT: "error",
    MERGE_EMPTY_TABLE: "warning",
    MERGE_MISSING_UNIT: "warning",
    MERGE_INVALID_INPUT: "warning",
    MERGE_UNREADABLE: "error",
    // spec §5b: the Sở's conference
    MERGE_DELEGATES_OVER: "error",
    MERGE_PERSON_TWICE: "warning",
  },
  // spec §4b
  "ds-daibieu": {
    DS_REQUIRED: "error",
    DS_BIRTH_YEAR: "error",
    DS_GENDER: "error",
    DS_COUNT: "error",
    DS_MATCHES_DAIBIEU: "warning",
  },
};

test("every contract rule id is defined with its severity", () => {
  const [pl02, daibieu] = builtinTemplates();
  const sev = (rules: { id: string; severity: string }[]) => Object.fromEntries(rules.map((r) => [r.id, r.severity]));
  expect(sev(pl02.def.rules)).toEqual(CONTRACT.pl02);
  const db = sev(daibieu.def.rules);
  for (const [id, s] of Object.entries(CONTRACT.daibieu)) expect([id, db[id]]).toEqual([id, s]);
  expect(sev(MERGE_RULES)).toEqual(CONTRACT.merge);
  const ds = sev(listTemplateById("ds-daibieu").def.rules);
  for (const [id, s] of Object.entries(CONTRACT["ds-daibieu"])) expect([id, ds[id]]).toEqual([id, s]);
});

test("the pl02 rows of spec §2, in order, with kinds and parents", () => {
  const t = builtinTemplates()[0];
  expect(t.rows.map((r) => `${r.code}:${r.kind}:${r.parent ?? "-"}`).join(" ")).toBe(
    "A:group:TONG A1:both:A A2:both:A A3:both:A A3.1:both:A3 A3.2:both:A3 A3.3:both:A3 A4:both:A A4.1:both:A4 " +
      "A4.2:both:A4 A4.3:both:A4 A5:both:A A6:ind:A A7:ind:A B:group:TONG B1:ind:B B2:col:B B3:both:B " +
      "C:group:TONG C1:ind:C C2:ind:C C3:col:C C4:col:C C5:both:C C6:both:C C7:col:C D:group:TONG D1:ind:D " +
      "D2:ind:D D3:col:D D4:both:D TONG:total:-",
  );
  expect(t.countKeys).toEqual([
    "total",
    "collective",
    "individual",
    "leaders",
    "direct",
    "y2021",
    "y2022",
    "y2023",
    "y2024",
    "y2025",
  ]);
});

test("a broken definition is refused with every issue named", () => {
  const broken = {
    ...PL02,
    rows: [...PL02.rows, { code: "E1", label: "x", labelEn: "x", kind: "both" as const, parent: "E" }],
  };
  expect(() => loadTemplate(broken)).toThrow(TemplateError);
  expect(() => loadTemplate(broken)).toThrow(/row E1: unknown parent E/);
  const badRule = { ...PL02, rules: [...PL02.rules, { ...PL02.rules[5], id: "SUM_X", terms: ["nosuch"] }] };
  expect(() => loadTemplate(badRule as typeof PL02)).toThrow(/rule SUM_X: unknown column nosuch/);
});

test("README's rule table is generated from the definitions", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  expect(withRules(readme)).toBe(readme);
});

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** What a module of shared/ may import from outside: the rules core only zod/mini; the workbook
 *  reader and writers (shared/workbook/) also fflate and saxes. exceljs never (the CLI keeps it). */
function allowedImports(file: string): string[] {
  const rel = file.slice(join(ROOT, "shared").length + 1).replace(/\\/g, "/");
  if (rel.startsWith("workbook/")) return ["zod/mini", "fflate", "saxes"];
  return ["zod/mini"];
}

test("the rules core imports nothing but itself and zod/mini, and touches no host", () => {
  const offenders: string[] = [];
  for (const file of tsFiles(join(ROOT, "shared"))) {
    const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g))
      if (!m[1].startsWith(".") && !allowedImports(file).includes(m[1])) offenders.push(`${file}: imports ${m[1]}`);
    if (!file.includes(`${join("shared", "workbook")}`) && /from\s*["']\.\/workbook/.test(code))
      offenders.push(`${file}: the rules core pulls in the workbook code`);
    for (const m of code.matchAll(
      /(?<![/.])\b(require\s*\(|process\.|Buffer\.|Office\.|Excel\.|SpreadsheetApp|window\.|document\.)/g,
    ))
      offenders.push(`${file}: uses ${m[1]}`);
  }
  expect(offenders).toEqual([]);
});
