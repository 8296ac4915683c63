/**
 * The shared-strings part, by three paths: the plain loop of ../xml/strings-scan.ts, else the
 * scanner of ../xml/xml-scan.ts with element handlers, else the full parser.
 */
import type { ScanHandlers } from "../xml/xml-scan";
import { XmlWalk } from "../xml/xml-scan";
import { scanPlainStrings } from "../xml/strings-scan";
import { fail } from "./errors";
import { counted, scanOrParse } from "./saxes-driver";
import { unescapeX } from "./xml-text";

function sharedStringsHandlers(part: string, maxDepth: number) {
  const out: string[] = [];
  let depth = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let buf = "";
  return {
    out,
    open(n: string) {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      if (n === "t") inT = inSi && phonetic === 0;
      else if (n === "si") {
        inSi = true;
        buf = "";
      } else if (n === "rPh") phonetic++;
    },
    wantText: () => inT,
    text(t: string) {
      buf += t;
    },
    close(n: string) {
      depth--;
      if (n === "t") inT = false;
      else if (n === "si") {
        out.push(unescapeX(buf));
        inSi = false;
      } else if (n === "rPh") phonetic--;
    },
  };
}

/** Handlers for what surrounds the items of a shared-strings part: they count the depth. */
function depthOnly(part: string, maxDepth: number): ScanHandlers {
  return counted(part, maxDepth, () => {});
}

/**
 * The strings of a plain <sst> by the loop of strings-scan.ts, the prolog, the root's start tag
 * and what follows the items walked and checked; null when the other paths must decide.
 */
export function sharedStringsPlain(xml: string, part: string, maxDepth: number): string[] | null {
  const walk = new XmlWalk(xml);
  const around = depthOnly(part, maxDepth);
  if (!walk.prolog() || maxDepth < 3) return null; // <sst>, <si>, <t>
  const from = xml.indexOf(">", walk.pos) + 1;
  const to = xml.lastIndexOf("</sst>");
  if (from === 0 || to < from || !walk.walk(from, around) || walk.stack.length !== 1 || walk.stack[0] !== "sst")
    return null;
  const out: string[] = [];
  if (!scanPlainStrings(xml, from, to, out)) return null;
  walk.pos = to;
  if (!walk.walk(xml.length, around) || !walk.end()) return null;
  for (let i = 0; i < out.length; i++) out[i] = unescapeX(out[i]);
  return out;
}

export function sharedStrings(xml: string, part: string, maxDepth: number, fast: boolean | "scan" = true): string[] {
  const plain = fast === true ? sharedStringsPlain(xml, part, maxDepth) : null;
  return plain ?? scanOrParse(xml, part, fast !== false, () => sharedStringsHandlers(part, maxDepth)).out;
}
