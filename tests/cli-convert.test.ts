/**
 * .xls and .ods submissions: converted through LibreOffice when soffice is on the PATH (and the
 * user is told), otherwise a Vietnamese message naming the file and what to do; never skipped.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeGridsWorkbook } from "../cli/exceljs-write";
import { findSoffice, sofficeConvert } from "../cli/convert";
import { expectedCounts, layoutVariants } from "../cli/sample/variants";
import { CLI, ensureBuilt, ROOT, tempDir } from "./helpers/cli";
import { BASE, build, setCell, sheet } from "./helpers/tables";
import { xlsb } from "./helpers/xlsb";
import { zipSync } from "fflate";
import { readFileSync } from "node:fs";

let dir: string;
let noOffice: string; // a PATH without LibreOffice

function run(args: string[], path = process.env.PATH ?? "") {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PATH: path },
    maxBuffer: 1 << 26,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SAVE_AS =
  "Tệp Excel 97-2003 (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx (Sổ làm việc Excel). Hoặc cài LibreOffice (lệnh soffice) để công cụ tự chuyển";

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir();
  noOffice = tempDir("no-office-");
  const values = build(BASE);
  values.B3.total += 1; // one mistake, so the findings read from each format can be compared
  const grid = sheet(values, "Trường THPT Thái Phiên");
  const src = join(dir, "src");
  mkdirSync(src);
  writeFileSync(join(src, "thai-phien.xlsx"), await writeGridsWorkbook([{ grid }]));
  const ok = sheet(build(BASE), "Trường THPT Ngô Quyền");
  setCell(ok, "D4", "note", "đủ");
  writeFileSync(join(src, "ngo-quyen.xlsx"), await writeGridsWorkbook([{ grid: ok }]));
  const lo = (to: string, file: string) => sofficeConvert([join(src, file)], join(dir, "in"), to);
  lo("xls:MS Excel 97", "thai-phien.xlsx");
  lo("ods", "ngo-quyen.xlsx");
  copyFileSync(join(src, "thai-phien.xlsx"), join(dir, "in", "thai-phien-goc.xlsx"));
  expect(readdirSync(join(dir, "in")).sort()).toEqual(["ngo-quyen.ods", "thai-phien-goc.xlsx", "thai-phien.xls"]);
}, 120_000);

test("soffice is looked up on the PATH", () => {
  expect(findSoffice(noOffice)).toBeNull();
  const fake = join(noOffice, "bin");
  mkdirSync(fake, { recursive: true });
  writeFileSync(join(fake, "soffice"), "#!/bin/sh\n");
  expect(findSoffice(`${noOffice}:${fake}`)).toBeNull(); // not executable
  chmodSync(join(fake, "soffice"), 0o755);
  expect(findSoffice(`${noOffice}:${fake}`)).toBe(join(fake, "soffice"));
  expect(findSoffice()).toMatch(/soffice|libreoffice/);
});

test("with LibreOffice: .xls and .ods are converted, checked like the .xlsx, and the user is told", () => {
  const xls = join(dir, "in", "thai-phien.xls");
  const ods = join(dir, "in", "ngo-quyen.ods");
  const orig = join(dir, "in", "thai-phien-goc.xlsx");
  const r = run(["check", xls, ods, orig, "--json"]);
  expect(r.status).toBe(1); // the seeded mistake, nothing unreadable
  const files = JSON.parse(r.stdout).files as {
    file: string;
    error: string | null;
    sheets: { unit: string; findings: { rule: string; cells: string[] }[] }[];
  }[];
  const brief = (f: (typeof files)[number]) => [
    f.error,
    f.sheets.map((s) => [s.unit, s.findings.map((x) => `${x.rule} ${x.cells[0]}`)]),
  ];
  const byName = Object.fromEntries(files.map((f) => [f.file.split("/").pop(), brief(f)]));
  expect(byName["thai-phien.xls"]).toEqual(byName["thai-phien-goc.xlsx"]);
  expect((byName["thai-phien.xls"][1] as unknown[][])[0][1]).toEqual(
    expect.arrayContaining([expect.stringMatching(/^SUM_TOTAL /)]),
  );
  expect(byName["ngo-quyen.ods"]).toEqual([null, [["Trường THPT Ngô Quyền", []]]]);
  const text = run(["check", xls, ods]).stdout;
  expect(text).toContain(
    "ℹ Tệp Excel 97-2003 (.xls) đã được LibreOffice chuyển sang .xlsx để kiểm tra (tệp gốc không bị sửa)",
  );
  expect(text).toContain("ℹ Tệp OpenDocument (.ods) đã được LibreOffice chuyển sang .xlsx để kiểm tra");
});

test("without LibreOffice: a Vietnamese message names the file and says what to do", () => {
  const xls = join(dir, "in", "thai-phien.xls");
  const r = run(["check", xls, "--json"], noOffice);
  expect(r.status).toBe(2);
  expect(JSON.parse(r.stdout).files).toEqual([{ file: xls, error: SAVE_AS, sheets: [] }]);
  const text = run(["check", xls], noOffice).stdout;
  expect(text).toContain(`Tệp: ${xls}`);
  expect(text).toContain(SAVE_AS);
});

test("a folder's .xls and .ods are never skipped: merged when converted, unreadable (not 'Chưa nộp') otherwise", () => {
  const city = join(dir, "city.xlsx");
  const m = JSON.parse(run(["merge", join(dir, "in"), "--out", city, "--json"]).stdout);
  expect(m.units.map((u: { unit: string; file: string }) => [u.unit, u.file.split("/").pop()])).toEqual([
    ["Trường THPT Ngô Quyền", "ngo-quyen.ods"],
    ["Trường THPT Thái Phiên", "thai-phien-goc.xlsx"],
    ["Trường THPT Thái Phiên", "thai-phien.xls"],
  ]);
  expect(m.missing).not.toContain("Trường THPT Ngô Quyền");
  const without = run(["merge", join(dir, "in"), "--out", city, "--json", "--force"], noOffice);
  expect(without.status).toBe(2);
  const w = JSON.parse(without.stdout);
  const unreadable = w.findings.filter((f: { rule: string }) => f.rule === "MERGE_UNREADABLE");
  expect(unreadable.map((f: { file: string }) => f.file.split("/").pop())).toEqual(["ngo-quyen.ods", "thai-phien.xls"]);
  // the bundled roster is partial: nobody is called missing (spec §5 v2); Ngô Quyền's file is unreadable, not merged
  expect(w.missing).toEqual([]);
  expect(w.units.map((u: { unit: string }) => u.unit)).not.toContain("Trường THPT Ngô Quyền");
  expect(unreadable[1].message).toContain("hãy mở bằng Excel và lưu lại dạng .xlsx");
});

test("an annotated copy of an .xls is written as .xlsx, the .xls left alone", () => {
  const out = join(dir, "annotated");
  const xls = join(dir, "in", "thai-phien.xls");
  expect(run(["check", xls, "--out-dir", out]).status).toBe(1);
  expect(readdirSync(out)).toEqual(["thai-phien.xlsx"]);
  expect(existsSync(xls)).toBe(true);
});

test("an old .xls typed in TCVN3: converted, decoded, read exactly, and both are said", async () => {
  const v = layoutVariants().find((x) => x.kind === "05-tcvn3")!;
  const src = join(dir, "tcvn3");
  mkdirSync(src);
  writeFileSync(join(src, "kien-an.xlsx"), await writeGridsWorkbook([v.sheet]));
  sofficeConvert([join(src, "kien-an.xlsx")], join(dir, "tcvn3-xls"), "xls:MS Excel 97");
  const xls = join(dir, "tcvn3-xls", "kien-an.xls");
  const r = run(["check", xls, "--json"]);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).files).toEqual([
    { file: xls, error: null, sheets: [{ sheet: "Phụ lục 02", template: "pl02", unit: v.unit, findings: [] }] },
  ]);
  const text = run(["check", xls]).stdout;
  expect(text).toContain("ℹ Tệp Excel 97-2003 (.xls) đã được LibreOffice chuyển sang .xlsx");
  expect(text).toContain('ℹ Trang "Phụ lục 02" dùng bảng mã cũ TCVN3 (ABC, phông .VnTime)');
  const m = JSON.parse(run(["merge", xls, "--out", join(dir, "tcvn3-city.xlsx"), "--json"]).stdout);
  expect(m.city.rows.TONG).toEqual(expectedCounts(v.values).TONG);
});

describe(".xlsb (Excel Binary Workbook), alone and inside a .zip", () => {
  const XLSB_SAVE_AS =
    "Tệp Excel nhị phân (.xlsb): hãy mở bằng Excel và Lưu thành .xlsx. Hoặc cài LibreOffice (lệnh soffice) để công cụ tự chuyển";
  let bin: string;
  let zip: string;
  beforeAll(() => {
    // LibreOffice reads .xlsb but has no filter to write one: the test file is built by hand
    const values = build(BASE);
    values.B3.total += 1;
    const d = join(dir, "xlsb");
    mkdirSync(d);
    bin = join(d, "le-chan.xlsb");
    writeFileSync(bin, xlsb(sheet(values, "Trường THPT Lê Chân").rows));
    zip = join(d, "gui-so.zip");
    const xls = readFileSync(join(dir, "in", "thai-phien.xls"));
    writeFileSync(zip, zipSync({ "Lê Chân/le-chan.xlsb": readFileSync(bin), "thai-phien.xls": xls }));
  });

  test("with LibreOffice: converted, checked, the user told; a zip's .xlsb and .xls too", () => {
    const r = run(["check", bin, zip, "--json"]);
    expect(r.status).toBe(1); // the seeded mistakes, nothing unreadable
    const files = JSON.parse(r.stdout).files as {
      file: string;
      error: string | null;
      sheets: { unit: string; findings: { rule: string; cells: string[] }[] }[];
    }[];
    const sum = (f: (typeof files)[number]) => [
      f.file.slice(dir.length + 1),
      f.error,
      f.sheets.map((s) => [s.unit, s.findings.filter((x) => x.rule === "SUM_TOTAL").map((x) => x.cells[0])]),
    ];
    const b3 = files[0].sheets[0].findings.find((x) => x.rule === "SUM_TOTAL")!.cells[0];
    expect(files.map(sum)).toEqual([
      ["xlsb/gui-so.zip › Lê Chân/le-chan.xlsb", null, [["Trường THPT Lê Chân", [b3]]]],
      ["xlsb/gui-so.zip › thai-phien.xls", null, [["Trường THPT Thái Phiên", [b3]]]],
      ["xlsb/le-chan.xlsb", null, [["Trường THPT Lê Chân", [b3]]]],
    ]);
    const text = run(["check", bin]).stdout;
    expect(text).toContain(
      "ℹ Tệp Excel nhị phân (.xlsb) đã được LibreOffice chuyển sang .xlsx để kiểm tra (tệp gốc không bị sửa)",
    );
    // annotated copies of the zip's members, named after the archive, beside its place
    const out = join(dir, "xlsb-annotated");
    expect(run(["check", zip, "--out-dir", out]).status).toBe(1);
    expect(readdirSync(out).sort()).toEqual(["gui-so - Lê Chân - le-chan.xlsx", "gui-so - thai-phien.xlsx"]);
  });

  test("without LibreOffice: the .xlsb message and the hint to install it", () => {
    const r = run(["check", bin, "--json"], noOffice);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).files).toEqual([{ file: bin, error: XLSB_SAVE_AS, sheets: [] }]);
  });
});
