/**
 * The two charts of the Sở's report (issue 15), as data every renderer draws from: native charts
 * in the city workbook, in the Excel add-in and in Sheets (EmbeddedChartBuilder), and pictures in
 * the report. Built from the template's definition (levels = its group rows, school years = its
 * year columns), so no award, level or year is typed here.
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

export interface ChartData {
  id: "byYearAndLevel" | "collectiveIndividualByLevel";
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

/** The two charts for a table's values; `errors` is the number of error findings of that table. */
export function reportCharts(t: Template, values: Values, errors: number, lang: Lang): ChartData[] {
  const groups = t.rows.filter((r) => r.kind === "group");
  const years = t.yearKeys.map((k) => t.column.get(k)!);
  const caution = errors > 0 ? TEXT.caution(errors)[lang] : null;
  const n = (code: string, key: string) => values[code]?.[key] ?? 0;
  const groupName = (code: string) => {
    const r = t.row.get(code)!;
    return levelName(labelIn(r, lang), lang);
  };
  const colName = (key: string) => t.column.get(key)!.name[lang];
  return [
    {
      id: "byYearAndLevel",
      title: TEXT.byYear[lang],
      categories: years.map((c) => c.year ?? c.name[lang]),
      categoryTitle: TEXT.schoolYear[lang],
      valueTitle: TEXT.count[lang],
      series: groups.map((g) => ({ key: g.code, name: groupName(g.code), values: years.map((c) => n(g.code, c.key)) })),
      caution,
    },
    {
      id: "collectiveIndividualByLevel",
      title: TEXT.colInd[lang],
      categories: groups.map((g) => groupName(g.code)),
      categoryTitle: TEXT.level[lang],
      valueTitle: TEXT.count[lang],
      series: ["collective", "individual"].map((key) => ({
        key,
        name: colName(key),
        values: groups.map((g) => n(g.code, key)),
      })),
      caution,
    },
  ];
}
