/**
 * The merge's result as the core sums it up (shared merge-summary.ts): its lines word for word, the
 * same as the CLI, the page and the Sheets menu show, then who is behind each count. Every count
 * shown is the core's; the lists are the rows those counts were taken from.
 */
import { Text } from "@fluentui/react-components";
import { findingMessage, type MergeResult } from "../../../shared";
import { useLang, useStrings } from "../i18n";

export function MergeSummary({ result, heading }: { result: MergeResult; heading?: string }) {
  const t = useStrings();
  const lang = useLang();
  const s = result.summary;
  const where = (u: { file: string; sheet: string }) => `${u.file} › ${u.sheet}`;
  const included = result.units.filter((u) => u.included);
  const duplicates = result.units.filter((u) => u.excluded === "duplicate" || u.excluded === "duplicate-content");
  const invalid = result.findings.filter((f) => f.rule === "MERGE_UNREADABLE");
  const rows: [string, string, number, string[]][] = [
    ["included", t.included, s.included, included.map((u) => `${u.unit} (${where(u)})`)],
  ];
  // Against a roster not known to be complete nobody is called "chưa nộp" (spec §5 v2).
  if (s.notSubmitted !== null) {
    const missing = result.status.filter((r) => r.onRoster && !r.submitted);
    rows.push([
      "missing",
      t.missing,
      s.notSubmitted,
      missing.map((r) => (r.blank ? `${r.unit} (${t.blankTable})` : r.unit)),
    ]);
  }
  const heldOut = result.status.filter((r) => r.heldOut);
  if (s.heldOut > 0)
    rows.push(["held-out", t.heldOut, s.heldOut, heldOut.map((r) => `${r.unit} (${r.inputs.join("; ")})`)]);
  const unknown = result.units.filter((u) => !u.known && (u.included || u.heldOut));
  rows.push(
    ["unknown", t.unknownUnits, unknown.length, unknown.map((u) => `${u.unit} (${where(u)})`)],
    ["duplicates", t.duplicates, s.duplicates, duplicates.map((u) => `${u.unit} (${where(u)})`)],
    ["invalid", t.invalid, s.unreadable, invalid.map((f) => `${f.file ?? ""}: ${findingMessage(f, lang)}`)],
  );
  return (
    <section aria-label={heading ?? t.summary} data-testid="merge-summary">
      <Text weight="semibold">{heading ?? t.summary}</Text>
      <ul data-testid="summary-lines">
        {s.lines[lang].map((line, i) => (
          <li key={i} data-testid="summary-line">
            {line}
          </li>
        ))}
      </ul>
      {rows.map(([key, label, count, items]) => (
        <details key={key} data-testid={`summary-${key}`} data-count={count}>
          <summary>
            {label}: {count}
          </summary>
          <ul>
            {items.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
