import ExcelJS from "exceljs";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  address,
  analyzeWorkbook,
  type Finding,
  listLayout,
  listTemplateById,
  parseAddress,
  templateById,
  templateLayout,
} from "../shared";
import { readXlsx } from "../shared/workbook/read";
import { sortPicked } from "../addin/browser/files";
import { expandInputs } from "../cli/inputs";
import { CLI, cli, ensureBuilt, tempDir } from "./helpers/cli";

const pl02 = templateById("pl02");
const lay = templateLayout(pl02);
const at = (code: string, key: string) => address(lay.row.get(code)!, lay.col.get(key)!);
const brief = (f: Finding) => [f.rule, f.severity, f.cells[0], f.row, f.column];

let samples: string;
let root: string;

beforeAll(() => {
  ensureBuilt();
  root = tempDir();
  samples = join(root, "samples");
  const r = cli(["sample", "--out-dir", samples]);
  expect(r.status).toBe(0);
});

function checkJson(...files: string[]) {
  const r = cli(["check", ...files, "--json"]);
  return {
    status: r.status,
    doc: JSON.parse(r.stdout) as {
      files: {
        file: string;
        error: string | null;
        sheets: { sheet: string; template: string; unit: string | null; findings: Finding[] }[];
      }[];
    },
  };
}

describe("phuluc02 check", () => {
  test("a wrong total fires SUM_GROUP, SUM_TOTAL and SUM_YEARS with the blamed cells; exit 1", () => {
    const { status, doc } = checkJson(join(samples, "phong-gddt-quan-le-chan.xlsx"));
    expect(status).toBe(1);
    expect(doc.files).toHaveLength(1);
    const [pl, db] = doc.files[0].sheets;
    expect(pl.template).toBe("pl02");
    expect(pl.unit).toBe("Phòng GDĐT quận Lê Chân");
    expect(pl.findings.map(brief)).toEqual([
      // spec §3b: the likely cause first, then the rule findings, each explained by it
      ["CELL_LIKELY_WRONG", "error", at("B3", "total"), "B3", "total"],
      ["SUM_GROUP", "error", at("B", "total"), "B", "total"],
      ["SUM_TOTAL", "error", at("B3", "total"), "B3", "total"],
      ["SUM_YEARS", "error", at("B3", "total"), "B3", "total"],
    ]);
    expect(pl.findings[0].explains).toBe(3);
    expect(pl.findings.slice(1).map((f: { explainedBy?: string[] }) => f.explainedBy)).toEqual([
      [at("B3", "total")],
      [at("B3", "total")],
      [at("B3", "total")],
    ]);
    const total = pl.findings[2];
    expect(total.cells).toEqual([at("B3", "total"), at("B3", "collective"), at("B3", "individual")]);
    expect(total.message).toMatch(
      new RegExp(
        `^Tổng số \\(${at("B3", "total")} = \\d+\\) khác Tập thể \\+ Cá nhân \\(${at("B3", "collective")} \\+ ${at("B3", "individual")} = \\d+\\)$`,
      ),
    );
    expect(db.template).toBe("daibieu");
    expect(db.findings).toEqual([]);
  });

  test("a clean file exits 0 and has no finding", () => {
    const { status, doc } = checkJson(join(samples, "trung-tam-giao-duc-thuong-xuyen-hai-phong.xlsx"));
    expect(status).toBe(0);
    expect(doc.files[0].sheets.flatMap((s) => s.findings)).toEqual([]);
  });

  test("seeded mistakes are found where they were put", () => {
    const { status, doc } = checkJson(samples);
    expect(status).toBe(2); // the corrupt file; every other file still checked
    const byFile = new Map(doc.files.map((f) => [f.file.split("/").pop()!, f]));
    const rules = (name: string) => byFile.get(name)!.sheets.flatMap((s) => s.findings.map(brief));
    expect(rules("truong-thpt-thai-phien.xlsx")).toEqual([
      ["VALUE_AS_TEXT", "warning", at("D2", "y2022"), "D2", "y2022"],
    ]);
    expect(rules("phong-gddt-huyen-an-lao.xlsx")).toEqual([
      ["QUOTA_CSTDCS_15PCT", "warning", at("D1", "y2022"), "D1", "y2022"],
    ]);
    expect(rules("truong-thpt-le-quy-don.xlsx")).toEqual([
      ["KIND_INDIVIDUAL_ONLY", "error", at("D1", "collective"), "D1", "collective"],
    ]);
    expect(rules("phong-gddt-huyen-vinh-bao.xlsx")).toEqual([
      ["VALUE_FORMULA_ERROR", "error", at("C6", "leaders"), "C6", "leaders"],
    ]);
    expect(rules("truong-thpt-kien-an.xlsx")).toEqual([
      ["UNIT_MISSING", "warning", "A3", null, null],
      ["UNIT_MISSING", "warning", "A3", null, null],
      ["UNIT_MISSING", "warning", "A3", null, null],
    ]);
    // "Loại đơn vị: Trường THPT" is the unit's kind, not a letterhead naming it
    expect(byFile.get("truong-thpt-kien-an.xlsx")!.sheets.map((s) => s.unit)).toEqual([null, null, null]);
    // the lists of delegates (spec §4b), as seeded by cli/sample/generate.ts
    const ds = (name: string) =>
      byFile
        .get(name)!
        .sheets.filter((s) => s.template === "ds-daibieu")
        .flatMap((s) => s.findings.map((f) => [f.rule, f.severity, f.cells[0]]));
    const listLay = listLayout(listTemplateById("ds-daibieu"));
    const cell = (key: string, i: number) => address(listLay.firstDataRow + i, listLay.col.get(key)!);
    const kindHeader = address(listLay.headerRow, listLay.col.get("kind")!);
    expect(ds("truong-thpt-le-chan.xlsx")).toEqual([["DS_BIRTH_YEAR", "error", cell("birthYear", 1)]]);
    expect(ds("truong-thpt-hai-an.xlsx")).toEqual([
      ["DS_COUNT", "error", kindHeader],
      ["DS_MATCHES_DAIBIEU", "warning", kindHeader],
    ]);
    expect(ds("phong-gddt-quan-hai-an.xlsx")).toEqual([
      ["DS_REQUIRED", "error", cell("summary", 1)],
      ["DS_GENDER", "error", cell("gender", 1)],
    ]);
    expect(ds("truong-thpt-ngo-quyen.xlsx")).toEqual([["DS_MATCHES_DAIBIEU", "warning", kindHeader]]);
    expect(ds("truong-thpt-thai-phien.xlsx")).toEqual([]);
    expect(byFile.get("truong-thpt-vinh-bao.xlsx")!.sheets.map((s) => s.template)).toEqual(["pl02", "daibieu"]);
    // moved by 2 rows and 1 column, NFD text: still read, no finding
    expect(rules("truong-thpt-hong-bang.xlsx")).toEqual([]);
    const db = byFile.get("truong-thpt-ngo-quyen.xlsx")!.sheets[1];
    const dbLay = templateLayout(templateById("daibieu"));
    expect(db.findings.map(brief)).toEqual([
      ["DB_HIGHER_DELEGATES", "error", address(dbLay.row.get("DB7")!, dbLay.col.get("value")!), "DB7", "value"],
    ]);
    const bad = byFile.get("truong-thpt-bach-dang.xlsx")!;
    expect(bad.error).toMatch(/không phải/);
    expect(bad.sheets).toEqual([]);
  });

  test("the readable report names file, unit, counts and cells, in Vietnamese or English", () => {
    const file = join(samples, "phong-gddt-quan-le-chan.xlsx");
    const vi = cli(["check", file]);
    expect(vi.status).toBe(1);
    expect(vi.stdout).toContain(`Tệp: ${file}`);
    expect(vi.stdout).toContain(`Trang "Phụ lục 02" — Đơn vị: Phòng GDĐT quận Lê Chân — 3 lỗi, 0 cảnh báo`);
    expect(vi.stdout).toContain(`✗ ${at("B3", "total")}   SUM_TOTAL: Tổng số (`);
    const en = cli(["check", file, "--lang", "en"]);
    expect(en.stdout).toContain(`Sheet "Phụ lục 02" — Unit: Phòng GDĐT quận Lê Chân — 3 errors, 0 warnings`);
    expect(en.stdout).toContain("SUM_TOTAL: Total (");
  });

  test("--out-dir writes annotated copies and never touches the input", async () => {
    const dir = tempDir();
    const input = join(dir, "le-chan.xlsx");
    copyFileSync(join(samples, "phong-gddt-quan-le-chan.xlsx"), input);
    const before = readFileSync(input);
    const out = join(dir, "out");
    expect(cli(["check", input, "--out-dir", out]).status).toBe(1);
    expect(Buffer.compare(readFileSync(input), before)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, "le-chan.xlsx"));
    const ws = wb.getWorksheet("Phụ lục 02")!;
    const blamed = ws.getCell(at("B3", "total"));
    expect((blamed.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect(
      String(typeof blamed.note === "string" ? blamed.note : blamed.note?.texts?.map((t) => t.text).join("")),
    ).toContain("[SUM_TOTAL]");
    // every value identical to the input
    const orig = readXlsx(before).sheets;
    const copy = readXlsx(readFileSync(join(out, "le-chan.xlsx"))).sheets;
    expect(copy.map((s) => s.rows)).toEqual(orig.map((s) => s.rows));
    // checking in place names the copy differently rather than overwrite
    expect(cli(["check", input, "--out-dir", dir]).status).toBe(1);
    expect(existsSync(join(dir, "le-chan.kiem-tra.xlsx"))).toBe(true);
    expect(Buffer.compare(readFileSync(input), before)).toBe(0);
  });

  test("bad inputs get a Vietnamese message naming the file; the others are still checked", () => {
    const dir = tempDir();
    const good = join(dir, "a-good.xlsx");
    copyFileSync(join(samples, "trung-tam-giao-duc-thuong-xuyen-hai-phong.xlsx"), good);
    writeFileSync(join(dir, "b-text.xlsx"), "xin chào");
    writeFileSync(
      join(dir, "c-old.xlsx"),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(600).fill(0)]),
    );
    writeFileSync(join(dir, "d-truncated.xlsx"), readFileSync(good).subarray(0, 2000));
    const r = cli(["check", dir, join(dir, "nope.xlsx")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`Tệp: ${good}`);
    expect(r.stdout).toMatch(/Tệp: .*b-text\.xlsx\n {2}✗ KHÔNG ĐỌC ĐƯỢC: .+/);
    expect(r.stdout).toMatch(/c-old\.xlsx\n {2}✗ KHÔNG ĐỌC ĐƯỢC: .*\.xls/);
    expect(r.stdout).toMatch(/d-truncated\.xlsx\n {2}✗ KHÔNG ĐỌC ĐƯỢC: .+/);
    expect(r.stdout).toMatch(/nope\.xlsx\n {2}✗ KHÔNG ĐỌC ĐƯỢC: Không tìm thấy tệp/);
    expect(r.stdout).not.toMatch(/undefined|TypeError|at Object/);
  });

  test("usage errors exit 64 with the usage text", () => {
    const r = cli(["check"]);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("Cách dùng");
    expect(cli(["frobnicate"]).status).toBe(64);
    expect(cli(["merge", samples]).status).toBe(64); // no --out
  });
});

describe("phuluc02 merge", () => {
  let doc: {
    units: { unit: string; file: string; sheet: string; included: boolean; errors: number; warnings: number }[];
    missing: string[];
    findings: Finding[];
    city: { rows: Record<string, Record<string, number>>; findings: Finding[] };
    conference: {
      delegates: number;
      guestsRoom: number;
      people: { unit: string; name: string; birthYear: number | null; kind: string | null }[];
      missingLists: string[];
      findings: Finding[];
    };
  };
  let status: number;
  let out: string;

  beforeAll(() => {
    out = join(root, "city.xlsx");
    const r = cli(["merge", samples, "--out", out, "--json"]);
    status = r.status;
    doc = JSON.parse(r.stdout);
  });

  test("the Sở's conference (spec §5b): D and the room left against the lists counted here, the two findings", () => {
    // Independent count: every row under "Họ và tên" with a name, one list per included unit (from
    // any of its files: Hồng Bàng's correction was sent without its list).
    const nameCount = (file: string): number | null => {
      const sheet = readXlsx(readFileSync(file)).sheets.find((s) => s.name === "Danh sách đại biểu");
      if (!sheet) return null;
      const nfc = (v: unknown) => (typeof v === "string" ? v.normalize("NFC").trim() : "");
      const head = sheet.rows.findIndex((r) => r?.some((v) => nfc(v) === "Họ và tên"));
      const col = sheet.rows[head]!.findIndex((v) => nfc(v) === "Họ và tên");
      // under the header and its row of column numbers "(1)" … "(8)"
      return sheet.rows.slice(head + 2).filter((r) => nfc(r?.[col]) !== "").length;
    };
    let d = 0;
    for (const unit of new Set(doc.units.filter((u) => u.included).map((u) => u.unit))) {
      const files = doc.units.filter((u) => u.unit === unit).map((u) => u.file);
      d += files.map(nameCount).find((n) => n !== null) ?? 0;
    }
    expect(doc.conference.delegates).toBe(d);
    expect(doc.conference.people).toHaveLength(d);
    expect(doc.conference.guestsRoom).toBe(Math.min(300 - d, Math.floor((3 * d) / 7)));
    expect(doc.conference.findings.map((f) => [f.rule, f.severity, f.unit])).toEqual([
      ["MERGE_PERSON_TWICE", "warning", "Trường THPT An Dương"],
    ]);
    expect(doc.conference.findings[0].message).toMatch(/^"Nguyễn Thị Hương" \(sinh năm 1982\) có trong 2 danh sách: /);
    expect(doc.conference.missingLists).toContain("Trường THPT Vĩnh Bảo");
  });

  test("exit 2 because one input is unreadable; the merge still happens", () => {
    expect(status).toBe(2);
    expect(existsSync(out)).toBe(true);
  });

  test("a reader that closes the pipe early (| head) stops the printing, not the merge: no stack trace", async () => {
    const piped = join(root, "city-piped.xlsx");
    const child = spawn(process.execPath, [CLI, "merge", samples, "--out", piped, "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy(); // every write the tool makes to stdout now fails with EPIPE
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|at |node:/);
    expect(code).toBe(status);
    expect(readXlsx(readFileSync(piped)).sheets.map((sh) => sh.name)).toEqual(
      readXlsx(readFileSync(out)).sheets.map((sh) => sh.name),
    );
  });

  test("missing, duplicate, unknown and unreadable units are reported", () => {
    // the bundled roster is partial (spec §5 v2): nobody is called missing, a unit outside it is
    // included and flagged
    expect(doc.missing).toEqual([]);
    const merge = doc.findings.map((f) => [f.rule, f.severity, f.unit ?? null]);
    expect(merge).toContainEqual(["MERGE_DUPLICATE_UNIT", "error", "Phòng GDĐT quận Hồng Bàng"]);
    expect(merge).toContainEqual(["MERGE_UNKNOWN_UNIT", "warning", "Trường Tiểu học Lê Văn Tám"]);
    expect(doc.units.find((u) => u.unit === "Trường Tiểu học Lê Văn Tám")!.included).toBe(true);
    expect(merge.filter((m) => m[0] === "MERGE_UNREADABLE")).toHaveLength(1);
    expect(merge.filter((m) => m[0] === "MERGE_MISSING_UNIT")).toEqual([]);
    // against the sample's own roster, a complete list: the missing units, the primary school held out
    const full = JSON.parse(
      cli(["merge", samples, "--roster", join(samples, "roster.json"), "--out", join(root, "full.xlsx"), "--json"])
        .stdout,
    ) as typeof doc;
    // roster order; Bạch Đằng sent a file that cannot be read: counted as unreadable, as its status
    // row says ("Không đọc được"), not as missing
    expect(full.missing).toEqual(["Phòng GDĐT huyện Bạch Long Vĩ", "Trường THPT Cộng Hiền"]);
    expect(full.findings.filter((f) => f.rule === "MERGE_UNREADABLE").map((f) => f.file)).toEqual([
      expect.stringMatching(/truong-thpt-bach-dang\.xlsx$/),
    ]);
    expect(full.findings.filter((f) => f.rule === "MERGE_MISSING_UNIT").map((f) => f.unit)).toEqual(full.missing);
    expect(full.units.find((u) => u.unit === "Trường Tiểu học Lê Văn Tám")!.included).toBe(false);
    const dup = doc.units.filter((u) => u.unit === "Phòng GDĐT quận Hồng Bàng");
    expect(dup.map((u) => [u.file.split("/").pop(), u.included])).toEqual([
      ["phong-gddt-quan-hong-bang-bo-sung.xlsx", true],
      ["phong-gddt-quan-hong-bang.xlsx", false],
    ]);
    // the old district name and the unit named only by its file are matched to the roster
    expect(doc.units.map((u) => u.unit)).toContain("Phòng GDĐT thành phố Thủy Nguyên");
    expect(doc.units.map((u) => u.unit)).toContain("Trường THPT Kiến An");
  });

  test("the city table is the cell-wise sum of the included units, read independently", () => {
    const sums: Record<string, Record<string, number>> = {};
    for (const u of doc.units.filter((x) => x.included)) {
      const wb = readXlsx(readFileSync(u.file));
      const res = analyzeWorkbook(wb.sheets).find((s) => s.sheet === u.sheet)!;
      for (const [code, cells] of res.table!.cells)
        for (const [key, c] of cells) (sums[code] ??= {})[key] = (sums[code]?.[key] ?? 0) + (c.value ?? 0);
    }
    for (const code of Object.keys(doc.city.rows))
      for (const key of pl02.countKeys)
        expect([code, key, doc.city.rows[code][key]]).toEqual([code, key, sums[code][key]]);
  });

  test("the city workbook has the three sheets of §5, the report and chart sheets, and the same figures", () => {
    const wb = readXlsx(readFileSync(out));
    expect(wb.sheets.map((s) => s.name)).toEqual([
      "Tổng hợp thành phố",
      "Chi tiết theo đơn vị",
      "Tình trạng nộp",
      "Đại biểu Hội nghị của Sở",
      "Số liệu cho báo cáo",
      "Biểu đồ tổng hợp",
    ]);
    const city = wb.sheets[0];
    expect(city.rows[lay.row.get("TONG")!][lay.col.get("total")!]).toBe(doc.city.rows.TONG.total);
    expect(city.rows[lay.row.get("D2")!][lay.col.get("y2023")!]).toBe(doc.city.rows.D2.y2023);
  });

  test("merging twice gives the same bytes; input order does not matter", () => {
    const again = join(root, "city-again.xlsx");
    const files = readdirSync(samples)
      .filter((f) => f.endsWith(".xlsx")) // not the roster.json beside them
      .map((f) => join(samples, f))
      .reverse();
    const r = cli(["merge", ...files, "--out", again, "--json"]);
    expect(JSON.parse(r.stdout).city).toEqual(doc.city);
    expect(Buffer.compare(readFileSync(again), readFileSync(out))).toBe(0);
  });

  test("--strict leaves out inputs with errors", () => {
    const r = cli(["merge", samples, "--out", join(root, "strict.xlsx"), "--strict", "--json"]);
    const strict = JSON.parse(r.stdout) as typeof doc;
    const leChan = strict.units.find((u) => u.unit === "Phòng GDĐT quận Lê Chân")!;
    expect(leChan.included).toBe(false);
    expect(doc.units.find((u) => u.unit === "Phòng GDĐT quận Lê Chân")!.included).toBe(true);
    expect(strict.city.rows.TONG.total).toBeLessThan(doc.city.rows.TONG.total);
  });

  test("a roster given as JSON or as a 'Danh sách đơn vị' sheet", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "roster.json"),
      JSON.stringify({ units: [{ name: "Phòng GDĐT quận Lê Chân", type: "Phòng GDĐT", aliases: [] }] }),
    );
    const j = JSON.parse(
      cli([
        "merge",
        join(samples, "phong-gddt-quan-le-chan.xlsx"),
        "--roster",
        join(dir, "roster.json"),
        "--out",
        join(dir, "c.xlsx"),
        "--json",
      ]).stdout,
    );
    expect(j.missing).toEqual([]);
    expect(j.units[0].unit).toBe("Phòng GDĐT quận Lê Chân");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách đơn vị");
    ws.addRow(["Tên đơn vị", "Loại đơn vị", "Tên khác"]);
    ws.addRow(["Phòng GDĐT quận Lê Chân", "Phòng GDĐT", "Lê Chân"]);
    ws.addRow(["Trường THPT Ngô Quyền", "Trường THPT", ""]);
    await wb.xlsx.writeFile(join(dir, "roster.xlsx"));
    const x = JSON.parse(
      cli([
        "merge",
        join(samples, "phong-gddt-quan-le-chan.xlsx"),
        "--roster",
        join(dir, "roster.xlsx"),
        "--out",
        join(dir, "c2.xlsx"),
        "--json",
      ]).stdout,
    );
    expect(x.missing).toEqual(["Trường THPT Ngô Quyền"]);
    writeFileSync(join(dir, "bad.json"), '{"units": [{"name": ""}]}');
    const bad = cli(["merge", samples, "--roster", join(dir, "bad.json"), "--out", join(dir, "c3.xlsx")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Danh sách đơn vị không hợp lệ");
  });
});

describe("what a folder holds", () => {
  test("the CLI and the page take the same files as spreadsheets, .xlsm, .xlsb, .csv and .zip included", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "THPT"));
    const names = ["a.xlsx", "THPT/b.XLSM", "c.xls", "d.ods", "e.docx", "roster.json", "~$a.xlsx", "f.csv"];
    names.push("g.xlsb", "h.zip", "scan.pdf");
    for (const n of names) writeFileSync(join(dir, n), "");
    const cliFiles = expandInputs([dir], { recursive: true });
    const spreadsheets = ["THPT/b.XLSM", "a.xlsx", "c.xls", "d.ods", "f.csv", "g.xlsb", "h.zip"];
    expect(cliFiles.files.map((f) => f.slice(dir.length + 1))).toEqual(spreadsheets);
    expect(cliFiles.skipped.map((f) => f.slice(dir.length + 1))).toEqual(["e.docx", "roster.json", "scan.pdf"]);
    const page = sortPicked(names.map((path) => ({ path, file: new File([], path) })));
    expect(page.files.map((f) => f.path)).toEqual(spreadsheets);
    expect(page.others).toEqual(["e.docx", "roster.json", "scan.pdf"]);
  });
});

describe("phuluc02 template", () => {
  test("a blank template checks clean but for the unit line (its formulas carry their 0); a named one too", () => {
    const dir = tempDir();
    expect(cli(["template", "--out", join(dir, "blank.xlsx")]).status).toBe(0);
    const blank = checkJson(join(dir, "blank.xlsx"));
    // Its formulas carry their cached result, 0 over blank inputs: a reader that does not
    // calculate (this one, before anyone opened the file) reads 0 and finds nothing to say.
    expect(blank.status).toBe(0);
    const [pl, db, ds] = blank.doc.files[0].sheets;
    expect(db.findings.map((f) => f.rule)).toEqual(["UNIT_MISSING"]);
    // one workbook of the three documents a unit sends (spec §4, §4b)
    expect(blank.doc.files[0].sheets.map((s) => s.template)).toEqual(["pl02", "daibieu", "ds-daibieu"]);
    expect(ds.findings.map((f) => f.rule)).toEqual(["UNIT_MISSING"]);
    expect(pl.findings.map((f) => f.rule)).toEqual(["UNIT_MISSING"]);
    const wb = readXlsx(readFileSync(join(dir, "blank.xlsx")));
    const formulas = wb.sheets[0].formulas!;
    const cells = [...lay.formulas.keys()].map((a) => {
      const p = parseAddress(a)!;
      return [a, formulas[p.row]?.[p.col], wb.sheets[0].rows[p.row][p.col]];
    });
    expect(cells).toEqual([...lay.formulas.keys()].map((a) => [a, "", 0]));
    expect(cli(["template", "--unit", "Trường THPT Ngô Quyền", "--out", join(dir, "nq.xlsx")]).status).toBe(0);
    const named = checkJson(join(dir, "nq.xlsx"));
    expect(named.status).toBe(0);
    expect(named.doc.files[0].sheets.map((s) => [s.unit, s.findings.length])).toEqual([
      ["Trường THPT Ngô Quyền", 0],
      ["Trường THPT Ngô Quyền", 0],
      ["Trường THPT Ngô Quyền", 0],
    ]);
  });

  test("a unit name that looks like a formula is written as text", () => {
    const dir = tempDir();
    const name = '=HYPERLINK("http://x","y")';
    expect(cli(["template", "--unit", name, "--out", join(dir, "f.xlsx")]).status).toBe(0);
    const wb = readXlsx(readFileSync(join(dir, "f.xlsx")));
    expect(wb.sheets[0].rows[lay.unitRow][1]).toBe(name);
  });
});

describe("the blank template is ready to fill", () => {
  test("styled header, frozen panes, formulas in parent, group and TONG rows, whole-number validation, dropdowns", async () => {
    const dir = tempDir();
    expect(cli(["template", "--out", join(dir, "t.xlsx")]).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "t.xlsx"));
    const ws = wb.getWorksheet("Phụ lục 02")!;
    expect(ws.views[0]).toMatchObject({
      state: "frozen",
      xSplit: lay.col.get("label")! + 1,
      ySplit: lay.numberRow + 1,
    });
    expect(ws.getCell(lay.headerTop + 1, lay.col.get("label")! + 1).value).toBe("Hình thức khen thưởng");
    expect(ws.getCell(lay.headerTop + 1, 1).font?.bold).toBe(true);
    expect(ws.getColumn(lay.col.get("label")! + 1).width).toBe(46);
    const formula = (code: string, key: string) =>
      (ws.getCell(at(code, key)).value as ExcelJS.CellFormulaValue).formula;
    expect(formula("A3", "total")).toBe([at("A3.1", "total"), at("A3.2", "total"), at("A3.3", "total")].join("+"));
    expect(formula("D", "y2022")).toBe(["D1", "D2", "D3", "D4"].map((c) => at(c, "y2022")).join("+"));
    expect(formula("TONG", "direct")).toBe(["A", "B", "C", "D"].map((c) => at(c, "direct")).join("+"));
    expect(ws.getCell(at("D2", "total")).value).toBeNull(); // leaf rows are typed by the unit
    expect(ws.getCell(at("D2", "y2025")).dataValidation).toMatchObject({
      type: "whole",
      operator: "greaterThanOrEqual",
      formulae: [0],
    });
    expect(ws.getCell(lay.unitRow + 1, 1).value).toBe("Đơn vị:");
    const db = wb.getWorksheet("Cơ cấu đại biểu")!;
    const dbLay = templateLayout(templateById("daibieu"));
    expect(db.getCell(dbLay.attrRows.get("level")! + 1, 3).dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Cơ sở,Trên cơ sở"'],
    });
  });
});

test("a sheet of 100,000 rows is read up to the limit, checked, and the report says so", async () => {
  const dir = tempDir();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(samples, "trung-tam-giao-duc-thuong-xuyen-hai-phong.xlsx"));
  const ws = wb.getWorksheet("Phụ lục 02")!;
  for (let r = 200; r <= 100_000; r++) ws.getCell(r, 14).value = r;
  const file = join(dir, "dai.xlsx");
  await wb.xlsx.writeFile(file);
  const r = cli(["check", file]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(`ℹ Trang "Phụ lục 02" dài hơn 5.000 dòng; chỉ đọc 5.000 dòng đầu`);
  expect(r.stdout).toContain(`Trang "Phụ lục 02" — Đơn vị: Trung tâm Giáo dục thường xuyên Hải Phòng — không có lỗi`);
}, 60_000);
