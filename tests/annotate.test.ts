/**
 * Annotated copies are made by editing the unit's own package: the blamed cells get a fill and a
 * note, every other entry of the zip is copied as stored, and the result opens in LibreOffice.
 */
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Finding, listLayout, listTemplateById } from "../shared";
import { MARK, writeAnnotatedCopy } from "../shared/workbook/annotate";
import { checkBytes } from "../shared/workbook/file-check";
import { readXlsx, XlsxError } from "../shared/workbook/read";
import { writeTemplateWorkbook } from "../cli/exceljs-write";
import { roundTrip } from "./helpers/libreoffice";
import { at, BASE, build } from "./helpers/tables";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A unit's file as a unit would send it: a filled template with one wrong total, a note and a colour of the user's own. */
async function unitFile(): Promise<Uint8Array> {
  const values = build(BASE);
  values.B3 = { ...values.B3, total: values.B3.total + 1 };
  const bytes = await writeTemplateWorkbook({ unit: "Trường THPT Ngô Quyền", values, daibieu: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Phụ lục 02")!;
  ws.getCell(at("B3", "total")).note = "Số của phòng tổ chức";
  ws.getCell(at("B3", "total")).font = { bold: true, color: { argb: "FF0000FF" } };
  ws.getCell(at("D1", "label")).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00FF00" } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function checked(bytes: Uint8Array) {
  const r = checkBytes("u.xlsx", bytes);
  expect(r.error).toBeNull();
  return r.sheets.map((s) => ({ sheet: s.sheet, findings: s.findings }));
}

async function cellOf(bytes: Uint8Array, sheet: string, addr: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const c = wb.getWorksheet(sheet)!.getCell(addr);
  const note = c.note;
  return {
    fill: (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb,
    font: c.font,
    border: c.border,
    note: typeof note === "string" ? note : (note?.texts ?? []).map((t) => t.text).join(""),
  };
}

/** Every entry of a zip, as stored: local header, data, descriptor (sizes from the central directory). */
function storedEntries(bytes: Uint8Array): Map<string, Buffer> {
  const b = Buffer.from(bytes);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out = new Map<string, Buffer>();
  let p = b.readUInt32LE(end + 16);
  for (let k = 0; k < b.readUInt16LE(end + 10); k++) {
    const n = b.readUInt16LE(p + 28);
    const name = b.toString("utf8", p + 46, p + 46 + n);
    const size = b.readUInt32LE(p + 20);
    const off = b.readUInt32LE(p + 42);
    const start = off + 30 + b.readUInt16LE(off + 26) + b.readUInt16LE(off + 28);
    out.set(name, b.subarray(off, start + size));
    p += 46 + n + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return out;
}

describe("annotated copies edit the unit's own package", () => {
  let original: Uint8Array;
  let sheets: { sheet: string; findings: Finding[] }[];
  let copy: Uint8Array;

  beforeAll(async () => {
    original = await unitFile();
    sheets = checked(original);
    copy = writeAnnotatedCopy(original, sheets, "vi");
  });

  test("only the sheet, styles and notes parts change; every other entry is stored byte for byte", () => {
    const a = unzipSync(original);
    const b = unzipSync(copy);
    const changed = Object.keys(b).filter((k) => !a[k] || Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) !== 0);
    expect(changed.sort()).toEqual(
      [
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
        "xl/comments1.xml", // exceljs put the user's note in its own comments part: extended
        "xl/drawings/vmlDrawing1.vml",
      ].sort(),
    );
    expect(Object.keys(a).every((k) => k in b)).toBe(true);
    const rawA = storedEntries(original);
    const rawB = storedEntries(copy);
    for (const [name, raw] of rawA)
      if (!changed.includes(name)) expect([name, Buffer.compare(raw, rawB.get(name)!)]).toEqual([name, 0]);
  });

  test("new note shapes join the drawing's own block of shape ids (o:idmap), after its last", () => {
    const vml = new TextDecoder().decode(unzipSync(copy)["xl/drawings/vmlDrawing1.vml"]);
    const block = Number(/idmap[^>]*data="(\d+)"/.exec(vml)![1]);
    const ids = [...vml.matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids.length).toBe(2); // the user's note (on a blamed cell: no second shape) and ours on the group total
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(Math.floor(id / 1024)).toBe(block);
  });

  test("values are those of the original; the findings are the same when the copy is checked", () => {
    expect(readXlsx(copy).sheets.map((s) => s.rows)).toEqual(readXlsx(original).sheets.map((s) => s.rows));
    expect(checked(copy)).toEqual(sheets);
  });

  test("the blamed cell is red with the reasons after the user's note; its font and border are kept", async () => {
    const before = await cellOf(original, "Phụ lục 02", at("B3", "total"));
    const after = await cellOf(copy, "Phụ lục 02", at("B3", "total"));
    expect(after.fill).toBe("FFFFC7CE");
    expect(after.font).toEqual(before.font);
    expect(after.border).toEqual(before.border);
    const [user, ours] = after.note.split(`\n${MARK}\n`);
    expect(user).toBe("Số của phòng tổ chức");
    // the likely cause (spec §3b) on the cell itself comes first
    expect(ours.split("\n").map((l) => l.replace(/\].*/, "]"))).toEqual([
      "[CELL_LIKELY_WRONG]",
      "[SUM_TOTAL]",
      "[SUM_YEARS]",
    ]);
    const group = await cellOf(copy, "Phụ lục 02", at("B", "total"));
    expect([group.fill, group.note.replace(/\].*/, "]")]).toEqual(["FFFFC7CE", "[SUM_GROUP]"]);
    // a colour of the user's own on a cell we do not blame is untouched
    expect((await cellOf(copy, "Phụ lục 02", at("D1", "label"))).fill).toBe("FF00FF00");
  });

  test("annotating the copy again replaces our notes, keeps the user's, adds no second fill", async () => {
    const again = writeAnnotatedCopy(copy, checked(copy), "en");
    const c = await cellOf(again, "Phụ lục 02", at("B3", "total"));
    expect(c.note.split(MARK).length).toBe(2);
    expect(c.note.startsWith(`Số của phòng tổ chức\n${MARK}\n[CELL_LIKELY_WRONG] Cell ${at("B3", "total")} (`)).toBe(
      true,
    );
    const styles = (b: Uint8Array) => new TextDecoder().decode(unzipSync(b)["xl/styles.xml"]);
    expect(styles(again).match(/<fill>/g)!.length).toBe(styles(copy).match(/<fill>/g)!.length + 2);
  });

  test("nothing to mark: the copy is the file itself", () => {
    expect(Buffer.compare(writeAnnotatedCopy(original, [{ sheet: "Phụ lục 02", findings: [] }]), original)).toBe(0);
  });

  test("same input, same bytes", () => {
    expect(Buffer.compare(writeAnnotatedCopy(original, sheets, "vi"), copy)).toBe(0);
  });
});

const finding = (cell: string, severity: "error" | "warning" = "error"): Finding => ({
  rule: severity === "error" ? "SUM_TOTAL" : "VALUE_AS_TEXT",
  severity,
  sheet: "S",
  cells: [cell],
  row: null,
  column: null,
  message: `lỗi ở ${cell} <&>`,
  messageEn: `wrong at ${cell}`,
  basis: "",
});

/** A minimal package: no styles part, no comments, cells and rows missing where findings point. */
function bare(sheetData: string, prefix = ""): Uint8Array {
  const P = prefix ? `${prefix}:` : "";
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  return zipSync({
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<${P}workbook ${ns} xmlns:r="${REL}"><${P}sheets><${P}sheet name="S" sheetId="1" r:id="rId1"/></${P}sheets></${P}workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(
      `<${P}worksheet ${ns}><${P}sheetData>${sheetData}</${P}sheetData><${P}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${P}worksheet>`,
    ),
  });
}

describe("blamed cells the sheet does not hold, and packages without styles", () => {
  const data = (p = "") =>
    `<${p}row r="2"><${p}c r="B2"><${p}v>1</${p}v></${p}c><${p}c r="D2"><${p}v>3</${p}v></${p}c></${p}row><${p}row r="5"/>`;
  const marks = [finding("A1"), finding("C2", "warning"), finding("E2"), finding("B5"), finding("A9")];

  test.each([
    ["no prefix", ""],
    ["prefixed main namespace", "x"],
  ])("rows and cells are added in order; a styles part is created (%s)", async (_, prefix) => {
    const bytes = bare(data(prefix ? `${prefix}:` : ""), prefix);
    const copy = writeAnnotatedCopy(bytes, [{ sheet: "S", findings: marks }]);
    const files = unzipSync(copy);
    const xml = new TextDecoder().decode(files["xl/worksheets/sheet1.xml"]);
    const refs = [...xml.matchAll(/<(?:x:)?c r="([A-Z]+\d+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(["A1", "B2", "C2", "D2", "E2", "B5", "A9"]);
    const rows = [...xml.matchAll(/<(?:x:)?row r="(\d+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(["1", "2", "5", "9"]);
    expect(readXlsx(copy).sheets[0].rows).toEqual(readXlsx(bytes).sheets[0].rows);
    expect(files["xl/styles.xml"]).toBeDefined();
    if (!prefix) {
      // exceljs reads no prefixed workbook at all; the reader above and LibreOffice below do
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(copy as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("S")!;
      const fill = (a: string) => (ws.getCell(a).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
      expect(["A1", "C2", "E2", "B5", "A9", "B2"].map(fill)).toEqual([
        "FFFFC7CE",
        "FFFFEB9C",
        "FFFFC7CE",
        "FFFFC7CE",
        "FFFFC7CE",
        undefined,
      ]);
      const note = ws.getCell("C2").note;
      expect(typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("")).toBe(
        "[VALUE_AS_TEXT] lỗi ở C2 <&>",
      );
    }
  });

  test("a UTF-16 sheet is written back as UTF-8 and says so", () => {
    const files = unzipSync(bare(data()));
    const xml = new TextDecoder().decode(files["xl/worksheets/sheet1.xml"]);
    files["xl/worksheets/sheet1.xml"] = new Uint8Array(
      Buffer.from(`\ufeff<?xml version="1.0" encoding="UTF-16" standalone="yes"?>${xml}`, "utf16le"),
    );
    const bytes = zipSync(files);
    const copy = writeAnnotatedCopy(bytes, [{ sheet: "S", findings: marks }]);
    const out = new TextDecoder("utf-8", { fatal: true }).decode(unzipSync(copy)["xl/worksheets/sheet1.xml"]);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
    expect(readXlsx(copy).sheets[0].rows).toEqual(readXlsx(bytes).sheets[0].rows);
  });

  test("a damaged package is refused with a Vietnamese message, never a crash", () => {
    const bytes = bare(data());
    const cut = bytes.slice(0, bytes.length - 30);
    expect(() => writeAnnotatedCopy(cut, [{ sheet: "S", findings: marks }])).toThrow(XlsxError);
    try {
      writeAnnotatedCopy(cut, [{ sheet: "S", findings: marks }]);
    } catch (e) {
      expect((e as XlsxError).text.vi).toMatch(/^Không tạo được bản đánh dấu/);
    }
  });
});

describe("LibreOffice opens the copies", () => {
  test("the filled template's copy and a bare package's copy open with the same values", async () => {
    const dir = mkdtempSync(join(tmpdir(), "annotate-lo-"));
    try {
      const unit = await unitFile();
      const bare1 = bare(`<row r="2"><c r="B2"><v>1</v></c><c r="D2"><v>3</v></c></row><row r="5"/>`);
      const inputs = {
        unit: [unit, writeAnnotatedCopy(unit, checked(unit))],
        bare: [bare1, writeAnnotatedCopy(bare1, [{ sheet: "S", findings: [finding("A1"), finding("C2")] }])],
      };
      const paths: string[] = [];
      for (const [k, [, copy]] of Object.entries(inputs)) {
        const p = join(dir, `${k}.xlsx`);
        writeFileSync(p, copy);
        paths.push(p);
      }
      const out = roundTrip(paths);
      Object.values(inputs).forEach(([orig], i) => {
        expect(readXlsx(readFileSync(out[i])).sheets.map((s) => s.rows)).toEqual(
          readXlsx(orig).sheets.map((s) => s.rows),
        );
      });
      const kept = await cellOf(new Uint8Array(readFileSync(out[0])), "Phụ lục 02", at("B3", "total"));
      expect(kept.note).toContain("[SUM_TOTAL]");
      expect(kept.note).toContain("Số của phòng tổ chức");
      expect(kept.fill).toBe("FFFFC7CE");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test("a list of delegates (spec §4b) is annotated like a table: the wrong cell red, its note naming the person", async () => {
  const people = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"].map((name, i) => ({
    name,
    birthYear: 1980,
    gender: i === 1 ? "Khác" : "Nam",
    position: "Giáo viên",
    kind: "Đại biểu",
    award: "",
    summary: "Giáo viên dạy giỏi",
  }));
  const bytes = await writeTemplateWorkbook({
    unit: "Trường THPT Ngô Quyền",
    values: build(BASE),
    daibieu: true,
    delegates: { people, unitType: "thpt" },
  });
  const sheets = checked(bytes);
  const list = sheets.find((s) => s.sheet === "Danh sách đại biểu")!;
  const lay = listLayout(listTemplateById("ds-daibieu"));
  const ref = `${String.fromCharCode(65 + lay.col.get("gender")!)}${lay.firstDataRow + 2}`;
  expect(list.findings.map((f) => [f.rule, f.cells[0]])).toEqual([["DS_GENDER", ref]]);
  const copy = writeAnnotatedCopy(bytes, sheets, "vi");
  const cell = await cellOf(copy, "Danh sách đại biểu", ref);
  expect(cell.fill).toBe("FFFFC7CE");
  expect(cell.note).toContain(`[DS_GENDER] Dòng ${lay.firstDataRow + 2} (Trần Thị Bình): giới tính "Khác"`);
  // the rest of the list is left as the unit wrote it
  expect((await cellOf(copy, "Danh sách đại biểu", ref.replace(/\d+$/, String(lay.firstDataRow + 1)))).note).toBe("");
});
