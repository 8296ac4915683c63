/**
 * The page's merge result, what the Sở needs first at the top: the city workbook's download with
 * the city table's own errors beside it, the report, then the core's summary; the status table
 * (one row a unit, 40 and more) under them.
 */
import { Button, MessageBar, MessageBarBody, tokens } from "@fluentui/react-components";
import { useMemo } from "react";
import { type MergeResult, templateById, templateLayout } from "../../../shared";
import { cityReport, cityWorkbook, download } from "../../browser/files";
import { useLang, useStrings } from "../i18n";
import { CityCounts } from "./CityFindings";
import { MergeSummary } from "./MergeSummary";
import { PageFindings } from "./PageFindings";
import { StatusTable } from "./StatusTable";

export function MergeResultView({ result }: { result: MergeResult }) {
  const t = useStrings();
  const lang = useLang();
  const s = result.summary;
  // The city sheet as the core laid it out and checked it: the cells around a finding.
  const grid = useMemo(
    () => templateLayout(templateById("pl02"), { unit: result.city.result.unit ?? "", values: result.city.rows }).grid,
    [result],
  );
  return (
    <section data-testid="merged" aria-labelledby="merged-title">
      <h2 id="merged-title" style={{ fontSize: tokens.fontSizeBase400, margin: "12px 0 4px" }}>
        {t.summary}
      </h2>
      {s.included > 0 ? (
        <section
          aria-label={t.cityTitle}
          data-testid="city-findings"
          data-errors={s.cityErrors}
          data-warnings={s.cityWarnings}
        >
          <div style={{ display: "flex", gap: 8, flexWrap: "wrap", margin: "4px 0" }}>
            <Button
              appearance="primary"
              data-testid="download-city"
              onClick={() => download("Tong-hop-thanh-pho.xlsx", cityWorkbook(result, lang))}
            >
              {t.downloadCity}
            </Button>
            <Button
              data-testid="download-report"
              onClick={() => download("Bao-cao-tong-hop.html", cityReport(result, lang), document, "text/html")}
            >
              {t.downloadReport}
            </Button>
          </div>
          <CityCounts summary={s}>
            <PageFindings findings={result.city.findings} sheets={[result.city.result]} gridOf={() => grid} level={3} />
          </CityCounts>
        </section>
      ) : (
        <MessageBar intent="warning" data-testid="none-included">
          <MessageBarBody>{t.noneIncluded}</MessageBarBody>
        </MessageBar>
      )}
      <MergeSummary result={result} heading={t.summaryShort} />
      <StatusTable rows={result.status} rosterComplete={result.roster.complete} />
    </section>
  );
}
