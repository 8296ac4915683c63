/** Who was included, who is missing, duplicates, units not on the roster and files that could not be used. */
import { Text } from "@fluentui/react-components";
import { findingMessage, type MergeResult } from "../../../shared";
import { useLang, useStrings } from "../i18n";

export function MergeSummary({ result }: { result: MergeResult }) {
  const t = useStrings();
  const lang = useLang();
  const included = result.units.filter((u) => u.included);
  const duplicates = result.units.filter((u) => u.excluded === "duplicate");
  const unknown = result.units.filter((u) => !u.known);
  const invalid = result.findings.filter((f) => f.rule === "MERGE_UNREADABLE" || f.rule === "MERGE_INVALID_INPUT");
  const rows: [string, string, string[]][] = [
    ["included", t.included, included.map((u) => u.unit)],
    ["missing", t.missing, result.missing],
    ["duplicates", t.duplicates, duplicates.map((u) => `${u.unit} (${u.file} › ${u.sheet})`)],
    ["unknown", t.unknownUnits, unknown.map((u) => `${u.unit} (${u.file} › ${u.sheet})`)],
    ["invalid", t.invalid, invalid.map((f) => `${f.file ?? ""}: ${findingMessage(f, lang)}`)],
  ];
  return (
    <section aria-label={t.summary} data-testid="merge-summary">
      <Text weight="semibold">{t.summary}</Text>
      {rows.map(([key, label, items]) => (
        <details key={key} data-testid={`summary-${key}`} data-count={items.length}>
          <summary>
            {label}: {items.length}
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
