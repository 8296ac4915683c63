/**
 * A loaded template: the zod-validated definition plus the indexes the locator and the
 * checker need (computed once per definition, not per sheet).
 */
import {
  schemas,
  type TemplateDef,
  type TemplateDefInput,
  type ColumnDef,
  type RowDef,
  type RuleDef,
} from "./definition/schema";
import { type Lang, pick } from "./bilingual";
import { trustedTemplate } from "./definition/trusted";
import { fold, foldCode } from "./text";
import { PL02 } from "./definition/pl02";
import { DAIBIEU } from "./definition/daibieu";

export interface Template {
  def: TemplateDef;
  id: string;
  columns: ColumnDef[];
  column: Map<string, ColumnDef>;
  countKeys: string[];
  yearKeys: string[];
  rows: RowDef[];
  row: Map<string, RowDef>;
  children: Map<string, string[]>;
  /** Row index in definition order, for sorting findings. */
  rowOrder: Map<string, number>;
  rule: Map<string, RuleDef>;
  /** folded header text → column keys */
  headerIndex: Map<string, string[]>;
  /** folded code → row code; folded label → row codes; folded short label → row codes */
  codeIndex: Map<string, string>;
  labelIndex: Map<string, string[]>;
  shortIndex: Map<string, string[]>;
  unitLabels: Set<string>;
  /** folded header prefixes ("trong do"), longest first */
  headerPrefixes: string[];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const a = m.get(k);
  if (a) {
    if (!a.includes(v)) a.push(v);
  } else m.set(k, [v]);
}

export class TemplateError extends Error {}

/** Validates a definition (zod) and builds its indexes. Throws TemplateError with every issue. */
export function loadTemplate(input: TemplateDefInput): Template {
  const parsed = schemas().TemplateDef.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new TemplateError(`Invalid template definition: ${issues}`);
  }
  return indexTemplate(parsed.data);
}

/** A valid definition with its indexes. */
function indexTemplate(def: TemplateDef): Template {
  const t: Template = {
    def,
    id: def.id,
    columns: def.columns,
    column: new Map(def.columns.map((c) => [c.key, c])),
    countKeys: def.columns.filter((c) => c.role === "count").map((c) => c.key),
    yearKeys: def.columns.filter((c) => c.year).map((c) => c.key),
    rows: def.rows,
    row: new Map(def.rows.map((r) => [r.code, r])),
    children: new Map(),
    rowOrder: new Map(def.rows.map((r, i) => [r.code, i])),
    rule: new Map(def.rules.map((r) => [r.id, r])),
    headerIndex: new Map(),
    codeIndex: new Map(),
    labelIndex: new Map(),
    shortIndex: new Map(),
    unitLabels: new Set(def.unitLabels.map(fold)),
    headerPrefixes: def.headerPrefixes.map(fold).sort((a, b) => b.length - a.length),
  };
  for (const r of def.rows) if (r.parent) push(t.children, r.parent, r.code);
  for (const c of def.columns) for (const h of c.headers) push(t.headerIndex, fold(h), c.key);
  for (const r of def.rows) {
    t.codeIndex.set(foldCode(r.code), r.code);
    for (const l of [r.label, ...r.aliases]) push(t.labelIndex, fold(l), r.code);
    for (const l of r.shortLabels) push(t.shortIndex, fold(l), r.code);
  }
  return t;
}

/** Expands a column selector ("@counts", "@years", keys), keeping only years listed. */
export function selectColumns(t: Template, sel: string[], years?: string[]): string[] {
  const out: string[] = [];
  for (const s of sel) {
    const keys = s === "@counts" ? t.countKeys : s === "@years" ? t.yearKeys : [s];
    for (const k of keys) {
      const year = t.column.get(k)?.year;
      if (years && year && !years.includes(year)) continue;
      if (!out.includes(k)) out.push(k);
    }
  }
  return out;
}

let builtins: Template[] | undefined;

/**
 * The bundled templates: Phụ lục 02 and Cơ cấu đại biểu, indexed on first use. Their definitions
 * are validated by the tests, not at every start (see definition/trusted.ts).
 */
export function builtinTemplates(): Template[] {
  builtins ??= [indexTemplate(trustedTemplate(PL02)), indexTemplate(trustedTemplate(DAIBIEU))];
  return builtins;
}

export function templateById(id: string): Template {
  const t = builtinTemplates().find((x) => x.id === id);
  if (!t) throw new TemplateError(`Unknown template ${id}`);
  return t;
}

/** A row's own label in `lang`. */
export function labelIn(row: Pick<RowDef, "label" | "labelEn">, lang: Lang): string {
  return pick({ vi: row.label, en: row.labelEn }, lang);
}

/** A row's label in the built-in templates ("C5" → "Bằng khen của Bộ trưởng …"), so a row is never named by a bare code. */
export function rowLabel(code: string, lang: Lang = "vi"): string | null {
  for (const t of builtinTemplates()) {
    const row = t.rows.find((r) => r.code === code);
    if (row) return labelIn(row, lang);
  }
  return null;
}
