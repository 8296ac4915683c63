/**
 * styles.xml of the workbooks this project writes, built from the one style model
 * (shared/style-look.ts): a cellXfs entry per named style, in the model's order, over the fonts
 * and fills the styles use. The ids of fonts and fills stay those of the files written before.
 */
import { argb, type OutStyle, STYLE_LOOK, type StyleLook } from "../..";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A solid fill of styles.xml; `p` is the prefix of the part's elements ("x:" or ""). */
export function solidFill(color: string, p = ""): string {
  return `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(color)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
}

type Font = Pick<StyleLook, "bold" | "italic" | "size">;
const sameFont = (a: Font, b: Font) =>
  !!a.bold === !!b.bold && !!a.italic === !!b.italic && (a.size ?? 11) === (b.size ?? 11);

/** The fonts in the order of their ids; a style's font is the one that matches it. */
const FONTS: Font[] = [{}, { bold: true }, { bold: true, size: 14 }, { bold: true, size: 12 }, { italic: true }];

/**
 * The fills after Excel's two reserved ones (none, gray125), in the order of their ids, each
 * named by the style it was made for: a style takes its own fill, else the first of its colour
 * (so "missing" keeps a fill of its own though it shares the error colour).
 */
const FILLS: OutStyle[] = ["header", "groupText", "error", "warning", "blank", "missing"];

const STYLES = Object.keys(STYLE_LOOK) as OutStyle[];

/** Style names → cellXfs indexes in styles.xml. */
export const STYLE = Object.fromEntries(STYLES.map((s, i) => [s, i])) as Record<OutStyle, number>;

function fontXml(f: Font): string {
  return `<font>${f.bold ? "<b/>" : ""}${f.italic ? "<i/>" : ""}<sz val="${f.size ?? 11}"/><name val="Calibri"/></font>`;
}

function xfXml(style: OutStyle): string {
  const look = STYLE_LOOK[style];
  const font = FONTS.findIndex((f) => sameFont(f, look));
  if (font < 0) throw new Error(`styles.xml: no font for style ${style}`);
  let fill = 0;
  if (look.fill) {
    const own = FILLS.indexOf(style);
    fill = 2 + (own >= 0 ? own : FILLS.findIndex((s) => STYLE_LOOK[s].fill === look.fill));
    if (fill < 2) throw new Error(`styles.xml: no fill for style ${style}`);
  }
  const border = look.border ? 1 : 0;
  const aligned = !!(look.align || look.wrap || look.border);
  // Built-in format 3 is "#,##0": no <numFmts> entry needed.
  const numFmt = look.numFmt ? 3 : 0;
  const attrs =
    `numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
    (font ? ' applyFont="1"' : "") +
    (fill ? ' applyFill="1"' : "") +
    (numFmt ? ' applyNumberFormat="1"' : "") +
    (border ? ' applyBorder="1"' : "") +
    (aligned ? ' applyAlignment="1"' : "");
  if (!aligned) return `<xf ${attrs}/>`;
  const alignment =
    (look.align ? ` horizontal="${look.align}"` : "") +
    ` vertical="${look.valignTop ? "top" : "center"}"` +
    (look.wrap ? ' wrapText="1"' : "");
  return `<xf ${attrs}><alignment${alignment}/></xf>`;
}

const THIN = `<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom>`;

/** The styles part of the city workbook. */
export const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}">
<fonts count="${FONTS.length}">${FONTS.map(fontXml).join("")}</fonts>
<fills count="${FILLS.length + 2}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${FILLS.map((s) => solidFill(STYLE_LOOK[s].fill!)).join("")}</fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${THIN}<diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="${STYLES.length}">
${STYLES.map((s) => `${xfXml(s)}\n`).join("")}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;
