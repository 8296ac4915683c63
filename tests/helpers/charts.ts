/**
 * What the report's charts show for two units of the hand-built table (twice BASE; see
 * tests/report-charts.test.ts for one), in Vietnamese: the figures every host's chart test expects.
 * Cấp cơ sở (186 awards) is ten times past the other levels (2, 0 and 12), so each kind of chart
 * is drawn twice: the three small levels, then cấp cơ sở on its own (issue 26).
 */
export const LEVELS = ["Cấp Nhà nước", "Cấp Chính phủ", "Cấp Bộ, thành phố", "Cấp cơ sở"];
export const YEARS = ["2020-2021", "2021-2022", "2022-2023", "2023-2024", "2024-2025"];
export const TITLES = {
  byYear: "Số khen thưởng theo năm học, theo cấp khen thưởng",
  colInd: "Tập thể và cá nhân được khen thưởng, theo cấp",
  schoolYear: "Năm học",
  level: "Cấp khen thưởng",
  count: "Số lượt khen thưởng",
};
/** Each level's awards over the school years. */
export const BY_YEAR_SERIES = [
  { name: LEVELS[0], values: [0, 0, 0, 2, 0] },
  { name: LEVELS[1], values: [0, 0, 0, 0, 0] },
  { name: LEVELS[2], values: [4, 4, 4, 0, 0] },
  { name: LEVELS[3], values: [34, 34, 38, 38, 42] },
];
const SMALL = "cấp Nhà nước; cấp Chính phủ; cấp Bộ, thành phố";

/**
 * The four charts in order, each group's two together: id, titles, categories, series, the table
 * on the chart sheet it is drawn from and the cells it covers.
 */
export const CHARTS = [
  {
    id: "byYearAndLevel:ABC",
    title: `Số khen thưởng theo năm học: ${SMALL}`,
    categoryTitle: TITLES.schoolYear,
    categories: YEARS,
    series: BY_YEAR_SERIES.slice(0, 3),
    table: "A2:D7",
    anchor: ["G2", "P20"],
  },
  {
    id: "collectiveIndividualByLevel:ABC",
    title: `Tập thể và cá nhân được khen thưởng: ${SMALL}`,
    categoryTitle: TITLES.level,
    categories: LEVELS.slice(0, 3),
    series: [
      { name: "Tập thể", values: [0, 0, 4] },
      { name: "Cá nhân", values: [2, 0, 8] },
    ],
    table: "A23:C26",
    anchor: ["G23", "P41"],
  },
  {
    id: "byYearAndLevel:D",
    title: "Số khen thưởng theo năm học: cấp cơ sở",
    categoryTitle: TITLES.schoolYear,
    categories: YEARS,
    series: BY_YEAR_SERIES.slice(3),
    table: "A44:B49",
    anchor: ["G44", "P62"],
  },
  {
    id: "collectiveIndividualByLevel:D",
    title: "Tập thể và cá nhân được khen thưởng: cấp cơ sở",
    categoryTitle: TITLES.level,
    categories: LEVELS.slice(3),
    series: [
      { name: "Tập thể", values: [26] },
      { name: "Cá nhân", values: [160] },
    ],
    table: "A65:C66",
    anchor: ["G65", "P83"],
  },
];
