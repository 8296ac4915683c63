/**
 * The report section as a document: the figures in words (figures.ts) and the charts
 * (chart-data.ts, drawn by svg.ts), rendered as Markdown (charts as separate .svg pictures) or as
 * one self-contained HTML page (charts inline). Layout only: every word comes from figures.ts,
 * chart-data.ts or the template's definition.
 */
import type { Values } from "../consolidate";
import type { Bilingual } from "../bilingual";
import type { Lang } from "../finding";
import type { Template } from "../template";
import { type ChartData, reportCharts } from "./chart-data";
import { figuresInWords, type ReportBlock } from "./figures";
import { chartSvg, xmlEscape } from "./svg";

export interface ReportDocument {
  lang: Lang;
  blocks: ReportBlock[];
  charts: ChartData[];
}

const CHARTS_HEADING: Bilingual = { vi: "Biểu đồ", en: "Charts" };

/** The section and its charts for one table; `errors` = its error findings. */
export function reportDocument(
  template: Template,
  values: Values,
  unit: string | null,
  errors: number,
  lang: Lang,
): ReportDocument {
  return {
    lang,
    blocks: figuresInWords({ template, values, unit, errors }, lang),
    charts: reportCharts(template, values, errors, lang),
  };
}

/** The blocks as Markdown lines (no charts). */
export function blocksMarkdown(blocks: readonly ReportBlock[]): string {
  const out: string[] = [];
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    switch (b.kind) {
      case "title":
        out.push(`# ${b.text}`, "");
        break;
      case "heading":
        out.push(`## ${b.text}`, "");
        break;
      case "caution":
        out.push(`> **${b.text}**`, "");
        break;
      case "paragraph":
        out.push(b.text, "");
        break;
      case "item":
        out.push(`${"  ".repeat(b.depth)}- ${b.text}`);
        if (next?.kind !== "item") out.push("");
        break;
    }
  });
  return out.join("\n");
}

/**
 * Markdown, the charts as pictures: `chartFile(i)` is the (relative) name the i-th chart's SVG is
 * saved under by the caller; its caution is written under it.
 */
export function reportMarkdown(doc: ReportDocument, chartFile: (i: number) => string): string {
  const lines = [blocksMarkdown(doc.blocks), `## ${CHARTS_HEADING[doc.lang]}`, ""];
  doc.charts.forEach((c, i) => {
    lines.push(`![${c.title}](${encodeURI(chartFile(i))})`, "");
    if (c.caution) lines.push(`*${c.caution}*`, "");
  });
  return lines.join("\n");
}

function itemsHtml(items: ReportBlock[], from: number, depth: number): [string, number] {
  let html = "<ul>";
  let i = from;
  while (i < items.length && items[i].kind === "item") {
    const b = items[i] as Extract<ReportBlock, { kind: "item" }>;
    if (b.depth < depth) break;
    if (b.depth > depth) {
      const [inner, end] = itemsHtml(items, i, b.depth);
      html = html.replace(/<\/li>$/, "") + inner + "</li>";
      i = end;
      continue;
    }
    html += `<li>${xmlEscape(b.text)}</li>`;
    i++;
  }
  return [html + "</ul>", i];
}

const CSS = `body{font-family:"Times New Roman",serif;font-size:14pt;line-height:1.5;max-width:50em;margin:2em auto;padding:0 1em;color:#000}
h1{font-size:16pt;text-align:center}h2{font-size:14pt}p{text-align:justify}
.caution{color:#C00000;font-style:italic}figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}
figcaption{font-style:italic}`;

/** One HTML page, nothing to fetch: styles inline, charts as inline SVG. */
export function reportHtml(doc: ReportDocument): string {
  const body: string[] = [];
  const b = doc.blocks;
  for (let i = 0; i < b.length;) {
    const x = b[i];
    if (x.kind === "item") {
      const [html, end] = itemsHtml(b, i, x.depth);
      body.push(html);
      i = end;
      continue;
    }
    const t = xmlEscape(x.text);
    body.push(
      x.kind === "title"
        ? `<h1>${t}</h1>`
        : x.kind === "heading"
          ? `<h2>${t}</h2>`
          : x.kind === "caution"
            ? `<p class="caution"><strong>${t}</strong></p>`
            : `<p>${t}</p>`,
    );
    i++;
  }
  body.push(`<h2>${xmlEscape(CHARTS_HEADING[doc.lang])}</h2>`);
  for (const c of doc.charts) {
    const caption = c.caution ? `<figcaption class="caution">${xmlEscape(c.caution)}</figcaption>` : "";
    body.push(`<figure>\n${chartSvg(c, doc.lang)}\n${caption}</figure>`);
  }
  const title = doc.blocks.find((x) => x.kind === "title")?.text ?? "";
  return [
    "<!DOCTYPE html>",
    `<html lang="${doc.lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<title>${xmlEscape(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
