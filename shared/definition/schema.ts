/**
 * The shape of a template definition. A template (its columns, rows, attributes) and its
 * rules are data: a Sở that receives a different layout edits the definition, not the code.
 * Every definition is validated with zod when it is loaded (see `loadTemplate`).
 */
import { z } from "zod";

export const Text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type Text = z.infer<typeof Text>;

export const Severity = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof Severity>;

const Key = z.string().regex(/^[a-z][a-zA-Z0-9]*$/);
const Code = z.string().regex(/^[A-Z][A-Z0-9.]*$/);

export const ColumnDef = z.object({
  key: Key,
  role: z.enum(["code", "label", "count", "note"]),
  /** Printed under the header: "(1)", "A". */
  number: z.string().optional(),
  name: Text,
  /** Header texts that identify the column (compared folded). The first is the canonical one. */
  headers: z.array(z.string().min(1)).min(1),
  /** Header printed above this column in the template's first header row (merged across). */
  group: Text.optional(),
  /** A school-year column: "2020-2021". */
  year: z.string().regex(/^\d{4}-\d{4}$/).optional(),
  required: z.boolean().default(true),
  width: z.number().positive().default(12),
});
export type ColumnDef = z.infer<typeof ColumnDef>;

export const RowKind = z.enum(["both", "ind", "col", "group", "total", "value"]);
export type RowKind = z.infer<typeof RowKind>;

export const RowDef = z.object({
  code: Code,
  label: z.string().min(1),
  labelEn: z.string().min(1),
  kind: RowKind,
  parent: Code.optional(),
  /** Other full labels that name this row. */
  aliases: z.array(z.string()).default([]),
  /** Labels that name this row only right under its parent or a sibling ("Hạng Nhất"). */
  shortLabels: z.array(z.string()).default([]),
});
export type RowDef = z.infer<typeof RowDef>;

export const AttributeDef = z.object({
  key: Key,
  name: Text,
  /** Label cell texts ("Cấp hội nghị"); the value follows ":" or sits in the next cell. */
  labels: z.array(z.string().min(1)).min(1),
  values: z.array(z.object({ id: z.string(), texts: z.array(z.string().min(1)).min(1) })),
});
export type AttributeDef = z.infer<typeof AttributeDef>;

/** A linear expression term: coef × (cell at row, column). Row or column comes from context. */
export const Term = z.object({
  row: Code.optional(),
  col: Key.optional(),
  coef: z.number().default(1),
});
export type Term = z.infer<typeof Term>;

export const CmpOp = z.enum(["eq", "le", "ge", "lt", "gt"]);
export type CmpOp = z.infer<typeof CmpOp>;

/** left OP right × num / den (rounded up when `ceil`); `const` adds a number to the right side. */
export const Comparison = z.object({
  left: z.array(Term).min(1),
  op: CmpOp,
  right: z.array(Term).default([]),
  const: z.number().default(0),
  num: z.number().int().positive().default(1),
  den: z.number().int().positive().default(1),
  ceil: z.boolean().default(false),
});
export type Comparison = z.infer<typeof Comparison>;

export const Condition = z.union([
  z.object({ attr: Key, in: z.array(z.string()).min(1) }),
  z.object({ cmp: Comparison }),
]);
export type Condition = z.infer<typeof Condition>;

/** Column selector entries: a column key, "@counts" (every count column) or "@years". */
const ColumnSel = z.array(z.string().regex(/^(@counts|@years|[a-z][a-zA-Z0-9]*)$/)).min(1);

const RuleBase = {
  id: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  severity: Severity,
  basis: z.string().min(1),
  message: Text,
  /** Short description for the rule table in README (Vietnamese / English). */
  summary: Text,
};

export const RuleDef = z.discriminatedUnion("type", [
  /** A property of one count cell (§3). */
  z.object({
    ...RuleBase,
    type: z.literal("value"),
    issue: z.enum(["not_number", "as_text", "negative", "not_integer", "formula_error"]),
  }),
  /** Within every row: target column = Σ terms columns. */
  z.object({
    ...RuleBase,
    type: z.literal("rowSum"),
    target: Key,
    terms: ColumnSel,
  }),
  /** Down the tree: parent = Σ children for every count column, for parents of these kinds. */
  z.object({
    ...RuleBase,
    type: z.literal("treeSum"),
    parentKinds: z.array(RowKind).min(1),
  }),
  /** Rows of these kinds must hold 0 in these columns; one finding per row. */
  z.object({
    ...RuleBase,
    type: z.literal("zero"),
    rowKinds: z.array(RowKind).min(1),
    columns: ColumnSel,
  }),
  /** A comparison between rows, checked in each listed column (or the only column). */
  z.object({
    ...RuleBase,
    type: z.literal("compare"),
    columns: ColumnSel,
    /** School years the rule applies to (restricts "@years"). */
    years: z.array(z.string()).optional(),
    when: z.array(Condition).default([]),
    assert: z.array(Comparison).min(1),
    /** The row blamed; default: the first left-hand row of the failing comparison. */
    blame: Code.optional(),
  }),
  /** Findings about the shape of the sheet, the merge, or the file. */
  z.object({
    ...RuleBase,
    type: z.enum(["layout", "merge"]),
  }),
]);
export type RuleDef = z.infer<typeof RuleDef>;

export const TemplateDef = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9]*$/),
    version: z.number().int().positive(),
    sheetName: z.string().min(1),
    title: z.string(),
    subtitle: z.string(),
    /** "Đơn vị:" – the line naming the submitting unit. */
    unitLabels: z.array(z.string().min(1)).min(1),
    columns: z.array(ColumnDef).min(2),
    rows: z.array(RowDef).min(1),
    attributes: z.array(AttributeDef).default([]),
    rules: z.array(RuleDef),
    /** Locating: these column keys must be among the headers found … */
    anchors: z.array(Key).min(1),
    /** … and at least this many distinct columns found within `headerDepth` rows. */
    minHeaderMatches: z.number().int().positive(),
    headerDepth: z.number().int().min(1).max(4).default(3),
  })
  .superRefine((t, ctx) => {
    const cols = new Set(t.columns.map((c) => c.key));
    const codes = new Set<string>();
    for (const r of t.rows) {
      if (codes.has(r.code)) ctx.addIssue({ code: "custom", message: `duplicate row code ${r.code}` });
      codes.add(r.code);
    }
    for (const r of t.rows)
      if (r.parent && !codes.has(r.parent))
        ctx.addIssue({ code: "custom", message: `row ${r.code}: unknown parent ${r.parent}` });
    for (const a of t.anchors) if (!cols.has(a)) ctx.addIssue({ code: "custom", message: `unknown anchor ${a}` });
    const ids = new Set<string>();
    const checkTerm = (rule: string, term: Term) => {
      if (term.row && !codes.has(term.row))
        ctx.addIssue({ code: "custom", message: `rule ${rule}: unknown row ${term.row}` });
      if (term.col && !cols.has(term.col))
        ctx.addIssue({ code: "custom", message: `rule ${rule}: unknown column ${term.col}` });
    };
    for (const rule of t.rules) {
      if (ids.has(rule.id)) ctx.addIssue({ code: "custom", message: `duplicate rule ${rule.id}` });
      ids.add(rule.id);
      const sel = "columns" in rule ? rule.columns : "terms" in rule ? rule.terms : [];
      for (const c of sel)
        if (!c.startsWith("@") && !cols.has(c))
          ctx.addIssue({ code: "custom", message: `rule ${rule.id}: unknown column ${c}` });
      if (rule.type === "compare")
        for (const cmp of [...rule.assert, ...rule.when.flatMap((w) => ("cmp" in w ? [w.cmp] : []))])
          for (const term of [...cmp.left, ...cmp.right]) checkTerm(rule.id, term);
    }
  });
export type TemplateDefInput = z.input<typeof TemplateDef>;
export type RuleDefInput = z.input<typeof RuleDef>;
export type TemplateDef = z.infer<typeof TemplateDef>;

export const RosterUnit = z.object({
  name: z.string().min(1),
  type: z.enum(["Phòng GDĐT", "Trường THPT", "Đơn vị trực thuộc"]),
  aliases: z.array(z.string().min(1)).default([]),
});
export const Roster = z.object({ units: z.array(RosterUnit) });
export type RosterInput = z.input<typeof Roster>;
export type Roster = z.infer<typeof Roster>;
export type RosterUnit = z.infer<typeof RosterUnit>;
