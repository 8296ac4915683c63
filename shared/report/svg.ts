/**
 * The report's charts as SVG pictures (issue 15): grouped bars drawn from `reportCharts`, with
 * the caution written inside the picture when the numbers failed a check, so a chart copied out
 * of the report still says it. Plain SVG 1.1 text, no script, no external reference: it can be
 * inlined in HTML or saved as a file.
 */
import { formatNumber, type Lang } from "../finding";
import type { ChartData } from "./chart-data";

const W = 760;
const PLOT_H = 260;
const TOP = 56;
const LEFT = 64;
const RIGHT = 20;
/** Office's default series colours, so the pictures look like the native charts. */
const COLORS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];
const FONT = "Arial, 'Noto Sans', 'DejaVu Sans', sans-serif";
const CAUTION_COLOR = "#C00000";

export function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A tick step of 1, 2 or 5 × 10^k giving at most ~5 steps up to max. */
export function tickStep(max: number): number {
  if (max <= 5) return 1;
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** Words to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const text = (x: number, y: number, s: string, attrs = "") =>
  `<text x="${x}" y="${y}"${attrs ? " " + attrs : ""}>${xmlEscape(s)}</text>`;

/** One chart as a standalone SVG document. */
export function chartSvg(chart: ChartData, lang: Lang): string {
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values));
  const step = tickStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotW = W - LEFT - RIGHT;
  const y = (v: number) => TOP + PLOT_H - (v / top) * PLOT_H;
  const band = plotW / Math.max(1, chart.categories.length);
  const barW = (band * 0.8) / Math.max(1, chart.series.length);
  const out: string[] = [];
  out.push(text(W / 2, 28, chart.title, 'text-anchor="middle" font-size="16" font-weight="bold"'));
  // Value axis: grid lines and tick labels.
  for (let v = 0; v <= top; v += step) {
    out.push(`<line x1="${LEFT}" y1="${y(v)}" x2="${W - RIGHT}" y2="${y(v)}" stroke="#D9D9D9"/>`);
    out.push(text(LEFT - 6, y(v) + 4, formatNumber(v, lang), 'text-anchor="end" font-size="11"'));
  }
  out.push(
    text(
      16,
      TOP + PLOT_H / 2,
      chart.valueTitle,
      `font-size="12" text-anchor="middle" transform="rotate(-90 16 ${TOP + PLOT_H / 2})"`,
    ),
  );
  // Bars, one group per category, with their values above them.
  chart.categories.forEach((cat, c) => {
    const x0 = LEFT + c * band + band * 0.1;
    chart.series.forEach((s, k) => {
      const v = s.values[c] ?? 0;
      const x = x0 + k * barW;
      const h = y(0) - y(v);
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[k % COLORS.length]}"><title>${xmlEscape(`${s.name} · ${cat}: ${formatNumber(v, lang)}`)}</title></rect>`,
      );
      if (v !== 0)
        out.push(text(x + (barW - 2) / 2, y(v) - 3, formatNumber(v, lang), 'text-anchor="middle" font-size="10"'));
    });
    out.push(text(LEFT + c * band + band / 2, TOP + PLOT_H + 18, cat, 'text-anchor="middle" font-size="12"'));
  });
  out.push(`<line x1="${LEFT}" y1="${y(0)}" x2="${W - RIGHT}" y2="${y(0)}" stroke="#595959"/>`);
  out.push(text(LEFT + plotW / 2, TOP + PLOT_H + 38, chart.categoryTitle, 'text-anchor="middle" font-size="12"'));
  // Legend, one row.
  let lx = LEFT;
  const ly = TOP + PLOT_H + 60;
  chart.series.forEach((s, k) => {
    out.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${COLORS[k % COLORS.length]}"/>`);
    out.push(text(lx + 16, ly, s.name, 'font-size="12"'));
    lx += 16 + s.name.length * 7 + 18;
  });
  let h = ly + 16;
  if (chart.caution) {
    for (const line of wrap(chart.caution, 100)) {
      h += 16;
      out.push(text(LEFT, h, line, `font-size="12" font-style="italic" fill="${CAUTION_COLOR}"`));
    }
    h += 8;
  }
  const desc = chart.caution ? `${chart.title}. ${chart.caution}` : chart.title;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" role="img" aria-label="${xmlEscape(desc)}" font-family="${xmlEscape(FONT)}">`,
    `<title>${xmlEscape(chart.title)}</title>`,
    `<rect width="${W}" height="${h}" fill="#FFFFFF"/>`,
    ...out,
    "</svg>",
  ].join("\n");
}
