/**
 * The annotated copy of a unit's file, made by editing the unit's own package: each blamed cell
 * gets a style that is its own style with a red or amber fill, and a note that says why (after
 * the user's own note text, which is kept). Only the sheet, styles, comments, VML drawing, the
 * sheet's relationships and [Content_Types].xml change; every other entry is copied byte for byte.
 * It reads no more than the reader does: one parse of each part it edits, within the same limits.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { type Finding, type Lang, parseAddress } from "../..";
import { XlsxError } from "../read/errors";
import { DEFAULT_WORKBOOK, parseRels, relsPathOf, resolveTarget, sheetPlan, workbookPathOf } from "../read/package";
import { DEFAULT_LIMITS } from "../read/types";
import { decodeXml, local } from "../read/xml-text";
import { esc, EXCEL_TEXT_MAX } from "../write/sheet-writer";
import { ZipPackage } from "../zip/zip-edit";

export const MARK = "— phuluc02 —";
const FILL = { error: "FFFFC7CE", warning: "FFFFEB9C" } as const;
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

const fail = (vi: string, en: string) =>
  new XlsxError("corrupt", `Không tạo được bản đánh dấu: ${vi}`, `No annotated copy: ${en}`);

function prefixOf(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? "" : name.slice(0, i + 1);
}

interface Span {
  start: number;
  end: number;
}

/** Runs saxes with positions; `open`/`close` get the tag and its [start, end) in the text. */
function scan(
  xml: string,
  part: string,
  open: (tag: SaxesTagPlain, at: Span, depth: number) => void,
  close?: (tag: SaxesTagPlain, at: Span, depth: number) => void,
  text?: (t: string) => void,
): void {
  const p = new SaxesParser({ position: true });
  let depth = 0;
  const max = DEFAULT_LIMITS.maxDepth;
  p.on("opentag", (tag) => {
    if (++depth > max) throw fail(`${part} lồng nhau quá sâu`, `${part} nests too deep`);
    const end = p.position;
    open(tag as SaxesTagPlain, { start: xml.lastIndexOf("<", end - 1), end }, depth);
  });
  p.on("closetag", (tag) => {
    const end = p.position;
    const t = tag as SaxesTagPlain;
    // a self-closing tag closes where it opened
    const start = t.isSelfClosing ? end : xml.lastIndexOf("<", end - 1);
    if (close) close(t, { start, end }, depth);
    depth--;
  });
  if (text) p.on("text", text);
  try {
    p.write(xml).close();
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw fail(`XML lỗi trong ${part}`, `malformed XML in ${part}`);
  }
}

interface Edit {
  at: number;
  del: number;
  text: string;
}

function apply(xml: string, edits: Edit[]): string {
  // stable: edits at the same place keep the order they were made in
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  const out: string[] = [];
  let p = 0;
  for (const { e } of sorted) {
    out.push(xml.slice(p, e.at), e.text);
    p = e.at + e.del;
  }
  out.push(xml.slice(p));
  return out.join("");
}

/** Sets (or adds) attribute `name` in the start tag `tag`. */
function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(["'])[^"']*\\2`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  const m = /^<[^\s/>]+/.exec(tag)!;
  return `${m[0]} ${name}="${value}"${tag.slice(m[0].length)}`;
}

function clip(s: string): string {
  return s.length <= EXCEL_TEXT_MAX ? s : s.slice(0, EXCEL_TEXT_MAX - 1) + "…";
}

// ---------------------------------------------------------------------------------------------
// styles.xml: two fills, and for each (style, severity) in use a copy of the style with that fill.

class Styles {
  private readonly xfs: string[] = [];
  private fillCount = 0;
  private prefix = "";
  private fillsAt: Span | null = null;
  private fillsSelfClosing = false;
  private xfsAt: Span | null = null;
  private xfsSelfClosing = false;
  private xfsOpen: Span | null = null;
  private fillsOpen: Span | null = null;
  private readonly made = new Map<string, number>();
  private readonly newXfs: string[] = [];

  constructor(private readonly xml: string | undefined) {
    if (xml === undefined) return;
    let inXfs = false;
    let inFills = false;
    let xfStart = -1;
    scan(
      xml,
      "styles",
      (tag, at, depth) => {
        const n = local(tag.name);
        if (depth === 1) this.prefix = prefixOf(tag.name);
        if (depth === 2 && n === "cellXfs") {
          inXfs = true;
          this.xfsOpen = at;
          this.xfsSelfClosing = !!tag.isSelfClosing;
        } else if (depth === 2 && n === "fills") {
          inFills = true;
          this.fillsOpen = at;
          this.fillsSelfClosing = !!tag.isSelfClosing;
        } else if (depth === 3 && inXfs && n === "xf") xfStart = at.start;
        else if (depth === 3 && inFills && n === "fill") this.fillCount++;
      },
      (tag, at, depth) => {
        const n = local(tag.name);
        if (depth === 3 && inXfs && n === "xf") this.xfs.push(xml.slice(xfStart, at.end));
        else if (depth === 2 && n === "cellXfs") {
          inXfs = false;
          this.xfsAt = at;
        } else if (depth === 2 && n === "fills") {
          inFills = false;
          this.fillsAt = at;
        }
      },
    );
    if (!this.xfsOpen || !this.fillsOpen) this.xml = undefined; // a styles part we cannot extend: write our own
  }

  /** The index of the style `s` with the fill of `severity`. */
  styleFor(s: number, severity: "error" | "warning"): number {
    const key = `${s}:${severity}`;
    let i = this.made.get(key);
    if (i !== undefined) return i;
    const base = this.xml !== undefined ? this.xfs.length : 1;
    const fillId = (this.xml !== undefined ? this.fillCount : 2) + (severity === "error" ? 0 : 1);
    const orig = this.xml !== undefined ? (this.xfs[s] ?? this.xfs[0]) : undefined;
    let xf = orig ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const m = /^<[^>]*?(\/?)>/.exec(xf)!;
    let head = setAttr(m[0], "fillId", String(fillId));
    head = setAttr(head, "applyFill", "1");
    xf = head + xf.slice(m[0].length);
    i = base + this.newXfs.length;
    this.newXfs.push(xf);
    this.made.set(key, i);
    return i;
  }

  get used(): boolean {
    return this.newXfs.length > 0;
  }

  /** The edited part, or a new minimal one when the package had none. */
  text(): string {
    const P = this.prefix;
    const fills = (["error", "warning"] as const)
      .map(
        (k) =>
          `<${P}fill><${P}patternFill patternType="solid"><${P}fgColor rgb="${FILL[k]}"/><${P}bgColor indexed="64"/></${P}patternFill></${P}fill>`,
      )
      .join("");
    if (this.xml === undefined)
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills}</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${1 + this.newXfs.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${this.newXfs.join("")}</cellXfs></styleSheet>`;
    const xml = this.xml;
    const edits: Edit[] = [];
    const extend = (open: Span, close: Span | null, selfClosing: boolean, add: string, count: number) => {
      const tag = xml.slice(open.start, open.end);
      if (selfClosing) {
        const name = /^<([^\s/>]+)/.exec(tag)![1];
        edits.push({
          at: open.start,
          del: open.end - open.start,
          text: setAttr(tag.replace(/\s*\/>$/, ">"), "count", String(count)) + add + `</${name}>`,
        });
      } else {
        edits.push({ at: open.start, del: open.end - open.start, text: setAttr(tag, "count", String(count)) });
        edits.push({ at: close!.start, del: 0, text: add });
      }
    };
    extend(this.fillsOpen!, this.fillsAt, this.fillsSelfClosing, fills, this.fillCount + 2);
    extend(this.xfsOpen!, this.xfsAt, this.xfsSelfClosing, this.newXfs.join(""), this.xfs.length + this.newXfs.length);
    return apply(xml, edits);
  }
}

// ---------------------------------------------------------------------------------------------
// The worksheet: the blamed cells' style, rows and cells added where a blamed cell has none,
// and a <legacyDrawing> when the sheet gets its first notes.

/** Elements that come after <legacyDrawing> in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER_LEGACY = new Set([
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);

interface SheetScan {
  prefix: string;
  legacyDrawingRid: string | null;
  /** Where a <legacyDrawing> goes. */
  legacyAt: number;
  edits: Edit[];
}

function markSheet(xml: string, part: string, styleOf: Map<string, (s: number) => number>): SheetScan {
  const targets = new Map<string, { row: number; col: number; done: boolean }>();
  const byRC = new Map<string, string>(); // "row:col" → address
  const targetRows = new Map<number, { col: number; addr: string }[]>();
  for (const addr of styleOf.keys()) {
    const a = parseAddress(addr);
    if (!a) continue;
    targets.set(addr, { ...a, done: false });
    byRC.set(`${a.row}:${a.col}`, addr);
    const list = targetRows.get(a.row) ?? [];
    list.push({ col: a.col, addr });
    targetRows.set(a.row, list);
  }
  for (const list of targetRows.values()) list.sort((a, b) => a.col - b.col);
  const edits: Edit[] = [];
  let prefix = "";
  let legacyDrawingRid: string | null = null;
  let legacyAt = -1;
  let rootClose = -1;
  let afterSheetData = false;
  let sheetDataOpen: Span | null = null;
  let sheetDataSelfClosing = false;
  let sheetDataClose = -1;
  let r = -1;
  let c = -1;
  let rowOpen: Span | null = null;
  let rowSelfClosing = false;
  let rowCells: { col: number; start: number }[] = [];
  const seenRows = new Set<number>();
  const rowsBefore: { row: number; start: number }[] = []; // rows holding targets' neighbours, for inserting rows
  const newCell = (addr: string) => `<${prefix}c r="${addr}" s="${styleOf.get(addr)!(0)}"/>`;
  const fillRow = (row: number, closeStart: number) => {
    // cells of this row that are blamed but absent: inserted in column order
    const list = targetRows.get(row);
    if (!list) return;
    for (const t of list) {
      const info = targets.get(t.addr)!;
      if (info.done) continue;
      info.done = true;
      const next = rowCells.find((x) => x.col > t.col);
      const cell = newCell(t.addr);
      if (next) edits.push({ at: next.start, del: 0, text: cell });
      else if (rowSelfClosing) {
        const tag = xml.slice(rowOpen!.start, rowOpen!.end);
        edits.push({
          at: rowOpen!.start,
          del: rowOpen!.end - rowOpen!.start,
          text: tag.replace(/\s*\/>$/, ">"),
        });
        edits.push({ at: rowOpen!.end, del: 0, text: cell + `</${prefix}row>` });
      } else edits.push({ at: closeStart, del: 0, text: cell });
    }
  };
  scan(
    xml,
    part,
    (tag, at, depth) => {
      const n = local(tag.name);
      if (depth === 1) {
        prefix = prefixOf(tag.name);
        return;
      }
      if (depth === 2) {
        if (n === "sheetData") {
          sheetDataOpen = at;
          sheetDataSelfClosing = !!tag.isSelfClosing;
        } else if (afterSheetData && legacyAt < 0 && AFTER_LEGACY.has(n)) legacyAt = at.start;
        if (n === "legacyDrawing") {
          const a = tag.attributes;
          legacyDrawingRid = a["r:id"] ?? Object.entries(a).find(([k]) => local(k) === "id")?.[1] ?? "";
        }
        return;
      }
      if (depth === 3 && n === "row" && sheetDataOpen) {
        const ref = tag.attributes.r;
        const rr = ref === undefined ? NaN : Number(ref) - 1;
        r = Number.isInteger(rr) && rr >= 0 ? rr : r + 1;
        c = -1;
        rowOpen = at;
        rowSelfClosing = !!tag.isSelfClosing;
        rowCells = [];
        seenRows.add(r);
        rowsBefore.push({ row: r, start: at.start });
        return;
      }
      if (depth === 4 && n === "c" && rowOpen) {
        const ref = tag.attributes.r;
        const a = ref === undefined ? undefined : parseAddress(ref.toUpperCase());
        c = a ? a.col : c + 1;
        rowCells.push({ col: c, start: at.start });
        if (targetRows.has(r)) {
          const addr = byRC.get(`${r}:${c}`);
          if (addr && !targets.get(addr)!.done) {
            targets.get(addr)!.done = true;
            const sAttr = tag.attributes.s;
            const s = sAttr === undefined ? 0 : Number(sAttr) || 0;
            const open = xml.slice(at.start, at.end);
            edits.push({
              at: at.start,
              del: at.end - at.start,
              text: setAttr(open, "s", String(styleOf.get(addr)!(s))),
            });
          }
        }
      }
    },
    (tag, at, depth) => {
      const n = local(tag.name);
      if (depth === 3 && n === "row" && rowOpen) {
        fillRow(r, at.start);
        rowOpen = null;
      } else if (depth === 2 && n === "sheetData") {
        afterSheetData = true;
        sheetDataClose = at.start;
      } else if (depth === 1) rootClose = at.start;
    },
  );
  if (!sheetDataOpen) throw fail(`${part} không có sheetData`, `${part} has no sheetData`);
  // Rows that do not exist yet: each goes before the first row below it, or at the end of sheetData.
  const missing = [...targetRows.keys()].filter((row) => !seenRows.has(row)).sort((a, b) => a - b);
  if (missing.length) {
    const open: Span = sheetDataOpen;
    let endOfData = -1;
    if (sheetDataSelfClosing) {
      const tag = xml.slice(open.start, open.end);
      edits.push({ at: open.start, del: open.end - open.start, text: tag.replace(/\s*\/>$/, ">") });
      endOfData = open.end;
    }
    const closeIdx = endOfData >= 0 ? endOfData : sheetDataClose;
    for (const row of missing) {
      const cells = targetRows
        .get(row)!
        .filter((t) => !targets.get(t.addr)!.done)
        .map((t) => newCell(t.addr))
        .join("");
      const before = rowsBefore.find((x) => x.row > row);
      edits.push({
        at: before ? before.start : closeIdx,
        del: 0,
        text: `<${prefix}row r="${row + 1}">${cells}</${prefix}row>`,
      });
    }
    if (sheetDataSelfClosing) edits.push({ at: endOfData, del: 0, text: `</${prefix}sheetData>` });
  }
  return { prefix, legacyDrawingRid, legacyAt: legacyAt >= 0 ? legacyAt : rootClose, edits };
}

// ---------------------------------------------------------------------------------------------
// Notes: comments part and VML shapes.

interface CommentsScan {
  prefix: string;
  authors: string[];
  authorsClose: number;
  authorsOpen: Span | null;
  listClose: number;
  listOpen: Span | null;
  listSelfClosing: boolean;
  byRef: Map<string, { textOpen: Span; textClose: number; text: string }>;
}

function scanComments(xml: string, part: string): CommentsScan {
  const s: CommentsScan = {
    prefix: "",
    authors: [],
    authorsClose: -1,
    authorsOpen: null,
    listClose: -1,
    listOpen: null,
    listSelfClosing: false,
    byRef: new Map(),
  };
  let inAuthor = false;
  let author = "";
  let ref: string | null = null;
  let textOpen: Span | null = null;
  let inT = false;
  let phonetic = 0;
  let buf = "";
  scan(
    xml,
    part,
    (tag, at, depth) => {
      const n = local(tag.name);
      if (depth === 1) s.prefix = prefixOf(tag.name);
      else if (n === "authors") s.authorsOpen = at;
      else if (n === "author") {
        inAuthor = true;
        author = "";
      } else if (n === "commentList") {
        s.listOpen = at;
        s.listSelfClosing = !!tag.isSelfClosing;
      } else if (n === "comment") {
        ref = (tag.attributes.ref ?? "").toUpperCase();
        buf = "";
      } else if (n === "text" && ref !== null) textOpen = at;
      else if (n === "t") inT = phonetic === 0;
      else if (n === "rPh") phonetic++;
    },
    (tag, at) => {
      const n = local(tag.name);
      if (n === "author") {
        inAuthor = false;
        s.authors.push(author);
      } else if (n === "authors") s.authorsClose = at.start;
      else if (n === "commentList") s.listClose = at.start;
      else if (n === "t") inT = false;
      else if (n === "rPh") phonetic--;
      else if (n === "text" && ref !== null && textOpen)
        s.byRef.set(ref, { textOpen, textClose: tag.isSelfClosing ? -1 : at.start, text: buf });
      else if (n === "comment") ref = null;
    },
    (t) => {
      if (inAuthor) author += t;
      else if (inT && ref !== null) buf += t;
    },
  );
  return s;
}

function vmlShape(addr: string, id: number): string {
  const a = parseAddress(addr)!;
  const { row, col } = a;
  return `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:260pt;height:80pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 5}, 15, ${row + 5}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
}

const SHAPETYPE = `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function newVml(shapes: string, idmap: number): string {
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${SHAPETYPE}${shapes}</xml>`;
}

/** The target of `to` from part `from`, relative as Excel writes it ("../comments1.xml"). */
function relativeTarget(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

function freeName(pkg: ZipPackage, make: (n: number) => string): string {
  for (let n = 1; ; n++) if (!pkg.has(make(n))) return make(n);
}

function freeId(used: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}${n}`;
  used.add(id);
  return id;
}

function insertBeforeClose(xml: string, closeName: RegExp, text: string): string {
  let last = -1;
  for (const m of xml.matchAll(closeName)) last = m.index!;
  if (last < 0) throw fail("phần XML không đóng", "an XML part is not closed");
  return xml.slice(0, last) + text + xml.slice(last);
}

// ---------------------------------------------------------------------------------------------

interface Mark {
  severity: "error" | "warning";
  note: string;
}

function marksOf(findings: Finding[], lang: Lang): Map<string, Mark> {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const addr = f.cells[0]?.toUpperCase();
    if (addr && parseAddress(addr)) byCell.set(addr, [...(byCell.get(addr) ?? []), f]);
  }
  const out = new Map<string, Mark>();
  for (const [addr, list] of byCell)
    out.set(addr, {
      severity: list.some((f) => f.severity === "error") ? "error" : "warning",
      note: list.map((f) => `[${f.rule}] ${lang === "vi" ? f.message : f.messageEn}`).join("\n"),
    });
  return out;
}

/**
 * The unit's file with its findings marked. Throws an XlsxError (Vietnamese and English
 * messages) when the package cannot be edited; the original bytes are never changed.
 */
export function writeAnnotatedCopy(
  original: Uint8Array,
  sheets: { sheet: string; findings: Finding[] }[],
  lang: Lang = "vi",
): Uint8Array {
  try {
    return annotate(original, sheets, lang);
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    const why = String((e as Error)?.message ?? e).split("\n")[0];
    throw fail(`lỗi không lường trước (${why})`, `unexpected error (${why})`);
  }
}

function annotate(original: Uint8Array, sheets: { sheet: string; findings: Finding[] }[], lang: Lang): Uint8Array {
  const pkg = new ZipPackage(original);
  const text = (n: string) => {
    const d = pkg.read(n);
    return d === undefined ? undefined : decodeXml(d);
  };
  const rootRels = text("_rels/.rels");
  let wbPath = workbookPathOf(rootRels);
  if (!pkg.has(wbPath)) wbPath = DEFAULT_WORKBOOK;
  const wbXml = text(wbPath);
  if (wbXml === undefined) throw fail("không thấy sổ tính trong tệp", "no workbook in the package");
  const wbRelsPath = relsPathOf(wbPath);
  const plan = sheetPlan(wbXml, text(wbRelsPath), wbPath);

  // Marks per worksheet part (two sheet entries may share one part: their marks are merged).
  const byPath = new Map<string, Map<string, Mark>>();
  for (const s of sheets) {
    const found = plan.sheets.find((p) => p.name === s.sheet);
    if (!found || s.findings.length === 0) continue;
    const marks = byPath.get(found.path) ?? new Map<string, Mark>();
    for (const [addr, m] of marksOf(s.findings, lang)) if (!marks.has(addr)) marks.set(addr, m);
    byPath.set(found.path, marks);
  }
  if (byPath.size === 0) return original.slice(); // nothing to mark: the copy is the file itself

  const stylesPath =
    plan.stylesPath ??
    freeName(pkg, (n) => `${wbPath.slice(0, wbPath.lastIndexOf("/") + 1)}styles${n === 1 ? "" : n}.xml`);
  const styles = new Styles(plan.stylesPath ? text(plan.stylesPath) : undefined);
  let contentTypes = text("[content_types].xml");
  if (contentTypes === undefined) throw fail("thiếu [Content_Types].xml", "no [Content_Types].xml");
  const ctAdd: string[] = [];
  const hasDefault = (ext: string) => new RegExp(`Extension\\s*=\\s*["']${ext}["']`, "i").test(contentTypes!);

  let sheetNo = 0;
  for (const [path, marks] of byPath) {
    sheetNo++;
    const xml = text(path);
    if (xml === undefined) throw fail(`thiếu ${path}`, `${path} is missing`);
    const styleOf = new Map<string, (s: number) => number>();
    for (const [addr, m] of marks) styleOf.set(addr, (s) => styles.styleFor(s, m.severity));
    const sh = markSheet(xml, path, styleOf);

    // Notes.
    const relsPath = relsPathOf(path);
    const relsXml = text(relsPath);
    const rels = relsXml === undefined ? [] : parseRels(relsXml, relsPath);
    const usedIds = new Set(rels.map((r) => r.id));
    const newRels: string[] = [];
    const commentsRel = rels.find((r) => /\/comments$/i.test(r.type) && !r.external);
    let commentsPath = commentsRel ? resolveTarget(path, commentsRel.target) : null;
    const comments = commentsPath ? text(commentsPath) : undefined;
    if (commentsPath && comments === undefined) commentsPath = null;
    const fresh: string[] = []; // cells that get a new note (and so a new VML shape)
    if (commentsPath && comments !== undefined) {
      const cs = scanComments(comments, commentsPath);
      const P = cs.prefix;
      const edits: Edit[] = [];
      let authorId = cs.authors.indexOf("phuluc02");
      if (authorId < 0) {
        authorId = cs.authors.length;
        if (cs.authorsOpen && cs.authorsClose >= 0)
          edits.push({ at: cs.authorsClose, del: 0, text: `<${P}author>phuluc02</${P}author>` });
        else throw fail(`${commentsPath} không có danh sách tác giả`, `${commentsPath} has no authors`);
      }
      const added: string[] = [];
      for (const [addr, m] of marks) {
        const old = cs.byRef.get(addr);
        if (old) {
          const user = old.text.split(MARK)[0].trimEnd();
          const body = `<${P}r><${P}t xml:space="preserve">${esc(clip(user ? `${user}\n${MARK}\n${m.note}` : m.note))}</${P}t></${P}r>`;
          if (old.text.includes(MARK) || old.textClose < 0) {
            // our own earlier note: the user's text kept, ours replaced
            const openTag = comments.slice(old.textOpen.start, old.textOpen.end).replace(/\s*\/>$/, ">");
            const closeAt = old.textClose < 0 ? old.textOpen.end : old.textClose;
            edits.push({
              at: old.textOpen.start,
              del: closeAt - old.textOpen.start,
              text: openTag + body + (old.textClose < 0 ? `</${P}text>` : ""),
            });
          } else
            edits.push({
              at: old.textClose,
              del: 0,
              text: `<${P}r><${P}t xml:space="preserve">${esc(clip(`\n${MARK}\n${m.note}`))}</${P}t></${P}r>`,
            });
        } else {
          added.push(
            `<${P}comment ref="${addr}" authorId="${authorId}"><${P}text><${P}r><${P}t xml:space="preserve">${esc(clip(m.note))}</${P}t></${P}r></${P}text></${P}comment>`,
          );
          fresh.push(addr);
        }
      }
      if (added.length) {
        if (cs.listOpen && !cs.listSelfClosing) edits.push({ at: cs.listClose, del: 0, text: added.join("") });
        else if (cs.listOpen) {
          const tag = comments.slice(cs.listOpen.start, cs.listOpen.end).replace(/\s*\/>$/, ">");
          edits.push({
            at: cs.listOpen.start,
            del: cs.listOpen.end - cs.listOpen.start,
            text: tag + added.join("") + `</${P}commentList>`,
          });
        } else throw fail(`${commentsPath} không có commentList`, `${commentsPath} has no commentList`);
      }
      pkg.write(commentsPath, apply(comments, edits));
    } else {
      commentsPath = freeName(pkg, (n) => `xl/comments${n}.xml`);
      const list = [...marks].map(
        ([addr, m]) =>
          `<comment ref="${addr}" authorId="0"><text><r><t xml:space="preserve">${esc(clip(m.note))}</t></r></text></comment>`,
      );
      fresh.push(...marks.keys());
      pkg.write(
        commentsPath,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors><author>phuluc02</author></authors><commentList>${list.join("")}</commentList></comments>`,
      );
      newRels.push(
        `<Relationship Id="${freeId(usedIds, "rIdPl02c")}" Type="${REL}/comments" Target="${relativeTarget(path, commentsPath)}"/>`,
      );
      ctAdd.push(`<Override PartName="/${commentsPath}" ContentType="${CT_COMMENTS}"/>`);
    }

    // VML shapes for the new notes.
    const vmlRel = sh.legacyDrawingRid ? rels.find((r) => r.id === sh.legacyDrawingRid && !r.external) : undefined;
    const vmlPath = vmlRel ? resolveTarget(path, vmlRel.target) : null;
    const vml = vmlPath ? text(vmlPath) : undefined;
    const sheetEdits = sh.edits;
    if (fresh.length) {
      if (vmlPath && vml !== undefined) {
        // Shape ids live in the 1024-id blocks the drawing's o:idmap declares: continue after its last.
        const block = /idmap\b[^>]*?\bdata\s*=\s*["']\s*(\d+)/.exec(vml);
        let top = block ? 1024 * Number(block[1]) : 1024 * (1000 + sheetNo);
        for (const m of vml.matchAll(/_x0000_s(\d+)/g)) top = Math.max(top, Number(m[1]));
        const shapes = fresh.map((addr) => vmlShape(addr, ++top)).join("");
        const withType = /id\s*=\s*["']_x0000_t202["']/.test(vml) ? shapes : SHAPETYPE + shapes;
        pkg.write(vmlPath, insertBeforeClose(vml, /<\/xml\s*>/gi, withType));
      } else {
        if (sh.legacyDrawingRid)
          throw fail(`${path}: hình vẽ ghi chú cũ không đọc được`, `${path}: its note drawing cannot be read`);
        const newVmlPath = freeName(pkg, (n) => `xl/drawings/vmlDrawing${n}.vml`);
        let id = 1024 * (1000 + sheetNo);
        pkg.write(newVmlPath, newVml(fresh.map((addr) => vmlShape(addr, ++id)).join(""), 1000 + sheetNo));
        const rid = freeId(usedIds, "rIdPl02v");
        newRels.push(
          `<Relationship Id="${rid}" Type="${REL}/vmlDrawing" Target="${relativeTarget(path, newVmlPath)}"/>`,
        );
        if (!hasDefault("vml") && !ctAdd.some((x) => x.includes('Extension="vml"')))
          ctAdd.push(`<Default Extension="vml" ContentType="${CT_VML}"/>`);
        sheetEdits.push({
          at: sh.legacyAt,
          del: 0,
          text: `<${sh.prefix}legacyDrawing xmlns:r="${REL}" r:id="${rid}"/>`,
        });
      }
    }
    pkg.write(path, apply(xml, sheetEdits));
    if (newRels.length) {
      const relsText =
        relsXml ??
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
      pkg.write(relsPath, insertBeforeClose(relsText, /<\/([\w.-]+:)?Relationships\s*>/g, newRels.join("")));
    }
  }

  if (styles.used) {
    pkg.write(stylesPath, styles.text());
    if (!plan.stylesPath) {
      const wbRels = text(wbRelsPath);
      if (wbRels === undefined) throw fail("thiếu quan hệ của sổ tính", "no workbook relationships");
      const ids = new Set(parseRels(wbRels, wbRelsPath).map((r) => r.id));
      pkg.write(
        wbRelsPath,
        insertBeforeClose(
          wbRels,
          /<\/([\w.-]+:)?Relationships\s*>/g,
          `<Relationship Id="${freeId(ids, "rIdPl02s")}" Type="${REL}/styles" Target="${relativeTarget(wbPath, stylesPath)}"/>`,
        ),
      );
      ctAdd.push(`<Override PartName="/${stylesPath}" ContentType="${CT_STYLES}"/>`);
    }
  }
  if (ctAdd.length) {
    contentTypes = insertBeforeClose(contentTypes, /<\/([\w.-]+:)?Types\s*>/g, ctAdd.join(""));
    pkg.write("[content_types].xml", contentTypes);
  }
  return pkg.toBytes();
}
