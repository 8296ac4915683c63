/**
 * A fast path for the XML a merge reads in every file: the workbook, its relationships, the core
 * properties, the shared strings and the parts of a worksheet around its cells (sheet-scan.ts
 * reads the cells themselves). It walks the tags with indexOf and charCodeAt instead of a general
 * XML parser (saxes spends most of a merge's time looking at every character) and calls the same
 * element handlers as the full parser in ../read/saxes-driver.ts.
 *
 * It checks what it walks as saxes would — the characters XML allows, names, attribute syntax and
 * duplicates, entities, "]]>" in text, tags closing as they opened, one root after a plain XML
 * declaration — and gives up, so that the caller runs the full parser, on anything it is not sure
 * of: CDATA, a comment, a processing instruction or DOCTYPE, an entity other than XML's five and
 * character references, a name with a character outside ASCII, an XML declaration other than
 * version 1.0. When it answers, it answers what the full parser would; when the document is
 * malformed, it gives up and the full parser's error is the one reported.
 *
 * Element names reach the handlers without their prefix, as the full parser's names do in
 * ../read/saxes-driver.ts (saxes runs without namespaces: "x:c" is an element named "x:c" whose
 * local name is "c"); attribute names are exact ("r:id"), with a look-up by local name on request.
 */

/** Reads one attribute of the element being opened: by exact name, or else, with `anyPrefix`, the first whose local name it is. */
export type AttrReader = (name: string, anyPrefix?: boolean) => string | undefined;

export interface ScanHandlers {
  /** An element opens (its local name); false makes the scan give up (the full parser decides). */
  open(name: string, attr: AttrReader): void | boolean;
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

/** A code point XML 1.0 allows (its Char production). */
function isXmlChar(code: number): boolean {
  return code >= 0x20
    ? code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
    : code === 9 || code === 10 || code === 13;
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
    if (!isXmlChar(code)) bad = true;
    return bad ? "" : String.fromCodePoint(code);
  });
  return bad || refs !== count(s, "&") ? null : out;
}

/** An attribute value as the parser reports it: each white-space character a space (CR LF one), then decoded. */
function decodeXmlAttr(raw: string): string | null {
  return decodeXmlText(raw.replace(/\r\n?|[\t\n]/g, " "));
}

/** XML white space. */
export function isSpace(k: number): boolean {
  return k === 32 || k === 10 || k === 9 || k === 13;
}

/** A character that may start a name, ASCII only (the scanner gives up on the others). */
export function isNameStart(k: number): boolean {
  const l = k | 0x20;
  return (l >= 97 && l <= 122) || k === 95 || k === 58;
}

/** A character that may continue a name, ASCII only. */
export function isNameChar(k: number): boolean {
  const l = k | 0x20;
  return (l >= 97 && l <= 122) || (k >= 48 && k <= 58) || k === 95 || k === 45 || k === 46;
}

/** Whether xml[a, a + len) and xml[b, b + len) are the same characters (two names of a tag). */
export function sameChars(xml: string, a: number, b: number, len: number): boolean {
  for (let j = 0; j < len; j++) if (xml.charCodeAt(a + j) !== xml.charCodeAt(b + j)) return false;
  return true;
}

/** Character data that needs no decoding. */
export const TEXT_PLAIN = 0;
/** Character data with "&" or CR: decodeXmlText gives what the parser reports (or null: refused). */
export const TEXT_DECODE = 1;
/** Character data the parser refuses (or might): a character XML forbids, a lone surrogate, "]]>". */
export const TEXT_BAD = -1;

/** What character data in [from, to) is, as far as XML is concerned (TEXT_PLAIN, TEXT_DECODE or TEXT_BAD). */
export function textKind(xml: string, from: number, to: number): number {
  let kind = TEXT_PLAIN;
  for (let i = from; i < to; i++) {
    const k = xml.charCodeAt(i);
    if (k < 0x20) {
      if (k === 13) kind = TEXT_DECODE;
      else if (k !== 10 && k !== 9) return TEXT_BAD;
    } else if (k === 38) kind = TEXT_DECODE;
    else if (k === 93) {
      if (i + 2 < to && xml.charCodeAt(i + 1) === 93 && xml.charCodeAt(i + 2) === 62) return TEXT_BAD;
    } else if (k >= 0xd800) {
      if (k < 0xdc00) {
        const next = xml.charCodeAt(i + 1);
        if (i + 1 < to && next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
        return TEXT_BAD;
      }
      if (k < 0xe000 || k >= 0xfffe) return TEXT_BAD;
    }
  }
  return kind;
}

/** Flags of an attribute value. */
const VALUE_SPACE = 1; // holds TAB, LF or CR: normalised to spaces
const VALUE_ENTITY = 2; // holds "&": decoded

/**
 * Where the quoted value that starts at `open` (a quote) ends: the index of its closing quote, or
 * -1 when the value holds "<", a character XML forbids, a bad reference, or does not end. Its
 * VALUE_* flags go to `out.flags`.
 */
export function scanAttrValue(xml: string, open: number, out: { flags: number }): number {
  const q = xml.charCodeAt(open);
  let flags = 0;
  for (let i = open + 1; ; i++) {
    const k = xml.charCodeAt(i);
    if (k > 60 && k < 0xd800) continue; // letters and the like: the usual case
    if (k === q) {
      if ((flags & VALUE_ENTITY) !== 0 && decodeXmlText(xml.slice(open + 1, i)) === null) return -1;
      out.flags = flags;
      return i;
    }
    if (k < 0x20) {
      if (k === 10 || k === 9 || k === 13) flags |= VALUE_SPACE;
      else return -1; // a forbidden character, or the end (NaN is not < 0x20: see below)
    } else if (k === 38) flags |= VALUE_ENTITY;
    else if (k === 60) return -1;
    else if (k >= 0xd800) {
      if (k < 0xdc00) {
        const next = xml.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
        return -1;
      }
      if (k < 0xe000 || k >= 0xfffe) return -1;
    } else if (k !== k) return -1; // NaN: the document ended inside the value
  }
}

/** The value of the attribute whose value is xml[from, to) with VALUE_* `flags`; null when refused. */
function attrValue(xml: string, from: number, to: number, flags: number): string | null {
  const raw = xml.slice(from, to);
  return flags === 0 ? raw : decodeXmlAttr(raw);
}

/** The names of common elements, without a new string for each tag that repeats them. */
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
    case 5:
      if (k === 115 && xml.startsWith("sheet", s)) return "sheet";
      break;
    case 12:
      if (k === 82 && xml.startsWith("Relationship", s)) return "Relationship";
      break;
  }
  return xml.slice(s, e);
}

/** "x:c" → "c" (saxes without namespaces: the local name is what follows the first colon). */
function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** The attributes of the tag being read: where each name and value sits, read on request. */
class Attrs {
  readonly xml: string;
  /** [nameStart, nameEnd, valueStart, valueEnd, flags] × n. */
  private pos: number[] = [];
  private n = 0;
  /** The index after the tag's ">" once `parse` succeeded, and whether it ended with "/>". */
  end = 0;
  selfClosing = false;
  /** Set when a value could not be decoded; the scan then gives up. */
  failed = false;
  private readonly value = { flags: 0 };

  constructor(xml: string) {
    this.xml = xml;
  }

  /**
   * Reads the attributes from `i` (just after the element's name) to the tag's end; false when
   * they are not plain `name="value"` pairs separated by white space, or a name repeats.
   */
  parse(i: number): boolean {
    const xml = this.xml;
    const pos = this.pos;
    this.n = 0;
    for (;;) {
      const before = i;
      let k = xml.charCodeAt(i);
      while (isSpace(k)) k = xml.charCodeAt(++i);
      if (k === 62 /* > */) {
        this.end = i + 1;
        this.selfClosing = false;
        return true;
      }
      if (k === 47 /* / */) {
        if (xml.charCodeAt(i + 1) !== 62) return false;
        this.end = i + 2;
        this.selfClosing = true;
        return true;
      }
      if (i === before || !isNameStart(k)) return false; // attributes are separated by white space
      const nameStart = i;
      do k = xml.charCodeAt(++i);
      while (isNameChar(k));
      const nameEnd = i;
      while (isSpace(k)) k = xml.charCodeAt(++i);
      if (k !== 61 /* = */) return false;
      do k = xml.charCodeAt(++i);
      while (isSpace(k));
      if (k !== 34 && k !== 39) return false;
      const close = scanAttrValue(xml, i, this.value);
      if (close < 0) return false;
      const len = nameEnd - nameStart;
      for (let a = 0; a < this.n * 5; a += 5) {
        if (pos[a + 1] - pos[a] === len && sameChars(xml, pos[a], nameStart, len)) return false; // repeated
      }
      const p = this.n * 5;
      pos[p] = nameStart;
      pos[p + 1] = nameEnd;
      pos[p + 2] = i + 1;
      pos[p + 3] = close;
      pos[p + 4] = this.value.flags;
      this.n++;
      i = close + 1;
    }
  }

  get: AttrReader = (name, anyPrefix) => {
    const xml = this.xml;
    const pos = this.pos;
    const end = this.n * 5;
    let a = 0;
    for (; a < end; a += 5) {
      if (pos[a + 1] - pos[a] === name.length && xml.startsWith(name, pos[a])) break;
    }
    if (a === end && anyPrefix) {
      for (a = 0; a < end; a += 5) {
        let colon = pos[a];
        while (colon < pos[a + 1] && xml.charCodeAt(colon) !== 58) colon++;
        if (colon < pos[a + 1] && pos[a + 1] - colon - 1 === name.length && xml.startsWith(name, colon + 1)) break;
      }
    }
    if (a === end) return undefined;
    const v = attrValue(xml, pos[a + 2], pos[a + 3], pos[a + 4]);
    if (v === null) this.failed = true;
    return v ?? undefined;
  };
}

const XML_DECL =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.0"|'1\.0')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

/**
 * Walks a document's tags in order, checking them, and drives handlers. A walk can be split in
 * stretches (`walk(to)`) so that another scanner reads what lies between (sheet-scan.ts).
 */
export class XmlWalk {
  readonly xml: string;
  pos = 0;
  /** Names of the open elements (as written, prefixed or not), outermost first. */
  readonly stack: string[] = [];
  /** A fragment: the walk starts inside the root, elements may follow each other at the top. */
  private readonly fragment: boolean;
  private rootSeen = false;
  private readonly attrs: Attrs;

  constructor(xml: string, fragment = false) {
    this.xml = xml;
    this.fragment = fragment;
    this.attrs = new Attrs(xml);
  }

  /** Skips a BOM, a plain XML declaration and white space up to the root; false when unusual. */
  prolog(): boolean {
    const xml = this.xml;
    let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (xml.startsWith("<?xml", i)) {
      XML_DECL.lastIndex = i;
      if (!XML_DECL.test(xml)) return false;
      i = XML_DECL.lastIndex;
    }
    while (isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 60 || !isNameStart(xml.charCodeAt(i + 1))) return false;
    this.pos = i;
    return true;
  }

  /** The document ends here: the root closed, nothing but white space after it. */
  end(): boolean {
    return this.pos === this.xml.length && this.stack.length === 0 && this.rootSeen;
  }

  /**
   * Walks from `pos` to exactly `to` (a tag's end or the document's), calling `h`; false when it
   * met something it leaves to the full parser.
   */
  walk(to: number, h: ScanHandlers): boolean {
    const xml = this.xml;
    const stack = this.stack;
    const attrs = this.attrs;
    let i = this.pos;
    while (i < to) {
      let lt = xml.indexOf("<", i);
      if (lt < 0 || lt > to) lt = to;
      if (lt > i) {
        if (stack.length === 0 && !this.fragment) {
          // Outside the root: white space only.
          for (let j = i; j < lt; j++) if (!isSpace(xml.charCodeAt(j))) return false;
        } else {
          const kind = textKind(xml, i, lt);
          if (kind === TEXT_BAD) return false;
          if (h.wantText()) {
            const t = kind === TEXT_PLAIN ? xml.slice(i, lt) : decodeXmlText(xml.slice(i, lt));
            if (t === null) return false;
            h.text(t);
          } else if (kind === TEXT_DECODE && decodeXmlText(xml.slice(i, lt)) === null) return false;
        }
      }
      if (lt >= to) {
        i = lt;
        break;
      }
      const first = xml.charCodeAt(lt + 1);
      if (first === 47 /* / */) {
        const s = lt + 2;
        let e = s;
        if (!isNameStart(xml.charCodeAt(e))) return false;
        while (isNameChar(xml.charCodeAt(++e)));
        let k = xml.charCodeAt(e);
        let gt = e;
        while (isSpace(k)) k = xml.charCodeAt(++gt);
        if (k !== 62) return false;
        const top = stack.pop();
        if (top === undefined || top.length !== e - s || !xml.startsWith(top, s)) return false;
        h.close(localName(top));
        i = gt + 1;
      } else {
        if (!isNameStart(first)) return false; // comment, CDATA, DOCTYPE, processing instruction, junk
        if (stack.length === 0 && this.rootSeen && !this.fragment) return false; // a second root
        const s = lt + 1;
        let e = s;
        while (isNameChar(xml.charCodeAt(++e)));
        if (!attrs.parse(e)) return false;
        const name = tagName(xml, s, e);
        const local = localName(name);
        this.rootSeen = true;
        if (h.open(local, attrs.get) === false || attrs.failed) return false;
        if (attrs.selfClosing) h.close(local);
        else stack.push(name);
        i = attrs.end;
      }
    }
    this.pos = i;
    return i === to;
  }
}

/** Walks a whole document with handlers; false when it left it to the full parser. */
export function scanDocument(xml: string, h: ScanHandlers): boolean {
  const w = new XmlWalk(xml);
  return w.prolog() && w.walk(xml.length, h) && w.end();
}

/**
 * Walks the elements in [from, to), content of an element already open; false when it met
 * something it leaves to the full parser. Tags must nest properly within the span.
 */
export function scanElements(xml: string, from: number, to: number, h: ScanHandlers): boolean {
  const w = new XmlWalk(xml, true);
  w.pos = from;
  return w.walk(to, h) && w.stack.length === 0;
}

/**
 * The span of a worksheet's <sheetData> content, [from, to), from the first "<sheetData" to the
 * last "</sheetData>" (a search from each end: the cells between are not looked at); empty for
 * <sheetData/>; null when there is no such unprefixed element. That the span holds what it seems
 * to is for the scanners to tell: the walk up to `from` must end there with "sheetData" open, and
 * the content must be balanced (a second <sheetData> after the first closes is not).
 */
export function sheetDataSpan(xml: string): [number, number] | null {
  const open = xml.indexOf("<sheetData");
  if (open < 0) return null;
  const after = xml.charCodeAt(open + 10);
  if (!(after === 62 || after === 47 || isSpace(after))) return null;
  const gt = xml.indexOf(">", open);
  if (gt < 0) return null;
  if (xml.charCodeAt(gt - 1) === 47) return [gt + 1, gt + 1];
  const close = xml.lastIndexOf("</sheetData>");
  return close > gt ? [gt + 1, close] : null;
}
