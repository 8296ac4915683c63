/**
 * "Figures in words" (issue 15): a table's values (the city's or one unit's) as the section the
 * Sở pastes into its report, in Vietnamese or English. Everything named here comes from the
 * template's definition: levels are its group rows, awards its rows, school years its year
 * columns, "collectives", "leaders"… its column names. Only the sentence frames are written here.
 *
 * The result is a list of blocks; renderers (Markdown, HTML, the workbook sheet) only lay them out.
 */
import type { MergeResult, Values } from "../consolidate";
import { pick } from "../bilingual";
import { countBySeverity, DECIMAL_MARK, formatNumber, type Lang } from "../finding";
import type { RowDef } from "../definition/schema";
import { labelIn, templateById, type Template } from "../template";
import { levelName } from "./chart-data";
import { conferenceBlocks, conferenceFigures } from "./conference-figures";

export type ReportBlock =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  /** Said first when the table failed a check. */
  | { kind: "caution"; text: string }
  /** One award of a level; depth 1 for a class of an order (Huân chương Lao động hạng Ba). */
  | { kind: "item"; text: string; depth: number };

export interface FiguresInput {
  template: Template;
  values: Values;
  /** The unit the table belongs to (the city's "Đơn vị:" line), or null. */
  unit: string | null;
  /** Error findings of that table: the text says the numbers are as entered. */
  errors: number;
}

/**
 * A share as the reader writes it: 12,5 % (English: 12.5%), one decimal; a small share that is
 * not nothing keeps two (0,04 %) or says so (< 0,01 %), never "0,0 %".
 */
export function formatPercent(part: number, whole: number, lang: Lang): string {
  const ratio = whole === 0 ? 0 : (part / whole) * 100;
  const one = Math.round(ratio * 10) / 10;
  const two = Math.round(ratio * 100) / 100;
  const dec = pick(DECIMAL_MARK, lang);
  const oneDecimal = (x: number) => formatNumber(x, lang) + (Number.isInteger(x) ? `${dec}0` : "");
  const body = one !== 0 || ratio === 0 ? oneDecimal(one) : two !== 0 ? formatNumber(two, lang) : `< 0${dec}01`;
  return pick({ vi: `${body} %`, en: `${body}%` }, lang);
}

/** The sentence frames, per language. `n` formats a count, `p` a share. */
const FRAMES = {
  vi: {
    title: (period: string, unit: string | null) =>
      `Số liệu khen thưởng giai đoạn ${period}${unit ? ` – ${unit}` : ""}`,
    caution: (n: number) =>
      `Lưu ý: bảng số liệu này còn ${n} lỗi chưa sửa; các con số dưới đây lấy đúng như đã nhập, cần đối chiếu lại trước khi sử dụng.`,
    none: (years: number, first: string, last: string) =>
      `Trong ${years} năm học (${first} đến ${last}) bảng không ghi lượt khen thưởng nào.`,
    overview: (years: number, first: string, last: string, total: string, col: string, ind: string) =>
      `Trong ${years} năm học (${first} đến ${last}) có tổng cộng ${total} lượt khen thưởng: ${col} và ${ind}.`,
    people: (lead: string, dir: string) => `Trong số cá nhân được khen thưởng, ${lead}; ${dir}.`,
    levels: (parts: string[]) => `Tỷ trọng theo cấp khen thưởng: ${parts.join("; ")}.`,
    levelShare: (name: string, n: string, p: string) => `${lower(name)} ${n} lượt (${p})`,
    byYear: (parts: string[]) => `Số lượt khen thưởng theo năm học: ${parts.join("; ")}.`,
    firstLast: (first: string, last: string, change: string) => `Năm học ${last} so với năm học ${first}: ${change}.`,
    biggestStep: (from: string, to: string, change: string) =>
      `Thay đổi lớn nhất giữa hai năm học liền nhau là từ năm học ${from} sang năm học ${to}: ${change}.`,
    biggestLevel: (name: string, first: string, last: string, change: string) =>
      `Cấp có số khen thưởng thay đổi nhiều nhất từ năm học ${first} đến năm học ${last} là ${lower(name)}: ${change}.`,
    flat: "Số lượt khen thưởng không đổi qua các năm học.",
    up: (n: string, p: string | null) => `tăng ${n} lượt${p ? ` (+${p})` : ""}`,
    down: (n: string, p: string | null) => `giảm ${n} lượt${p ? ` (−${p})` : ""}`,
    same: "không đổi",
    level: (n: string, p: string, parts: string) => `${n} lượt, chiếm ${p} tổng số: ${parts}.`,
    levelNone: "Không có khen thưởng ở cấp này.",
    count: (n: string, what: string) => `${n} ${lower(what)}`,
    share: (what: string, n: string, p: string) => `${lower(what)}: ${n} (${p})`,
    awards: (n: string) => `${n} lượt`,
  },
  en: {
    title: (period: string, unit: string | null) => `Awards ${period}${unit ? ` – ${unit}` : ""}`,
    caution: (n: number) =>
      `Note: this table still has ${n} unresolved error${n === 1 ? "" : "s"}; the figures below are as entered and should be checked before use.`,
    none: (years: number, first: string, last: string) =>
      `Over the ${years} school years (${first} to ${last}) the table records no awards.`,
    overview: (years: number, first: string, last: string, total: string, col: string, ind: string) =>
      `Over the ${years} school years (${first} to ${last}) there were ${total} awards in all: ${col} and ${ind}.`,
    people: (lead: string, dir: string) => `Of the individuals awarded, ${lead}; ${dir}.`,
    levels: (parts: string[]) => `Share of each level: ${parts.join("; ")}.`,
    levelShare: (name: string, n: string, p: string) => `${lower(name)} ${n} (${p})`,
    byYear: (parts: string[]) => `Awards per school year: ${parts.join("; ")}.`,
    firstLast: (first: string, last: string, change: string) => `School year ${last} against ${first}: ${change}.`,
    biggestStep: (from: string, to: string, change: string) =>
      `The largest change between two consecutive school years was from ${from} to ${to}: ${change}.`,
    biggestLevel: (name: string, first: string, last: string, change: string) =>
      `The level that changed most from ${first} to ${last} is ${lower(name)}: ${change}.`,
    flat: "The number of awards did not change over the school years.",
    up: (n: string, p: string | null) => `up ${n}${p ? ` (+${p})` : ""}`,
    down: (n: string, p: string | null) => `down ${n}${p ? ` (−${p})` : ""}`,
    same: "unchanged",
    level: (n: string, p: string, parts: string) => `${n} award${n === "1" ? "" : "s"}, ${p} of the total: ${parts}.`,
    levelNone: "No awards at this level.",
    count: (n: string, what: string) => `${n} ${singular(lower(what), n)}`,
    share: (what: string, n: string, p: string) => `${lower(what)}: ${n} (${p})`,
    awards: (n: string) => `${n} award${n === "1" ? "" : "s"}`,
  },
};

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** "1 collectives" → "1 collective" (English column names are plurals ending in "s"). */
function singular(word: string, n: string): string {
  return n === "1" && word.endsWith("s") ? word.slice(0, -1) : word;
}

/** The section's blocks for one table. */
export function figuresInWords(input: FiguresInput, lang: Lang): ReportBlock[] {
  const { template: t, values, unit, errors } = input;
  const F = FRAMES[lang];
  const n = (x: number) => formatNumber(x, lang);
  const p = (part: number, whole: number) => formatPercent(part, whole, lang);
  const v = (code: string, key: string) => values[code]?.[key] ?? 0;
  const colName = (key: string) => t.column.get(key)!.name[lang];
  const label = (r: RowDef) => labelIn(r, lang);
  const groups = t.rows.filter((r) => r.kind === "group");
  const total = t.rows.find((r) => r.kind === "total");
  const years = t.yearKeys.map((k) => ({ key: k, name: t.column.get(k)!.year ?? t.column.get(k)!.name[lang] }));
  const first = years[0]?.name ?? "";
  const last = years[years.length - 1]?.name ?? "";
  const period = `${first.slice(0, 4)} - ${last.slice(-4)}`;
  // The grand total: the template's total row, else the sum of its levels.
  const sum = (key: string) => (total ? v(total.code, key) : groups.reduce((s, g) => s + v(g.code, key), 0));
  const change = (from: number, to: number) => {
    const d = to - from;
    const pct = from > 0 ? formatPercent(Math.abs(d), from, lang) : null;
    return d > 0 ? F.up(n(d), pct) : d < 0 ? F.down(n(-d), pct) : F.same;
  };
  /** "3 tập thể, 25 cá nhân": the nonzero parts, or the total when both are 0. */
  const share = (key: string, part: number, whole: number) => F.share(colName(key), n(part), p(part, whole));
  const counts = (code: string) => {
    const parts = ["collective", "individual"]
      .filter((k) => v(code, k) !== 0)
      .map((k) => F.count(n(v(code, k)), colName(k)));
    return parts.length ? parts.join(", ") : F.awards(n(v(code, "total")));
  };

  const blocks: ReportBlock[] = [{ kind: "title", text: F.title(period, unit) }];
  if (errors > 0) blocks.push({ kind: "caution", text: F.caution(errors) });
  const all = sum("total");
  if (all === 0) {
    blocks.push({ kind: "paragraph", text: F.none(years.length, first, last) });
    return blocks;
  }
  const col = sum("collective");
  const ind = sum("individual");
  blocks.push({
    kind: "paragraph",
    text: F.overview(
      years.length,
      first,
      last,
      n(all),
      `${F.count(n(col), colName("collective"))} (${p(col, all)})`,
      `${F.count(n(ind), colName("individual"))} (${p(ind, all)})`,
    ),
  });
  if (ind > 0) {
    const [lead, dir] = [sum("leaders"), sum("direct")];
    blocks.push({
      kind: "paragraph",
      text: F.people(share("leaders", lead, ind), share("direct", dir, ind)),
    });
  }
  blocks.push({
    kind: "paragraph",
    text: F.levels(
      groups.map((g) => F.levelShare(levelName(label(g), lang), n(v(g.code, "total")), p(v(g.code, "total"), all))),
    ),
  });

  // The trend over the school years, and the largest change named.
  const perYear = years.map((y) => sum(y.key));
  blocks.push({ kind: "paragraph", text: F.byYear(years.map((y, i) => `${y.name}: ${n(perYear[i])}`)) });
  const trend: string[] = [];
  if (perYear.every((x) => x === perYear[0])) trend.push(F.flat);
  else {
    trend.push(F.firstLast(first, last, change(perYear[0], perYear[perYear.length - 1])));
    let step = 1;
    for (let i = 2; i < perYear.length; i++)
      if (Math.abs(perYear[i] - perYear[i - 1]) > Math.abs(perYear[step] - perYear[step - 1])) step = i;
    if (perYear.length > 2)
      trend.push(F.biggestStep(years[step - 1].name, years[step].name, change(perYear[step - 1], perYear[step])));
    const delta = (g: RowDef) => v(g.code, years[years.length - 1].key) - v(g.code, years[0].key);
    const moved = groups.reduce((best, g) => (Math.abs(delta(g)) > Math.abs(delta(best)) ? g : best), groups[0]);
    if (moved && delta(moved) !== 0)
      trend.push(
        F.biggestLevel(
          levelName(label(moved), lang),
          first,
          last,
          change(v(moved.code, years[0].key), v(moved.code, years[years.length - 1].key)),
        ),
      );
  }
  blocks.push({ kind: "paragraph", text: trend.join(" ") });

  // Each level: its share, collectives and individuals, then every award it holds.
  for (const g of groups) {
    blocks.push({ kind: "heading", text: label(g) });
    const gt = v(g.code, "total");
    if (gt === 0 && t.countKeys.every((k) => v(g.code, k) === 0)) {
      blocks.push({ kind: "paragraph", text: F.levelNone });
      continue;
    }
    const gi = v(g.code, "individual");
    const people =
      gi > 0
        ? " " + F.people(share("leaders", v(g.code, "leaders"), gi), share("direct", v(g.code, "direct"), gi))
        : "";
    blocks.push({ kind: "paragraph", text: F.level(n(gt), p(gt, all), counts(g.code)) + people });
    const walk = (parent: string, depth: number) => {
      for (const code of t.children.get(parent) ?? []) {
        const r = t.row.get(code)!;
        if (t.countKeys.every((k) => v(code, k) === 0)) continue;
        blocks.push({ kind: "item", text: `${label(r)}: ${counts(code)}`, depth });
        walk(code, depth + 1);
      }
    };
    walk(g.code, 0);
  }
  return blocks;
}

/** The city table of a merge in words (the errors are the city sheet's own). */
export function reportBlocksOf(result: MergeResult, lang: Lang): ReportBlock[] {
  const errors = countBySeverity(result.city.findings).errors;
  const template = templateById("pl02");
  const blocks = figuresInWords({ template, values: result.city.rows, unit: result.city.result.unit, errors }, lang);
  // the Sở's conference (spec §5b), once any unit sent its list of delegates
  if (result.conference?.units.some((u) => u.list))
    blocks.push(...conferenceBlocks(conferenceFigures(result.conference), lang));
  return blocks;
}
