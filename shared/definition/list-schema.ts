/**
 * The shape of a list template (spec §4b): one row per person or collective, under a header found
 * anywhere in the sheet, like the tables of schema.ts. Its columns, the values its kind and gender
 * cells may hold, and its rules are data, validated by zod like every other definition.
 */
import * as z from "zod/mini";
import { schemas } from "./schema";

const nonEmpty = () => z.string().check(z.minLength(1));
const pattern = (re: RegExp) => z.string().check(z.regex(re));
const def = z._default;

function build() {
  const { Text, RuleDef, AttributeDef } = schemas();
  const Key = pattern(/^[a-z][a-zA-Z0-9]*$/);
  const Choice = z.object({ id: Key, texts: z.array(nonEmpty()).check(z.minLength(1)) });
  const ListColumn = z.object({
    key: Key,
    /** What the column holds: the checker reads each role its own way. */
    role: z.enum(["index", "name", "birthYear", "gender", "position", "kind", "award", "summary"]),
    number: z.optional(z.string()),
    name: Text,
    /** Header texts that identify the column (compared folded); the first is the canonical one. */
    headers: z.array(nonEmpty()).check(z.minLength(1)),
    required: def(z.boolean(), true),
    width: def(z.number().check(z.positive()), 12),
  });
  const ListTemplateDef = z
    .object({
      id: pattern(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/),
      version: z.int().check(z.positive()),
      sheetName: nonEmpty(),
      title: z.string(),
      subtitle: z.string(),
      unitLabels: z.array(nonEmpty()).check(z.minLength(1)),
      columns: z.array(ListColumn).check(z.minLength(2)),
      /** What a kind cell may say ("Đại biểu", "Tập thể tiêu biểu", "Cá nhân tiêu biểu"). */
      kinds: z.array(z.object({ ...Choice.shape, person: z.boolean() })).check(z.minLength(1)),
      genders: z.array(Choice).check(z.minLength(1)),
      /** Plausible years of birth, inclusive. */
      birthYears: z.object({ min: z.int(), max: z.int() }),
      attributes: def(z.array(AttributeDef), []),
      rules: z.array(RuleDef),
      anchors: z.array(Key).check(z.minLength(1)),
      minHeaderMatches: z.int().check(z.positive()),
      headerDepth: def(z.int().check(z.gte(1), z.lte(4)), 2),
      headerPrefixes: def(z.array(nonEmpty()), []),
    })
    .check(
      z.superRefine((t, ctx) => {
        const keys = new Set(t.columns.map((c) => c.key));
        for (const a of t.anchors) if (!keys.has(a)) ctx.addIssue({ code: "custom", message: `unknown anchor ${a}` });
        for (const role of ["name", "kind"] as const)
          if (!t.columns.some((c) => c.role === role))
            ctx.addIssue({ code: "custom", message: `no column of role ${role}` });
        const ids = new Set<string>();
        for (const r of t.rules) {
          if (ids.has(r.id)) ctx.addIssue({ code: "custom", message: `duplicate rule ${r.id}` });
          ids.add(r.id);
        }
      }),
    );
  return { ListColumn, ListTemplateDef };
}

let built: ReturnType<typeof build> | undefined;

/** The zod schemas of list templates, built on first use. */
export function listSchemas(): ReturnType<typeof build> {
  return (built ??= build());
}

export type ListColumn = z.infer<ReturnType<typeof build>["ListColumn"]>;
export type ListTemplateDef = z.infer<ReturnType<typeof build>["ListTemplateDef"]>;
export type ListTemplateDefInput = z.input<ReturnType<typeof build>["ListTemplateDef"]>;
