/**
 * The bundled definitions (Phụ lục 02, Cơ cấu đại biểu, the merge rules, the Hải Phòng roster)
 * taken as they are: what zod's parse makes of them — the defaults filled in, keys in the
 * schema's order — without validating them again at every start of a process or a worker
 * (building the schemas and validating the two templates cost ~15 ms of each start).
 *
 * They are code, not input: tests/trusted-definitions.test.ts validates each with zod and
 * asserts that these functions give exactly what the parse gives, so a definition edited into
 * something invalid, or a default added to the schema, fails the tests. Whatever a user supplies
 * (a template through `loadTemplate`, a roster file) is validated with zod as before.
 */
import type {
  AttributeDef,
  ColumnDef,
  Comparison,
  Condition,
  RosterInput,
  Roster,
  RowDef,
  RuleDef,
  RuleDefInput,
  TemplateDef,
  TemplateDefInput,
  Term,
  Text,
} from "./schema";

type CompareInput = Extract<RuleDefInput, { type: "compare" }>;
type ComparisonInput = CompareInput["assert"][number];
type ConditionInput = NonNullable<CompareInput["when"]>[number];
type TermInput = ComparisonInput["left"][number];

/** Copies `key` when the input has it (zod keeps an optional key only when present). */
function optional(out: Record<string, unknown>, input: object, key: string, map: (v: never) => unknown = (v) => v) {
  if (key in input) {
    const v = (input as Record<string, unknown>)[key];
    out[key] = v === undefined ? undefined : map(v as never);
  }
}

const text = (t: Text): Text => ({ vi: t.vi, en: t.en });

function column(c: TemplateDefInput["columns"][number]): ColumnDef {
  const out: Record<string, unknown> = { key: c.key, role: c.role };
  optional(out, c, "number");
  out.name = text(c.name);
  out.headers = [...c.headers];
  optional(out, c, "group", text);
  optional(out, c, "year");
  out.required = c.required ?? true;
  out.width = c.width ?? 12;
  return out as ColumnDef;
}

function row(r: TemplateDefInput["rows"][number]): RowDef {
  const out: Record<string, unknown> = { code: r.code, label: r.label, labelEn: r.labelEn, kind: r.kind };
  optional(out, r, "parent");
  out.aliases = [...(r.aliases ?? [])];
  out.shortLabels = [...(r.shortLabels ?? [])];
  return out as RowDef;
}

function attribute(a: NonNullable<TemplateDefInput["attributes"]>[number]): AttributeDef {
  return {
    key: a.key,
    name: text(a.name),
    labels: [...a.labels],
    values: a.values.map((v) => ({ id: v.id, texts: [...v.texts] })),
  };
}

function term(t: TermInput): Term {
  const out: Record<string, unknown> = {};
  optional(out, t, "row");
  optional(out, t, "col");
  out.coef = t.coef ?? 1;
  return out as Term;
}

function comparison(c: ComparisonInput): Comparison {
  return {
    left: c.left.map(term),
    op: c.op,
    right: (c.right ?? []).map(term),
    const: c.const ?? 0,
    num: c.num ?? 1,
    den: c.den ?? 1,
    ceil: c.ceil ?? false,
  };
}

function condition(w: ConditionInput): Condition {
  return "attr" in w ? { attr: w.attr, in: [...w.in] } : { cmp: comparison(w.cmp) };
}

/** A rule as zod's parse makes it. */
export function trustedRule(r: RuleDefInput): RuleDef {
  const out: Record<string, unknown> = {
    id: r.id,
    severity: r.severity,
    basis: r.basis,
    message: text(r.message),
    summary: text(r.summary),
    type: r.type,
  };
  switch (r.type) {
    case "value":
      out.issue = r.issue;
      break;
    case "rowSum":
      out.target = r.target;
      out.terms = [...r.terms];
      break;
    case "treeSum":
      out.parentKinds = [...r.parentKinds];
      break;
    case "zero":
      out.rowKinds = [...r.rowKinds];
      out.columns = [...r.columns];
      break;
    case "compare":
      out.columns = [...r.columns];
      optional(out, r, "years", (y: string[]) => [...y]);
      out.when = (r.when ?? []).map(condition);
      out.assert = r.assert.map(comparison);
      optional(out, r, "blame");
      break;
    case "localize":
      out.unsure = text(r.unsure);
      out.alternatives = text(r.alternatives);
      out.hint = text(r.hint);
      break;
    default:
      break;
  }
  return out as RuleDef;
}

/** A bundled template definition as zod's parse makes it. */
export function trustedTemplate(t: TemplateDefInput): TemplateDef {
  return {
    id: t.id,
    version: t.version,
    sheetName: t.sheetName,
    title: t.title,
    subtitle: t.subtitle,
    unitLabels: [...t.unitLabels],
    columns: t.columns.map(column),
    rows: t.rows.map(row),
    attributes: (t.attributes ?? []).map(attribute),
    rules: t.rules.map(trustedRule),
    anchors: [...t.anchors],
    minHeaderMatches: t.minHeaderMatches,
    headerDepth: t.headerDepth ?? 3,
    headerPrefixes: [...(t.headerPrefixes ?? [])],
  };
}

/** The bundled roster as zod's parse makes it. */
export function trustedRoster(r: RosterInput): Roster {
  const out: Roster = { units: r.units.map((u) => ({ name: u.name, type: u.type, aliases: [...(u.aliases ?? [])] })) };
  if (r.complete !== undefined) out.complete = r.complete;
  if (r.source !== undefined) out.source = r.source;
  return out;
}
