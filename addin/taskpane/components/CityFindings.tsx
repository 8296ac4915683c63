/**
 * The city table's own findings, shown wherever the city workbook is written or offered (spec §5
 * v2): its counts are the core summary's, its list the city table's findings.
 */
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { Finding, MergeResult } from "../../../shared";
import { useStrings } from "../i18n";
import { FindingsList } from "./FindingsList";

export function CityFindings({ result, onSelect }: { result: MergeResult; onSelect?: (f: Finding) => void }) {
  const t = useStrings();
  const s = result.summary;
  return (
    <section
      aria-label={t.cityFindings}
      data-testid="city-findings"
      data-errors={s.cityErrors}
      data-warnings={s.cityWarnings}
    >
      <Text weight="semibold">{t.cityFindings}</Text>
      {s.cityErrors + s.cityWarnings === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>{t.cityClean}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <MessageBar intent={s.cityErrors > 0 ? "error" : "warning"}>
            <MessageBarBody>{t.cityCounts(s.cityErrors, s.cityWarnings)}</MessageBarBody>
          </MessageBar>
          <FindingsList findings={result.city.findings} onSelect={onSelect} />
        </>
      )}
    </section>
  );
}
