/**
 * How the annotated copy changes an XML part: saxes with positions finds where each tag starts
 * and ends, and the part is rewritten by edits at those places, every other byte kept.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { XlsxError } from "../read/errors";
import { DEFAULT_LIMITS } from "../read/types";

/** The annotated copy's refusal: a "corrupt" XlsxError that says no copy was made. */
export const fail = (vi: string, en: string) =>
  new XlsxError("corrupt", `Không tạo được bản đánh dấu: ${vi}`, `No annotated copy: ${en}`);

/** The "x:" of a prefixed name ("" when none): new elements take the prefix of their part. */
export function prefixOf(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? "" : name.slice(0, i + 1);
}

export interface Span {
  start: number;
  end: number;
}

/** Runs saxes with positions; `open`/`close` get the tag and its [start, end) in the text. */
export function scan(
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

export interface Edit {
  at: number;
  del: number;
  text: string;
}

export function apply(xml: string, edits: Edit[]): string {
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
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(["'])[^"']*\\2`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  const m = /^<[^\s/>]+/.exec(tag)!;
  return `${m[0]} ${name}="${value}"${tag.slice(m[0].length)}`;
}

/** `text` inserted before the last match of `closeName` (a part's closing root tag). */
export function insertBeforeClose(xml: string, closeName: RegExp, text: string): string {
  let last = -1;
  for (const m of xml.matchAll(closeName)) last = m.index!;
  if (last < 0) throw fail("phần XML không đóng", "an XML part is not closed");
  return xml.slice(0, last) + text + xml.slice(last);
}
