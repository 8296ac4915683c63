import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { readXlsx, XlsxError, type XlsxErrorCode } from "../cli/xlsx/read";

async function book(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A minimal hand-made package, for what exceljs never writes (inline strings, prefixes, huge sizes). */
function pkg(sheetXml: string, extra: Record<string, string> = {}): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    "xl/workbook.xml": strToU8(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Một" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>',
    ),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });
}

function codeOf(bytes: Uint8Array, limits = {}): XlsxErrorCode | "ok" {
  try {
    readXlsx(bytes, limits);
    return "ok";
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxError);
    const x = e as XlsxError;
    expect(x.messageVi.length).toBeGreaterThan(10);
    expect(x.messageVi + x.messageEn).not.toMatch(/undefined|NaN/);
    return x.code;
  }
}

describe("values", () => {
  test("numbers, shared and rich text, booleans, errors, formulas, sparse cells, sheet order and hidden sheets", async () => {
    const nfd = "Hình thức khen thưởng".normalize("NFD");
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet("Phụ lục 02");
      ws.getCell("B2").value = "Đơn vị: Trường THPT Ngô Quyền";
      ws.getCell("C2").value = nfd;
      ws.getCell("E7").value = 42;
      ws.getCell("F7").value = -1.5;
      ws.getCell("G7").value = true;
      ws.getCell("H7").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
      ws.getCell("I7").value = { formula: "E7+1", result: 43 } as ExcelJS.CellFormulaValue;
      ws.getCell("J7").value = { formula: "E7+2" } as ExcelJS.CellFormulaValue;
      ws.getCell("K7").value = { richText: [{ text: "Tổng " }, { text: "số", font: { bold: true } }] };
      ws.getCell("L7").value = "12";
      const hidden = wb.addWorksheet("Ẩn");
      hidden.state = "hidden";
      hidden.getCell("A1").value = "x";
      wb.addWorksheet("Ba").getCell("A1").value = 3;
    });
    const wb = readXlsx(bytes);
    expect(wb.sheets.map((s) => [s.name, s.hidden, s.truncated])).toEqual([
      ["Phụ lục 02", false, false],
      ["Ẩn", true, false],
      ["Ba", false, false],
    ]);
    const rows = wb.sheets[0].rows;
    expect(rows).toHaveLength(7);
    expect(rows[1][1]).toBe("Đơn vị: Trường THPT Ngô Quyền");
    expect(rows[1][2]).toBe(nfd); // kept as written: folding is the core's job
    expect(rows[6].slice(4)).toEqual([42, -1.5, true, { error: "#DIV/0!" }, 43, undefined, "Tổng số", "12"]); // no cached value: blank
    expect(rows[0]).toEqual([]);
    expect(rows[6][0]).toBeUndefined();
    expect(wb.sheets[2].rows).toEqual([[3]]);
  });

  test("inline strings, prefixed tags, cells and rows without r, escapes and phonetic runs", () => {
    const xml =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Tập thể</x:t></x:is></x:c><x:c t="n"><x:v>7</x:v></x:c></x:row>' +
      '<x:row><x:c r="C3" t="str"><x:v>a_x000D_b</x:v></x:c><x:c r="D3" t="s"><x:v>0</x:v></x:c><x:c r="E3" t="b"><x:v>0</x:v></x:c></x:row>' +
      "</x:sheetData></x:worksheet>";
    const ss =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>Cá </t></r><r><t>nhân</t></r><rPh><t>PHONETIC</t></rPh></si></sst>';
    const wb = readXlsx(pkg(xml, { "xl/sharedStrings.xml": ss }));
    expect(wb.sheets[0].name).toBe("Một");
    expect(wb.sheets[0].rows).toEqual([[], ["Tập thể", 7], [undefined, undefined, "a\rb", "Cá nhân", false]]);
  });
});

describe("bad input never crashes and says what is wrong", () => {
  let good: Uint8Array;
  beforeAll(async () => {
    good = await book((wb) => (wb.addWorksheet("A").getCell("A1").value = 1));
  });

  test.each([
    ["zero bytes", () => new Uint8Array(0), "empty"],
    ["a text file", () => strToU8("Kính gửi Sở GDĐT"), "not_zip"],
    [
      "an old .xls",
      () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(512).fill(0)]),
      "xls",
    ],
    [
      "a password-protected workbook",
      () =>
        new Uint8Array([
          0xd0,
          0xcf,
          0x11,
          0xe0,
          0xa1,
          0xb1,
          0x1a,
          0xe1,
          ...new Array(64).fill(0),
          ...strToU8("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"),
        ]),
      "encrypted",
    ],
    [
      "an .ods",
      () =>
        zipSync({
          mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"),
          "content.xml": strToU8("<x/>"),
        }),
      "ods",
    ],
    ["a Word file", () => zipSync({ "word/document.xml": strToU8("<w/>") }), "no_workbook"],
    ["malformed sheet XML", () => pkg("<worksheet><sheetData><row><c><v>1</v></row>"), "corrupt"],
    [
      "a workbook with no sheet",
      () => zipSync({ "xl/workbook.xml": strToU8("<workbook><sheets/></workbook>") }),
      "empty",
    ],
  ])("%s", (_name, make, code) => {
    expect(codeOf(make())).toBe(code);
  });

  test("a truncated file", () => {
    expect(codeOf(good.subarray(0, Math.floor(good.length / 2)))).toBe("corrupt");
  });

  test("a file over the size limit", () => {
    expect(codeOf(good, { maxFileBytes: 100 })).toBe("too_large");
  });

  test("a zip that declares a huge uncompressed size is refused before inflating", () => {
    const bytes = pkg('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>');
    const name = strToU8("xl/worksheets/sheet1.xml");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = 0;
    for (let i = 0; i + 46 < bytes.length; i++) {
      const sig = view.getUint32(i, true);
      const nameAt = sig === 0x04034b50 ? i + 30 : sig === 0x02014b50 ? i + 46 : -1;
      const sizeAt = sig === 0x04034b50 ? i + 22 : i + 24;
      if (nameAt < 0 || !name.every((b, k) => bytes[nameAt + k] === b)) continue;
      view.setUint32(sizeAt, 0xfffffff0, true);
      patched++;
    }
    expect(patched).toBe(2);
    expect(codeOf(bytes)).toBe("zip_bomb");
  });

  test("a sheet of 100,000 rows is read up to the row limit and marked truncated", () => {
    const rows: string[] = [];
    for (let r = 1; r <= 100_000; r++)
      rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
    const bytes = pkg(`<worksheet><sheetData>${rows.join("")}</sheetData></worksheet>`);
    const wb = readXlsx(bytes, { maxRows: 5000 });
    expect(wb.sheets[0].truncated).toBe(true);
    expect(wb.sheets[0].rows).toHaveLength(5000);
    expect(wb.sheets[0].rows[4999]).toEqual([5000, "x"]);
  });
});
