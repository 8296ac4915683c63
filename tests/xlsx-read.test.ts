import ExcelJS from "exceljs";
import fc from "fast-check";
import { runs } from "./helpers/property-runs";
import { strToU8, zipSync } from "fflate";
import { address, type Grid } from "../shared";
import { writeGridsWorkbook } from "../cli/exceljs-write";
import { MAX_ARCHIVE_SHEETS } from "../shared/workbook/archive";
import { checkBytes, checkSent, type FileResult, isWorkbookName, mergeInputsOf } from "../shared/workbook/file-check";
import { csvText, parseCsv } from "../shared/workbook/read/csv";
import { BASE, build, setCell, sheet } from "./helpers/tables";
import { xlsb } from "./helpers/xlsb";
import { storedZip } from "./helpers/zip";
import {
  DEFAULT_LIMITS,
  NOT_CALCULATED,
  parts as readParts,
  readXlsx,
  XlsxError,
  type ReadLimits,
  type XlsxErrorCode,
} from "../shared/workbook/read";

async function book(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface Part {
  name: string;
  target: string;
  state?: string;
  type?: string;
}

/** A hand-made package, for what exceljs never writes (inline strings, prefixes, odd targets, huge sizes). */
function pkg(
  sheets: Record<string, string> | string,
  extra: Record<string, string> = {},
  list: Part[] = [{ name: "Một", target: "/xl/worksheets/sheet1.xml" }],
  level: 0 | 1 | 6 = 6,
): Uint8Array {
  const parts = typeof sheets === "string" ? { "xl/worksheets/sheet1.xml": sheets } : sheets;
  const sheetTags = list.map(
    (s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ""}/>`,
  );
  const relTags = list.map(
    (s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${s.type ?? "worksheet"}" Target="${s.target}"/>`,
  );
  return zipSync(
    {
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      "xl/workbook.xml": strToU8(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetTags.join("")}</sheets></workbook>`,
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relTags.join("")}</Relationships>`,
      ),
      ...Object.fromEntries(Object.entries({ ...parts, ...extra }).map(([k, v]) => [k, strToU8(v)])),
    },
    { level },
  );
}

const sheetXml = (rows: string) => `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

/** Sets the declared uncompressed size of `entry` in both its local header and its central directory record. */
function patchSize(bytes: Uint8Array, entry: string, value: number): Uint8Array {
  const out = bytes.slice();
  const name = strToU8(entry);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let patched = 0;
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const nameAt = sig === 0x04034b50 ? i + 30 : sig === 0x02014b50 ? i + 46 : -1;
    if (nameAt < 0) continue;
    const nameLength = view.getUint16(sig === 0x04034b50 ? i + 26 : i + 28, true);
    if (nameLength !== name.length || !name.every((b, k) => out[nameAt + k] === b)) continue;
    view.setUint32(sig === 0x04034b50 ? i + 22 : i + 24, value, true);
    patched++;
  }
  expect(patched).toBe(2);
  return out;
}

function errorOf(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): XlsxError {
  try {
    readXlsx(bytes, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxError);
    const x = e as XlsxError;
    expect(x.text.vi.length).toBeGreaterThan(10);
    expect(x.text.en.length).toBeGreaterThan(10);
    expect(x.message).toBe(x.text.vi);
    expect(x.text.vi + x.text.en).not.toMatch(/undefined|NaN|\[object/);
    expect(x.text.en).not.toMatch(/unexpected error/); // the last-resort net must not be needed
    return x;
  }
  throw new Error("expected an XlsxError, the file was read");
}

const codeOf = (bytes: Uint8Array, limits: Partial<ReadLimits> = {}): XlsxErrorCode => errorOf(bytes, limits).code;

describe("values written by exceljs", () => {
  const nfc = "Hình thức khen thưởng".normalize("NFC");
  const nfd = nfc.normalize("NFD");
  let wb: ReturnType<typeof readXlsx>;

  beforeAll(async () => {
    const bytes = await book((w) => {
      const ws = w.addWorksheet("Phụ lục 02");
      ws.getCell("A1").value = "Đơn vị: Trường THPT Ngô Quyền";
      ws.getCell("B1").value = nfc;
      ws.getCell("C1").value = nfd;
      ws.getCell("D1").value = { richText: [{ text: "Tổng " }, { text: "số", font: { bold: true } }] };
      ws.getCell("E1").value = "  lề hai bên  ";
      ws.getCell("F1").value = "12";
      ws.getCell("A2").value = 42;
      ws.getCell("B2").value = -1.5;
      ws.getCell("C2").value = 0;
      ws.getCell("D2").value = 123456789012;
      ws.getCell("E2").value = true;
      ws.getCell("F2").value = false;
      ws.getCell("A3").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
      ws.getCell("B3").value = { formula: "A2+1", result: 43 } as ExcelJS.CellFormulaValue;
      ws.getCell("C3").value = { formula: 'A1&"x"', result: "Đơn vịx" } as ExcelJS.CellFormulaValue;
      ws.getCell("D3").value = { formula: "A2+2" } as ExcelJS.CellFormulaValue;
      ws.getCell("E3").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellFormulaValue;
      ws.getCell("F3").value = new Date(Date.UTC(2024, 0, 15));
      ws.getCell("A4").value = "Đơn vị: Trường THPT Ngô Quyền"; // a shared string used twice

      const sparse = w.addWorksheet("Thưa");
      sparse.getCell("B2").value = "b2";
      sparse.getCell("E7").value = 42;

      const hidden = w.addWorksheet("Ẩn");
      hidden.state = "hidden";
      hidden.getCell("A1").value = "x";
      const veryHidden = w.addWorksheet("Ẩn hẳn");
      veryHidden.state = "veryHidden";
      veryHidden.getCell("A1").value = "y";
      w.addWorksheet("Rỗng");
    });
    wb = readXlsx(bytes);
  });

  test("sheets come in workbook order with their names and hidden flags", () => {
    expect(wb.sheets.map((s) => [s.name, s.hidden, s.truncated])).toEqual([
      ["Phụ lục 02", false, false],
      ["Thưa", false, false],
      ["Ẩn", true, false],
      ["Ẩn hẳn", true, false],
      ["Rỗng", false, false],
    ]);
    expect(wb.sheets[2].rows).toEqual([["x"]]);
    expect(wb.sheets[3].rows).toEqual([["y"]]);
    expect(wb.sheets[4].rows).toEqual([]);
  });

  test("shared strings keep their exact text: NFC and NFD as written, spaces untrimmed, rich-text runs joined", () => {
    const [r1] = wb.sheets[0].rows;
    expect(r1[0]).toBe("Đơn vị: Trường THPT Ngô Quyền");
    expect(r1[1]).toBe(nfc);
    expect(r1[2]).toBe(nfd);
    expect(r1[1]).not.toBe(r1[2]);
    expect(r1[3]).toBe("Tổng số");
    expect(r1[4]).toBe("  lề hai bên  ");
    expect(r1[5]).toBe("12"); // text stays text
    expect(wb.sheets[0].rows[3]).toEqual(["Đơn vị: Trường THPT Ngô Quyền"]);
  });

  test("numbers and booleans", () => {
    expect(wb.sheets[0].rows[1]).toEqual([42, -1.5, 0, 123456789012, true, false]);
  });

  test("formulas give their cached result; errors are {error}; no cached result is NOT_CALCULATED; dates are serials", () => {
    const r3 = wb.sheets[0].rows[2];
    expect(r3[0]).toEqual({ error: "#DIV/0!" });
    expect(r3[1]).toBe(43);
    expect(r3[2]).toBe("Đơn vịx");
    expect(r3[3]).toEqual(NOT_CALCULATED);
    expect(r3[4]).toEqual({ error: "#N/A" });
    expect(r3[5]).toBe(45306);
    expect(r3).toHaveLength(6);
  });

  test("sparse cells: only B2 and E7", () => {
    const rows = wb.sheets[1].rows;
    expect(rows).toHaveLength(7);
    expect(rows[1][1]).toBe("b2");
    expect(rows[6][4]).toBe(42);
    expect(rows[1][0]).toBeUndefined();
    expect(rows[6][0]).toBeUndefined();
    expect(rows[6]).toHaveLength(5);
    for (const r of [0, 2, 3, 4, 5]) expect(rows[r]).toEqual([]);
  });
});

describe("the date the file says it was saved (docProps/core.xml dcterms:modified)", () => {
  const CORE = (modified: string) =>
    `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${modified}</dcterms:modified></cp:coreProperties>`;
  const one = sheetXml('<row r="1"><c r="A1"><v>7</v></c></row>');

  test("as exceljs writes it, as ISO 8601 UTC", async () => {
    const bytes = await book((wb) => {
      wb.modified = new Date("2025-03-07T16:30:05Z");
      wb.addWorksheet("Một").getCell("A1").value = 1;
    });
    expect(readXlsx(bytes).modified).toBe("2025-03-07T16:30:05.000Z");
  });

  test.each([
    ["2025-03-07T23:30:00+07:00", "2025-03-07T16:30:00.000Z"], // an offset, as Excel in Hải Phòng may write it
    ["2025-03-07T16:30:00", "2025-03-07T16:30:00.000Z"], // no offset: read as UTC, not the machine's zone
    ["not a date", null],
    ["", null],
  ])("%j → %j", (modified, expected) => {
    expect(readXlsx(pkg(one, { "docProps/core.xml": CORE(modified) })).modified).toBe(expected);
  });

  test("no core part, or a broken one, gives null and the sheets are still read", () => {
    expect(readXlsx(pkg(one)).modified).toBeNull();
    const broken = readXlsx(pkg(one, { "docProps/core.xml": "<cp:coreProperties><dcterms:modified>2025" }));
    expect(broken.modified).toBeNull();
    expect(broken.sheets[0].rows[0][0]).toBe(7);
  });
});

describe("hand-made packages", () => {
  test("inline strings, prefixed tags, cells and rows without r, escapes, entities and phonetic runs", () => {
    const xml =
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
      '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Tập thể</x:t></x:is></x:c><x:c t="n"><x:v>7</x:v></x:c></x:row>' +
      '<x:row><x:c r="C3" t="str"><x:v>a_x000D_b</x:v></x:c><x:c r="D3" t="s"><x:v>0</x:v></x:c><x:c r="E3" t="b"><x:v>0</x:v></x:c></x:row>' +
      '<x:row><x:c t="inlineStr"><x:is>\n  <x:r><x:t xml:space="preserve">Cá </x:t></x:r>\n  <x:r><x:t>nhân</x:t></x:r>\n  <x:rPh sb="0" eb="1"><x:t>PH</x:t></x:rPh></x:is></x:c>' +
      '<x:c t="s"><x:v>1</x:v></x:c><x:c t="str"><x:v>_x005F_x000D_ &amp; &lt;b&gt; &#7871;</x:v></x:c></x:row>' +
      "</x:sheetData></x:worksheet>";
    const ss =
      `<sst xmlns="${MAIN}"><si><r><t>Cá </t></r><r><t>nhân</t></r><rPh sb="0" eb="2"><t>PHONETIC</t></rPh></si>` +
      '<si><t xml:space="preserve"> Lớp 10A1\t</t><phoneticPr fontId="1"/></si></sst>';
    const wb = readXlsx(pkg(xml, { "xl/sharedStrings.xml": ss }));
    expect(wb.sheets[0].name).toBe("Một");
    expect(wb.sheets[0].rows).toEqual([
      [],
      ["Tập thể", 7],
      [undefined, undefined, "a\rb", "Cá nhân", false],
      ["Cá nhân", " Lớp 10A1\t", "_x000D_ & <b> ế"],
    ]);
  });

  test("every cell type, formulas without a value, blanks with only a style, bad shared-string indexes", () => {
    const xml = sheetXml(
      '<row r="1">' +
        '<c r="A1"><v>1.25</v></c>' +
        '<c r="B1" t="n"><v>-3E2</v></c>' +
        '<c r="C1" t="b"><v>1</v></c>' +
        '<c r="D1" t="e"><v>#REF!</v></c>' +
        '<c r="E1" t="d"><v>2024-01-15T00:00:00</v></c>' +
        '<c r="F1" t="str"><f>A1&amp;""</f><v>1.25</v></c>' +
        '<c r="G1"><f>A1*2</f></c>' +
        '<c r="H1" t="str"><f>""</f><v></v></c>' +
        '<c r="I1" s="4"/>' +
        '<c r="J1"><v/></c>' +
        '<c r="K1" t="s"><v>99</v></c>' +
        '<c r="L1" t="e"><f>#VALUE!</f><v>#VALUE!</v></c>' +
        "</row>",
    );
    const wb = readXlsx(pkg(xml, { "xl/sharedStrings.xml": `<sst xmlns="${MAIN}"><si><t>x</t></si></sst>` }));
    const row = wb.sheets[0].rows[0];
    expect(row).toEqual([
      1.25,
      -300,
      true,
      { error: "#REF!" },
      "2024-01-15T00:00:00",
      "1.25",
      NOT_CALCULATED,
      "",
      undefined,
      null,
      null,
      { error: "#VALUE!" },
    ]);
    expect(8 in row).toBe(false); // a styled blank leaves a hole
    // the cells a formula computes (spec §3b: never a likely cause), by every path of the reader
    const strings = ["x"];
    for (const path of [true, "scan", false] as const) {
      const f = readParts.worksheet(xml, strings, path).formulas![0];
      expect([path, [...f.keys()].filter((c) => f[c] !== undefined)]).toEqual([path, [5, 6, 7, 11]]);
    }
    expect(wb.sheets[0].formulas).toEqual(readParts.worksheet(xml, strings, false).formulas);
    expect(readXlsx(pkg(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'))).sheets[0].formulas).toBeUndefined();
  });

  test("a formula with an empty cached value (<v></v>, <v/>, <v> </v>) is not calculated, not 0, on every path", () => {
    const xml = sheetXml(
      '<row r="1">' +
        '<c r="A1"><f>B1+C1</f><v></v></c>' +
        '<c r="B1"><f>SUM(C1:D1)</f><v/></c>' +
        '<c r="C1" t="n"><f>1+D1</f><v> </v></c>' +
        '<c r="D1" t="str"><f>""</f><v></v></c>' +
        '<c r="E1"><f>D1+1</f><v>0</v></c>' +
        '<c r="F1"><v></v></c>' +
        "</row>",
    );
    for (const path of [true, "scan", false] as const)
      expect([path, readParts.worksheet(xml, [], path).rows[0]]).toEqual([
        path,
        [NOT_CALCULATED, NOT_CALCULATED, NOT_CALCULATED, "", 0, null],
      ]);
    expect(readXlsx(pkg(xml)).sheets[0].rows[0]).toEqual([NOT_CALCULATED, NOT_CALCULATED, NOT_CALCULATED, "", 0, null]);
  });

  test("a cell's own reference wins over its row's", () => {
    const xml = sheetXml('<row r="1"><c r="C4"><v>1</v></c></row><row><c><v>2</v></c></row>');
    expect(readXlsx(pkg(xml)).sheets[0].rows).toEqual([[], [], [], [undefined, undefined, 1], [2]]);
  });

  test("relative, absolute and ../ targets; case and leading slashes in entry names; order from workbook.xml", () => {
    const bytes = pkg(
      {
        "XL/Worksheets/Sheet1.XML": sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'),
        "/xl/worksheets/sheet2.xml": sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>'),
        "xl/other/third.xml": sheetXml('<row r="1"><c r="A1"><v>3</v></c></row>'),
        "xl/worksheets/sheet4.xml": sheetXml('<row r="1"><c r="A1"><v>4</v></c></row>'),
      },
      {},
      [
        { name: "Bốn", target: "../xl/worksheets/sheet4.xml" },
        { name: "Một", target: "worksheets/sheet1.xml" },
        { name: "Biểu đồ", target: "chartsheets/sheet1.xml", type: "chartsheet" },
        { name: "Hai", target: "/xl/worksheets/sheet2.xml", state: "veryHidden" },
        { name: "Ba", target: "./other/third.xml" },
      ],
    );
    const wb = readXlsx(bytes);
    expect(wb.sheets.map((s) => [s.name, s.hidden, s.rows])).toEqual([
      ["Bốn", false, [[4]]],
      ["Một", false, [[1]]],
      ["Hai", true, [[2]]],
      ["Ba", false, [[3]]],
    ]);
  });

  test("200 sheet entries pointing at one part parse it once (every sheet shares its rows)", () => {
    const list = Array.from({ length: 200 }, (_, i) => ({ name: `S${i}`, target: "worksheets/sheet1.xml" }));
    const wb = readXlsx(pkg(sheetXml('<row r="1"><c r="A1"><v>7</v></c></row>'), {}, list));
    expect(wb.sheets).toHaveLength(200);
    expect(wb.sheets[199].name).toBe("S199");
    expect(wb.sheets[0].rows).toEqual([[7]]);
    for (const s of wb.sheets) expect(s.rows).toBe(wb.sheets[0].rows);
  });

  test("nesting deeper than maxDepth is refused, in a sheet or any other part read", () => {
    const deep = (n: number) => "<a>".repeat(n) + "</a>".repeat(n);
    const x = errorOf(pkg(`<worksheet xmlns="${MAIN}"><sheetData/>${deep(5000)}</worksheet>`));
    expect(x.code).toBe("too_deep");
    expect(x.text.vi).toContain("xl/worksheets/sheet1.xml");
    expect(x.text.vi).toContain("100");
    expect(codeOf(pkg(sheetXml(""), { "xl/sharedStrings.xml": `<sst>${deep(101)}</sst>` }))).toBe("too_deep");
    // 98 levels under <worksheet><sheetData> is still fine
    expect(readXlsx(pkg(`<worksheet xmlns="${MAIN}"><sheetData/>${deep(98)}</worksheet>`)).sheets).toHaveLength(1);
  });

  test("maxCells: a sheet is cut after that many cells, counted whether kept or not", () => {
    const cells = Array.from({ length: 300 }, (_, i) => `<c r="${address(0, i)}"><v>${i}</v></c>`).join("");
    const s = readXlsx(pkg(sheetXml(`<row r="1">${cells}</row><row r="2"><c r="A2"><v>1</v></c></row>`)), {
      maxCells: 250,
      maxCols: 10,
    }).sheets[0];
    expect(s.truncated).toBe(true);
    expect(s.rows).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  test("the workbook part is found through _rels/.rels, wherever it is", () => {
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/book/main.xml"/></Relationships>`;
    const bytes = zipSync({
      "_rels/.rels": strToU8(rels),
      "book/main.xml": strToU8(
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Ở đây" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      "book/_rels/main.xml.rels": strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="s/one.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="strings.xml"/></Relationships>`,
      ),
      "book/s/one.xml": strToU8(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')),
      "book/strings.xml": strToU8(`<sst xmlns="${MAIN}"><si><t>tìm thấy</t></si></sst>`),
    });
    const wb = readXlsx(bytes);
    expect(wb.sheets.map((s) => [s.name, s.rows])).toEqual([["Ở đây", [["tìm thấy"]]]]);
  });

  test("UTF-16 parts (little and big endian, with or without a BOM) are decoded", () => {
    const utf16 = (s: string, be: boolean, bom: boolean) => {
      const le = Buffer.from((bom ? "\ufeff" : "") + s, "utf16le");
      if (be) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return new Uint8Array(le);
    };
    for (const [be, bom] of [
      [false, true],
      [true, true],
      [false, false],
      [true, false],
    ]) {
      const sheet = utf16(
        `<?xml version="1.0" encoding="UTF-16"?>${sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row>')}`,
        be,
        bom,
      );
      const sst = utf16(`<sst xmlns="${MAIN}"><si><t>Đơn vị: Phòng GDĐT</t></si></sst>`, be, bom);
      const bytes = zipSync({
        "xl/workbook.xml": strToU8(
          `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
        "xl/_rels/workbook.xml.rels": strToU8(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": sst,
      });
      expect(readXlsx(bytes).sheets[0].rows).toEqual([["Đơn vị: Phòng GDĐT", 5]]);
    }
  });

  test("duplicate zip entries: the last one is read, as Excel does (same name or another case)", () => {
    const wbXml = `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
    const one = (v: number) => sheetXml(`<row r="1"><c r="A1"><v>${v}</v></c></row>`);
    for (const second of ["xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml"]) {
      const bytes = storedZip([
        ["xl/workbook.xml", wbXml],
        ["xl/_rels/workbook.xml.rels", rels],
        ["xl/worksheets/sheet1.xml", one(1)],
        [second, one(2)],
      ]);
      expect(readXlsx(bytes).sheets[0].rows).toEqual([[2]]);
    }
  });

  test("only the parts needed are inflated: an unused broken sheet and a huge theme are never touched", () => {
    let bytes = pkg(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'), {
      "xl/worksheets/sheet9.xml": "<worksheet><sheetData><row>",
      "xl/theme/theme1.xml": "<a:theme/>",
    });
    bytes = patchSize(bytes, "xl/theme/theme1.xml", 0xfffffff0);
    expect(readXlsx(bytes).sheets.map((s) => s.rows)).toEqual([[[1]]]);
  });

  test("maxCols keeps the first columns", () => {
    const xml = sheetXml(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c><c r="XFD1"><v>4</v></c></row>',
    );
    expect(readXlsx(pkg(xml), { maxCols: 2 }).sheets[0].rows).toEqual([[1, 2]]);
    expect(readXlsx(pkg(xml)).sheets[0].rows[0]).toHaveLength(3);
  });

  test("the parse of a sheet stops at the row limit: what follows is never read", () => {
    const xml =
      `<worksheet xmlns="${MAIN}"><sheetData>` +
      '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>' +
      "<row r='4'><c><<<< not XML at all";
    const sheet = readXlsx(pkg(xml), { maxRows: 2 }).sheets[0];
    expect(sheet.rows).toEqual([[1], [2]]);
    expect(sheet.truncated).toBe(true);
    expect(codeOf(pkg(xml), { maxRows: 5 })).toBe("corrupt");
  });

  test("rows beyond the limit that hold no value (formatting only) do not count as truncation", () => {
    const xml = sheetXml(
      '<row r="1"><c r="A1"><v>1</v></c></row><row r="2" ht="30" customHeight="1"><c r="A2" s="3"/></row><row r="9" s="2"/>',
    );
    const sheet = readXlsx(pkg(xml), { maxRows: 1 }).sheets[0];
    expect(sheet.rows).toEqual([[1]]);
    expect(sheet.truncated).toBe(false);
  });

  test("a sheet of 100,000 rows: exactly maxRows rows, marked truncated, memory bounded", () => {
    const rows: string[] = [];
    for (let r = 1; r <= 100_000; r++)
      rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
    const bytes = pkg(sheetXml(rows.join("")), {}, undefined, 1);
    const rssBefore = process.memoryUsage().rss;
    const wb = readXlsx(bytes);
    const grown = process.memoryUsage().rss - rssBefore;
    const sheet = wb.sheets[0];
    expect(sheet.truncated).toBe(true);
    expect(sheet.rows).toHaveLength(DEFAULT_LIMITS.maxRows);
    expect(sheet.rows[0]).toEqual([1, "x"]);
    expect(sheet.rows[4999]).toEqual([5000, "x"]);
    expect(grown).toBeLessThan(256 * 1024 * 1024);
    expect(readXlsx(bytes, { maxRows: 10 }).sheets[0].rows).toHaveLength(10);
  });

  test("default limits", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxFileBytes: 50 * 1024 * 1024,
      maxEntryBytes: 64 * 1024 * 1024,
      maxTotalBytes: 200 * 1024 * 1024,
      maxCells: 2_000_000,
      maxDepth: 100,
      maxRows: 5000,
      maxCols: 200,
    });
  });
});

describe("bad input never crashes and says what is wrong", () => {
  let good: Uint8Array;
  beforeAll(async () => {
    good = await book((wb) => {
      const ws = wb.addWorksheet("A");
      for (let r = 1; r <= 40; r++)
        for (let c = 1; c <= 13; c++) ws.getCell(r, c).value = c === 2 ? `Dòng ${r}` : r * c;
    });
  });

  const ole = (...tail: number[]) => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...tail]);
  const utf16 = (s: string) => [...s].flatMap((ch) => [ch.charCodeAt(0), 0]);

  test("a zero-byte file", () => {
    const e = errorOf(new Uint8Array(0));
    expect(e.code).toBe("empty");
    expect(e.text.vi).toBe("Tệp rỗng (0 byte)");
  });

  test("random bytes", () => {
    let seed = 12345;
    const bytes = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    const e = errorOf(bytes);
    expect(e.code).toBe("not_zip");
    expect(e.text.vi).toBe("Tệp không phải định dạng .xlsx (không phải tệp nén zip)");
  });

  test("a text file", () => {
    expect(codeOf(strToU8("Kính gửi Sở GDĐT Hải Phòng,\nĐơn vị;Số lượng\n"))).toBe("not_zip");
  });

  test("an HTML page renamed to .xlsx says so", () => {
    const e = errorOf(strToU8("\ufeff  <html><body><table><tr><td>1</td></tr></table></body></html>"));
    expect(e.code).toBe("not_zip");
    expect(e.text.vi).toMatch(/HTML/);
    expect(e.text.en).toMatch(/HTML/);
  });

  test("the first half of a valid file", () => {
    expect(codeOf(good.subarray(0, Math.floor(good.length / 2)))).toBe("corrupt");
  });

  test("a file cut at any point is refused, never read as something else", () => {
    for (const cut of [4, 30, 100, 1000, good.length - 23, good.length - 1]) {
      const code = codeOf(good.subarray(0, cut));
      expect(code).toBe("corrupt");
    }
  });

  test("an Excel 97-2003 file", () => {
    const e = errorOf(ole(...new Array(512).fill(0), ...utf16("Workbook")));
    expect(e.code).toBe("xls");
    expect(e.text.vi).toMatch(/^Tệp Excel 97-2003 \(\.xls\); hãy mở bằng Excel và lưu lại dạng \.xlsx/);
  });

  test("a password-protected workbook", () => {
    const e = errorOf(ole(...new Array(64).fill(0), ...utf16("EncryptionInfo"), 0, 0, ...utf16("EncryptedPackage")));
    expect(e.code).toBe("encrypted");
    expect(e.text.vi).toMatch(/^Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi gửi lại/);
  });

  test("an .ods", () => {
    const e = errorOf(
      zipSync({
        mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
        "content.xml": strToU8("<x/>"),
      }),
    );
    expect(e.code).toBe("ods");
    expect(e.text.vi).toMatch(/^Tệp LibreOffice \(\.ods\); hãy lưu lại dạng \.xlsx/);
  });

  test("a zip without xl/workbook.xml: named for what it is", () => {
    expect(codeOf(zipSync({ "word/document.xml": strToU8("<w/>") }))).toBe("word");
    expect(codeOf(zipSync({ "a.txt": strToU8("a") }))).toBe("archive");
    expect(codeOf(zipSync({}))).toBe("archive");
    expect(codeOf(zipSync({ "xl/workbook.bin": strToU8("x") }))).toBe("xlsb");
    const pptx = { "[Content_Types].xml": strToU8("<Types/>"), "ppt/presentation.xml": strToU8("<p/>") };
    expect(codeOf(zipSync(pptx))).toBe("no_workbook");
    expect(errorOf(zipSync(pptx)).text.vi).toMatch(/PowerPoint/);
  });

  test("a workbook with no sheet", () => {
    const e = errorOf(zipSync({ "xl/workbook.xml": strToU8(`<workbook xmlns="${MAIN}"><sheets/></workbook>`) }));
    expect(e.code).toBe("empty");
    expect(e.text.vi).toBe("Sổ tính không có trang tính (sheet) nào");
    expect(codeOf(pkg({}, {}, [{ name: "Biểu đồ", target: "chartsheets/sheet1.xml", type: "chartsheet" }]))).toBe(
      "empty",
    );
  });

  test("a file over the size limit", () => {
    const e = errorOf(good, { maxFileBytes: 1000 });
    expect(e.code).toBe("too_large");
    expect(e.text.vi).toMatch(/1000 B/);
  });

  test("sizes in a message use the comma as the Vietnamese decimal separator", () => {
    const e = errorOf(new Uint8Array(1_700_000), { maxFileBytes: 1_572_864 });
    expect(e.text.vi).toBe("Tệp quá lớn (1,6 MB); chỉ nhận tệp đến 1,5 MB");
    expect(e.text.en).toBe("The file is too large (1.6 MB); at most 1.5 MB is accepted");
  });

  test("a zip that declares a huge uncompressed size is refused before inflating", () => {
    const bytes = patchSize(
      pkg(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>')),
      "xl/worksheets/sheet1.xml",
      0xfffffff0,
    );
    const e = errorOf(bytes);
    expect(e.code).toBe("zip_bomb");
    expect(e.text.vi).toMatch(/xl\/worksheets\/sheet1\.xml: 4 GB/);
  });

  test("the entry and total limits on declared sizes", () => {
    const bytes = pkg(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(20)));
    expect(codeOf(bytes, { maxEntryBytes: 500 })).toBe("zip_bomb");
    expect(codeOf(bytes, { maxTotalBytes: 800 })).toBe("zip_bomb");
    expect(readXlsx(bytes, { maxEntryBytes: 2000, maxTotalBytes: 4000 }).sheets[0].rows).toHaveLength(1);
  });

  test("malformed XML", () => {
    const ok = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    expect(codeOf(pkg("<worksheet><sheetData><row><c><v>1</v></row>"))).toBe("corrupt");
    expect(codeOf(pkg(ok, { "xl/sharedStrings.xml": "<sst><si><t>a</si></sst>" }))).toBe("corrupt");
    expect(codeOf(zipSync({ "xl/workbook.xml": strToU8("<workbook><sheets>") }))).toBe("corrupt");
    const e = errorOf(pkg("<worksheet><sheetData><row><c><v>1</v></row>"));
    expect(e.text.vi).toMatch(/xl\/worksheets\/sheet1\.xml/);
  });

  test("a sheet named in the workbook but missing from the zip", () => {
    expect(codeOf(pkg({}, {}, [{ name: "Một", target: "worksheets/sheet1.xml" }]))).toBe("corrupt");
  });

  test("a zip whose directory claims far more entries than it holds", () => {
    const bytes = good.slice();
    const view = new DataView(bytes.buffer);
    const eocd = bytes.length - 22;
    expect(view.getUint32(eocd, true)).toBe(0x06054b50);
    view.setUint16(eocd + 8, 0xffff, true);
    view.setUint16(eocd + 10, 0xffff, true);
    expect(codeOf(bytes)).toBe("corrupt");
  });

  test("XlsxError is an Error with a code and both messages", () => {
    const e = errorOf(strToU8("x"));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("XlsxError");
    expect(e.code).toBe("not_zip");
    expect(e.text.en).toBe("Not an .xlsx file (not a zip package)");
  });

  test("damaged files (random bytes changed or cut) are read or refused with an XlsxError, nothing else", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        (edits, cut) => {
          const bytes = good.slice(0, cut === undefined ? undefined : 4 + (cut % good.length));
          for (const [at, b] of edits) bytes[at % bytes.length] = b;
          try {
            const wb = readXlsx(bytes);
            expect(Array.isArray(wb.sheets)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(XlsxError);
            expect((e as XlsxError).text.en).not.toMatch(/unexpected error/);
          }
        },
      ),
      { numRuns: runs(400), seed: 20240115 },
    );
  });
});

describe("every file a unit sends is named for what it is (issue 26)", () => {
  const table = () => sheet(build(BASE), "Trường THPT Lê Quý Đôn");
  const xlsxOf = (grid = table()) => writeGridsWorkbook([{ grid }]);
  const one = (file: string, bytes: Uint8Array) => {
    const r = checkSent(file, bytes);
    expect(r).toHaveLength(1);
    return r[0];
  };
  const said = (r: FileResult) => [r.errorCode, r.error?.vi, r.error?.en];
  const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const utf16 = (s: string) => [...s].flatMap((ch) => [ch.charCodeAt(0), 0]);

  test(".xlsb, detected by xl/workbook.bin (its _rels/.rels points there), under any name", () => {
    const bytes = xlsb(table().rows);
    const expected = [
      "xlsb",
      "Tệp Excel nhị phân (.xlsb): hãy mở bằng Excel và Lưu thành .xlsx",
      "An Excel Binary Workbook (.xlsb): open it in Excel and Save As .xlsx",
    ];
    expect(said(one("a.xlsb", bytes))).toEqual(expected);
    expect(said(one("renamed.xlsx", bytes))).toEqual(expected);
  });

  test("a PDF: a printout when its name says .pdf; renamed only when its name says .xlsx", () => {
    const pdf = strToU8("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
    expect(said(one("Phụ lục 02.pdf", pdf))).toEqual([
      "pdf",
      "Tệp PDF (bản in của biểu), không phải tệp Excel; hãy gửi tệp Excel (.xlsx) của biểu",
      "A PDF file (a printout of the form), not an Excel file; send the form's Excel (.xlsx) file",
    ]);
    expect(said(one("Phụ lục 02.xlsx", pdf))).toEqual([
      "pdf",
      "Tệp không phải định dạng .xlsx mà là tệp PDF bị đổi đuôi; hãy gửi tệp Excel (.xlsx) gốc",
      "Not an .xlsx file but a PDF file renamed; send the original Excel (.xlsx) file",
    ]);
  });

  test(".docx, .doc and .rtf: the form was filled in Word, and what to do", () => {
    const advice = [
      "hãy chép bảng vào mẫu Excel Phụ lục 02 (tạo bằng lệnh phuluc02 template) hoặc gửi tệp Excel (.xlsx) của biểu",
      "copy the table into the Phụ lục 02 Excel template (made by phuluc02 template) or send the form's Excel (.xlsx) file",
    ];
    const docx = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "_rels/.rels": strToU8("<Relationships/>"),
      "word/document.xml": strToU8("<w:document/>"),
    });
    const word = (ext: string) => [
      "word",
      `Tệp Word (.${ext}): biểu đã được điền bằng Word; ${advice[0]}`,
      `A Word file (.${ext}): the form was filled in Word; ${advice[1]}`,
    ];
    expect(said(one("bieu.docx", docx))).toEqual(word("docx"));
    const doc = new Uint8Array([...OLE, ...new Array(500).fill(0), ...utf16("WordDocument"), 0, 0, ...utf16("1Table")]);
    expect(said(one("bieu.doc", doc))).toEqual(word("doc"));
    expect(said(one("bieu.rtf", strToU8("{\\rtf1\\ansi Phụ lục 02}")))).toEqual(word("rtf"));
    // an .xls is still an .xls (its Workbook stream), and the password message is as it was
    const xls = new Uint8Array([...OLE, ...new Array(500).fill(0), ...utf16("Workbook")]);
    expect(one("a.xls", xls).errorCode).toBe("xls");
    const locked = new Uint8Array([...OLE, ...utf16("EncryptionInfo"), 0, 0, ...utf16("WordDocument")]);
    expect(said(one("a.xlsx", locked))).toEqual([
      "encrypted",
      "Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi gửi lại (Tệp → Thông tin → Bảo vệ Sổ làm việc → Mã hóa bằng mật khẩu)",
      "The workbook is password-protected; remove the password and send it again",
    ]);
  });

  /** The table as CSV text: RFC 4180 quoting (fields with the separator, quotes or line breaks). */
  const csvOf = (grid: Grid, sep: string) =>
    grid.rows
      .map((row) =>
        Array.from(row, (v) => {
          const t = v === null || v === undefined ? "" : String(v);
          return /[",;\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
        }).join(sep),
      )
      .join("\r\n");

  test(".csv holding the table, with , or ; and UTF-8 with or without BOM: read and checked", async () => {
    const grid = table();
    setCell(grid, "D2", "y2022", 99); // one mistake, so that the findings can be compared
    const expected = checkBytes("a.xlsx", await xlsxOf(grid)).sheets[0].findings.map((f) => [f.rule, f.cells[0]]);
    expect(expected.length).toBeGreaterThan(1);
    const text = csvOf(grid, ";");
    for (const [name, bytes] of [
      ["semicolon-bom.csv", new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)])],
      ["comma.csv", strToU8(csvOf(grid, ","))],
      ["excel-sep-hint.csv", strToU8("sep=;\r\n" + text)],
    ] as const) {
      const r = one(name, bytes);
      expect([name, r.error]).toEqual([name, null]);
      expect([name, r.sheets[0].unit, r.sheets[0].findings.map((f) => [f.rule, f.cells[0]])]).toEqual([
        name,
        "Trường THPT Lê Quý Đôn",
        expected,
      ]);
      expect(r.notices[0]).toEqual({
        vi: "Tệp CSV (văn bản) đã được đọc như bảng tính; nên gửi tệp Excel (.xlsx) theo mẫu",
        en: "The CSV (text) file was read as a spreadsheet; the Excel (.xlsx) form is what should be sent",
      });
      expect(r.bytes).toBeUndefined(); // no package to annotate
    }
  });

  test("CSV fields as RFC 4180 reads them; Windows-1258 text decoded", () => {
    expect(parseCsv('a;"b;c";"d ""e""";"line\r\nbreak"\r\n1;2,5;-3;\n').rows).toEqual([
      ["a", "b;c", 'd "e"', "line\r\nbreak"],
      [1, "2,5", -3, null],
    ]);
    expect(parseCsv("x,y,z\n1,2,3").separator).toBe(",");
    // "Trường" in Windows-1258: ư = 0xFD, ờ = ơ (0xF5) + combining grave (0xCC)
    const w = csvText(new Uint8Array([0x54, 0x72, 0xfd, 0xf5, 0xcc, 0x6e, 0x67]));
    expect(w?.normalize("NFC")).toBe("Trường");
    expect(csvText(new Uint8Array([0x50, 0x4b, 0x00, 0x01]))).toBeNull();
  });

  test("a .csv that is no Phụ lục 02 table: said what it is", () => {
    expect(said(one("danh-sach.csv", strToU8("STT;Họ và tên\n1;Nguyễn Văn A\n")))).toEqual([
      "csv",
      "Tệp CSV (văn bản phân cách bằng dấu phẩy) không có bảng Phụ lục 02; hãy gửi tệp Excel (.xlsx) theo mẫu",
      "A CSV file (comma-separated text) with no Phụ lục 02 table; send the Excel (.xlsx) form",
    ]);
    // the same text named .xlsx or .txt keeps the reader's message
    for (const name of ["danh-sach.xlsx", "ghi chú.txt"])
      expect(one(name, strToU8("STT;Họ và tên\n1;Nguyễn Văn A\n")).error?.vi).toBe(
        "Tệp không phải định dạng .xlsx (không phải tệp nén zip)",
      );
  });

  test(".zip holding the unit's spreadsheets: unzipped, each checked as 'archive.zip › member'", async () => {
    const a = await xlsxOf();
    const b = await xlsxOf(sheet(build(BASE), "Trường THPT Ngô Quyền"));
    const zip = zipSync({
      "Hong Bang/Phụ lục 02.xlsx": a,
      "b.xlsx": b,
      "__MACOSX/Hong Bang/._Phụ lục 02.xlsx": strToU8("x"),
      "scan.pdf": strToU8("%PDF-1.4"),
      "inner.zip": zipSync({ "c.xlsx": a }),
      "Hong Bang/": new Uint8Array(0),
    });
    const r = checkSent("inbox/hong-bang.zip", zip);
    expect(r.map((x) => [x.file, x.error, x.sheets[0]?.unit, x.sheets[0]?.findings.length])).toEqual([
      ["inbox/hong-bang.zip › Hong Bang/Phụ lục 02.xlsx", null, "Trường THPT Lê Quý Đôn", 0],
      ["inbox/hong-bang.zip › b.xlsx", null, "Trường THPT Ngô Quyền", 0],
    ]);
    expect(r[0].notices).toEqual([
      {
        vi: "Lấy ra từ tệp nén hong-bang.zip (tệp gốc không bị sửa)",
        en: "Taken out of the archive hong-bang.zip (the archive is untouched)",
      },
      {
        vi: "Tệp nén nằm trong tệp nén không được mở: inner.zip",
        en: "Archives inside the archive are not opened: inner.zip",
      },
      {
        vi: "Trong tệp nén còn 1 tệp không phải bảng tính, không đọc: scan.pdf",
        en: "The archive also holds 1 file(s) that are not spreadsheets, not read: scan.pdf",
      },
    ]);
    expect(r[1].notices).toHaveLength(1);
    // the merge takes them as two units' tables
    const m = mergeInputsOf(r);
    expect(m.units.map((u) => u.file)).toEqual(r.map((x) => x.file));
  });

  test(".zip with no spreadsheet, or over the limits: said so", async () => {
    expect(said(one("giay-to.zip", zipSync({ "scan.pdf": strToU8("%PDF"), "ghi-chu.txt": strToU8("x") })))).toEqual([
      "archive",
      "Tệp nén (.zip) không chứa bảng tính nào (có: scan.pdf, ghi-chu.txt); hãy gửi tệp Excel (.xlsx) của biểu",
      "A zip archive with no spreadsheet in it (it holds: scan.pdf, ghi-chu.txt); send the form's Excel (.xlsx) file",
    ]);
    // a member declaring more than a file may be: refused before inflating, as the reader refuses
    const a = await xlsxOf();
    const bomb = zipSync({ "a.xlsx": a });
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = 0; i + 4 < bomb.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 0x7fffffff, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 0x7fffffff, true);
    }
    const r = one("bomb.zip", bomb);
    expect(r.errorCode).toBe("zip_bomb");
    expect(r.error?.vi).toBe("Tệp khai báo dung lượng giải nén quá lớn (a.xlsx: 2 GB); không mở để tránh treo máy");
    const many = zipSync(
      Object.fromEntries(Array.from({ length: MAX_ARCHIVE_SHEETS + 1 }, (_, i) => [`${i}.xlsx`, a])),
    );
    expect(said(one("many.zip", many))).toEqual([
      "archive",
      `Tệp nén chứa ${MAX_ARCHIVE_SHEETS + 1} bảng tính, quá ${MAX_ARCHIVE_SHEETS}; hãy giải nén rồi kiểm tra thư mục`,
      `The archive holds ${MAX_ARCHIVE_SHEETS + 1} spreadsheets, more than ${MAX_ARCHIVE_SHEETS}; unzip it and check the folder`,
    ]);
  });

  test("folders take .xlsb, .csv and .zip as spreadsheets; a PDF or .docx beside them is named apart", () => {
    expect(["a.xlsb", "b.CSV", "c.zip", "d.xlsx", "e.pdf", "f.docx"].filter(isWorkbookName)).toEqual([
      "a.xlsb",
      "b.CSV",
      "c.zip",
      "d.xlsx",
    ]);
  });
});
