/**
 * Writes the rule table of README.md from the definitions, between the markers
 * <!-- rules:start --> and <!-- rules:end -->. `--check` exits 1 when README is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { builtinListTemplates, builtinTemplates, MERGE_RULES } from "../shared";

export function rulesTable(): string {
  const lines = ["| Mã lỗi (rule id) | Mức | Kiểm tra | Check | Căn cứ (basis) |", "|---|---|---|---|---|"];
  const seen = new Set<string>();
  const rows: { id: string; severity: string; summary: { vi: string; en: string }; basis: string; where: string }[] =
    [];
  for (const t of [...builtinTemplates(), ...builtinListTemplates()])
    for (const r of t.def.rules) {
      const key = `${r.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ id: r.id, severity: r.severity, summary: r.summary, basis: r.basis, where: t.id });
    }
  for (const r of MERGE_RULES)
    rows.push({ id: r.id, severity: r.severity, summary: r.summary, basis: r.basis, where: "merge" });
  for (const r of rows)
    lines.push(
      `| \`${r.id}\` | ${r.severity === "error" ? "lỗi (error)" : "cảnh báo (warning)"} | ${r.summary.vi} | ${r.summary.en} | ${r.basis} |`,
    );
  return lines.join("\n");
}

export function withRules(readme: string): string {
  const start = "<!-- rules:start -->";
  const end = "<!-- rules:end -->";
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error("README.md has no rules markers");
  return readme.slice(0, a + start.length) + "\n" + rulesTable() + "\n" + readme.slice(b);
}

if (require.main === module) {
  const readme = readFileSync("README.md", "utf8");
  const next = withRules(readme);
  if (process.argv.includes("--check")) {
    if (next !== readme) {
      console.error("README.md rule table is stale: run npm run docs");
      process.exitCode = 1;
    }
  } else writeFileSync("README.md", next);
}
