/** "Hợp nhất": choose the unit sheets (and files from disk), merge, write the city sheets. */
import { Button, Checkbox, MessageBar, MessageBarBody, ProgressBar, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { bundledRoster, errorText, isRosterSheet } from "../../../shared";
import { isSystemFile } from "../../../shared/workbook/file-check";
import type { ExcelHost, SheetInfo } from "../../excel/host";
import type { MergeRun, OtherFileSheets } from "../../excel/merge";
import { otherFileSheets } from "../../excel/other-files";
import { useStrings } from "../i18n";
import { CityFindings } from "./CityFindings";
import { IncludeUnknown } from "./IncludeUnknown";
import { MergeSummary } from "./MergeSummary";
import { StatusTable } from "./StatusTable";

interface Progress {
  label: string;
  done: boolean;
}

export function MergeView({ host }: { host: ExcelHost }) {
  const t = useStrings();
  const [sheets, setSheets] = useState<SheetInfo[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [others, setOthers] = useState<OtherFileSheets[]>([]);
  const [progress, setProgress] = useState<Progress[]>([]);
  const [run, setRun] = useState<MergeRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [includeUnknown, setIncludeUnknown] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const scan = useCallback(async () => {
    setError(null);
    try {
      const list = await host.scan();
      setSheets(list);
      setChosen(new Set(list.filter((s) => s.template === "pl02").map((s) => s.name)));
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    }
  }, [host]);
  useEffect(() => void scan(), [scan]);

  const pick = async (files: FileList | null) => {
    // Every file but system ones: an .xls, .ods or .txt comes back unreadable with the reason, never dropped.
    const list = [...(files ?? [])].filter((f) => !isSystemFile(f.name));
    const read: OtherFileSheets[] = [];
    setProgress(list.map((f) => ({ label: f.name, done: false })));
    for (const [i, f] of list.entries()) {
      try {
        const fileTime = f.lastModified > 0 ? new Date(f.lastModified).toISOString() : null;
        read.push(...otherFileSheets(f.name, new Uint8Array(await f.arrayBuffer()), fileTime));
      } catch (e) {
        read.push({ file: f.name, grids: [], error: errorText(e) });
      }
      setProgress((p) => p.map((x, k) => (k === i ? { ...x, done: true } : x)));
    }
    setOthers(read);
  };

  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      setRun(await host.merge({ sheets: [...chosen], others, includeUnknown }));
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    } finally {
      setBusy(false);
    }
  };

  const hasRosterSheet = sheets?.some((s) => isRosterSheet(s.name));
  return (
    <div>
      <Text weight="semibold">{t.unitSheets}</Text>
      <div>
        {(sheets ?? [])
          .filter((s) => !isRosterSheet(s.name))
          .map((s) => (
            <Checkbox
              key={s.name}
              label={`${s.name}${s.unit ? ` — ${s.unit}` : ""}`}
              checked={chosen.has(s.name)}
              onChange={(_, d) =>
                setChosen((c) => {
                  const n = new Set(c);
                  if (d.checked) n.add(s.name);
                  else n.delete(s.name);
                  return n;
                })
              }
            />
          ))}
      </div>
      <Button size="small" onClick={scan}>
        {t.scan}
      </Button>
      <p>
        <Text weight="semibold">{t.roster}: </Text>
        <span data-testid="roster-used">
          {hasRosterSheet ? t.rosterSheet : t.rosterBundled(bundledRoster().units.length)}
        </span>
      </p>
      <IncludeUnknown checked={includeUnknown} disabled={busy} onChange={setIncludeUnknown} />
      <label>
        {t.otherFiles}
        <input type="file" multiple onChange={(e) => void pick(e.target.files)} />
      </label>
      {progress.map((p) => (
        <div key={p.label}>
          <Text size={200}>{p.label}</Text>
          <ProgressBar value={p.done ? 1 : 0} />
        </div>
      ))}
      <div style={{ marginTop: 8 }}>
        <Button appearance="primary" disabled={busy || (chosen.size === 0 && others.length === 0)} onClick={merge}>
          {busy ? t.merging : t.mergeRun}
        </Button>
      </div>
      {busy && <ProgressBar />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {run && (
        <>
          {run.written.length > 0 ? (
            <MessageBar intent="success" data-testid="merge-written">
              <MessageBarBody>{t.written(run.written.join(", "))}</MessageBarBody>
            </MessageBar>
          ) : (
            <MessageBar intent="warning" data-testid="merge-written">
              <MessageBarBody>{t.noneIncluded}</MessageBarBody>
            </MessageBar>
          )}
          {run.written.length > 0 && <CityFindings result={run.result} />}
          <MergeSummary result={run.result} />
          <StatusTable rows={run.result.status} rosterComplete={run.result.roster.complete} />
        </>
      )}
    </div>
  );
}
