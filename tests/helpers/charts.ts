/**
 * What the report's two charts show for two units of the hand-built table (twice BASE; see
 * tests/report-charts.test.ts for one), in Vietnamese: the figures every host's chart test expects.
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
/** Series of the first chart (one per level, over the school years) and of the second (collectives, individuals over the levels). */
export const BY_YEAR_SERIES = [
  { name: LEVELS[0], values: [0, 0, 0, 2, 0] },
  { name: LEVELS[1], values: [0, 0, 0, 0, 0] },
  { name: LEVELS[2], values: [4, 4, 4, 0, 0] },
  { name: LEVELS[3], values: [34, 34, 38, 38, 42] },
];
export const COL_IND_SERIES = [
  { name: "Tập thể", values: [0, 0, 4, 26] },
  { name: "Cá nhân", values: [2, 0, 8, 160] },
];
