/** "Kiểm tra": check the active sheet, auto-check while typing, insert a blank template. */
import { Button, Checkbox, MessageBar, MessageBarBody, Switch } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { pick } from "../../../shared";
import type { SheetCheck } from "../../excel/check";
import type { ExcelHost } from "../../excel/host";
import { useLang, useStrings } from "../i18n";
import { FindingsList } from "./FindingsList";

export function CheckView({ host }: { host: ExcelHost }) {
  const t = useStrings();
  const lang = useLang();
  const [check, setCheck] = useState<SheetCheck | null>(host.lastCheck);
  const [busy, setBusy] = useState(false);
  const [auto, setAuto] = useState(host.autoCheck.enabled);
  const [daibieu, setDaibieu] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => host.onCheck(setCheck), [host]);
  useEffect(() => host.onError(setError), [host]);
  useEffect(
    () =>
      host.onNotice((text) => {
        setNote(text);
        setAuto(host.autoCheck.enabled);
      }),
    [host],
  );
  useEffect(() => {
    host.autoCheck.setEnabled(auto).catch((e) => setError(String(e?.message ?? e)));
  }, [host, auto]);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(t.actionFailed(String((e as Error)?.message ?? e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div style={{ display: "flex", gap: 8, flexWrap: "wrap", alignItems: "center" }}>
        <Button appearance="primary" disabled={busy} onClick={() => act(async () => void (await host.checkActive()))}>
          {t.checkSheet}
        </Button>
        <Switch label={t.autoCheck} checked={auto} onChange={(_, d) => setAuto(d.checked)} />
      </div>
      {auto && (
        <p data-testid="undo-note" style={{ fontSize: 12, marginTop: 4 }}>
          {host.features.keepsUndo === false ? t.undoLost : t.undoKept}
        </p>
      )}
      <div style={{ display: "flex", gap: 8, alignItems: "center", marginTop: 8 }}>
        <Button
          disabled={busy}
          onClick={() => act(async () => setNote(t.templateMade((await host.insertTemplates(daibieu)).join(", "))))}
        >
          {t.newTemplate}
        </Button>
        <Checkbox label={t.withDaibieu} checked={daibieu} onChange={(_, d) => setDaibieu(!!d.checked)} />
      </div>
      <div style={{ display: "flex", gap: 8, alignItems: "center", marginTop: 8 }}>
        <Button disabled={busy} onClick={() => act(async () => void (await host.clearMarks()))}>
          {t.clearMarks}
        </Button>
      </div>
      <p data-testid="marks-saved" style={{ fontSize: 12, marginTop: 4 }}>
        {t.marksSaved}
      </p>
      {note && (
        <MessageBar intent="success">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {check && (
        <div data-testid="check-result">
          <p>{t.checked(check.sheet)}</p>
          {check.problem && (
            <MessageBar intent="warning" data-testid="check-problem">
              <MessageBarBody>{pick(check.problem, lang)}</MessageBarBody>
            </MessageBar>
          )}
          {check.truncated && <p data-testid="check-truncated">{t.truncated}</p>}
          {check.marksPending && <p data-testid="marks-pending">{t.marksPending}</p>}
          {!check.result ? (
            <p>{t.noTable}</p>
          ) : check.findings.length === 0 ? (
            <MessageBar intent="success">
              <MessageBarBody>{t.allGood}</MessageBarBody>
            </MessageBar>
          ) : (
            <FindingsList
              findings={check.findings}
              onSelect={(f) => f.cells[0] && void host.select(f.sheet ?? check.sheet, f.cells[0]).catch(() => {})}
            />
          )}
        </div>
      )}
    </div>
  );
}
