/**
 * The city table's own findings, shown wherever the city workbook is written or offered (spec §5
 * v2): its counts are the core summary's, its list the city table's findings.
 */
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { ReactNode } from "react";
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
      <CityCounts summary={s}>
        <FindingsList findings={result.city.findings} onSelect={onSelect} />
      </CityCounts>
    </section>
  );
}

/** The city table's errors and warnings in one bar, and under it, when it has any, `children` (its findings). */
export function CityCounts({ summary, children }: { summary: MergeResult["summary"]; children: ReactNode }) {
  const t = useStrings();
  const { cityErrors: errors, cityWarnings: warnings } = summary;
  if (errors + warnings === 0)
    return (
      <MessageBar intent="success">
        <MessageBarBody>{t.cityClean}</MessageBarBody>
      </MessageBar>
    );
  return (
    <>
      <MessageBar intent={errors > 0 ? "error" : "warning"}>
        <MessageBarBody>{t.cityCounts(errors, warnings)}</MessageBarBody>
      </MessageBar>
      {children}
    </>
  );
}
