/**
 * The charts of the Sở's report (issue 15), as data every renderer draws from: native charts
 * in the city workbook, in the Excel add-in and in Sheets (EmbeddedChartBuilder), and pictures in
 * the report. Built from the template's definition (levels = its group rows, school years = its
 * year columns), so no award, level or year is typed here.
 *
 * Two kinds: awards per school year by level, and collectives and individuals by level. The
 * levels differ by orders of magnitude (cấp Nhà nước 25 beside cấp cơ sở 44.056: issue 26), so
 * each kind is drawn once per group of levels of a like size, every bar visible and labelled.
 */
import type { Values } from "../consolidate";
import type { Bilingual } from "../bilingual";
import type { Lang } from "../finding";
import { labelIn, type Template } from "../template";

export interface ChartSeries {
  /** A stable key: a row code ("A") or a column key ("collective"). */
  key: string;
  name: string;
  values: number[];
}

export type ChartKind = "byYearAndLevel" | "collectiveIndividualByLevel";

export interface ChartData {
  kind: ChartKind;
  /** The kind and the codes of the levels it shows: "byYearAndLevel:ABC". */
  id: string;
  title: string;
  /** The category axis, in order. */
  categories: string[];
  categoryTitle: string;
  valueTitle: string;
  series: ChartSeries[];
  /**
   * Said next to the chart when the numbers it is drawn from failed a check (errors > 0): a chart
   * is never drawn from wrong numbers without saying so.
   */
  caution: string | null;
}

const TEXT = {
  byYear: { vi: "Số khen thưởng theo năm học, theo cấp khen thưởng", en: "Awards per school year, by level" },
  colInd: { vi: "Tập thể và cá nhân được khen thưởng, theo cấp", en: "Collectives and individuals awarded, by level" },
  byYearOf: { vi: "Số khen thưởng theo năm học", en: "Awards per school year" },
  colIndOf: { vi: "Tập thể và cá nhân được khen thưởng", en: "Collectives and individuals awarded" },
  schoolYear: { vi: "Năm học", en: "School year" },
  level: { vi: "Cấp khen thưởng", en: "Level" },
  count: { vi: "Số lượt khen thưởng", en: "Awards" },
  caution: (n: number) => ({
    vi: `Lưu ý: số liệu này còn ${n} lỗi chưa sửa (xem trang Tổng hợp thành phố); biểu đồ vẽ theo số liệu như đã nhập.`,
    en: `Note: these figures still have ${n} unresolved error${n === 1 ? "" : "s"} (see the city sheet); the chart shows them as entered.`,
  }),
} satisfies Record<string, Bilingual | ((n: number) => Bilingual)>;

/** Where the short name sits in a level's group-row label, per language. */
const LEVEL_NAME: Record<Lang, RegExp> = { vi: /^Khen thưởng\s+(cấp\s+.+)$/i, en: /^(.+?)\s+awards?$/i };

/** A level's short name: "Khen thưởng cấp Nhà nước" → "Cấp Nhà nước" (the group row's own label otherwise). */
export function levelName(label: string, lang: Lang): string {
  const m = LEVEL_NAME[lang].exec(label);
  if (!m) return label;
  const s = m[1];
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Levels drawn on one chart are within this factor of each other (by their totals). */
export const SCALE_FACTOR = 10;

/**
 * The levels in groups of a like size: sorted by total, a level joins the group of the one before
 * while it is at most SCALE_FACTOR times that group's smallest (non-zero) total; levels with no
 * award join the smallest group. Each group in the template's order, the groups in the order of
 * their first level.
 */
export function levelGroups(codes: readonly string[], total: (code: string) => number): string[][] {
  const order = new Map(codes.map((c, i) => [c, i]));
  const sorted = [...codes].sort((a, b) => total(a) - total(b) || order.get(a)! - order.get(b)!);
  const groups: string[][] = [];
  let floor = 0;
  for (const code of sorted) {
    const v = total(code);
    const last = groups.at(-1);
    if (last && (floor === 0 || v <= floor * SCALE_FACTOR)) last.push(code);
    else groups.push([code]);
    if (groups.at(-1)!.length === 1 || floor === 0) floor = v;
  }
  for (const g of groups) g.sort((a, b) => order.get(a)! - order.get(b)!);
  return groups.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/** The charts for a table's values; `errors` is the number of error findings of that table. */
export function reportCharts(t: Template, values: Values, errors: number, lang: Lang): ChartData[] {
  const levels = t.rows.filter((r) => r.kind === "group").map((r) => r.code);
  const years = t.yearKeys.map((k) => t.column.get(k)!);
  const caution = errors > 0 ? TEXT.caution(errors)[lang] : null;
  const n = (code: string, key: string) => values[code]?.[key] ?? 0;
  const groupName = (code: string) => levelName(labelIn(t.row.get(code)!, lang), lang);
  const colName = (key: string) => t.column.get(key)!.name[lang];
  const groups = levelGroups(levels, (code) => n(code, "total"));
  // A chart of some levels names them: "Số khen thưởng theo năm học: cấp Nhà nước, cấp Chính phủ".
  const titled = (all: string, some: string, group: string[]) =>
    groups.length === 1 ? all : `${some}: ${group.map((c) => lower(groupName(c), lang)).join("; ")}`;
  const byYear = groups.map((group): ChartData => ({
    kind: "byYearAndLevel",
    id: `byYearAndLevel:${group.join("")}`,
    title: titled(TEXT.byYear[lang], TEXT.byYearOf[lang], group),
    categories: years.map((c) => c.year ?? c.name[lang]),
    categoryTitle: TEXT.schoolYear[lang],
    valueTitle: TEXT.count[lang],
    series: group.map((g) => ({ key: g, name: groupName(g), values: years.map((c) => n(g, c.key)) })),
    caution,
  }));
  const colInd = groups.map((group): ChartData => ({
    kind: "collectiveIndividualByLevel",
    id: `collectiveIndividualByLevel:${group.join("")}`,
    title: titled(TEXT.colInd[lang], TEXT.colIndOf[lang], group),
    categories: group.map(groupName),
    categoryTitle: TEXT.level[lang],
    valueTitle: TEXT.count[lang],
    series: ["collective", "individual"].map((key) => ({
      key,
      name: colName(key),
      values: group.map((g) => n(g, key)),
    })),
    caution,
  }));
  // Each group of levels' two charts one after the other: a page of the chart sheet each.
  return groups.flatMap((_, i) => [byYear[i], colInd[i]]);
}

/** "Cấp Nhà nước" → "cấp Nhà nước" inside a Vietnamese title; English names keep their case. */
function lower(name: string, lang: Lang): string {
  return lang === "vi" ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
