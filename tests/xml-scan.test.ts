/**
 * The reader's fast XML path (shared/workbook/xml-scan.ts) against the full parser (saxes): on
 * generated worksheets and shared-string parts, both give the same cells, or the same error. The
 * plain documents must be answered by the fast path itself (else the comparison proves nothing);
 * the unusual ones (prefixes, comments, CDATA, unknown entities, bad nesting) must be left to the
 * full parser.
 */
import fc from "fast-check";
import { parts, XlsxError } from "../shared/workbook/read";
import {
  decodeXmlText,
  rootContentSpan,
  scanElements,
  sheetDataSpan,
  type ScanHandlers,
} from "../shared/workbook/xml-scan";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

const quiet: ScanHandlers = { open: () => {}, close: () => {}, text: () => {}, wantText: () => true };

/** What a read gives: its rows and truncation, or the error's code and English message. */
function outcome(read: () => unknown) {
  try {
    return { ok: read() };
  } catch (e) {
    if (e instanceof XlsxError) return { error: e.code, message: e.messageEn };
    throw e;
  }
}

const fastAnswers = (xml: string, span: [number, number] | null) =>
  !!span && scanElements(xml, span[0], span[1], quiet);

// Text that stresses decoding: entities, character references, CR/LF, spaces, Vietnamese, _xHHHH_.
const textPiece = fc.constantFrom(
  "12",
  " 7 ",
  "1.234",
  "Tổng số",
  "Chiến sĩ thi đua",
  "a &amp; b",
  "&lt;3&gt;",
  "&quot;q&quot; &apos;a&apos;",
  "&#272;&#x110;",
  "line\r\nbreak",
  "cr\ronly",
  "_x000D_",
  "",
  "   ",
  "-5",
  "2.5",
  "#REF!",
  "true",
);
const text = fc.array(textPiece, { minLength: 0, maxLength: 3 }).map((xs) => xs.join(""));

const cellArb = fc.record({
  ref: fc.constantFrom("withRef", "noRef", "colOnly"),
  type: fc.constantFrom("", "s", "str", "inlineStr", "b", "e", "n", "d"),
  value: fc.option(text, { nil: undefined }),
  formula: fc.boolean(),
  inline: fc.constantFrom("none", "plain", "rich", "phonetic"),
  quote: fc.constantFrom('"', "'"),
  selfClosing: fc.boolean(),
  extra: fc.boolean(),
});
type CellSpec = {
  ref: string;
  type: string;
  value: string | undefined;
  formula: boolean;
  inline: string;
  quote: string;
  selfClosing: boolean;
  extra: boolean;
};
type RowSpec = { hasR: boolean; skip: number; cells: CellSpec[]; selfClosing: boolean };
const rowArb: fc.Arbitrary<RowSpec> = fc.record({
  hasR: fc.boolean(),
  skip: fc.nat({ max: 2 }),
  cells: fc.array(cellArb, { maxLength: 6 }),
  selfClosing: fc.boolean(),
});

function col(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function sheetXml(rows: RowSpec[]): string {
  let r = 0;
  const out: string[] = [];
  for (const row of rows) {
    r += 1 + row.skip;
    if (row.selfClosing && row.cells.length === 0) {
      out.push(row.hasR ? `<row r="${r}" spans="1:3"/>` : "<row/>");
      continue;
    }
    const cells = row.cells.map((c, i) => {
      const q = c.quote;
      const ref = c.ref === "withRef" ? ` r=${q}${col(i)}${r}${q}` : c.ref === "colOnly" ? ` r=${q}${col(i)}${q}` : "";
      const t = c.type ? ` t = ${q}${c.type}${q}` : "";
      if (c.selfClosing) return `<c${ref}${t} s="1"/>`;
      let body = "";
      if (c.formula) body += "<f>SUM(A1:B2)</f>";
      if (c.value !== undefined) body += `<v>${c.value}</v>`;
      if (c.inline === "plain") body += `<is><t>${c.value ?? "x"}</t></is>`;
      if (c.inline === "rich")
        body += `<is><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">${c.value ?? "a"} </t></r><r><t>b</t></r></is>`;
      if (c.inline === "phonetic") body += `<is><t>kanji</t><rPh sb="0" eb="1"><t>kana</t></rPh></is>`;
      if (c.extra) body += `<extLst><ext uri="{X}"><foo bar="1"/></ext></extLst>`;
      return `<c${ref}${t}>${body}</c>`;
    });
    out.push(`<row${row.hasR ? ` r="${r}"` : ""} spans="1:6">${cells.join("")}</row>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="${MAIN}"><dimension ref="A1"/><sheetData>${out.join("")}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;
}

const STRINGS = ["Mã", "Tổng số", "Tập thể", "Cá nhân"];

describe("worksheets: the fast path reads what the full parser reads", () => {
  test("generated plain worksheets are answered by the fast path, with the full parser's cells", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), (rows) => {
        const xml = sheetXml(rows);
        expect(fastAnswers(xml, sheetDataSpan(xml))).toBe(true);
        expect(outcome(() => parts.worksheet(xml, STRINGS, true))).toEqual(
          outcome(() => parts.worksheet(xml, STRINGS, false)),
        );
      }),
      { numRuns: 400 },
    );
  });

  test("the row limit stops both at the same place", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (rows, maxRows) => {
          const xml = sheetXml(rows);
          expect(outcome(() => parts.worksheet(xml, STRINGS, true, { maxRows, maxCols: 3 }))).toEqual(
            outcome(() => parts.worksheet(xml, STRINGS, false, { maxRows, maxCols: 3 })),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  // Each of these is left to the full parser, and the result is still the full parser's.
  const unusual: [string, (xml: string) => string][] = [
    [
      "a namespace prefix",
      (x) => x.replace(/<(\/?)(worksheet|sheetData|row|c|v|f|is|t)\b/g, "<$1x:$2").replace(`xmlns="`, `xmlns:x="`),
    ],
    ["a comment in the cells", (x) => x.replace("<sheetData>", "<sheetData><!-- note -->")],
    ["CDATA in a value", (x) => x.replace("<v>12</v>", "<v><![CDATA[99]]></v>")],
    ["an unknown entity", (x) => x.replace("<v>12</v>", "<v>&nbsp;12</v>")],
    ["a tag closed by another name", (x) => x.replace("<v>12</v>", "<v>12</f>")],
    ["an unclosed cell", (x) => x.replace("<v>12</v></c>", "<v>12</v>")],
    ["a quoted > in an attribute", (x) => x.replace('<c r="A1"', '<c foo="a>b" r="A1"')],
    ["an attribute without quotes", (x) => x.replace('<c r="A1"', "<c r=A1")],
    ["a DOCTYPE", (x) => x.replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY e "5">]><worksheet')],
    ["a processing instruction in the cells", (x) => x.replace("<sheetData>", "<sheetData><?pi x?>")],
    ["two sheetData elements", (x) => x.replace("</sheetData>", "</sheetData><sheetData></sheetData>")],
  ];
  const base = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>12</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>`;

  test("the base document is read by the fast path: A1 = 12, B1 = 'Tổng số'", () => {
    expect(fastAnswers(base, sheetDataSpan(base))).toBe(true);
    expect(parts.worksheet(base, STRINGS, true)).toEqual({ rows: [[12, "Tổng số"]], truncated: false });
  });

  test.each(unusual)("%s: left to the full parser, same outcome", (_name, change) => {
    const xml = change(base);
    expect(xml).not.toBe(base);
    expect(fastAnswers(xml, sheetDataSpan(xml))).toBe(false);
    expect(outcome(() => parts.worksheet(xml, STRINGS, true))).toEqual(
      outcome(() => parts.worksheet(xml, STRINGS, false)),
    );
  });
});

describe("shared strings: the fast path reads what the full parser reads", () => {
  const si = fc.record({
    kind: fc.constantFrom("plain", "rich", "phonetic", "empty", "space"),
    value: text,
  });
  const sst = (items: { kind: string; value: string }[]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${items.length}">${items
      .map((i) =>
        i.kind === "plain"
          ? `<si><t>${i.value}</t></si>`
          : i.kind === "rich"
            ? `<si><r><rPr><i/><rFont val="Times New Roman"/></rPr><t xml:space="preserve">${i.value}</t></r><r><t>!</t></r></si>`
            : i.kind === "phonetic"
              ? `<si><t>${i.value}</t><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>`
              : i.kind === "empty"
                ? "<si><t/></si>"
                : `<si><t xml:space="preserve">  ${i.value}  </t></si>`,
      )
      .join("")}</sst>`;

  test("generated parts are answered by the fast path, with the full parser's strings", () => {
    fc.assert(
      fc.property(fc.array(si, { maxLength: 20 }), (items) => {
        const xml = sst(items);
        expect(fastAnswers(xml, rootContentSpan(xml))).toBe(true);
        expect(parts.sharedStrings(xml, true)).toEqual(parts.sharedStrings(xml, false));
        expect(parts.sharedStrings(xml, true)).toHaveLength(items.length);
      }),
      { numRuns: 300 },
    );
  });

  test("a prefixed part is left to the full parser and reads the same", () => {
    const xml = `<x:sst xmlns:x="${MAIN}"><x:si><x:t>Tổng số</x:t></x:si></x:sst>`;
    expect(rootContentSpan(xml)).toBeNull();
    expect(parts.sharedStrings(xml, true)).toEqual(["Tổng số"]);
  });
});

describe("decodeXmlText", () => {
  test("the five entities, character references and end-of-line handling", () => {
    expect(decodeXmlText("a &amp; b &lt;&gt; &quot;&apos; &#272;&#x110;\r\nx\ry")).toBe("a & b <> \"' ĐĐ\nx\ny");
  });
  test("anything else is left to the full parser", () => {
    expect(decodeXmlText("&nbsp;")).toBeNull();
    expect(decodeXmlText("a & b")).toBeNull();
    expect(decodeXmlText("&#0;")).toBeNull();
    expect(decodeXmlText("&#xD800;")).toBeNull();
  });
});
