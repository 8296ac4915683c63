/** The report's charts as data (shared/report/chart-data.ts), for a hand-built table. */
import { levelGroups, reportCharts } from "../shared/report/chart-data";
import { BASE, build, pl02 } from "./helpers/tables";

const values = build(BASE);

test("levels of a like size share a chart: within 10× of the group's smallest, no award joins the smallest", () => {
  const of = (totals: Record<string, number>) => levelGroups(Object.keys(totals), (c) => totals[c]);
  // The sample data's city table (issue 26): 99, 295, 6.547 and 220.454 awards.
  expect(of({ A: 99, B: 295, C: 6547, D: 220454 })).toEqual([["A", "B"], ["C"], ["D"]]);
  expect(of({ A: 1, B: 0, C: 6, D: 93 })).toEqual([["A", "B", "C"], ["D"]]);
  expect(of({ A: 0, B: 0, C: 0, D: 0 })).toEqual([["A", "B", "C", "D"]]);
  expect(of({ A: 50, B: 400, C: 60, D: 500 })).toEqual([["A", "B", "C", "D"]]);
  // Out of the template's order: each group keeps it, and so do the groups.
  expect(of({ A: 5000, B: 3, C: 4000, D: 2 })).toEqual([
    ["A", "C"],
    ["B", "D"],
  ]);
});

test("per school year and collectives vs individuals, once per group of levels, each group's two together (Vietnamese)", () => {
  const charts = reportCharts(pl02, values, 0, "vi");
  expect(charts.map((c) => c.id)).toEqual([
    "byYearAndLevel:ABC",
    "collectiveIndividualByLevel:ABC",
    "byYearAndLevel:D",
    "collectiveIndividualByLevel:D",
  ]);
  expect(charts[0]).toEqual({
    kind: "byYearAndLevel",
    id: "byYearAndLevel:ABC",
    title: "Số khen thưởng theo năm học: cấp Nhà nước; cấp Chính phủ; cấp Bộ, thành phố",
    categories: ["2020-2021", "2021-2022", "2022-2023", "2023-2024", "2024-2025"],
    categoryTitle: "Năm học",
    valueTitle: "Số lượt khen thưởng",
    series: [
      { key: "A", name: "Cấp Nhà nước", values: [0, 0, 0, 1, 0] },
      { key: "B", name: "Cấp Chính phủ", values: [0, 0, 0, 0, 0] },
      { key: "C", name: "Cấp Bộ, thành phố", values: [2, 2, 2, 0, 0] },
    ],
    caution: null,
  });
  expect(charts[2].title).toBe("Số khen thưởng theo năm học: cấp cơ sở");
  expect(charts[2].series).toEqual([{ key: "D", name: "Cấp cơ sở", values: [17, 17, 19, 19, 21] }]);
  expect(charts[1].title).toBe("Tập thể và cá nhân được khen thưởng: cấp Nhà nước; cấp Chính phủ; cấp Bộ, thành phố");
  expect(charts[1].categories).toEqual(["Cấp Nhà nước", "Cấp Chính phủ", "Cấp Bộ, thành phố"]);
  expect(charts[1].series).toEqual([
    { key: "collective", name: "Tập thể", values: [0, 0, 2] },
    { key: "individual", name: "Cá nhân", values: [1, 0, 4] },
  ]);
  expect(charts[3].series).toEqual([
    { key: "collective", name: "Tập thể", values: [13] },
    { key: "individual", name: "Cá nhân", values: [80] },
  ]);
});

test("levels all of a size: the two charts of every level, under their whole titles", () => {
  const even = build({
    A1: { col: [5, 5, 5, 5, 5] },
    B1: { lead: [4, 4, 4, 4, 4] },
    C1: { dir: [6, 6, 6, 6, 6] },
    D1: { dir: [9, 9, 9, 9, 9] },
  });
  const charts = reportCharts(pl02, even, 0, "vi");
  expect(charts.map((c) => [c.id, c.title])).toEqual([
    ["byYearAndLevel:ABCD", "Số khen thưởng theo năm học, theo cấp khen thưởng"],
    ["collectiveIndividualByLevel:ABCD", "Tập thể và cá nhân được khen thưởng, theo cấp"],
  ]);
});

test("English names, and a caution next to charts drawn from numbers that failed a check", () => {
  const charts = reportCharts(pl02, values, 3, "en");
  expect(charts[0].series.map((s) => s.name)).toEqual(["State-level", "Government-level", "Ministry- and city-level"]);
  expect(charts[0].title).toBe("Awards per school year: State-level; Government-level; Ministry- and city-level");
  expect(charts[3].series.map((s) => s.name)).toEqual(["Collectives", "Individuals"]);
  for (const c of charts)
    expect(c.caution).toBe(
      "Note: these figures still have 3 unresolved errors (see the city sheet); the chart shows them as entered.",
    );
});
