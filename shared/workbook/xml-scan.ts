/**
 * A fast path for the XML a merge reads in every file: a worksheet's cell data and the shared
 * strings. It walks the tags with indexOf instead of a general XML parser (saxes spends most of
 * a merge's time looking at every character) and calls the same element handlers as the full
 * parser in read.ts. It understands plain SpreadsheetML as Excel, LibreOffice and the common
 * libraries write it, and gives up — returns false, so that the caller runs the full parser —
 * on anything else: a namespace prefix on an element, CDATA, a comment, a processing
 * instruction or DOCTYPE, an entity other than XML's five and character references, a tag that
 * does not close as it opened, an attribute it cannot read. When it answers, it answers what the
 * full parser would.
 *
 * Only the content of <sheetData> (worksheets) or the root's content (shared strings) is walked;
 * the rest of a worksheet (formats, merges, drawings) is not read at all.
 */

export interface ScanHandlers {
  /** An element opens; `attr(name)` reads one of its attributes (exact name). */
  open(name: string, attr: (name: string) => string | undefined): void;
  close(name: string): void;
  /** Decoded character data between two tags; only asked for while `wantText()` is true. */
  text(s: string): void;
  wantText(): boolean;
}

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Character data with XML's end-of-line handling, its five entities and character references
 * decoded; null for any other "&" (the full parser decides on those) or a code point XML forbids.
 */
export function decodeXmlText(s: string): string | null {
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  if (s.indexOf("&") < 0) return s;
  let refs = 0;
  let bad = false;
  const out = s.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    refs++;
    if (name) return NAMED[name];
    const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bad = true;
    return bad ? "" : String.fromCodePoint(code);
  });
  return bad || refs !== count(s, "&") ? null : out;
}

function isSpace(k: number): boolean {
  return k === 32 || k === 9 || k === 10 || k === 13;
}

/** Where each attribute of the current tag sits: [nameStart, nameEnd, valueStart, valueEnd] × n. */
class Attrs {
  xml = "";
  pos: number[] = [];
  n = 0;
  /** Set when a value could not be decoded; the scan then gives up. */
  failed = false;

  /** Records the attributes in [from, to); false when their syntax is not plain `name="value"`. */
  parse(from: number, to: number): boolean {
    const xml = this.xml;
    this.n = 0;
    let i = from;
    for (;;) {
      const before = i;
      while (i < to && isSpace(xml.charCodeAt(i))) i++;
      if (i >= to) return true;
      if (i === before && this.n > 0) return false; // attributes must be separated by white space
      const nameStart = i;
      while (i < to) {
        const k = xml.charCodeAt(i);
        if (k === 61 /* = */ || isSpace(k) || k === 34 || k === 39 || k === 60) break;
        i++;
      }
      const nameEnd = i;
      if (nameEnd === nameStart) return false;
      while (i < to && isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== 61) return false;
      i++;
      while (i < to && isSpace(xml.charCodeAt(i))) i++;
      const q = xml.charCodeAt(i);
      if (q !== 34 && q !== 39) return false;
      const close = xml.indexOf(q === 34 ? '"' : "'", i + 1);
      // A quote closing past the tag's ">" means that ">" was inside the value.
      if (close < 0 || close >= to) return false;
      const p = this.n * 4;
      this.pos[p] = nameStart;
      this.pos[p + 1] = nameEnd;
      this.pos[p + 2] = i + 1;
      this.pos[p + 3] = close;
      this.n++;
      i = close + 1;
    }
  }

  get = (name: string): string | undefined => {
    const xml = this.xml;
    for (let a = 0; a < this.n; a++) {
      const p = a * 4;
      const s = this.pos[p];
      if (this.pos[p + 1] - s !== name.length || !xml.startsWith(name, s)) continue;
      const raw = xml.slice(this.pos[p + 2], this.pos[p + 3]);
      if (raw.indexOf("<") >= 0) {
        this.failed = true;
        return undefined;
      }
      // Attribute-value normalisation: each white-space character becomes a space.
      const v = decodeXmlText(/[\t\n\r]/.test(raw) ? raw.replace(/[\t\n\r]/g, " ") : raw);
      if (v === null) this.failed = true;
      return v ?? undefined;
    }
    return undefined;
  };
}

/** True when [from, to) holds no "&" and no "]": nothing to decode or refuse (the usual case). */
function plainText(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const k = xml.charCodeAt(i);
    if (k === 38 || k === 93) return false;
  }
  return true;
}

/** The element name in [s, e), without a new string for the names every sheet repeats. */
function tagName(xml: string, s: number, e: number): string {
  const k = xml.charCodeAt(s);
  switch (e - s) {
    case 1:
      if (k === 99) return "c";
      if (k === 118) return "v";
      if (k === 116) return "t";
      if (k === 102) return "f";
      if (k === 114) return "r";
      break;
    case 2:
      if (k === 115 && xml.charCodeAt(s + 1) === 105) return "si";
      if (k === 105 && xml.charCodeAt(s + 1) === 115) return "is";
      break;
    case 3:
      if (k === 114 && xml.startsWith("row", s)) return "row";
      if (k === 114 && xml.startsWith("rPh", s)) return "rPh";
      if (k === 114 && xml.startsWith("rPr", s)) return "rPr";
      break;
  }
  return xml.slice(s, e);
}

/**
 * Walks the elements in [from, to); false when it met something it leaves to the full parser.
 * Tags must nest properly within the span.
 */
export function scanElements(xml: string, from: number, to: number, h: ScanHandlers): boolean {
  const attrs = new Attrs();
  attrs.xml = xml;
  const stack: string[] = [];
  let i = from;
  while (i < to) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 || lt > to ? to : lt;
    if (textEnd > i) {
      if (h.wantText()) {
        const raw = xml.slice(i, textEnd);
        if (raw.indexOf("]]>") >= 0) return false; // not allowed in text
        const t = decodeXmlText(raw);
        if (t === null) return false;
        h.text(t);
      } else if (!plainText(xml, i, textEnd)) {
        // Text nobody reads still may not hold what the full parser refuses.
        const raw = xml.slice(i, textEnd);
        if (raw.indexOf("]]>") >= 0 || decodeXmlText(raw) === null) return false;
      }
    }
    if (textEnd >= to) break;
    const gt = xml.indexOf(">", lt + 1);
    if (gt < 0 || gt >= to) return false;
    const first = xml.charCodeAt(lt + 1);
    if (first === 33 /* ! */ || first === 63 /* ? */) return false; // comment, CDATA, DOCTYPE, PI
    if (first === 47 /* / */) {
      let e = gt;
      while (e > lt + 2 && isSpace(xml.charCodeAt(e - 1))) e--;
      const name = tagName(xml, lt + 2, e);
      if (stack.pop() !== name) return false;
      h.close(name);
    } else {
      let n = lt + 1;
      while (n < gt) {
        const k = xml.charCodeAt(n);
        if (isSpace(k) || k === 47) break;
        n++;
      }
      const name = tagName(xml, lt + 1, n);
      if (name.length === 0 || name.indexOf(":") >= 0) return false;
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      if (!attrs.parse(n, selfClosing ? gt - 1 : gt)) return false;
      h.open(name, attrs.get);
      if (attrs.failed) return false;
      if (selfClosing) h.close(name);
      else stack.push(name);
    }
    i = gt + 1;
  }
  return stack.length === 0;
}

/**
 * The span of a worksheet's <sheetData> content, [from, to): empty for <sheetData/>, null when
 * it is not there as one plain, unprefixed element after nothing but ordinary tags.
 */
export function sheetDataSpan(xml: string): [number, number] | null {
  const open = xml.indexOf("<sheetData");
  if (open < 0) return null;
  const after = xml.charCodeAt(open + 10);
  if (!(after === 62 || after === 47 || isSpace(after))) return null;
  // A comment, CDATA or DOCTYPE before it could hide or fake it: the full parser decides.
  if (xml.lastIndexOf("<!", open) >= 0) return null;
  const gt = xml.indexOf(">", open);
  if (gt < 0) return null;
  if (xml.charCodeAt(gt - 1) === 47) return [gt + 1, gt + 1];
  const close = xml.indexOf("</sheetData>", gt);
  if (close < 0 || xml.indexOf("<sheetData", gt) >= 0) return null;
  return [gt + 1, close];
}

/** The span of the root element's content, after the XML declaration; null when unusual. */
export function rootContentSpan(xml: string): [number, number] | null {
  let i = 0;
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  if (xml.startsWith("<?xml", i)) {
    const end = xml.indexOf("?>", i);
    if (end < 0) return null;
    i = end + 2;
  }
  const lt = xml.indexOf("<", i);
  if (lt < 0 || xml.slice(i, lt).trim() !== "") return null;
  const c = xml.charCodeAt(lt + 1);
  if (c === 33 || c === 63 || c === 47) return null;
  const gt = xml.indexOf(">", lt);
  if (gt < 0 || xml.charCodeAt(gt - 1) === 47) return null;
  let n = lt + 1;
  while (n < gt && !isSpace(xml.charCodeAt(n)) && xml.charCodeAt(n) !== 47) n++;
  const root = xml.slice(lt + 1, n);
  const attrs = new Attrs();
  attrs.xml = xml;
  if (root.indexOf(":") >= 0 || !attrs.parse(n, gt)) return null;
  const closeTag = `</${root}>`;
  const close = xml.lastIndexOf(closeTag);
  if (close < gt || xml.slice(close + closeTag.length).trim() !== "") return null;
  return [gt + 1, close];
}

/**
 * Walks the tags in [from, to) only to follow their nesting (prefixes, comments, CDATA and
 * processing instructions allowed): the depth at `to`, starting from `depth`, or -1 when the
 * markup is not plain enough to tell (a broken tag, a DOCTYPE). Calls `tooDeep` when an element
 * opens deeper than `maxDepth`, as the full parser would. For the parts of a worksheet around
 * <sheetData> that the fast path does not read: it must still refuse what the full parser would.
 */
export function nestingDepth(
  xml: string,
  from: number,
  to: number,
  depth: number,
  maxDepth: number,
  tooDeep: () => never,
): number {
  let i = from;
  while (i < to) {
    const lt = xml.indexOf("<", i);
    if (lt < 0 || lt >= to) return depth;
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end < 0 || end + 3 > to) return -1;
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0 || end + 3 > to) return -1;
        i = end + 3;
      } else return -1; // DOCTYPE: the full parser decides
      continue;
    }
    if (next === 63 /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0 || end + 2 > to) return -1;
      i = end + 2;
      continue;
    }
    // The tag's end: the first ">" outside quotes.
    let q = 0;
    let j = lt + 1;
    for (; j < to; j++) {
      const k = xml.charCodeAt(j);
      if (q) {
        if (k === q) q = 0;
      } else if (k === 34 || k === 39) q = k;
      else if (k === 62) break;
    }
    if (j >= to) return -1;
    if (next === 47 /* / */) {
      if (--depth < 0) return -1;
    } else if (xml.charCodeAt(j - 1) !== 47) {
      if (++depth > maxDepth) tooDeep();
    }
    i = j + 1;
  }
  return depth;
}
