/** TCVN3 (ABC) and VNI-Windows text: decoded exactly, detected per sheet, never on Unicode Vietnamese. */
import {
  analyzeGrid,
  decodeGrid,
  decodeLegacy,
  detectLegacyEncoding,
  encodeLegacy,
  type Grid,
  templateById,
  templateLayout,
} from "../shared";
import { sampleSubmissions } from "../cli/sample/generate";
import { BASE, build, dbAt, dbSheet, LAY, sheet } from "./helpers/tables";

test("TCVN3 text as Excel keeps it decodes to Unicode (the issue's examples)", () => {
  expect(decodeLegacy("Tæng sè", "tcvn3")).toBe("Tổng số");
  expect(decodeLegacy("ChiÕn sÜ thi ®ua c¬ së", "tcvn3")).toBe("Chiến sĩ thi đua cơ sở");
  expect(decodeLegacy("§¬n vÞ:", "tcvn3")).toBe("Đơn vị:");
  expect(decodeLegacy("H×nh thøc khen th\u00adëng", "tcvn3")).toBe("Hình thức khen thưởng");
  expect(decodeLegacy("Tr\u00adêng THPT Ng« QuyÒn", "tcvn3")).toBe("Trường THPT Ngô Quyền");
});

test("VNI-Windows text decodes to Unicode, two-character letters first", () => {
  expect(decodeLegacy("Toång soá", "vni")).toBe("Tổng số");
  expect(decodeLegacy("Chieán só thi ñua cô sôû", "vni")).toBe("Chiến sĩ thi đua cơ sở");
  expect(decodeLegacy("Ñôn vò:", "vni")).toBe("Đơn vị:");
  expect(decodeLegacy("Hình thöùc khen thöôûng", "vni")).toBe("Hình thức khen thưởng");
  expect(decodeLegacy("TRÖÔØNG THPT NGOÂ QUYEÀN", "vni")).toBe("TRƯỜNG THPT NGÔ QUYỀN");
});

test("every label and header of the template survives encoding and decoding", () => {
  const t = templateById("pl02");
  const texts = [...t.rows.flatMap((r) => [r.label, ...r.aliases]), ...t.columns.flatMap((c) => c.headers)];
  for (const s of texts) {
    expect([s, decodeLegacy(encodeLegacy(s, "vni"), "vni")]).toEqual([s, s]);
    // TCVN3 has no capital toned letters (".VnTimeH" fonts draw small ones as capitals)
    expect([s, decodeLegacy(encodeLegacy(s, "tcvn3"), "tcvn3").toLowerCase()]).toEqual([s, s.toLowerCase()]);
  }
});

function encoded(g: Grid, enc: "tcvn3" | "vni"): Grid {
  return { ...g, rows: g.rows.map((r) => (r ?? []).map((v) => (typeof v === "string" ? encodeLegacy(v, enc) : v))) };
}

test("a sheet in TCVN3 or VNI is detected and decoded: its unit, no finding", () => {
  const g = sheet(build(BASE));
  for (const enc of ["tcvn3", "vni"] as const) {
    const legacy = encoded(g, enc);
    expect(detectLegacyEncoding(legacy)).toBe(enc);
    const res = analyzeGrid(legacy)!;
    expect([res.encoding, res.unit, res.findings]).toEqual([enc, "Trường THPT Ngô Quyền", []]);
  }
});

test("a unit name typed in Unicode inside a TCVN3 template is kept, not decoded twice", () => {
  const g = encoded(sheet(build(BASE), null), "tcvn3");
  g.rows[LAY.unitRow] = [encodeLegacy("Đơn vị:", "tcvn3"), "Trường THPT Lê Hồng Phong"];
  const res = analyzeGrid(g)!;
  expect([res.encoding, res.unit, res.findings]).toEqual(["tcvn3", "Trường THPT Lê Hồng Phong", []]);
  expect(decodeGrid(g, "tcvn3").rows[LAY.unitRow][1]).toBe("Trường THPT Lê Hồng Phong");
});

test("detection never fires on Unicode Vietnamese: every sample sheet, the template, NFD text", () => {
  const grids: Grid[] = [];
  for (const f of sampleSubmissions()) if (f.kind === "workbook") grids.push(...f.sheets.map((s) => s.grid));
  for (const id of ["pl02", "daibieu"]) grids.push(templateLayout(templateById(id)).grid);
  expect(grids.length).toBeGreaterThan(40);
  expect(grids.filter((g) => detectLegacyEncoding(g) !== null).map((g) => g.name)).toEqual([]);
  for (const g of grids) expect(analyzeGrid(g)?.encoding).toBeUndefined();
  // a sheet of Unicode Vietnamese with Latin-1 letters only ("Cá nhân", "Giáo viên") is not legacy
  const latin1: Grid = { name: "x", rows: [["Cá nhân", "Giáo viên", "Ghi chú", "Tài chính", "Mã số", "Tỉnh"]] };
  expect(detectLegacyEncoding(latin1)).toBeNull();
  // nor a Unicode table followed by many notes in such words (they used to outvote the table)
  const notes = sheet(build(BASE));
  for (let r = 60; r < 120; r++) notes.rows[r] = ["Ghi chú", "Cá nhân", "Mã", "Có", "Chú ý", "Tài chính"];
  expect(detectLegacyEncoding(notes)).toBeNull();
  expect(analyzeGrid(notes)?.findings).toEqual([]);
  // nor is ASCII, English, or too little text to tell
  expect(detectLegacyEncoding({ name: "x", rows: [["Tong so", "Total", "Café"]] })).toBeNull();
});

test("checking a file in TCVN3 tells the user the file uses a legacy encoding", async () => {
  const { writeGridsWorkbook } = await import("../cli/exceljs-write");
  const { checkBytes } = await import("../shared/workbook/file-check");
  const bytes = await writeGridsWorkbook([{ grid: encoded(sheet(build(BASE)), "tcvn3") }]);
  const r = checkBytes("don-vi.xlsx", bytes);
  expect([r.error, r.sheets.map((s) => [s.unit, s.findings.length])]).toEqual([null, [["Trường THPT Ngô Quyền", 0]]]);
  expect(r.notices.map((n) => n.vi)).toEqual([
    'Trang "Phụ lục 02" dùng bảng mã cũ TCVN3 (ABC, phông .VnTime); chữ đã được tự chuyển sang Unicode để đọc. Nên chuyển tệp sang Unicode (Unikey → Công cụ chuyển mã) trước khi gửi',
  ]);
  const plain = checkBytes("don-vi.xlsx", await writeGridsWorkbook([{ grid: sheet(build(BASE)) }]));
  expect(plain.notices).toEqual([]);
});

test("a Cơ cấu đại biểu sheet in VNI: its attributes (Cấp hội nghị, Loại đơn vị) are read after decoding", () => {
  const ok = { DB1: 120, DB2: 120, DB3: 90, DB4: 30, DB5: 5, DB6: 2, DB7: 2, DB8: 0, DB9: 0 };
  const g = dbSheet(ok, { level: "co_so", unitType: "thpt" });
  const legacy = encoded(g, "vni");
  const rules = (x: Grid) => analyzeGrid(x)!.findings.map((f) => [f.rule, f.cells[0]]);
  // DB7 = 2 breaks DB_HIGHER_DELEGATES only for a "Trường THPT": proof that "Loại đơn vị" was understood
  expect(rules(g)).toEqual([["DB_HIGHER_DELEGATES", dbAt("DB7")]]);
  expect(rules(legacy)).toEqual(rules(g));
  expect([...analyzeGrid(legacy)!.table!.attrs]).toEqual([
    ["level", "co_so"],
    ["unitType", "thpt"],
  ]);
});
