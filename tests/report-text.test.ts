/**
 * Figures in words (issue 15): the exact section for a hand-built table, in both languages, and
 * what it says when the table failed a check, is empty, or its definition names an award otherwise.
 */
import { loadTemplate, PL02 } from "../shared";
import { figuresInWords, formatPercent, type ReportBlock } from "../shared/report/figures";
import { blocksMarkdown } from "../shared/report/render";
import { BASE, build, pl02 } from "./helpers/tables";

const values = build(BASE);
const unit = "Trường THPT Ngô Quyền";
const brief = (b: ReportBlock) => (b.kind === "item" ? [b.kind, b.text, b.depth] : [b.kind, b.text]);
const section = (lang: "vi" | "en", errors = 0, t = pl02, v = values) =>
  figuresInWords({ template: t, values: v, unit, errors }, lang);

test("Vietnamese: per level the awards, collectives and individuals, leaders vs staff, the trend and each level's share", () => {
  expect(section("vi").map(brief)).toEqual([
    ["title", "Số liệu khen thưởng giai đoạn 2020 - 2025 – Trường THPT Ngô Quyền"],
    [
      "paragraph",
      "Trong 5 năm học (2020-2021 đến 2024-2025) có tổng cộng 100 lượt khen thưởng: 15 tập thể (15,0 %) và 85 cá nhân (85,0 %).",
    ],
    [
      "paragraph",
      "Trong số cá nhân được khen thưởng, lãnh đạo, quản lý: 12 (14,1 %); giáo viên, nhân viên, người lao động trực tiếp: 73 (85,9 %).",
    ],
    [
      "paragraph",
      "Tỷ trọng theo cấp khen thưởng: cấp Nhà nước 1 lượt (1,0 %); cấp Chính phủ 0 lượt (0,0 %); cấp Bộ, thành phố 6 lượt (6,0 %); cấp cơ sở 93 lượt (93,0 %).",
    ],
    [
      "paragraph",
      "Số lượt khen thưởng theo năm học: 2020-2021: 19; 2021-2022: 19; 2022-2023: 21; 2023-2024: 20; 2024-2025: 21.",
    ],
    [
      "paragraph",
      "Năm học 2024-2025 so với năm học 2020-2021: tăng 2 lượt (+10,5 %). Thay đổi lớn nhất giữa hai năm học liền nhau là từ năm học 2021-2022 sang năm học 2022-2023: tăng 2 lượt (+10,5 %). Cấp có số khen thưởng thay đổi nhiều nhất từ năm học 2020-2021 đến năm học 2024-2025 là cấp cơ sở: tăng 4 lượt (+23,5 %).",
    ],
    ["heading", "Khen thưởng cấp Nhà nước"],
    [
      "paragraph",
      "1 lượt, chiếm 1,0 % tổng số: 1 cá nhân. Trong số cá nhân được khen thưởng, lãnh đạo, quản lý: 1 (100,0 %); giáo viên, nhân viên, người lao động trực tiếp: 0 (0,0 %).",
    ],
    ["item", "Huân chương Lao động: 1 cá nhân", 0],
    ["item", "Huân chương Lao động hạng Ba: 1 cá nhân", 1],
    ["heading", "Khen thưởng cấp Chính phủ"],
    ["paragraph", "Không có khen thưởng ở cấp này."],
    ["heading", "Khen thưởng cấp Bộ, thành phố"],
    [
      "paragraph",
      "6 lượt, chiếm 6,0 % tổng số: 2 tập thể, 4 cá nhân. Trong số cá nhân được khen thưởng, lãnh đạo, quản lý: 1 (25,0 %); giáo viên, nhân viên, người lao động trực tiếp: 3 (75,0 %).",
    ],
    ["item", "Chiến sĩ thi đua thành phố: 1 cá nhân", 0],
    ["item", "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố: 1 tập thể, 3 cá nhân", 0],
    ["item", "Tập thể lao động xuất sắc: 1 tập thể", 0],
    ["heading", "Khen thưởng cấp cơ sở"],
    [
      "paragraph",
      "93 lượt, chiếm 93,0 % tổng số: 13 tập thể, 80 cá nhân. Trong số cá nhân được khen thưởng, lãnh đạo, quản lý: 10 (12,5 %); giáo viên, nhân viên, người lao động trực tiếp: 70 (87,5 %).",
    ],
    ["item", "Chiến sĩ thi đua cơ sở: 5 cá nhân", 0],
    ["item", "Lao động tiên tiến: 50 cá nhân", 0],
    ["item", "Tập thể lao động tiên tiến: 10 tập thể", 0],
    ["item", "Giấy khen: 3 tập thể, 25 cá nhân", 0],
  ]);
});

test("English: the same section, English names from the definition", () => {
  expect(section("en").map(brief)).toEqual([
    ["title", "Awards 2020 - 2025 – Trường THPT Ngô Quyền"],
    [
      "paragraph",
      "Over the 5 school years (2020-2021 to 2024-2025) there were 100 awards in all: 15 collectives (15.0%) and 85 individuals (85.0%).",
    ],
    [
      "paragraph",
      "Of the individuals awarded, leaders and managers: 12 (14.1%); teachers, staff and direct workers: 73 (85.9%).",
    ],
    [
      "paragraph",
      "Share of each level: state-level 1 (1.0%); government-level 0 (0.0%); ministry- and city-level 6 (6.0%); grassroots-level 93 (93.0%).",
    ],
    ["paragraph", "Awards per school year: 2020-2021: 19; 2021-2022: 19; 2022-2023: 21; 2023-2024: 20; 2024-2025: 21."],
    [
      "paragraph",
      "School year 2024-2025 against 2020-2021: up 2 (+10.5%). The largest change between two consecutive school years was from 2021-2022 to 2022-2023: up 2 (+10.5%). The level that changed most from 2020-2021 to 2024-2025 is grassroots-level: up 4 (+23.5%).",
    ],
    ["heading", "State-level awards"],
    [
      "paragraph",
      "1 award, 1.0% of the total: 1 individual. Of the individuals awarded, leaders and managers: 1 (100.0%); teachers, staff and direct workers: 0 (0.0%).",
    ],
    ["item", "Labour Order: 1 individual", 0],
    ["item", "Labour Order, Third Class: 1 individual", 1],
    ["heading", "Government-level awards"],
    ["paragraph", "No awards at this level."],
    ["heading", "Ministry- and city-level awards"],
    [
      "paragraph",
      "6 awards, 6.0% of the total: 2 collectives, 4 individuals. Of the individuals awarded, leaders and managers: 1 (25.0%); teachers, staff and direct workers: 3 (75.0%).",
    ],
    ["item", "City Emulation Fighter: 1 individual", 0],
    ["item", "Certificate of Merit of the Chairman of the City People's Committee: 1 collective, 3 individuals", 0],
    ["item", "Excellent Labour Collective: 1 collective", 0],
    ["heading", "Grassroots-level awards"],
    [
      "paragraph",
      "93 awards, 93.0% of the total: 13 collectives, 80 individuals. Of the individuals awarded, leaders and managers: 10 (12.5%); teachers, staff and direct workers: 70 (87.5%).",
    ],
    ["item", "Grassroots Emulation Fighter: 5 individuals", 0],
    ["item", "Advanced Labourer: 50 individuals", 0],
    ["item", "Advanced Labour Collective: 10 collectives", 0],
    ["item", "Certificate of Commendation: 3 collectives, 25 individuals", 0],
  ]);
});

test("a table with errors says so first, with the count, in both languages", () => {
  expect(section("vi", 3)[1]).toEqual({
    kind: "caution",
    text: "Lưu ý: bảng số liệu này còn 3 lỗi chưa sửa; các con số dưới đây lấy đúng như đã nhập, cần đối chiếu lại trước khi sử dụng.",
  });
  expect(section("en", 1)[1]).toEqual({
    kind: "caution",
    text: "Note: this table still has 1 unresolved error; the figures below are as entered and should be checked before use.",
  });
  expect(section("vi", 0).some((b) => b.kind === "caution")).toBe(false);
});

test("an empty table: one sentence, no shares of nothing", () => {
  const empty = build({});
  expect(section("vi", 0, pl02, empty).map(brief)).toEqual([
    ["title", "Số liệu khen thưởng giai đoạn 2020 - 2025 – Trường THPT Ngô Quyền"],
    ["paragraph", "Trong 5 năm học (2020-2021 đến 2024-2025) bảng không ghi lượt khen thưởng nào."],
  ]);
});

test("Vietnamese numbers: 1.234 and 12,5 %; a small share keeps its digits", () => {
  const big = build({
    D2: { lead: [300, 0, 0, 0, 0], dir: [934, 1000, 1000, 1000, 1000] },
    D1: { dir: [1, 0, 0, 0, 0] },
  });
  const text = section("vi", 0, pl02, big).map((b) => b.text);
  expect(text[1]).toBe(
    "Trong 5 năm học (2020-2021 đến 2024-2025) có tổng cộng 5.235 lượt khen thưởng: 0 tập thể (0,0 %) và 5.235 cá nhân (100,0 %).",
  );
  expect(text[2]).toBe(
    "Trong số cá nhân được khen thưởng, lãnh đạo, quản lý: 300 (5,7 %); giáo viên, nhân viên, người lao động trực tiếp: 4.935 (94,3 %).",
  );
  expect(formatPercent(1, 8, "vi")).toBe("12,5 %");
  expect(formatPercent(1, 8, "en")).toBe("12.5%");
  expect(formatPercent(95, 235525, "vi")).toBe("0,04 %");
  expect(formatPercent(1, 1_000_000, "vi")).toBe("< 0,01 %");
  expect(formatPercent(0, 0, "vi")).toBe("0,0 %");
});

test("every name comes from the definition: renaming an award or a level in it renames it in the text", () => {
  const def = structuredClone(PL02);
  const d4 = def.rows.find((r) => r.code === "D4")!;
  d4.label = "Giấy khen của Giám đốc Sở";
  const c = def.rows.find((r) => r.code === "C")!;
  c.label = "Khen thưởng cấp Bộ và thành phố";
  const text = section("vi", 0, loadTemplate(def)).map((b) => b.text);
  expect(text).toContain("Giấy khen của Giám đốc Sở: 3 tập thể, 25 cá nhân");
  expect(text).toContain("Khen thưởng cấp Bộ và thành phố");
  expect(text.join("\n")).toContain("cấp Bộ và thành phố 6 lượt (6,0 %)");
});

test("Markdown: headings, the caution quoted, classes of an order nested under it", () => {
  const md = blocksMarkdown(section("vi", 2));
  expect(md.split("\n").slice(0, 3)).toEqual([
    "# Số liệu khen thưởng giai đoạn 2020 - 2025 – Trường THPT Ngô Quyền",
    "",
    "> **Lưu ý: bảng số liệu này còn 2 lỗi chưa sửa; các con số dưới đây lấy đúng như đã nhập, cần đối chiếu lại trước khi sử dụng.**",
  ]);
  expect(md).toContain(
    "## Khen thưởng cấp Nhà nước\n\n1 lượt, chiếm 1,0 % tổng số: 1 cá nhân. Trong số cá nhân được khen thưởng, lãnh đạo, quản lý: 1 (100,0 %); giáo viên, nhân viên, người lao động trực tiếp: 0 (0,0 %).\n\n- Huân chương Lao động: 1 cá nhân\n  - Huân chương Lao động hạng Ba: 1 cá nhân\n\n## Khen thưởng cấp Chính phủ",
  );
});
