/** The readable report of `check` and `merge` (Vietnamese by default, English with --lang en). */
import { countBySeverity, type Finding, type Lang, type MergeResult } from "../shared";
import type { FileResult } from "./inputs";

const T = {
  vi: {
    file: "Tệp",
    sheet: "Trang",
    unit: "Đơn vị",
    none: "(chưa ghi)",
    errors: "lỗi",
    warnings: "cảnh báo",
    unreadable: "KHÔNG ĐỌC ĐƯỢC",
    ok: "không có lỗi",
    total: "Tổng cộng",
    files: "tệp",
    withErrors: "tệp có lỗi",
    merge: "Tổng hợp",
    included: "đơn vị được tổng hợp",
    missing: "đơn vị chưa nộp",
    duplicates: "bản trùng bị loại",
    invalid: "bản nộp có lỗi",
    unreadableN: "tệp không đọc được",
    city: "Bảng tổng hợp thành phố",
    written: "Đã ghi",
    cityTotal: "Tổng cộng khen thưởng toàn thành phố",
    changed: (n: number) => (n === 0 ? "không khác ô nào" : `${n} ô khác`),
  },
  en: {
    file: "File",
    sheet: "Sheet",
    unit: "Unit",
    none: "(not named)",
    errors: "errors",
    warnings: "warnings",
    unreadable: "UNREADABLE",
    ok: "no errors",
    total: "Total",
    files: "files",
    withErrors: "files with errors",
    merge: "Merge",
    included: "units included",
    missing: "units missing",
    duplicates: "duplicates left out",
    invalid: "inputs with errors",
    unreadableN: "unreadable files",
    city: "City table",
    written: "Written",
    cityTotal: "City grand total of awards",
    changed: (n: number) => (n === 0 ? "no cell differs" : `${n} cell(s) differ`),
  },
};

function line(f: Finding, lang: Lang): string {
  const mark = f.severity === "error" ? "✗" : "⚠";
  const cell = f.cells[0] ?? "";
  return `    ${mark} ${cell.padEnd(5)} ${f.rule}: ${lang === "vi" ? f.message : f.messageEn}`;
}

export function checkReport(results: FileResult[], lang: Lang): string {
  const t = T[lang];
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
      const summary = c.errors + c.warnings === 0 ? t.ok : `${c.errors} ${t.errors}, ${c.warnings} ${t.warnings}`;
      out.push(`  ${t.sheet} "${s.sheet}" — ${t.unit}: ${s.unit ?? t.none} — ${summary}`);
      for (const f of s.findings) out.push(line(f, lang));
    }
    if (fileErrors > 0) bad++;
  }
  out.push("");
  out.push(
    `${t.total}: ${results.length} ${t.files}, ${bad} ${t.withErrors}, ${errors} ${t.errors}, ${warnings} ${t.warnings}`,
  );
  return out.join("\n");
}

export function mergeReport(m: MergeResult, out: string, lang: Lang): string {
  const t = T[lang];
  const lines: string[] = [];
  const included = m.units.filter((u) => u.included).length;
  const dup = m.units.filter((u) => u.excluded === "duplicate").length;
  const invalid = m.units.filter((u) => u.errors > 0).length;
  const unreadable = m.findings.filter((f) => f.rule === "MERGE_UNREADABLE").length;
  lines.push(
    `${t.merge}: ${included} ${t.included}, ${m.missing.length} ${t.missing}, ${dup} ${t.duplicates}, ${invalid} ${t.invalid}, ${unreadable} ${t.unreadableN}`,
  );
  for (const f of m.findings) {
    lines.push(line(f, lang).replace(/^ {4}(\S) \s*/, "  $1 "));
    if (f.rule !== "MERGE_DUPLICATE_UNIT") continue;
    for (const r of m.resubmissions.filter((x) => x.unit === f.unit))
      lines.push(
        `    ${r.left.file} → ${r.kept.file}: ${t.changed(r.changes.length)} (phuluc02 diff "${r.left.file}" "${r.kept.file}")`,
      );
  }
  const c = countBySeverity(m.city.findings);
  lines.push(`${t.city}: ${c.errors} ${t.errors}, ${c.warnings} ${t.warnings}`);
  for (const f of m.city.findings) lines.push(line(f, lang));
  lines.push(`${t.cityTotal}: ${m.city.rows.TONG.total}`);
  lines.push(`${t.written}: ${out}`);
  return lines.join("\n");
}

// C0 and C1 controls (an ESC sequence in a unit's name could rewrite the terminal), DEL, and the
// bidirectional overrides that reorder what is shown. Newlines and tabs between our own lines stay.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: every control character shown as \xHH / \uHHHH instead of acted on. */
export function safeText(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const n = ch.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}

/** JSON for a terminal or a pipe: JSON.stringify leaves C1 controls and bidi overrides raw; they become \uHHHH. */
export function safeJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
