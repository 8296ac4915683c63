/**
 * The fastest path through the shared strings: the content of <sst> in the shape programs write
 * it — `<si><t>text</t></si>` one after another, `<t xml:space="preserve">` allowed — read in one
 * loop. It gives up — returns false, so that the caller runs the general scanner, then the full
 * parser — on anything else (rich or phonetic text, white space between items, another
 * attribute) and on text XML refuses; when it answers, it gives the texts the element handlers
 * in ../read/shared-strings.ts would have collected (before their _xHHHH_ unescaping, which the
 * caller applies).
 */
import { decodeXmlText, TEXT_BAD, TEXT_PLAIN, textKind } from "./xml-scan";

const PRESERVE = ' xml:space="preserve">';

/** Appends to `out` the texts of the items in xml[from, to); false when it gave up (`out` then holds part of them). */
export function scanPlainStrings(xml: string, from: number, to: number, out: string[]): boolean {
  let i = from;
  while (i < to) {
    // <si><t
    if (
      xml.charCodeAt(i) !== 60 ||
      xml.charCodeAt(i + 1) !== 115 ||
      xml.charCodeAt(i + 2) !== 105 ||
      xml.charCodeAt(i + 3) !== 62 ||
      xml.charCodeAt(i + 4) !== 60 ||
      xml.charCodeAt(i + 5) !== 116
    )
      return false;
    i += 6;
    const k = xml.charCodeAt(i);
    if (k === 47 /* <t/> */) {
      if (xml.charCodeAt(i + 1) !== 62) return false;
      i += 2;
      out.push("");
    } else {
      if (k === 62) i++;
      else if (xml.startsWith(PRESERVE, i)) i += PRESERVE.length;
      else return false;
      const end = xml.indexOf("<", i);
      if (end < 0 || end >= to) return false;
      const kind = textKind(xml, i, end);
      if (kind === TEXT_BAD) return false;
      const text = kind === TEXT_PLAIN ? xml.slice(i, end) : decodeXmlText(xml.slice(i, end));
      if (text === null) return false;
      out.push(text);
      i = end;
      // </t>
      if (xml.charCodeAt(i + 1) !== 47 || xml.charCodeAt(i + 2) !== 116 || xml.charCodeAt(i + 3) !== 62) return false;
      i += 4;
    }
    // </si>
    if (
      xml.charCodeAt(i) !== 60 ||
      xml.charCodeAt(i + 1) !== 47 ||
      xml.charCodeAt(i + 2) !== 115 ||
      xml.charCodeAt(i + 3) !== 105 ||
      xml.charCodeAt(i + 4) !== 62
    )
      return false;
    i += 5;
  }
  return i === to;
}
