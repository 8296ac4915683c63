/**
 * The shape of a template definition. A template (its columns, rows, attributes) and its
 * rules are data: a Sở that receives a different layout edits the definition, not the code.
 * Every definition loaded is validated with zod (see `loadTemplate`, `parseRoster`); the bundled
 * ones are checked by the tests and trusted at run time (see trusted.ts).
 */
import * as z from "zod/mini";
import type { Bilingual } from "../bilingual";

// zod/mini: the same validation as classic zod at a tenth of the load time (it is loaded by
// every run of the command-line tool, the add-in and the Apps Script). The schemas themselves are
// built on first use (`schemas()`): a run that loads no template or roster file builds none.
const nonEmpty = () => z.string().check(z.minLength(1));
const pattern = (re: RegExp) => z.string().check(z.regex(re));
const opt = z.optional;
const def = z._default;

function build() {
  const Text = z.object({ vi: nonEmpty(), en: nonEmpty() });

  const Severity = z.enum(["error", "warning"]);

  const Key = pattern(/^[a-z][a-zA-Z0-9]*$/);
  const Code = pattern(/^[A-Z][A-Z0-9.]*$/);

  const ColumnDef = z.object({
    key: Key,
    role: z.enum(["code", "label", "count", "note"]),
    /** Printed under the header: "(1)", "A". */
    number: opt(z.string()),
    name: Text,
    /** Header texts that identify the column (compared folded). The first is the canonical one. */
    headers: z.array(nonEmpty()).check(z.minLength(1)),
    /** Header printed above this column in the template's first header row (merged across). */
    group: opt(Text),
    /** A school-year column: "2020-2021". */
    year: opt(pattern(/^\d{4}-\d{4}$/)),
    required: def(z.boolean(), true),
    width: def(z.number().check(z.positive()), 12),
  });

  const RowKind = z.enum(["both", "ind", "col", "group", "total", "value"]);

  const RowDef = z.object({
    code: Code,
    label: nonEmpty(),
    labelEn: nonEmpty(),
    kind: RowKind,
    parent: opt(Code),
    /** Other full labels that name this row. */
    aliases: def(z.array(z.string()), []),
    /** Labels that name this row only right under its parent or a sibling ("Hạng Nhất"). */
    shortLabels: def(z.array(z.string()), []),
  });

  const AttributeDef = z.object({
    key: Key,
    name: Text,
    /** Label cell texts ("Cấp hội nghị"); the value follows ":" or sits in the next cell. */
    labels: z.array(nonEmpty()).check(z.minLength(1)),
    values: z.array(z.object({ id: z.string(), texts: z.array(nonEmpty()).check(z.minLength(1)) })),
  });

  /** A linear expression term: coef × (cell at row, column). Row or column comes from context. */
  const Term = z.object({
    row: opt(Code),
    col: opt(Key),
    coef: def(z.number(), 1),
  });

  const CmpOp = z.enum(["eq", "le", "ge", "lt", "gt"]);

  /** left OP right × num / den (rounded up when `ceil`); `const` adds a number to the right side. */
  const Comparison = z.object({
    left: z.array(Term).check(z.minLength(1)),
    op: CmpOp,
    right: def(z.array(Term), []),
    const: def(z.number(), 0),
    num: def(z.int().check(z.positive()), 1),
    den: def(z.int().check(z.positive()), 1),
    ceil: def(z.boolean(), false),
  });

  const Condition = z.union([
    z.object({ attr: Key, in: z.array(z.string()).check(z.minLength(1)) }),
    z.object({ cmp: Comparison }),
  ]);

  /** Column selector entries: a column key, "@counts" (every count column) or "@years". */
  const ColumnSel = z.array(pattern(/^(@counts|@years|[a-z][a-zA-Z0-9]*)$/)).check(z.minLength(1));

  const RuleBase = {
    id: pattern(/^[A-Z][A-Z0-9_]*$/),
    severity: Severity,
    basis: nonEmpty(),
    message: Text,
    /** Short description for the rule table in README (Vietnamese / English). */
    summary: Text,
  };

  const RuleDef = z.discriminatedUnion("type", [
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
      parentKinds: z.array(RowKind).check(z.minLength(1)),
    }),
    /** Rows of these kinds must hold 0 in these columns; one finding per row. */
    z.object({
      ...RuleBase,
      type: z.literal("zero"),
      rowKinds: z.array(RowKind).check(z.minLength(1)),
      columns: ColumnSel,
    }),
    /** A comparison between rows, checked in each listed column (or the only column). */
    z.object({
      ...RuleBase,
      type: z.literal("compare"),
      columns: ColumnSel,
      /** School years the rule applies to (restricts "@years"). */
      years: opt(z.array(z.string())),
      when: def(z.array(Condition), []),
      assert: z.array(Comparison).check(z.minLength(1)),
      /** The row blamed; default: the first left-hand row of the failing comparison. */
      blame: opt(Code),
    }),
    /** Findings about the shape of the sheet, the merge, the file, or the rows of a list (spec §4b). */
    z.object({
      ...RuleBase,
      type: z.enum(["layout", "merge", "list"]),
    }),
    /**
     * The likely cause of the equality rules' findings (spec §3b): `message` when the rules give
     * the cell's value, `unsure` when they do not, `alternatives` when several sets of cells tie;
     * `hint` is added to each rule finding a likely cause explains.
     */
    z.object({
      ...RuleBase,
      type: z.literal("localize"),
      unsure: Text,
      alternatives: Text,
      hint: Text,
    }),
  ]);

  const TemplateDef = z
    .object({
      id: pattern(/^[a-z][a-z0-9]*$/),
      version: z.int().check(z.positive()),
      sheetName: nonEmpty(),
      title: z.string(),
      subtitle: z.string(),
      /** "Đơn vị:" – the line naming the submitting unit. */
      unitLabels: z.array(nonEmpty()).check(z.minLength(1)),
      columns: z.array(ColumnDef).check(z.minLength(2)),
      rows: z.array(RowDef).check(z.minLength(1)),
      attributes: def(z.array(AttributeDef), []),
      rules: z.array(RuleDef),
      /** Locating: these column keys must be among the headers found … */
      anchors: z.array(Key).check(z.minLength(1)),
      /** … and at least this many distinct columns found within `headerDepth` rows. */
      minHeaderMatches: z.int().check(z.positive()),
      headerDepth: def(z.int().check(z.gte(1), z.lte(4)), 3),
      /** Words a header cell may start with before the column's own header ("Trong đó: CBQL"). */
      headerPrefixes: def(z.array(nonEmpty()), []),
    })
    .check(
      z.superRefine((t, ctx) => {
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
        const checkTerm = (rule: string, term: z.infer<typeof Term>) => {
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
      }),
    );

  const RosterUnit = z.object({
    name: nonEmpty(),
    type: z.enum(["Phòng GDĐT", "Trường THPT", "Đơn vị trực thuộc"]),
    aliases: def(z.array(nonEmpty()), []),
  });
  const Roster = z.object({
    units: z.array(RosterUnit),
    /**
     * Whether the list holds every unit that should send a table. A roster the user gives counts
     * as complete unless it says otherwise; against a partial one nobody is called "chưa nộp" and
     * units outside it are included (and flagged) rather than held out.
     */
    complete: opt(z.boolean()),
    /** Where the list comes from (a document, a date), shown wherever it is used. */
    source: opt(z.string()),
  });
  return {
    Text,
    Severity,
    ColumnDef,
    RowKind,
    RowDef,
    AttributeDef,
    Term,
    CmpOp,
    Comparison,
    Condition,
    RuleDef,
    TemplateDef,
    RosterUnit,
    Roster,
  };
}

type Schemas = ReturnType<typeof build>;
let built: Schemas | undefined;

/** The zod schemas of definitions, built on first use. */
export function schemas(): Schemas {
  return (built ??= build());
}

/** A definition's text is the product's one bilingual text (`never` if the schema drifts from it). */
type Parsed = z.infer<Schemas["Text"]>;
export type Text = [Parsed] extends [Bilingual] ? ([Bilingual] extends [Parsed] ? Bilingual : never) : never;
export type Severity = z.infer<Schemas["Severity"]>;
export type ColumnDef = z.infer<Schemas["ColumnDef"]>;
export type RowKind = z.infer<Schemas["RowKind"]>;
export type RowDef = z.infer<Schemas["RowDef"]>;
export type AttributeDef = z.infer<Schemas["AttributeDef"]>;
export type Term = z.infer<Schemas["Term"]>;
export type CmpOp = z.infer<Schemas["CmpOp"]>;
export type Comparison = z.infer<Schemas["Comparison"]>;
export type Condition = z.infer<Schemas["Condition"]>;
export type RuleDef = z.infer<Schemas["RuleDef"]>;
export type TemplateDefInput = z.input<Schemas["TemplateDef"]>;
export type RuleDefInput = z.input<Schemas["RuleDef"]>;
export type TemplateDef = z.infer<Schemas["TemplateDef"]>;
export type RosterInput = z.input<Schemas["Roster"]>;
export type Roster = z.infer<Schemas["Roster"]>;
export type RosterUnit = z.infer<Schemas["RosterUnit"]>;
