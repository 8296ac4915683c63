/** Reading back the SVG pictures the report draws. */
import { SaxesParser } from "saxes";

/** Parses an SVG document strictly (saxes throws on anything not well-formed XML). */
export function parseSvg(xml: string): {
  root: string;
  ns: string;
  bars: string[];
  texts: string[];
  /** The text drawn in the caution's colour (dark red). */
  red: string[];
  label: string;
} {
  const p = new SaxesParser({ xmlns: true });
  const out = { root: "", ns: "", bars: [] as string[], texts: [] as string[], red: [] as string[], label: "" };
  let red = false;
  const stack: string[] = [];
  let text = "";
  p.on("error", (e) => {
    throw e;
  });
  p.on("opentag", (t) => {
    if (stack.length === 0) {
      out.root = t.local;
      out.ns = t.uri;
      out.label = String(t.attributes["aria-label"]?.value ?? "");
    }
    stack.push(t.local);
    if (t.local === "text") red = t.attributes.fill?.value === "#C00000";
    text = "";
  });
  p.on("text", (s) => (text += s));
  p.on("closetag", (t) => {
    stack.pop();
    if (t.local === "text") out.texts.push(text);
    if (t.local === "text" && red) out.red.push(text);
    if (t.local === "title" && stack[stack.length - 1] === "rect") out.bars.push(text);
    text = "";
  });
  p.write(xml).close();
  return out;
}
