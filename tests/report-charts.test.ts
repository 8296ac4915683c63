/** The report's two charts as data (shared/report/chart-data.ts), for a hand-built table. */
import { reportCharts } from "../shared/report/chart-data";
import { BASE, build, pl02 } from "./helpers/tables";

const values = build(BASE);

test("awards per school year by level, and collectives vs individuals by level (Vietnamese)", () => {
  const [byYear, colInd] = reportCharts(pl02, values, 0, "vi");
  expect(byYear).toEqual({
    id: "byYearAndLevel",
    title: "Số khen thưởng theo năm học, theo cấp khen thưởng",
    categories: ["2020-2021", "2021-2022", "2022-2023", "2023-2024", "2024-2025"],
    categoryTitle: "Năm học",
    valueTitle: "Số lượt khen thưởng",
    series: [
      { key: "A", name: "Cấp Nhà nước", values: [0, 0, 0, 1, 0] },
      { key: "B", name: "Cấp Chính phủ", values: [0, 0, 0, 0, 0] },
      { key: "C", name: "Cấp Bộ, thành phố", values: [2, 2, 2, 0, 0] },
      { key: "D", name: "Cấp cơ sở", values: [17, 17, 19, 19, 21] },
    ],
    caution: null,
  });
  expect(colInd.categories).toEqual(["Cấp Nhà nước", "Cấp Chính phủ", "Cấp Bộ, thành phố", "Cấp cơ sở"]);
  expect(colInd.series).toEqual([
    { key: "collective", name: "Tập thể", values: [0, 0, 2, 13] },
    { key: "individual", name: "Cá nhân", values: [1, 0, 4, 80] },
  ]);
});

test("English names, and a caution next to charts drawn from numbers that failed a check", () => {
  const [byYear, colInd] = reportCharts(pl02, values, 3, "en");
  expect(byYear.series.map((s) => s.name)).toEqual([
    "State-level",
    "Government-level",
    "Ministry- and city-level",
    "Grassroots-level",
  ]);
  expect(colInd.series.map((s) => s.name)).toEqual(["Collectives", "Individuals"]);
  expect(byYear.caution).toBe(
    "Note: these figures still have 3 unresolved errors (see the city sheet); the chart shows them as entered.",
  );
  expect(colInd.caution).toBe(byYear.caution);
});
