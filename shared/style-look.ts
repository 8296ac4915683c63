/**
 * The one style model: what each named style of the output sheets looks like, and the mark
 * colours. The Excel add-in and the Apps Script format cells from it, the city workbook's
 * styles.xml is built from it (shared/workbook/write/styles.ts), the annotated copy takes its mark
 * fills from it, and so does the template written with exceljs (cli/exceljs-write.ts).
 */
import type { OutStyle } from "./output-sheets";

/** What a style looks like (colours are #RRGGBB). */
export interface StyleLook {
  bold?: boolean;
  italic?: boolean;
  /** Points; when not given, the host's default (11 in the .xlsx files this project writes). */
  size?: number;
  fill?: string;
  border?: boolean;
  align?: "center";
  wrap?: boolean;
  /** Top-aligned; a cell with alignment set is otherwise centred vertically in styles.xml. */
  valignTop?: boolean;
  /**
   * The number format of the style's numbers: counts "#,##0", shown with the reader's own
   * thousands separator (227.739 in Vietnamese Excel, 227,739 in English). Text is not affected.
   */
  numFmt?: typeof COUNT_FORMAT;
}

/** Built-in format 3 of SpreadsheetML (ECMA-376 Part 1, §18.8.30 numFmt): a count with thousands. */
export const COUNT_FORMAT = "#,##0";

/**
 * The fills of a cell blamed by an error or a warning, in every host and file this project marks;
 * `consequence`, a paler red, for a cell whose findings all clear once a likely cause on another
 * cell is corrected (spec §3b): it shows where the mistake shows, without calling it one.
 */
export const MARK_COLORS = { error: "#FFC7CE", warning: "#FFEB9C", consequence: "#FDEDEF" } as const;

/** What each named style of the output sheets looks like. Its key order is the order of the styles in styles.xml. */
export const STYLE_LOOK: Record<OutStyle, StyleLook> = {
  plain: {},
  title: { bold: true, size: 14, align: "center" },
  subtitle: { bold: true, size: 12, align: "center", wrap: true },
  bold: { bold: true },
  header: { bold: true, fill: "#DDEBF7", border: true, align: "center", wrap: true },
  number: { italic: true, fill: "#DDEBF7", border: true, align: "center" },
  text: { border: true, wrap: true },
  count: { border: true, align: "center", numFmt: COUNT_FORMAT },
  groupText: { bold: true, fill: "#F2F2F2", border: true, wrap: true },
  groupCount: { bold: true, fill: "#F2F2F2", border: true, align: "center", numFmt: COUNT_FORMAT },
  error: { fill: MARK_COLORS.error, border: true, align: "center", numFmt: COUNT_FORMAT },
  warning: { fill: MARK_COLORS.warning, border: true, align: "center", numFmt: COUNT_FORMAT },
  blank: { fill: "#FFF9C4" },
  missing: { fill: MARK_COLORS.error, border: true, align: "center", wrap: true, numFmt: COUNT_FORMAT },
  totalText: { bold: true, border: true },
  caution: { italic: true, fill: MARK_COLORS.warning, border: true, wrap: true },
  paragraph: { wrap: true, valignTop: true },
};

/** How much wider than body text a style's characters are: its size over 11 points, bold a tenth more. */
export function textScale(look: StyleLook): number {
  return ((look.size ?? 11) / 11) * (look.bold ? 1.1 : 1);
}

/** A #RRGGBB colour as OOXML's opaque ARGB ("FFRRGGBB"). */
export function argb(color: string): string {
  return `FF${color.slice(1).toUpperCase()}`;
}
