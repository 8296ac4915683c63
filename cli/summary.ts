/**
 * What `check` and `merge` print on the console (Vietnamese by default, English with --lang en);
 * not to be confused with `report`, the Sở's report (cli/commands/report.ts).
 */
import {
  causeOrder,
  countBySeverity,
  type Finding,
  formatNumber,
  type Lang,
  likelyCells,
  type MergeResult,
  pick,
} from "../shared";
import type { FileResult } from "./inputs";
import { STRINGS } from "./messages";

function line(f: Finding, lang: Lang, indent = "    "): string {
  const mark = f.severity === "error" ? "✗" : "⚠";
  const cell = f.cells[0] ?? "";
  const hint = f.hint === undefined ? "" : ` — ${pick({ vi: f.hint, en: f.hintEn ?? f.hint }, lang)}`;
  return `${indent}${mark} ${cell.padEnd(5)} ${f.rule}: ${pick({ vi: f.message, en: f.messageEn }, lang)}${hint}`;
}

/**
 * A sheet's findings as a clerk reads them (spec §3b): each likely cause in words (its rule id
 * stays in the JSON), the findings it explains indented under it, then the rest.
 */
function sheetLines(findings: readonly Finding[], lang: Lang): string[] {
  const out: string[] = [];
  for (const g of causeOrder(findings)) {
    if (!g.cause) {
      for (const f of g.findings) out.push(line(f, lang));
      continue;
    }
    const c = g.cause;
    out.push(`    ✗ ${(c.cells[0] ?? "").padEnd(5)} ${pick({ vi: c.message, en: c.messageEn }, lang)}`);
    for (const f of g.findings) out.push(line(f, lang, "        "));
  }
  return out;
}

export function checkSummary(results: FileResult[], lang: Lang): string {
  const t = STRINGS[lang].summary;
  const num = (n: number) => formatNumber(n, lang);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let bad = 0;
  for (const r of results) {
    out.push(`${t.file}: ${r.file}`);
    if (r.error) {
      out.push(`  ✗ ${t.unreadable}: ${r.error[lang]}`);
      bad++;
      continue;
    }
    for (const n of r.notices) out.push(`  ℹ ${n[lang]}`);
    let fileErrors = 0;
    for (const s of r.sheets) {
      const c = countBySeverity(s.findings);
      fileErrors += c.errors;
      errors += c.errors;
      warnings += c.warnings;
      const cells = likelyCells(s.findings);
      const summary =
        c.errors + c.warnings === 0 ? t.ok : `${num(c.errors)} ${t.errors}, ${num(c.warnings)} ${t.warnings}`;
      const toFix = cells > 0 ? ` — ${t.toFix(cells)}` : "";
      out.push(`  ${t.sheet} "${s.sheet}" — ${t.unit}: ${s.unit ?? t.none} — ${summary}${toFix}`);
      out.push(...sheetLines(s.findings, lang));
    }
    if (fileErrors > 0) bad++;
  }
  out.push("");
  out.push(
    `${t.total}: ${num(results.length)} ${t.files}, ${num(bad)} ${t.withErrors}, ${num(errors)} ${t.errors}, ${num(warnings)} ${t.warnings}`,
  );
  return out.join("\n");
}

/**
 * The merge's console summary: the merge's findings, the core's summary word for word (the same
 * lines every host shows), the Sở's conference, then the city table's own findings beside the line that says the
 * city workbook was written.
 */
export function mergeSummary(m: MergeResult, out: string, lang: Lang): string {
  const t = STRINGS[lang];
  const lines: string[] = [];
  for (const f of m.findings) {
    lines.push(line(f, lang).replace(/^ {4}(\S) \s*/, "  $1 "));
    if (f.rule !== "MERGE_DUPLICATE_UNIT") continue;
    for (const r of m.resubmissions.filter((x) => x.unit === f.unit))
      lines.push(
        `    ${r.left.file} → ${r.kept.file}: ${t.summary.changed(r.changes.length)} (phuluc02 diff "${r.left.file}" "${r.kept.file}")`,
      );
  }
  lines.push(...m.summary.lines[lang]);
  // the Sở's conference (spec §5b), before the city's findings so that these stay beside the written line
  const c5b = m.conference;
  lines.push(t.merge.conference(c5b.delegates, c5b.guestsRoom, c5b.units.filter((u) => u.list).length));
  if (c5b.missingLists.length > 0) lines.push(t.merge.missingLists(c5b.missingLists));
  for (const f of c5b.findings) lines.push(line(f, lang).replace(/^ {4}(\S) \s*/, "  $1 "));
  const c = countBySeverity(m.city.findings);
  if (m.city.findings.length > 0) lines.push(t.merge.cityFindings(c.errors, c.warnings));
  for (const f of m.city.findings) lines.push(line(f, lang));
  lines.push(`${t.merge.cityWritten}: ${out}`);
  return lines.join("\n");
}
