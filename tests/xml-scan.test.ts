/**
 * The reader's fast XML paths (shared/workbook/xml-scan.ts, sheet-scan.ts) against the full
 * parser (saxes): on generated worksheets, shared-string parts, workbook parts, relationship parts
 * and core properties, each path gives the same result, or the same error. The plain documents
 * must be answered by the fast paths themselves (else the comparison proves nothing); the unusual
 * ones (comments, CDATA, unknown entities, bad nesting) must be left to the full parser; and
 * documents broken at random (a character forbidden in XML, a stray "<", a tag cut in two) must
 * give what the full parser gives, whichever path answers.
 */
import fc from "fast-check";
import { runs } from "./helpers/property-runs";
import { parts, XlsxError } from "../shared/workbook/read";
import {
  decodeXmlText,
  scanDocument,
  scanElements,
  sheetDataSpan,
  type ScanHandlers,
} from "../shared/workbook/xml/xml-scan";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const quiet: ScanHandlers = { open: () => {}, close: () => {}, text: () => {}, wantText: () => true };

/** What a read gives: its result, or the error's code and English message. */
function outcome(read: () => unknown) {
  try {
    return { ok: read() };
  } catch (e) {
    if (e instanceof XlsxError) return { error: e.code, message: e.text.en };
    throw e;
  }
}

const fastAnswers = (xml: string, span: [number, number] | null) =>
  !!span && scanElements(xml, span[0], span[1], quiet);

// ---------------------------------------------------------------------------------------------
// Breaking documents at random.

/** What a broken document may hold: markup, characters XML forbids or treats specially, names. */
const NASTY = [
  "<",
  ">",
  "&",
  "&amp;",
  "&#1;",
  "&#x41;",
  "&#X41;",
  "&#0;",
  "&#xD800;",
  "&#1114111;",
  "&#x110000;",
  "&nbsp;",
  "&;",
  "]]>",
  "]]",
  "\u0001",
  "\u000b",
  "\u0085",
  "\u2028",
  "\ud800",
  "\udc00",
  "\ud83d\ude00",
  "\ufffe",
  "\uffff",
  "\ufeff",
  "\u00a0",
  "\r",
  "\r\n",
  "\n",
  "\t",
  " ",
  '"',
  "'",
  "=",
  "/",
  "/>",
  ":",
  "x:",
  "-",
  "1",
  "é",
  "\u00b7",
  "ạ",
  "<!-- c -->",
  "<!--a--b-->",
  "<![CDATA[x]]>",
  "<?pi x?>",
  '<?xml version="1.0"?>',
  "<!DOCTYPE x>",
  "</c>",
  "<c>",
  "<c/>",
  "<v>",
  "</v>",
  "<f>",
  "</f>",
  "<is>",
  "<t>",
  "</t>",
  "<row>",
  "</row>",
  "<rPh>",
  "</rPh>",
  "<si>",
  "</si>",
  "<sheet/>",
  "<x:c>",
  "</x:c>",
  "<sheetData>",
  "</sheetData>",
  ' r="A1"',
  ' r="A1" r="B1"',
  ' t="s"',
  ' s="1"',
  ' a="1"',
  ' 1a="1"',
  "<Relationship Id='rId9'/>",
  "<dcterms:modified>2024-01-01</dcterms:modified>",
];

type Mutation = { at: number; kind: "insert" | "delete" | "duplicate" | "replace"; piece: string; len: number };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  kind: fc.constantFrom("insert" as const, "delete" as const, "duplicate" as const, "replace" as const),
  piece: fc.constantFrom(...NASTY),
  len: fc.integer({ min: 1, max: 12 }),
});

function mutate(xml: string, muts: Mutation[]): string {
  let s = xml;
  for (const m of muts) {
    const at = Math.floor(m.at * (s.length + 1));
    if (m.kind === "insert") s = s.slice(0, at) + m.piece + s.slice(at);
    else if (m.kind === "delete") s = s.slice(0, at) + s.slice(at + m.len);
    else if (m.kind === "duplicate") s = s.slice(0, at + m.len) + s.slice(at, at + m.len) + s.slice(at + m.len);
    else s = s.slice(0, at) + m.piece + s.slice(at + m.len);
  }
  return s;
}
const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 3 });

/** Changes that keep a document well-formed, or nearly: the fast paths must still answer as the full parser. */
const BLANKS = [" ", "\t", "\n", "\r\n", "  \r"];
const VALUES = [
  "1",
  "",
  "a&amp;b",
  "&lt;&gt;",
  "x>y",
  "'",
  "&quot;",
  "a\r\nb",
  "\t",
  "&#10;",
  "&#x9;",
  "Đ",
  "\ud83d\ude00",
  "]]>",
];
const ELEMENTS = [
  "<x:foo/>",
  "<foo a='1'/>",
  "<extLst><ext/></extLst>",
  "<c/>",
  '<c r="Z9"><v>5</v></c>',
  "<v>1</v>",
  "<t>z</t>",
  "<is><t>q</t></is>",
  "<row/>",
  "<f>1</f>",
  "<rPh><t>k</t></rPh>",
  "<si><t>s</t></si>",
  "<sheet name='S' r:id='rId1'/>",
  "<Relationship Id='rId7' Type='t' Target='x'/>",
  "<x:modified>2024-05-05T00:00:00Z</x:modified>",
];
const TEXTS = ["x", " ", "\r\n", "&amp;", "&#65;", "\ud83d\ude00", "]]", ">", "_x0041_", "7"];
type Perturbation = { kind: "blank" | "attr" | "element" | "text" | "quote"; at: number; piece: number };
const perturbationArb: fc.Arbitrary<Perturbation> = fc.record({
  kind: fc.constantFrom("blank" as const, "attr" as const, "element" as const, "text" as const, "quote" as const),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  piece: fc.nat({ max: 1000 }),
});
const perturbations = fc.array(perturbationArb, { minLength: 1, maxLength: 4 });

function perturb(xml: string, ops: Perturbation[]): string {
  let s = xml;
  ops.forEach((op, n) => {
    const tags = [...s.matchAll(/<[^<>]*>/g)].filter((m) => m[0][1] !== "?" && m[0][1] !== "!");
    if (tags.length === 0) return;
    const tag = tags[Math.floor(op.at * tags.length)];
    const start = tag.index;
    const end = start + tag[0].length;
    const closing = tag[0][1] === "/";
    const selfClosing = tag[0].endsWith("/>");
    const nameEnd = start + (/^<\/?[^\s/>]+/.exec(tag[0])?.[0].length ?? 1);
    const pick = <T>(xs: T[]) => xs[op.piece % xs.length];
    if (op.kind === "blank") {
      const at = closing ? nameEnd : selfClosing ? end - 2 : end - 1;
      s = s.slice(0, at) + pick(BLANKS) + s.slice(at);
    } else if (op.kind === "attr" && !closing) {
      const v = pick(VALUES);
      const q = v.includes("'") ? '"' : "'";
      s = s.slice(0, nameEnd) + ` ${n % 2 ? "zz:" : ""}a${n}=${q}${v}${q}` + s.slice(nameEnd);
    } else if (op.kind === "element") s = s.slice(0, end) + pick(ELEMENTS) + s.slice(end);
    else if (op.kind === "text") s = s.slice(0, end) + pick(TEXTS) + s.slice(end);
    else if (op.kind === "quote" && !closing) {
      const body = s.slice(nameEnd, end).replace(/="([^"']*)"/, "='$1'");
      s = s.slice(0, nameEnd) + body + s.slice(end);
    }
  });
  return s;
}

// ---------------------------------------------------------------------------------------------
// Worksheets.

// Text that stresses decoding: entities, character references, CR/LF, spaces, Vietnamese, _xHHHH_.
const textPiece = fc.constantFrom(
  "12",
  " 7 ",
  "1.234",
  "1e3",
  "-5",
  "-0",
  "007",
  "123456789012345678",
  "2.5",
  "0x10",
  "Infinity",
  "Tổng số",
  "Chiến sĩ thi đua",
  "a &amp; b",
  "&lt;3&gt;",
  "&quot;q&quot; &apos;a&apos;",
  "&#272;&#x110;",
  "&#65;",
  "&#x1F600;",
  "\ud83d\ude00",
  "line\r\nbreak",
  "cr\ronly",
  "tab\there",
  "_x000D_",
  "a]]b",
  "]",
  "x > y",
  "",
  "   ",
  "#REF!",
  "true",
);
const text = fc.array(textPiece, { minLength: 0, maxLength: 3 }).map((xs) => xs.join(""));

const REFS = [
  "withRef",
  "noRef",
  "colOnly",
  "lower",
  "huge",
  "hugeRow",
  "zeroRow",
  "negative",
  "junk",
  "empty",
  "shifted",
] as const;
const cellArb = fc.record({
  ref: fc.constantFrom(...REFS),
  type: fc.constantFrom("", "s", "str", "inlineStr", "b", "e", "n", "d", "x"),
  style: fc.boolean(),
  order: fc.constantFrom("rst", "str", "tsr", "rts"),
  value: fc.option(text, { nil: undefined }),
  emptyValue: fc.constantFrom("none", "selfClosing", "open"),
  formula: fc.constantFrom("none", "plain", "selfClosing", "shared", "quoted"),
  inline: fc.constantFrom("none", "plain", "preserve", "rich", "phonetic", "empty", "selfClosing", "twoT"),
  quote: fc.constantFrom('"', "'"),
  eq: fc.constantFrom("=", " = ", "\t=\n"),
  sep: fc.constantFrom(" ", "  ", "\n", "\r\n", "\t"),
  selfClosing: fc.boolean(),
  extra: fc.boolean(),
  indent: fc.boolean(),
});
type CellSpec = {
  ref: (typeof REFS)[number];
  type: string;
  style: boolean;
  order: string;
  value: string | undefined;
  emptyValue: string;
  formula: string;
  inline: string;
  quote: string;
  eq: string;
  sep: string;
  selfClosing: boolean;
  extra: boolean;
  indent: boolean;
};
type RowSpec = { r: string; skip: number; cells: CellSpec[]; selfClosing: boolean; excel: boolean };
const rowArb: fc.Arbitrary<RowSpec> = fc.record({
  r: fc.constantFrom("r", "r", "r", "none", "zero", "junk", "spaced", "huge", "back"),
  skip: fc.nat({ max: 2 }),
  cells: fc.array(cellArb, { maxLength: 6 }),
  selfClosing: fc.boolean(),
  excel: fc.boolean(),
});

function col(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellRef(spec: CellSpec, i: number, r: number): string | null {
  switch (spec.ref) {
    case "withRef":
      return `${col(i)}${r}`;
    case "noRef":
      return null;
    case "colOnly":
      return col(i);
    case "lower":
      return `${col(i).toLowerCase()}${r}`;
    case "huge":
      return `XFD${r}`;
    case "hugeRow":
      return `A99999999999`;
    case "zeroRow":
      return `B0`;
    case "negative":
      return `A-${r}`;
    case "junk":
      return `$A$${r}`;
    case "empty":
      return "";
    case "shifted":
      return `${col(i + 3)}${r + 2}`;
  }
}

function sheetXml(rows: RowSpec[], plainOnly = false): string {
  let r = 0;
  const out: string[] = [];
  for (const row of rows) {
    r += 1 + row.skip;
    const rAttr =
      row.r === "r"
        ? ` r="${r}"`
        : row.r === "none"
          ? ""
          : row.r === "zero"
            ? ' r="0"'
            : row.r === "junk"
              ? ' r="x1"'
              : row.r === "spaced"
                ? ` r=" ${r} "`
                : row.r === "huge"
                  ? ' r="99999999999"'
                  : ` r="${Math.max(1, r - 3)}"`;
    const attrs = `${rAttr}${row.excel ? ' spans="1:6" x14ac:dyDescent="0.25"' : ' spans="1:6"'}`;
    if (row.selfClosing && row.cells.length === 0) {
      out.push(`<row${attrs}/>`);
      continue;
    }
    const cells = row.cells.map((c, i) => {
      const q = c.quote;
      const a = (name: string, v: string) => `${c.sep}${name}${c.eq}${q}${v}${q}`;
      const ref = cellRef(c, i, r);
      const byName: Record<string, string> = {
        r: ref === null ? "" : a("r", ref),
        s: c.style ? a("s", "1") : "",
        t: c.type ? a("t", c.type) : "",
      };
      const open = `<c${[...c.order].map((n) => byName[n]).join("")}`;
      if (c.selfClosing) return `${open}/>`;
      let body = "";
      if (c.formula === "plain") body += "<f>SUM(A1:B2)</f>";
      if (c.formula === "selfClosing") body += "<f/>";
      if (c.formula === "shared") body += '<f t="shared" ref="C2:C9" si="0">C1+1</f>';
      if (c.formula === "quoted") body += '<f>IF(A1&gt;0,&quot;a&amp;b&quot;,"")</f>';
      if (c.value !== undefined) body += `<v>${c.value}</v>`;
      else if (c.emptyValue === "selfClosing") body += "<v/>";
      else if (c.emptyValue === "open") body += "<v></v>";
      const inline =
        plainOnly && !["none", "plain", "preserve", "empty", "selfClosing", "twoT"].includes(c.inline)
          ? "none"
          : c.inline;
      if (inline === "plain") body += `<is><t>${c.value ?? "x"}</t></is>`;
      if (inline === "preserve") body += `<is><t xml:space="preserve">${c.value ?? " x "}</t></is>`;
      if (inline === "empty") body += "<is><t/></is>";
      if (inline === "selfClosing") body += "<is/>";
      if (inline === "twoT") body += "<is><t>a</t><t>b</t></is>";
      if (inline === "rich")
        body += `<is><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">${c.value ?? "a"} </t></r><r><t>b</t></r></is>`;
      if (inline === "phonetic") body += `<is><t>kanji</t><rPh sb="0" eb="1"><t>kana</t></rPh></is>`;
      if (c.extra && !plainOnly) body += `<extLst><ext uri="{X}"><foo bar="1"/></ext></extLst>`;
      if (c.indent) body = `\n      ${body}\n    `;
      return `${open}>${body}</c>`;
    });
    out.push(`<row${attrs}>${cells.join("")}</row>`);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}" ` +
    `xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${out.join("")}</sheetData>` +
    `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>` +
    `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">` +
    `<x14:dataValidations count="1"><x14:dataValidation type="list"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1>` +
    `<xm:sqref>C2</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>`
  );
}

const STRINGS = ["Mã", "Tổng số", "Tập thể", "Cá nhân"];

/** Every path reads the worksheet alike: all fast paths, the scanner alone, the full parser. */
function sameEverywhere(xml: string, limits: Parameters<typeof parts.worksheet>[3] = {}) {
  const full = outcome(() => parts.worksheet(xml, STRINGS, false, limits));
  expect(outcome(() => parts.worksheet(xml, STRINGS, true, limits))).toEqual(full);
  expect(outcome(() => parts.worksheet(xml, STRINGS, "scan", limits))).toEqual(full);
}

describe("worksheets: the fast paths read what the full parser reads", () => {
  test("generated plain worksheets are read by the plain <sheetData> loop, with the full parser's cells", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), (rows) => {
        const xml = sheetXml(rows, true);
        expect(parts.worksheetPath(xml, STRINGS)).toBe("plain");
        sameEverywhere(xml);
      }),
      { numRuns: runs(500) },
    );
  });

  test("generated worksheets with rich or phonetic text and extensions are read by the scanner, alike", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), (rows) => {
        const xml = sheetXml(rows);
        expect(parts.worksheetPath(xml, STRINGS)).not.toBe("full");
        expect(fastAnswers(xml, sheetDataSpan(xml))).toBe(true);
        sameEverywhere(xml);
      }),
      { numRuns: runs(400) },
    );
  });

  test("the row, column, cell and depth limits stop every path at the same place", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 2, max: 9 }),
        (rows, maxRows, maxCols, maxCells, maxDepth) => {
          const xml = sheetXml(rows);
          sameEverywhere(xml, { maxRows, maxCols: 3 });
          sameEverywhere(xml, { maxRows: 100, maxCols, maxCells });
          sameEverywhere(xml, { maxDepth });
        },
      ),
      { numRuns: runs(200) },
    );
  });

  test("worksheets broken at random give the full parser's cells or error", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 5 }), mutations, fc.boolean(), (rows, muts, plainOnly) => {
        sameEverywhere(mutate(sheetXml(rows, plainOnly), muts));
      }),
      { numRuns: runs(3000) },
    );
  });

  test("worksheets changed at random but still well-formed (mostly) give the full parser's answer", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 6 }), perturbations, fc.boolean(), (rows, ops, plainOnly) => {
        const xml = perturb(sheetXml(rows, plainOnly), ops);
        sameEverywhere(xml);
        sameEverywhere(xml, { maxRows: 3, maxCols: 2, maxDepth: 6 });
      }),
      { numRuns: runs(2000) },
    );
  });

  test("broken at random near the cells, small limits: still the full parser's answer", () => {
    const cells =
      '<row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1"/><c r="C1"><v>7</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2"><f>A1</f></c><c r="C2" t="b"><v>1</v></c></row>';
    const xml = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${cells}</sheetData></worksheet>`;
    const from = xml.indexOf("<row");
    const near = fc.record({
      at: fc.integer({ min: 0, max: cells.length }),
      piece: fc.constantFrom(...NASTY),
      cut: fc.nat({ max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(near, { minLength: 1, maxLength: 2 }), fc.integer({ min: 2, max: 8 }), (edits, maxDepth) => {
        let s = xml;
        for (const e of edits) s = s.slice(0, from + e.at) + e.piece + s.slice(from + e.at + e.cut);
        sameEverywhere(s);
        sameEverywhere(s, { maxDepth, maxRows: 1 });
      }),
      { numRuns: runs(3000) },
    );
  });

  // Each of these is left to the full parser, and the result is still the full parser's.
  const unusual: [string, (xml: string) => string][] = [
    [
      "a namespace prefix",
      (x) => x.replace(/<(\/?)(worksheet|sheetData|row|c|v|f|is|t)\b/g, "<$1x:$2").replace(`xmlns="`, `xmlns:x="`),
    ],
    ["a comment in the cells", (x) => x.replace("<sheetData>", "<sheetData><!-- note -->")],
    ["a comment after the cells", (x) => x.replace("</sheetData>", "</sheetData><!-- note -->")],
    ["CDATA in a value", (x) => x.replace("<v>12</v>", "<v><![CDATA[99]]></v>")],
    ["an unknown entity", (x) => x.replace("<v>12</v>", "<v>&nbsp;12</v>")],
    ["an unknown entity in an attribute nobody reads", (x) => x.replace('<row r="1"', '<row spans="&nbsp;" r="1"')],
    ["a tag closed by another name", (x) => x.replace("<v>12</v>", "<v>12</f>")],
    ["an unclosed cell", (x) => x.replace("<v>12</v></c>", "<v>12</v>")],
    ["an attribute without quotes", (x) => x.replace('<c r="A1"', "<c r=A1")],
    ["a repeated attribute", (x) => x.replace('<c r="A1"', '<c r="A1" r="B1"')],
    ["a repeated attribute on a row", (x) => x.replace('<row r="1"', '<row r="1" spans="1:2" spans="1:2"')],
    ["a name that starts with a digit", (x) => x.replace('<c r="A1"', '<c r="A1" 1a="x"')],
    ["a character XML forbids in a value", (x) => x.replace("<v>12</v>", "<v>1\u00012</v>")],
    ["a character XML forbids after the cells", (x) => x.replace("</sheetData>", "</sheetData>\u000b")],
    ["a reference to a character XML forbids", (x) => x.replace("<v>12</v>", "<v>&#1;12</v>")],
    ["a lone surrogate", (x) => x.replace("<v>12</v>", "<v>\ud80012</v>")],
    ["]]> in a value", (x) => x.replace("<v>12</v>", "<v>12]]></v>")],
    ["a DOCTYPE", (x) => x.replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY e "5">]><worksheet')],
    ["a processing instruction in the cells", (x) => x.replace("<sheetData>", "<sheetData><?pi x?>")],
    ["XML 1.1", (x) => x.replace('version="1.0"', 'version="1.1"')],
    ["two sheetData elements", (x) => x.replace("</sheetData>", "</sheetData><sheetData></sheetData>")],
    ["a cell outside sheetData", (x) => x.replace("</sheetData>", '</sheetData><c r="Z9"><v>5</v></c>')],
    [
      "a phonetic run around sheetData",
      (x) => x.replace("<sheetData>", "<rPh><sheetData>").replace("</sheetData>", "</sheetData></rPh>"),
    ],
    ["text after the root", (x) => `${x}x`],
    ["a second root", (x) => `${x}<worksheet/>`],
  ];
  const base = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>12</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>`;

  test("the base document is read by the plain loop: A1 = 12, B1 = 'Tổng số'", () => {
    expect(parts.worksheetPath(base, STRINGS)).toBe("plain");
    expect(parts.worksheet(base, STRINGS, true)).toEqual({ rows: [[12, "Tổng số"]], truncated: false });
  });

  test.each(unusual)("%s: left to the full parser, same outcome", (_name, change) => {
    const xml = change(base);
    expect(xml).not.toBe(base);
    expect(parts.worksheetPath(xml, STRINGS)).toBe("full");
    sameEverywhere(xml);
  });

  // Plain enough XML for the fast paths, though not as programs write it.
  const readFast: [string, (xml: string) => string, "plain" | "scan"][] = [
    ["a quoted > in an attribute", (x) => x.replace('<c r="A1"', '<c foo="a>b" r="A1"'), "plain"],
    ["attributes in another order", (x) => x.replace('<c r="B1" t="s">', "<c t='s' s='2' r='B1'>"), "plain"],
    ["white space in end tags", (x) => x.replace("</v></c>", "</v ></c\n>"), "plain"],
    ["a CR LF in an attribute nobody reads", (x) => x.replace('<row r="1"', '<row spans="1:\r\n2" r="1"'), "plain"],
    ["a prefixed attribute on a row", (x) => x.replace('<row r="1"', '<row x14ac:dyDescent="0.25" r="1"'), "plain"],
    ["a character reference in a value", (x) => x.replace("<v>12</v>", "<v>1&#50;</v>"), "plain"],
    ["an astral character in a value", (x) => x.replace("<v>12</v>", "<v>\ud83d\ude00</v>"), "plain"],
    [
      "a prefixed element after the cells",
      (x) => x.replace("</sheetData>", "</sheetData><x:foo xmlns:x='u'/>"),
      "plain",
    ],
    ["a prefixed element in a cell", (x) => x.replace("<v>12</v>", "<v>12</v><x:foo xmlns:x='u'/>"), "scan"],
    ["a row without cells, self-closed", (x) => x.replace("</row>", '</row><row r="5"/>'), "plain"],
  ];

  test.each(readFast)("%s: read by a fast path, same outcome", (_name, change, path) => {
    const xml = change(base);
    expect(xml).not.toBe(base);
    expect(parts.worksheetPath(xml, STRINGS)).toBe(path);
    sameEverywhere(xml);
  });

  test("what the reference attributes say, as the full parser reads them", () => {
    const xml = (cells: string) =>
      `<worksheet xmlns="${MAIN}"><sheetData><row r="3">${cells}</row><row><c><v>9</v></c></row></sheetData></worksheet>`;
    for (const cells of [
      '<c r="C3"><v>1</v></c><c><v>2</v></c>', // no r: the next column
      '<c r="c3"><v>1</v></c>', // lower case
      '<c r="B"><v>1</v></c><c r="A5"><v>2</v></c>', // column only; then a row further down
      '<c r="XFD99999999999"><v>1</v></c>', // a row past the limit: unreadable, counted on
      '<c r="A0"><v>1</v></c><c r="-1"><v>2</v></c><c r=""><v>3</v></c>',
      '<c r="AAAAAAAAA1"><v>1</v></c>',
    ]) {
      const doc = xml(cells);
      expect(parts.worksheetPath(doc, STRINGS)).toBe("plain");
      sameEverywhere(doc);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Shared strings.

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

  /** Every path reads the part alike: the plain loop, the scanner alone, the full parser. */
  function sameStrings(xml: string, maxDepth?: number) {
    const full = outcome(() => parts.sharedStrings(xml, false, maxDepth));
    expect(outcome(() => parts.sharedStrings(xml, true, maxDepth))).toEqual(full);
    expect(outcome(() => parts.sharedStrings(xml, "scan", maxDepth))).toEqual(full);
  }

  test("generated parts are answered by the fast paths, with the full parser's strings", () => {
    fc.assert(
      fc.property(fc.array(si, { maxLength: 20 }), (items) => {
        const xml = sst(items);
        expect(scanDocument(xml, quiet)).toBe(true);
        expect(parts.sharedStringsPlain(xml)).toBe(items.every((i) => ["plain", "empty", "space"].includes(i.kind)));
        sameStrings(xml);
        expect(parts.sharedStrings(xml, true)).toHaveLength(items.length);
      }),
      { numRuns: runs(300) },
    );
  });

  test("parts broken at random, or nested too deep, give the full parser's strings or error", () => {
    fc.assert(
      fc.property(
        fc.array(si, { maxLength: 6 }),
        mutations,
        fc.integer({ min: 1, max: 6 }),
        (items, muts, maxDepth) => {
          const xml = mutate(sst(items), muts);
          sameStrings(xml);
          sameStrings(xml, maxDepth);
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  test("parts changed at random but still well-formed (mostly) give the full parser's strings or error", () => {
    fc.assert(
      fc.property(
        fc.array(si, { maxLength: 6 }),
        perturbations,
        fc.integer({ min: 2, max: 5 }),
        (items, ops, maxDepth) => {
          const xml = perturb(sst(items), ops);
          sameStrings(xml);
          sameStrings(xml, maxDepth);
        },
      ),
      { numRuns: runs(1000) },
    );
  });

  test.each([
    ["plain items", '<si><t>a</t></si><si><t/></si><si><t xml:space="preserve"> b </t></si>', true],
    ["an entity, a CR LF, an escape", "<si><t>a &amp; b\r\nc_x0041_</t></si>", true],
    ["white space between items", "<si><t>a</t></si>\n<si><t>b</t></si>", false],
    ["another attribute on t", "<si><t xml:lang='vi'>a</t></si>", false],
    ["rich text", "<si><r><t>a</t></r></si>", false],
    ["an unknown entity", "<si><t>&nbsp;</t></si>", false],
    ["a forbidden character", "<si><t>\u0001</t></si>", false],
    ["an end tag for another element", "<si><t>a</si></t>", false],
  ])("%s: the same strings whichever path reads them", (_name, items, plain) => {
    const xml = `<?xml version="1.0"?><sst xmlns="${MAIN}">${items}</sst>`;
    expect(parts.sharedStringsPlain(xml)).toBe(plain);
    sameStrings(xml);
    sameStrings(xml, 3);
    sameStrings(xml, 2);
  });

  test("a prefixed part is read by the scanner, and reads the same", () => {
    const xml = `<x:sst xmlns:x="${MAIN}"><x:si><x:t>Tổng số</x:t></x:si></x:sst>`;
    expect(scanDocument(xml, quiet)).toBe(true);
    expect(parts.sharedStrings(xml, true)).toEqual(["Tổng số"]);
    sameStrings(xml);
  });
});

// ---------------------------------------------------------------------------------------------
// Workbook, relationships, core properties.

describe("workbook parts: the fast path finds the sheets the full parser finds", () => {
  const sheetArb = fc.record({
    name: fc.constantFrom("Phụ lục 02", "Sheet1", "A &amp; B", "&lt;x&gt;", "Tổng hợp &#7871;", " "),
    state: fc.constantFrom(undefined, "visible", "hidden", "veryHidden", "HIDDEN"),
    rid: fc.constantFrom("r:id", "id", "rel:id", "r:Id", "x:y:id", "none", "both"),
    prefixed: fc.boolean(),
    quote: fc.constantFrom('"', "'"),
    sep: fc.constantFrom(" ", "\n  ", "\r\n"),
  });
  type SheetSpec = {
    name: string;
    state: string | undefined;
    rid: string;
    prefixed: boolean;
    quote: string;
    sep: string;
  };
  const workbook = (sheets: SheetSpec[], excel: boolean, allPrefixed: boolean) => {
    const p = allPrefixed ? "x:" : "";
    const items = sheets.map((s, i) => {
      const q = s.quote;
      const a = (name: string, v: string) => `${s.sep}${name}=${q}${v}${q}`;
      const rid =
        s.rid === "none"
          ? ""
          : s.rid === "both"
            ? a("id", `plain${i}`) + a("r:id", `rId${i + 1}`)
            : a(s.rid, `rId${i + 1}`);
      const el = allPrefixed || s.prefixed ? "x:sheet" : "sheet";
      return `<${el}${a("name", s.name)}${a("sheetId", String(i + 1))}${s.state ? a("state", s.state) : ""}${rid}/>`;
    });
    const alternate = excel
      ? `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15">` +
        `<x15ac:absPath url="C:\\Users\\Kế toán\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/>` +
        `</mc:Choice></mc:AlternateContent><xr:revisionPtr revIDLastSave="0" documentId="8_{A}" xr6:coauthVersionLast="47"/>`
      : "";
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${p}workbook ${allPrefixed ? "" : `xmlns="${MAIN}" `}` +
      `xmlns:r="${REL}" xmlns:x="${MAIN}"><${p}fileVersion appName="xl" lastEdited="7"/>${alternate}` +
      `<${p}bookViews><${p}workbookView xWindow="0"/></${p}bookViews><${p}sheets>${items.join("")}</${p}sheets>` +
      `<${p}definedNames><${p}definedName name="_xlnm.Print_Area" localSheetId="0">'Phụ lục 02'!$A$1:$M$39</${p}definedName>` +
      `</${p}definedNames><${p}calcPr calcId="191029"/></${p}workbook>`
    );
  };
  const workbookArb = fc.tuple(fc.array(sheetArb, { maxLength: 5 }), fc.boolean(), fc.boolean());

  test("generated workbook parts (Excel's AlternateContent, prefixes, r:id spelled otherwise) are read by the fast path", () => {
    fc.assert(
      fc.property(workbookArb, ([sheets, excel, allPrefixed]) => {
        const xml = workbook(sheets, excel, allPrefixed);
        expect(scanDocument(xml, quiet)).toBe(true);
        const read = parts.workbook(xml, true);
        expect(read).toEqual(parts.workbook(xml, false));
        expect(read).toHaveLength(sheets.length);
      }),
      { numRuns: runs(300) },
    );
  });

  test("the relationship id: r:id, else id, else another prefix's id, as the full parser reads them", () => {
    const xml = (attrs: string) => `<workbook xmlns:r="${REL}"><sheets><sheet name="A"${attrs}/></sheets></workbook>`;
    for (const [attrs, rid] of [
      [' r:id="rId4"', "rId4"],
      [' id="a" r:id="rId4"', "rId4"],
      [' id="a" rel:id="b"', "a"],
      [' rel:id="b" q:id="c"', "b"],
      [' rel:Id="b"', ""],
      [' a:b:id="c"', ""],
      ["", ""],
    ]) {
      expect(parts.workbook(xml(attrs), true)).toEqual([{ name: "A", rid, hidden: false }]);
      expect(parts.workbook(xml(attrs), false)).toEqual([{ name: "A", rid, hidden: false }]);
    }
  });

  test("workbook parts broken at random, or nested too deep, give the full parser's sheets or error", () => {
    fc.assert(
      fc.property(
        workbookArb,
        mutations,
        fc.integer({ min: 1, max: 6 }),
        ([sheets, excel, allPrefixed], muts, maxDepth) => {
          const xml = mutate(workbook(sheets, excel, allPrefixed), muts);
          expect(outcome(() => parts.workbook(xml, true))).toEqual(outcome(() => parts.workbook(xml, false)));
          expect(outcome(() => parts.workbook(xml, true, maxDepth))).toEqual(
            outcome(() => parts.workbook(xml, false, maxDepth)),
          );
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  test("workbook parts changed at random but still well-formed (mostly) give the full parser's sheets or error", () => {
    fc.assert(
      fc.property(workbookArb, perturbations, ([sheets, excel, allPrefixed], ops) => {
        const xml = perturb(workbook(sheets, excel, allPrefixed), ops);
        expect(outcome(() => parts.workbook(xml, true))).toEqual(outcome(() => parts.workbook(xml, false)));
      }),
      { numRuns: runs(1000) },
    );
  });

  test("malformed or too deep: the same refusal as the full parser's", () => {
    for (const xml of [
      "<workbook><sheets>",
      "<workbook><sheets><sheet name='A' name='B'/></sheets></workbook>",
      "<workbook><sheets><sheet name='A&B'/></sheets></workbook>",
      "<workbook><sheets></sheet></workbook>",
      "<workbook/><workbook/>",
      "  <?xml version='1.0'?><workbook/>",
    ]) {
      const fast = outcome(() => parts.workbook(xml, true));
      expect(fast).toMatchObject({ error: "corrupt" });
      expect(fast).toEqual(outcome(() => parts.workbook(xml, false)));
    }
    const deep = `<workbook>${"<a>".repeat(120)}${"</a>".repeat(120)}</workbook>`;
    expect(outcome(() => parts.workbook(deep, true))).toMatchObject({ error: "too_deep" });
    expect(outcome(() => parts.workbook(deep, true))).toEqual(outcome(() => parts.workbook(deep, false)));
  });
});

describe("relationship parts: the fast path finds the relationships the full parser finds", () => {
  const relArb = fc.record({
    id: fc.constantFrom("rId1", "rId2", "", "r&amp;1"),
    type: fc.constantFrom(`${REL}/worksheet`, `${REL}/sharedStrings`, `${REL}/styles`, `${REL}/theme`),
    target: fc.constantFrom(
      "worksheets/sheet1.xml",
      "/xl/worksheets/sheet2.xml",
      "../x.xml",
      "a&amp;b.xml",
      "https://e.x/?a=1&amp;b=2",
    ),
    external: fc.boolean(),
    order: fc.constantFrom("IYT", "YTI", "TIY"),
    quote: fc.constantFrom('"', "'"),
    prefixed: fc.boolean(),
  });
  type RelSpec = {
    id: string;
    type: string;
    target: string;
    external: boolean;
    order: string;
    quote: string;
    prefixed: boolean;
  };
  const rels = (items: RelSpec[]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships" xmlns:p="x">${items
      .map((r) => {
        const q = r.quote;
        const by: Record<string, string> = {
          I: ` Id=${q}${r.id}${q}`,
          Y: ` Type=${q}${r.type}${q}`,
          T: ` Target=${q}${r.target}${q}`,
        };
        const attrs = [...r.order].map((k) => by[k]).join("");
        return `<${r.prefixed ? "p:" : ""}Relationship${attrs}${r.external ? ' TargetMode="External"' : ""}/>`;
      })
      .join("")}</Relationships>`;
  const relsArb = fc.array(relArb, { maxLength: 5 });

  test("generated parts are read by the fast path, alike", () => {
    fc.assert(
      fc.property(relsArb, (items) => {
        const xml = rels(items);
        expect(scanDocument(xml, quiet)).toBe(true);
        const read = parts.rels(xml, true);
        expect(read).toEqual(parts.rels(xml, false));
        expect(read).toHaveLength(items.length);
      }),
      { numRuns: runs(300) },
    );
  });

  test("parts changed at random but still well-formed (mostly) give the full parser's relationships or error", () => {
    fc.assert(
      fc.property(relsArb, perturbations, (items, ops) => {
        const xml = perturb(rels(items), ops);
        expect(outcome(() => parts.rels(xml, true))).toEqual(outcome(() => parts.rels(xml, false)));
      }),
      { numRuns: runs(1000) },
    );
  });

  test("parts broken at random, or nested too deep, give the full parser's relationships or error", () => {
    fc.assert(
      fc.property(relsArb, mutations, fc.integer({ min: 1, max: 4 }), (items, muts, maxDepth) => {
        const xml = mutate(rels(items), muts);
        expect(outcome(() => parts.rels(xml, true))).toEqual(outcome(() => parts.rels(xml, false)));
        expect(outcome(() => parts.rels(xml, true, maxDepth))).toEqual(outcome(() => parts.rels(xml, false, maxDepth)));
      }),
      { numRuns: runs(2000) },
    );
  });
});

describe("core properties: the fast path finds the date the full parser finds", () => {
  const coreArb = fc.record({
    modified: fc.constantFrom(
      "2025-03-07T16:30:05Z",
      "2025-03-07T23:30:00+07:00",
      " 2025-03-07T16:30:00 ",
      "2025-03-07T16:30&#58;00Z",
      "not a date",
      "",
      "2025-01-01T00:00:00Z<x/>junk",
    ),
    prefix: fc.constantFrom("dcterms:", "", "d:"),
    shape: fc.constantFrom("full", "empty", "selfClosing", "missing"),
  });
  const core = (c: { modified: string; prefix: string; shape: string }) => {
    const el = `${c.prefix}modified`;
    const modified =
      c.shape === "missing"
        ? ""
        : c.shape === "selfClosing"
          ? `<${el} xsi:type="dcterms:W3CDTF"/>`
          : `<${el} xsi:type="dcterms:W3CDTF">${c.shape === "empty" ? "" : c.modified}</${el}>`;
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>Nguyễn Văn A</dc:creator><cp:lastModifiedBy>B &amp; C</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:created>${modified}</cp:coreProperties>`
    );
  };

  test("generated parts are read by the fast path, alike", () => {
    fc.assert(
      fc.property(coreArb, (c) => {
        const xml = core(c);
        expect(scanDocument(xml, quiet)).toBe(true);
        expect(parts.modified(xml, true)).toBe(parts.modified(xml, false));
      }),
      { numRuns: runs(200) },
    );
    expect(
      parts.modified(core({ modified: "2025-03-07T23:30:00+07:00", prefix: "dcterms:", shape: "full" }), true),
    ).toBe("2025-03-07T16:30:00.000Z");
  });

  test("changed at random but still well-formed (mostly), it gives what the full parser gives", () => {
    fc.assert(
      fc.property(coreArb, perturbations, (c, ops) => {
        const xml = perturb(core(c), ops);
        expect(parts.modified(xml, true)).toBe(parts.modified(xml, false));
      }),
      { numRuns: runs(1000) },
    );
  });

  test("broken, or nested too deep, it gives what the full parser gives: null rather than an error", () => {
    fc.assert(
      fc.property(coreArb, mutations, fc.integer({ min: 1, max: 4 }), (c, muts, maxDepth) => {
        const xml = mutate(core(c), muts);
        expect(parts.modified(xml, true)).toBe(parts.modified(xml, false));
        expect(parts.modified(xml, true, maxDepth)).toBe(parts.modified(xml, false, maxDepth));
      }),
      { numRuns: runs(1500) },
    );
    expect(parts.modified("<cp:coreProperties><dcterms:modified>2025", true)).toBeNull();
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
    expect(decodeXmlText("&#1;")).toBeNull();
    expect(decodeXmlText("&#xFFFE;")).toBeNull();
    expect(decodeXmlText("&#xD800;")).toBeNull();
    expect(decodeXmlText("&#X41;")).toBeNull();
  });
});
