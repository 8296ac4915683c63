/**
 * How an output sheet prints (issue 26): the page setup a Sở would choose, as host-neutral data.
 * A4, landscape when the sheet is wide, fitted to as few pages wide as keep the text readable
 * (one when it fits at 60 % or more), its header rows repeated at the top of every page and, on a
 * sheet printed more than one page wide, its unit-name columns repeated at the left; the title,
 * the unit and the date in the page header, the page number in the footer.
 *
 * The .xlsx writer writes it as <pageSetup>, <printOptions>, <headerFooter> and the defined name
 * _xlnm.Print_Titles; the Excel add-in through Worksheet.pageLayout (ExcelApi 1.9). Apps Script
 * has no print API, so Sheets keeps its own print dialog.
 */

export interface PrintSetup {
  landscape: boolean;
  /** Pages wide the sheet is fitted to (its height runs on as needed). */
  pagesWide: number;
  /** Rows repeated at the top of every printed page (0-based, inclusive). */
  titleRows?: { top: number; bottom: number };
  /** Columns repeated at the left of every printed page (0-based, inclusive). */
  titleCols?: { left: number; right: number };
  /** Rows that start a new page (0-based): a chart and its table are never cut in two. */
  rowBreaks?: number[];
  /** The page header: the sheet's title in its centre, the unit (the Sở) at its left. */
  title: string;
  unit: string;
  /** The words around the page number and the date, in the workbook's language. */
  words: { page: string; printed: string };
}

/**
 * Widths in pixels as Excel lays columns out at 100 % (Calibri 11: 7 px a character plus 5 px
 * of padding), and the printable width of an A4 page with the writer's 0.5" side margins at 96 dpi.
 */
export const colPx = (width: number) => Math.round(width * 7 + 5);
export const PAGE_PX = { portrait: Math.floor((8.27 - 1) * 96), landscape: Math.floor((11.69 - 1) * 96) } as const;
/** The smallest print scale that keeps 11-point text readable (~6.6 points on paper). */
export const MIN_SCALE = 0.6;

/**
 * The print setup of a sheet of these column widths: portrait when it fits a portrait page at
 * full size, else landscape; one page wide when that needs no less than MIN_SCALE, else as many
 * pages wide as MIN_SCALE needs, each carrying the title columns.
 */
export function printSetupFor(
  widths: readonly number[],
  opts: Pick<PrintSetup, "title" | "unit" | "words" | "titleRows" | "titleCols" | "rowBreaks"> & {
    landscape?: boolean;
  },
): PrintSetup {
  const total = widths.reduce((s, w) => s + colPx(w), 0);
  const landscape = opts.landscape ?? total > PAGE_PX.portrait;
  const page = landscape ? PAGE_PX.landscape : PAGE_PX.portrait;
  let pagesWide = 1;
  if (total * MIN_SCALE > page) {
    const t = opts.titleCols;
    const titlePx = t ? widths.slice(t.left, t.right + 1).reduce((s, w) => s + colPx(w), 0) : 0;
    pagesWide = Math.ceil((total - titlePx) / (page / MIN_SCALE - titlePx));
  }
  return {
    landscape,
    pagesWide,
    titleRows: opts.titleRows,
    titleCols: pagesWide > 1 ? opts.titleCols : undefined,
    ...(opts.rowBreaks?.length ? { rowBreaks: opts.rowBreaks } : {}),
    title: opts.title,
    unit: opts.unit,
    words: opts.words,
  };
}

/** Text inside an Excel header or footer: "&" starts a code, so a literal one is doubled. */
const code = (s: string) => s.replace(/&/g, "&&");

/**
 * The header and footer in the format codes Excel's files and the add-in API share (ECMA-376 Part 1,
 * §18.3.1.46 oddHeader: &L/&C/&R sections, &P page, &N pages, &D date printed, &"-,Bold" bold, &9 9-point).
 */
export function headerFooterCodes(p: PrintSetup): { header: string; footer: string } {
  return {
    header: `&L&9${code(p.unit)}&C&"-,Bold"&9${code(p.title)}&R&9${code(p.words.printed)} &D`,
    footer: `&C&9${code(p.words.page)} &P / &N`,
  };
}

/** The same, section by section, for hosts that set each part on its own (the Excel add-in's HeaderFooter). */
export function headerFooterParts(p: PrintSetup): {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  centerFooter: string;
} {
  return {
    leftHeader: `&9${code(p.unit)}`,
    centerHeader: `&"-,Bold"&9${code(p.title)}`,
    rightHeader: `&9${code(p.words.printed)} &D`,
    centerFooter: `&9${code(p.words.page)} &P / &N`,
  };
}

export const PRINT_WORDS = {
  vi: { page: "Trang", printed: "In ngày" },
  en: { page: "Page", printed: "Printed" },
} as const;

/**
 * Lines a text wraps to in a column of `width` characters, word by word (a word longer than the
 * line is broken as Excel breaks it). Counting a character as a width unit (Calibri 11's widest
 * characters, the digits and capitals, are that wide; its average letter less) never counts
 * too few lines.
 */
export function wrappedLines(text: string, width: number): number {
  const w = Math.max(1, Math.floor(width));
  let lines = 0;
  for (const para of text.split("\n")) {
    let line = 0;
    lines++;
    for (const word of para.split(/\s+/)) {
      if (line > 0 && line + 1 + word.length > w) {
        lines++;
        line = word.length;
      } else line += (line > 0 ? 1 : 0) + word.length;
      while (line > w) {
        lines++;
        line -= w;
      }
    }
  }
  return lines;
}

/** Points a line of 11-point text takes in a row, and a row's padding. */
export const LINE_PT = 15;
export const ROW_PAD_PT = 3;
