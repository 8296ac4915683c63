/** The report's charts as SVG pictures (shared/report/svg.ts): well-formed, every bar, the caution inside. */
import { type ChartData, reportCharts } from "../shared/report/chart-data";
import { chartSvg, tickStep } from "../shared/report/svg";
import { parseSvg } from "./helpers/svg";
import { BASE, build, pl02 } from "./helpers/tables";

const values = build(BASE);

test("awards per school year, the small levels on their own chart: 5 years × 3 levels of bars, each titled with its value", () => {
  const [byYear, , grassroots] = reportCharts(pl02, values, 0, "vi");
  const svg = parseSvg(chartSvg(byYear, "vi"));
  expect([svg.root, svg.ns]).toEqual(["svg", "http://www.w3.org/2000/svg"]);
  expect(svg.bars).toHaveLength(15);
  expect(svg.bars.slice(0, 3)).toEqual([
    "Cấp Nhà nước · 2020-2021: 0",
    "Cấp Chính phủ · 2020-2021: 0",
    "Cấp Bộ, thành phố · 2020-2021: 2",
  ]);
  const title = "Số khen thưởng theo năm học: cấp Nhà nước; cấp Chính phủ; cấp Bộ, thành phố";
  expect(svg.texts).toContain(title);
  expect(svg.red).toEqual([]);
  expect(svg.label).toBe(title);
  // Cấp cơ sở, 17 to 21 a year, on a chart of its own where the others would be lost.
  expect(parseSvg(chartSvg(grassroots, "vi")).bars).toEqual([
    "Cấp cơ sở · 2020-2021: 17",
    "Cấp cơ sở · 2021-2022: 17",
    "Cấp cơ sở · 2022-2023: 19",
    "Cấp cơ sở · 2023-2024: 19",
    "Cấp cơ sở · 2024-2025: 21",
  ]);
});

test("collectives vs individuals per level, in English, numbers written the English way (4,234)", () => {
  const big = build({ D2: { dir: [1000, 1000, 1000, 1000, 234] } });
  const [, colInd] = reportCharts(pl02, big, 0, "en");
  const svg = parseSvg(chartSvg(colInd, "en"));
  expect(svg.bars).toEqual([
    "Collectives · State-level: 0",
    "Individuals · State-level: 0",
    "Collectives · Government-level: 0",
    "Individuals · Government-level: 0",
    "Collectives · Ministry- and city-level: 0",
    "Individuals · Ministry- and city-level: 0",
    "Collectives · Grassroots-level: 0",
    "Individuals · Grassroots-level: 4,234",
  ]);
  expect(svg.texts).toContain("4,234"); // the value above the bar
  expect(svg.texts).toContain("5,000"); // the axis' top tick
});

test("a chart drawn from numbers that failed a check carries the caution in the picture itself", () => {
  for (const chart of reportCharts(pl02, values, 3, "vi")) {
    const svg = parseSvg(chartSvg(chart, "vi"));
    expect(svg.red.length).toBeGreaterThan(0);
    expect(svg.red.join(" ")).toBe(chart.caution);
    expect(chart.caution).toContain("còn 3 lỗi");
    expect(svg.label).toBe(`${chart.title}. ${chart.caution}`);
  }
});

test("names with XML's own characters stay well-formed", () => {
  const chart: ChartData = {
    kind: "collectiveIndividualByLevel",
    id: "collectiveIndividualByLevel:A",
    title: 'A & B <"cấp">',
    categories: ["x<y", "a&b"],
    categoryTitle: "c",
    valueTitle: "v",
    series: [{ key: "k", name: "Tập thể & <cá nhân>", values: [1, 2] }],
    caution: 'Lưu ý: 1 < 2 & "x"',
  };
  const svg = parseSvg(chartSvg(chart, "vi"));
  expect(svg.texts).toContain('A & B <"cấp">');
  expect(svg.bars).toEqual(["Tập thể & <cá nhân> · x<y: 1", "Tập thể & <cá nhân> · a&b: 2"]);
});

test("axis steps of 1, 2 or 5 × 10^k", () => {
  expect([0, 3, 7, 12, 48, 95, 1234, 235525].map(tickStep)).toEqual([1, 1, 2, 5, 10, 20, 500, 50000]);
});
