/** Findings grouped by severity, then by row (named by code and label); a click shows the blamed cell. */
import { Badge, Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { countBySeverity, type Finding, findingMessage, rowLabel } from "../../../shared";
import { useLang, useStrings } from "../i18n";

const useStyles = makeStyles({
  counts: { display: "flex", gap: "8px", margin: "8px 0" },
  group: { marginTop: "8px" },
  rowHead: { marginTop: "6px", color: tokens.colorNeutralForeground3 },
  item: {
    display: "block",
    width: "100%",
    textAlign: "left",
    height: "auto",
    padding: "4px 6px",
    justifyContent: "flex-start",
    fontWeight: tokens.fontWeightRegular,
  },
  cell: { fontFamily: tokens.fontFamilyMonospace, marginRight: "6px" },
  rule: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
});

export interface FindingsListProps {
  findings: readonly Finding[];
  onSelect?: (f: Finding) => void;
}

function byRow(list: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of list) {
    const key = f.row ?? "";
    out.set(key, [...(out.get(key) ?? []), f]);
  }
  return out;
}

export function FindingsList({ findings, onSelect }: FindingsListProps) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const { errors, warnings } = countBySeverity(findings);
  const groups: [string, "danger" | "warning", Finding[]][] = [
    [t.errors, "danger", findings.filter((f) => f.severity === "error")],
    [t.warnings, "warning", findings.filter((f) => f.severity !== "error")],
  ];
  return (
    <div>
      <div className={s.counts} aria-label="counts">
        <Badge color={errors ? "danger" : "informative"} data-testid="error-count">
          {t.errors}: {errors}
        </Badge>
        <Badge color={warnings ? "warning" : "informative"} data-testid="warning-count">
          {t.warnings}: {warnings}
        </Badge>
      </div>
      {groups.map(([title, , list]) =>
        list.length === 0 ? null : (
          // A group, not a region: every file of a batch has its "Lỗi" list, and landmarks must be unique.
          <div key={title} role="group" className={s.group} aria-label={title}>
            <Text weight="semibold">
              {title} ({list.length})
            </Text>
            {[...byRow(list)].map(([row, items]) => (
              <div key={row}>
                <Text block size={200} className={s.rowHead}>
                  {row ? t.rowTitle(row, rowLabel(row, lang)) : t.otherRows}
                </Text>
                {items.map((f, i) => (
                  <Button
                    key={i}
                    appearance="subtle"
                    className={s.item}
                    data-testid="finding"
                    data-rule={f.rule}
                    data-cell={f.cells[0] ?? ""}
                    title={`${t.basis}: ${f.basis}`}
                    onClick={() => onSelect?.(f)}
                  >
                    {f.cells[0] && <span className={s.cell}>{f.cells[0]}</span>}
                    <span>{findingMessage(f, lang)}</span> <span className={s.rule}>[{f.rule}]</span>
                  </Button>
                ))}
              </div>
            ))}
          </div>
        ),
      )}
    </div>
  );
}
