/**
 * A loaded list template (spec §4b): the definition plus the indexes its locator needs, built
 * once. The bundled one is taken as it is (the tests validate it with zod); `loadListTemplate`
 * validates a definition a user supplies.
 */
import { listSchemas, type ListColumn, type ListTemplateDef } from "./definition/list-schema";
import type { RuleDef } from "./definition/schema";
import { DS_DAIBIEU } from "./definition/ds-daibieu";
import type { HeaderSpec } from "./locate-header";
import { TemplateError } from "./template";
import { fold } from "./text";

export interface ListTemplate extends HeaderSpec {
  def: ListTemplateDef;
  id: string;
  columns: ListColumn[];
  /** role → column key */
  keyOf: Map<ListColumn["role"], string>;
  rule: Map<string, RuleDef>;
  unitLabels: Set<string>;
  /** folded text → kind id / gender id */
  kindIndex: Map<string, string>;
  genderIndex: Map<string, string>;
  /** kind ids that are people (have a year of birth and a gender) */
  personKinds: Set<string>;
}

function indexList(def: ListTemplateDef): ListTemplate {
  const headerIndex = new Map<string, string[]>();
  for (const c of def.columns)
    for (const h of c.headers) {
      const list = headerIndex.get(fold(h)) ?? [];
      if (!list.includes(c.key)) list.push(c.key);
      headerIndex.set(fold(h), list);
    }
  const kindIndex = new Map<string, string>();
  for (const k of def.kinds) for (const x of k.texts) kindIndex.set(fold(x), k.id);
  const genderIndex = new Map<string, string>();
  for (const g of def.genders) for (const x of g.texts) genderIndex.set(fold(x), g.id);
  return {
    def,
    id: def.id,
    columns: def.columns,
    keyOf: new Map(def.columns.map((c) => [c.role, c.key])),
    rule: new Map(def.rules.map((r) => [r.id, r])),
    unitLabels: new Set(def.unitLabels.map(fold)),
    headerIndex,
    headerPrefixes: def.headerPrefixes.map(fold).sort((a, b) => b.length - a.length),
    kindIndex,
    genderIndex,
    personKinds: new Set(def.kinds.filter((k) => k.person).map((k) => k.id)),
  };
}

/** Validates a list template definition (zod) and indexes it. Throws TemplateError with every issue. */
export function loadListTemplate(input: unknown): ListTemplate {
  const parsed = listSchemas().ListTemplateDef.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new TemplateError(`Invalid list template definition: ${issues}`);
  }
  return indexList(parsed.data);
}

let builtins: ListTemplate[] | undefined;

/** The bundled list templates: Danh sách đại biểu. */
export function builtinListTemplates(): ListTemplate[] {
  builtins ??= [indexList(DS_DAIBIEU)];
  return builtins;
}

export function listTemplateById(id: string): ListTemplate {
  const t = builtinListTemplates().find((x) => x.id === id);
  if (!t) throw new TemplateError(`Unknown list template ${id}`);
  return t;
}
