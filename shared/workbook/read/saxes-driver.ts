/**
 * The full parser (saxes) behind the fast scanners of ../xml: element handlers run through
 * either, the scanner first when allowed. Malformed XML becomes a "corrupt" XlsxError, nesting
 * deeper than the limit a "too_deep" one. STOP, thrown by a handler, ends a part quietly.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { type AttrReader, type ScanHandlers, scanDocument } from "../xml/xml-scan";
import { fail, XlsxError } from "./errors";
import { local } from "./xml-text";

export const STOP: unique symbol = Symbol("stop");

interface Handlers {
  open?: (tag: SaxesTagPlain) => void;
  close?: (tag: SaxesTagPlain) => void;
  text?: (t: string) => void;
}

/**
 * Runs saxes over one part; malformed XML becomes a "corrupt" XlsxError, nesting deeper than
 * maxDepth a "too_deep" one (saxes keeps every open tag: 9 million nested elements fit in a
 * 66 KB zip and would take gigabytes). Positions are not tracked (saxes is ~15% faster
 * without); on failure a second, handler-less pass finds where.
 */
function parse(xml: string, part: string, h: Handlers, maxDepth: number | "counted"): void {
  const p = new SaxesParser({ position: false });
  const open = h.open;
  const close = h.close;
  if (maxDepth === "counted") {
    // the handlers count the depth themselves (the sheet's hot path: no extra call per tag)
    if (open) p.on("opentag", open as (tag: unknown) => void);
    if (close) p.on("closetag", close as (tag: unknown) => void);
  } else {
    let depth = 0;
    p.on("opentag", (tag) => {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      if (open) open(tag as SaxesTagPlain);
    });
    p.on("closetag", (tag) => {
      depth--;
      if (close) close(tag as SaxesTagPlain);
    });
  }
  if (h.text) p.on("text", h.text);
  try {
    p.write(xml).close();
  } catch (e) {
    if (e === STOP) return;
    if (e instanceof XlsxError) throw e;
    let why = String((e as Error)?.message ?? e);
    try {
      new SaxesParser().write(xml).close();
    } catch (located) {
      why = String((located as Error)?.message ?? located);
    }
    why = why.split("\n")[0];
    throw fail.corrupt(`XML lỗi trong ${part}: ${why}`, `malformed XML in ${part}: ${why}`);
  }
}

/** An AttrReader over a saxes tag's attributes (the full parser's side of xml-scan.ts's). */
function attrsOf(a: Record<string, string>): AttrReader {
  return (name, anyPrefix) => {
    const v = a[name];
    if (v !== undefined || !anyPrefix) return v;
    for (const k in a) if (local(k) === name) return a[k];
    return undefined;
  };
}

/**
 * Element handlers that both the fast path (xml-scan.ts) and the full parser drive; they count
 * the depth themselves. `open` never gives up (returns false) in these.
 */
export type PartHandlers = ScanHandlers;

/** Runs element handlers through the full parser (saxes), elements by their local names. */
export function parseWith(xml: string, part: string, h: PartHandlers): void {
  parse(
    xml,
    part,
    {
      open: (tag) => {
        h.open(tag.name.indexOf(":") < 0 ? tag.name : local(tag.name), attrsOf(tag.attributes));
      },
      close: (tag) => h.close(tag.name.indexOf(":") < 0 ? tag.name : local(tag.name)),
      text: (t) => {
        if (h.wantText()) h.text(t);
      },
    },
    "counted", // the handlers count the depth themselves
  );
}

/**
 * Fresh handlers over the whole part with the fast scanner; when it gives up, fresh handlers
 * with the full parser. STOP ends either quietly.
 */
export function scanOrParse<H extends PartHandlers>(xml: string, part: string, fast: boolean, make: () => H): H {
  if (fast) {
    const h = make();
    try {
      if (scanDocument(xml, h)) return h;
    } catch (e) {
      if (e === STOP) return h;
      throw e;
    }
  }
  const full = make();
  parseWith(xml, part, full);
  return full;
}

/** Handlers that count the depth as the full parser's `parse` does, and read no text. */
export function counted(part: string, maxDepth: number, open: (name: string, attr: AttrReader) => void): PartHandlers {
  let depth = 0;
  return {
    open(name, attr) {
      if (++depth > maxDepth) throw fail.tooDeep(part, maxDepth);
      open(name, attr);
    },
    close() {
      depth--;
    },
    text() {},
    wantText: () => false,
  };
}
