/**
 * The fastest path through a worksheet: the content of <sheetData> in the plain shape every
 * spreadsheet program writes — <row> elements holding <c> cells, each holding <v>, <f> and
 * <is><t> elements with text — read in one loop, with no call per tag and no string for what is
 * not kept (the spans, styles and row heights are checked, not read).
 *
 * It checks what it reads as the full parser would (xml-scan.ts) and gives up — returns false,
 * so that the caller runs the general scanner, then the full parser — on any other element or
 * markup (a prefix, rich or phonetic inline text, an extension list, a comment), on a reference
 * or type attribute with an entity or white space in it, and on anything malformed. When it
 * answers, it gives the cells the element handlers in ../read (worksheet.ts) would have given.
 */
import {
  decodeXmlText,
  isNameChar,
  isNameStart,
  isSpace,
  sameChars,
  scanAttrValue,
  TEXT_BAD,
  TEXT_PLAIN,
  textKind,
} from "./xml-scan";

/** A non-negative decimal integer in s[from, to) (surrounding spaces allowed), or -1. */
export function parseIndexAt(s: string, from: number, to: number): number {
  let i = from;
  let end = to;
  while (i < end && s.charCodeAt(i) <= 32) i++;
  while (end > i && s.charCodeAt(end - 1) <= 32) end--;
  if (i === end) return -1;
  let r = 0;
  for (; i < end; i++) {
    const k = s.charCodeAt(i) - 48;
    if (k < 0 || k > 9) return -1;
    r = r * 10 + k;
    if (r > 1e9) return -1;
  }
  return r;
}

/**
 * Where the cells go, as the r attributes of <row> and <c> say, or by counting when they are
 * absent or unreadable. The fast path and the element handlers share it.
 */
export class CellCursor {
  /** Current row, 0-based. */
  r = -1;
  /** Current column, 0-based. */
  c = -1;
  /** Row of the current cell. */
  cellRow = -1;

  /** A <row> opens; its r attribute is s[from, to), from < 0 when absent. */
  row(s: string, from: number, to: number): void {
    const rr = from < 0 ? -1 : parseIndexAt(s, from, to) - 1; // 1-based in the file
    this.r = rr >= 0 ? rr : this.r + 1;
    this.c = -1;
  }

  /** A <c> opens; its r attribute ("AB12", "AB" or junk) is s[from, to), from < 0 when absent. */
  cell(s: string, from: number, to: number): void {
    let col = -1;
    this.cellRow = this.r;
    if (from >= 0) {
      let c = 0;
      let i = from;
      let ok = true;
      for (; i < to; i++) {
        const k = s.charCodeAt(i) | 0x20; // lower case
        if (k < 97 || k > 122) break;
        c = c * 26 + (k - 96);
        if (c > 1e6) {
          ok = false;
          break;
        }
      }
      let r = 0;
      const digitsFrom = i;
      if (ok) {
        for (; i < to; i++) {
          const k = s.charCodeAt(i) - 48;
          if (k < 0 || k > 9 || (r = r * 10 + k) > 1e9) {
            ok = false;
            break;
          }
        }
      }
      if (ok) {
        col = c - 1;
        if (i > digitsFrom && r > 0) this.cellRow = this.r = r - 1;
      }
    }
    this.c = col >= 0 ? col : this.c + 1;
  }
}

export interface CellSink {
  /**
   * A cell with a value or a formula closed at `row`, `col`. Its value's text is `text`, or,
   * when `text` is null, xml[from, to) as written (nothing to decode). `formula`: it holds one.
   */
  cell(
    row: number,
    col: number,
    type: string,
    hasValue: boolean,
    text: string | null,
    from: number,
    to: number,
    formula: boolean,
  ): void;
}

/** The cell types a file writes, without a new string for each cell. */
function cellType(xml: string, from: number, to: number): string {
  if (from < 0) return "";
  const k = xml.charCodeAt(from);
  switch (to - from) {
    case 1:
      if (k === 115) return "s";
      if (k === 110) return "n";
      if (k === 98) return "b";
      if (k === 101) return "e";
      if (k === 100) return "d";
      break;
    case 3:
      if (xml.startsWith("str", from)) return "str";
      break;
    case 9:
      if (xml.startsWith("inlineStr", from)) return "inlineStr";
      break;
  }
  return xml.slice(from, to);
}

const MAX_ATTRS = 16;

/** One pass over a <sheetData>'s content. */
class SheetScan {
  readonly xml: string;
  /** After `attrs`: the index after the tag, whether it was "/>", and where r and t are (-1: absent). */
  end = 0;
  selfClosing = false;
  rFrom = -1;
  rTo = -1;
  tFrom = -1;
  tTo = -1;
  /** Set when r or t needs decoding (an entity, white space): the fast path leaves that to others. */
  unusual = false;
  private readonly names = new Int32Array(MAX_ATTRS * 2);
  private readonly value = { flags: 0 };

  constructor(xml: string) {
    this.xml = xml;
  }

  /** Reads the attributes from `i` (just after the element's name) to the tag's end; false when unusual. */
  attrs(i: number): boolean {
    const xml = this.xml;
    const names = this.names;
    let n = 0;
    this.rFrom = this.tFrom = -1;
    this.unusual = false;
    for (;;) {
      const before = i;
      let k = xml.charCodeAt(i);
      while (k === 32 || isSpace(k)) k = xml.charCodeAt(++i);
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
      if (i === before || !isNameStart(k) || n === MAX_ATTRS) return false;
      const nameStart = i;
      do k = xml.charCodeAt(++i);
      while (isNameChar(k));
      const len = i - nameStart;
      for (let a = 0; a < n * 2; a += 2) {
        if (names[a + 1] - names[a] === len && sameChars(xml, names[a], nameStart, len)) return false; // repeated
      }
      names[n * 2] = nameStart;
      names[n * 2 + 1] = i;
      n++;
      while (isSpace(k)) k = xml.charCodeAt(++i);
      if (k !== 61 /* = */) return false;
      do k = xml.charCodeAt(++i);
      while (isSpace(k));
      if (k !== 34 && k !== 39) return false;
      const close = scanAttrValue(xml, i, this.value);
      if (close < 0) return false;
      if (len === 1) {
        const name = xml.charCodeAt(nameStart);
        if (name === 114 /* r */) {
          this.rFrom = i + 1;
          this.rTo = close;
          if (this.value.flags !== 0) this.unusual = true;
        } else if (name === 116 /* t */) {
          this.tFrom = i + 1;
          this.tTo = close;
          if (this.value.flags !== 0) this.unusual = true;
        }
      }
      i = close + 1;
    }
  }

  /**
   * The next "<" from `i` (or `to`), checking the text before it, which nobody reads; -1 when
   * that text is refused.
   */
  skipText(i: number, to: number): number {
    const xml = this.xml;
    if (xml.charCodeAt(i) === 60) return i;
    let lt = xml.indexOf("<", i);
    if (lt < 0 || lt > to) lt = to;
    const kind = textKind(xml, i, lt);
    if (kind === TEXT_BAD || (kind !== TEXT_PLAIN && decodeXmlText(xml.slice(i, lt)) === null)) return -1;
    return lt;
  }

  /** The index after the end tag `</name>` at `lt`, or -1 when another tag is there. */
  closeTag(lt: number, name: string): number {
    const xml = this.xml;
    if (xml.charCodeAt(lt + 1) !== 47) return -1;
    let i = lt + 2;
    for (let j = 0; j < name.length; j++, i++) if (xml.charCodeAt(i) !== name.charCodeAt(j)) return -1;
    let k = xml.charCodeAt(i);
    while (isSpace(k)) k = xml.charCodeAt(++i);
    return k === 62 ? i + 1 : -1;
  }

  /**
   * The start tag of a cell as programs write it, `<c r="A1" s="1" t="s">` or `/>` (s and t
   * optional, in that order, values of plain letters and digits), at `lt`; false for any other
   * (then `attrs` reads it). Sets what `attrs` sets.
   */
  plainCell(lt: number): boolean {
    const xml = this.xml;
    let i = lt + 2;
    if (xml.charCodeAt(lt + 1) !== 99 || xml.charCodeAt(i) !== 32 || xml.charCodeAt(i + 1) !== 114) return false;
    if (xml.charCodeAt(i + 2) !== 61 || xml.charCodeAt(i + 3) !== 34) return false;
    i += 4;
    this.rFrom = i;
    let k = xml.charCodeAt(i);
    while (((k | 0x20) >= 97 && (k | 0x20) <= 122) || (k >= 48 && k <= 57)) k = xml.charCodeAt(++i);
    if (k !== 34) return false;
    this.rTo = i;
    k = xml.charCodeAt(++i);
    if (k === 32 && xml.charCodeAt(i + 1) === 115 && xml.charCodeAt(i + 2) === 61 && xml.charCodeAt(i + 3) === 34) {
      i += 4;
      k = xml.charCodeAt(i);
      while (k >= 48 && k <= 57) k = xml.charCodeAt(++i);
      if (k !== 34) return false;
      k = xml.charCodeAt(++i);
    }
    this.tFrom = -1;
    if (k === 32 && xml.charCodeAt(i + 1) === 116 && xml.charCodeAt(i + 2) === 61 && xml.charCodeAt(i + 3) === 34) {
      i += 4;
      this.tFrom = i;
      k = xml.charCodeAt(i);
      while ((k | 0x20) >= 97 && (k | 0x20) <= 122) k = xml.charCodeAt(++i);
      if (k !== 34) return false;
      this.tTo = i;
      k = xml.charCodeAt(++i);
    }
    this.unusual = false;
    if (k === 62) {
      this.end = i + 1;
      this.selfClosing = false;
      return true;
    }
    if (k === 47 && xml.charCodeAt(i + 1) === 62) {
      this.end = i + 2;
      this.selfClosing = true;
      return true;
    }
    return false;
  }

  /**
   * When the content of the cell at `i` is `<v>text</v></c>` with printable ASCII text holding
   * nothing to decode or check ("&", "]"), the index of the text's end; else -1.
   */
  plainValue(i: number, to: number): number {
    const xml = this.xml;
    if (xml.charCodeAt(i) !== 60 || xml.charCodeAt(i + 1) !== 118 || xml.charCodeAt(i + 2) !== 62) return -1;
    let j = i + 3;
    let k = xml.charCodeAt(j);
    while (k >= 0x20 && k <= 0x7e && k !== 60 && k !== 38 && k !== 93) k = xml.charCodeAt(++j);
    if (k !== 60 || j + 8 > to || xml.charCodeAt(j + 1) !== 47 || xml.charCodeAt(j + 2) !== 118) return -1;
    if (xml.charCodeAt(j + 3) !== 62 || xml.charCodeAt(j + 4) !== 60 || xml.charCodeAt(j + 5) !== 47) return -1;
    return xml.charCodeAt(j + 6) === 99 && xml.charCodeAt(j + 7) === 62 ? j : -1;
  }

  /** The length of the plain element name at `lt + 1` ("<c ", "<row>"), 0 when not plain ASCII. */
  nameLength(lt: number): number {
    const xml = this.xml;
    let i = lt + 1;
    if (!isNameStart(xml.charCodeAt(i))) return 0;
    while (isNameChar(xml.charCodeAt(++i)));
    const k = xml.charCodeAt(i);
    return isSpace(k) || k === 62 || k === 47 ? i - lt - 1 : 0;
  }
}

/**
 * Reads the cells of the <sheetData> content in [from, to) into `sink`, `depth` elements deep
 * (sheetData included); false when it gave up (the sink then holds part of the cells and is to
 * be thrown away). The sink may throw to stop early.
 */
export function scanSheetData(
  xml: string,
  from: number,
  to: number,
  depth: number,
  maxDepth: number,
  cursor: CellCursor,
  sink: CellSink,
): boolean {
  // Rows, cells, values and inline text nest 4 deeper: deeper than allowed is for others to refuse.
  if (depth + 4 > maxDepth) return false;
  const s = new SheetScan(xml);
  let i = from;
  for (;;) {
    // Between rows.
    let lt = s.skipText(i, to);
    if (lt < 0) return false;
    if (lt >= to) return lt === to;
    if (s.nameLength(lt) !== 3 || !xml.startsWith("row", lt + 1) || !s.attrs(lt + 4) || s.unusual) return false;
    cursor.row(xml, s.rFrom, s.rTo);
    i = s.end;
    if (s.selfClosing) continue;
    for (;;) {
      // Between cells.
      lt = s.skipText(i, to);
      if (lt < 0 || lt >= to) return false;
      if (xml.charCodeAt(lt + 1) === 47) {
        i = s.closeTag(lt, "row");
        if (i < 0) return false;
        break;
      }
      if (!s.plainCell(lt)) {
        if (s.nameLength(lt) !== 1 || xml.charCodeAt(lt + 1) !== 99 /* c */ || !s.attrs(lt + 2) || s.unusual)
          return false;
      }
      cursor.cell(xml, s.rFrom, s.rTo);
      let type = cellType(xml, s.tFrom, s.tTo);
      i = s.end;
      if (s.selfClosing) continue; // a formatted blank
      const v = s.plainValue(i, to);
      if (v >= 0) {
        // <v>text</v></c>, text with nothing to decode or check
        sink.cell(cursor.cellRow, cursor.c, type, true, null, i + 3, v, false);
        i = v + 8;
        continue;
      }
      let hasValue = false;
      let hasFormula = false;
      let inIs = false;
      // The value's text: xml[textFrom, textTo) while textFrom >= 0, else `text`.
      let text = "";
      let textFrom = -1;
      let textTo = -1;
      for (;;) {
        // Inside the cell.
        lt = s.skipText(i, to);
        if (lt < 0 || lt >= to) return false;
        if (xml.charCodeAt(lt + 1) === 47) {
          i = s.closeTag(lt, inIs ? "is" : "c");
          if (i < 0) return false;
          if (!inIs) break;
          inIs = false;
          continue;
        }
        const len = s.nameLength(lt);
        const k = xml.charCodeAt(lt + 1);
        let wanted: boolean; // text of <v> or <is><t>
        let name: string;
        if (len === 1 && k === 118 /* v */ && !inIs) {
          hasValue = true;
          text = "";
          textFrom = -1;
          wanted = true;
          name = "v";
        } else if (len === 1 && k === 102 /* f */ && !inIs) {
          hasFormula = true;
          wanted = false;
          name = "f";
        } else if (len === 1 && k === 116 /* t */ && inIs) {
          hasValue = true;
          wanted = true;
          name = "t";
        } else if (len === 2 && k === 105 /* i */ && xml.charCodeAt(lt + 2) === 115 /* s */ && !inIs) {
          if (!s.attrs(lt + 3)) return false;
          i = s.end;
          if (!hasValue) {
            text = "";
            textFrom = -1;
          }
          if (type === "") type = "inlineStr";
          inIs = !s.selfClosing;
          continue;
        } else return false;
        if (!s.attrs(lt + 2)) return false;
        i = s.end;
        if (s.selfClosing) continue;
        // The element's text, then its end tag.
        const end = xml.indexOf("<", i);
        if (end < 0 || end >= to) return false;
        if (end > i) {
          const kind = textKind(xml, i, end);
          if (kind === TEXT_BAD) return false;
          if (kind === TEXT_PLAIN) {
            if (wanted) {
              if (textFrom < 0 && text === "") {
                textFrom = i;
                textTo = end;
              } else {
                text = (textFrom >= 0 ? xml.slice(textFrom, textTo) : text) + xml.slice(i, end);
                textFrom = -1;
              }
            }
          } else {
            const t = decodeXmlText(xml.slice(i, end));
            if (t === null) return false;
            if (wanted) {
              text = (textFrom >= 0 ? xml.slice(textFrom, textTo) : text) + t;
              textFrom = -1;
            }
          }
        }
        i = s.closeTag(end, name);
        if (i < 0) return false;
      }
      if (hasValue || hasFormula)
        sink.cell(cursor.cellRow, cursor.c, type, hasValue, textFrom >= 0 ? null : text, textFrom, textTo, hasFormula);
    }
  }
}
