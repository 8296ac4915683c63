/**
 * `phuluc02 report` end to end, on the sample data (`phuluc02 sample`) and on the city workbook
 * `phuluc02 merge` writes from it: the same figures either way, the charts as pictures with their
 * caution, and the city workbook's sheet "Số liệu cho báo cáo" holding the same text.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  bundledRoster,
  CITY_SHEET_NAMES,
  conferenceBlocks,
  type ConferenceFigures,
  formatNumber,
  type Lang,
  templateById,
  type Finding,
  type Values,
} from "../shared";
import { figuresInWords } from "../shared/report/figures";
import { blocksMarkdown, reportDocument, reportMarkdown } from "../shared/report/render";
import { xmlEscape } from "../shared/report/svg";
import { readXlsx } from "../shared/workbook/read";
import { launch } from "./helpers/browser";
import { cli, ensureBuilt, ROOT, tempDir } from "./helpers/cli";
import { parseSvg } from "./helpers/svg";

const pl02 = templateById("pl02");
const CITY_UNIT = "Sở GDĐT Hải Phòng (tổng hợp)";
let dir: string;
let samples: string;
let cityFile: string;
let city: { rows: Values; findings: Finding[] };
let cityErrors: number;
let conference: { people: { unit: string; kind: string | null }[]; missingLists: string[] };

/**
 * The Sở's conference (spec §5b) counted here from what merge --json lists: everyone on the lists
 * by their unit's kind in the roster, D, and min(300 − D, ⌊3D / 7⌋).
 */
function conferenceFiguresOfJson(): ConferenceFigures {
  const types = new Map<string, string>(bundledRoster().units.map((u) => [u.name, u.type]));
  const units = [...new Set(conference.people.map((p) => p.unit))];
  const byType = (["Trường THPT", "Đơn vị trực thuộc", "Phòng GDĐT", null] as const)
    .map((type) => {
      const these = units.filter((u) => (types.get(u) ?? null) === type);
      const people = conference.people.filter((p) => these.includes(p.unit));
      return {
        type,
        units: these.length,
        people: people.length,
        collectives: people.filter((p) => p.kind === "collective").length,
        individuals: people.filter((p) => p.kind === "individual").length,
      };
    })
    .filter((t) => t.units > 0);
  const d = conference.people.length;
  return {
    delegates: d,
    guestsRoom: Math.max(0, Math.min(300 - d, Math.floor((3 * d) / 7))),
    byType,
    missingLists: conference.missingLists.length,
  };
}

/** The city's report as the core words it, with the conference's paragraph the report adds. */
function expectedDoc(lang: Lang) {
  const doc = reportDocument(pl02, city.rows, CITY_UNIT, cityErrors, lang);
  doc.blocks.push(...conferenceBlocks(conferenceFiguresOfJson(), lang));
  return doc;
}

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  samples = join(dir, "samples");
  expect(cli(["sample", "--out-dir", samples]).status).toBe(0);
  cityFile = join(dir, "city.xlsx");
  const merged = JSON.parse(cli(["merge", samples, "--out", cityFile, "--json"]).stdout);
  city = merged.city;
  conference = merged.conference;
  cityErrors = city.findings.filter((f) => f.severity === "error").length;
}, 120_000);

test("the sample folder: the city's section in Markdown, its six charts as .svg files beside it", () => {
  const out = join(dir, "md", "bao-cao.md");
  const r = cli(["report", samples, "--out", out]);
  expect(r.status).toBe(2); // one sample file is not a workbook: named, and the report is still written
  expect(r.stderr).toContain("truong-thpt-bach-dang.xlsx: Tệp không phải định dạng .xlsx");
  // Two kinds of chart for each of three groups of levels (Nhà nước and Chính phủ; Bộ, thành phố; cơ sở).
  expect(r.stdout).toContain(`Đã ghi báo cáo: ${out} (kèm 6 biểu đồ .svg cùng thư mục)`);
  const md = readFileSync(out, "utf8");
  // The same text the shared core writes from the figures merge --json reports.
  const doc = expectedDoc("vi");
  expect(conferenceFiguresOfJson().delegates).toBeGreaterThan(0);
  expect(md).toBe(reportMarkdown(doc, (i) => `bao-cao.bieu-do-${i + 1}.svg`));
  expect(cityErrors).toBeGreaterThan(0);
  expect(md).toContain(`> **Lưu ý: bảng số liệu này còn ${cityErrors} lỗi chưa sửa;`);
  expect(md).toContain(`có tổng cộng ${formatNumber(city.rows.TONG.total, "vi")} lượt khen thưởng`);
  expect(city.rows.TONG.total).toBeGreaterThan(999); // so the thousands separator is exercised
  expect(md).toMatch(/có tổng cộng \d{1,3}(\.\d{3})+ lượt/);
  for (const [i, chart] of doc.charts.entries()) {
    const file = join(dir, "md", `bao-cao.bieu-do-${i + 1}.svg`);
    expect(md).toContain(`![${chart.title}](bao-cao.bieu-do-${i + 1}.svg)\n\n*${chart.caution}*`);
    const svg = parseSvg(readFileSync(file, "utf8"));
    expect(svg.root).toBe("svg");
    expect(svg.red.join(" ")).toBe(chart.caution);
  }
});

test("the city workbook: read back through the reader, the same figures; English HTML with the charts inline", () => {
  const fromFolder = cli(["report", samples]);
  const fromCity = cli(["report", cityFile]);
  expect(fromCity.status).toBe(1); // the city table has errors; the report says so
  expect(fromCity.stdout).toBe(fromFolder.stdout);
  expect(fromCity.stdout.trim()).toBe(blocksMarkdown(expectedDoc("vi").blocks).trim());

  const out = join(dir, "bao-cao.html");
  const r = cli(["report", cityFile, "--out", out, "--lang", "en"]);
  expect([r.status, r.stdout.trim()]).toEqual([1, `Report written: ${out}`]);
  const html = readFileSync(out, "utf8");
  const doc = expectedDoc("en");
  for (const b of doc.blocks) expect(html).toContain(xmlEscape(b.text));
  expect(html).toContain(`<p class="caution"><strong>Note: this table still has ${cityErrors} unresolved errors;`);
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
  expect(svgs).toHaveLength(6);
  svgs.forEach((s, i) => {
    const svg = parseSvg(s);
    expect(svg.texts[0]).toBe(doc.charts[i].title);
    expect(svg.red.join(" ")).toBe(doc.charts[i].caution);
  });
  expect(html).toContain(`<figcaption class="caution">${xmlEscape(doc.charts[0].caution!)}</figcaption>`);
  expect(html).not.toMatch(/<script|src=|href=|url\(/); // self-contained: nothing to fetch
});

test('the city workbook holds the same text on "Số liệu cho báo cáo", one block per row', () => {
  const wb = readXlsx(readFileSync(cityFile));
  expect(wb.sheets.map((s) => s.name)).toEqual(Object.values(CITY_SHEET_NAMES));
  const sheet = wb.sheets.find((s) => s.name === CITY_SHEET_NAMES.report)!;
  const blocks = [
    ...figuresInWords({ template: pl02, values: city.rows, unit: CITY_UNIT, errors: cityErrors }, "vi"),
    ...conferenceBlocks(conferenceFiguresOfJson(), "vi"),
  ];
  expect(sheet.rows.map((r) => r[0])).toEqual(
    blocks.map((b) => (b.kind === "item" ? `${"    ".repeat(b.depth)}– ${b.text}` : b.text)),
  );
});

test("a city workbook left in the units' folder is not counted as one more unit", () => {
  const mixed = join(dir, "mixed");
  cpSync(samples, mixed, { recursive: true });
  copyFileSync(cityFile, join(mixed, "tong-hop-thanh-pho.xlsx"));
  const r = cli(["report", mixed]);
  expect(r.stderr).toContain('tong-hop-thanh-pho.xlsx: bỏ qua trang "Tổng hợp thành phố"');
  expect(r.stdout).toBe(cli(["report", samples]).stdout);
});

test("one unit's file: that unit's section, exit 0 when its table is clean", () => {
  const r = cli(["report", join(samples, "truong-thpt-ngo-quyen.xlsx")]);
  expect(r.status).toBe(0);
  expect(r.stdout.split("\n")[0]).toBe("# Số liệu khen thưởng giai đoạn 2020 - 2025 – Trường THPT Ngô Quyền");
  expect(r.stdout).not.toContain("Lưu ý");
});

test("bad input: a clear message naming the file; usage errors for .docx, other formats and no input", () => {
  const bad = cli(["report", join(samples, "truong-thpt-bach-dang.xlsx"), "--out", join(dir, "x.md")]);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("truong-thpt-bach-dang.xlsx: Tệp không phải định dạng .xlsx");
  expect(bad.stderr).toContain("Không có bảng Phụ lục 02 nào đọc được");
  expect(existsSync(join(dir, "x.md"))).toBe(false);
  const noCity = join(dir, "no-city.xlsx");
  writeFileSync(noCity, readFileSync(join(samples, "truong-thpt-ngo-quyen.xlsx")));
  expect(cli(["report", noCity]).status).toBe(0); // a workbook without a city sheet is a unit's file
  expect(cli(["report", cityFile, "--out", join(dir, "r.docx")])).toMatchObject({
    status: 64,
    stderr: expect.stringContaining("Chưa hỗ trợ .docx"),
  });
  expect(cli(["report", cityFile, "--out", join(dir, "r.txt")]).status).toBe(64);
  expect(cli(["report"]).status).toBe(64);
});

test("the HTML report renders offline in Chromium: six charts drawn, their cautions shown, nothing fetched", async () => {
  const out = join(dir, "render", "bao-cao.html");
  expect(cli(["report", samples, "--out", out]).status).toBe(2);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${out}`);
    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll("figure")].map((f) => ({
        width: Math.round(f.querySelector("svg")!.getBoundingClientRect().width),
        bars: f.querySelectorAll("svg rect[fill='#ED7D31']").length,
        caption: f.querySelector("figcaption")?.textContent ?? "",
      })),
    );
    expect(drawn.map((d) => d.width)).toEqual([760, 760, 760, 760, 760, 760]);
    // The second series' bars and its legend key: Chính phủ over 5 years, then individuals of 2
    // levels; the charts of one level have one series (no second colour) or 1 level of individuals.
    expect(drawn.map((d) => d.bars)).toEqual([5 + 1, 2 + 1, 0, 1 + 1, 0, 1 + 1]);
    for (const d of drawn) expect(d.caption).toMatch(/^Lưu ý: số liệu này còn \d+ lỗi chưa sửa/);
    expect(requests).toEqual([`file://${out}`]);
    // The picture the lead looks at: the sample data's section and charts as Chromium draws them.
    mkdirSync(join(ROOT, "tests", "artifacts"), { recursive: true });
    await page.screenshot({ path: join(ROOT, "tests", "artifacts", "report-sample.png"), fullPage: true });
  } finally {
    await browser.close();
  }
}, 60_000);
