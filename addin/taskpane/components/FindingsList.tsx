/**
 * Findings as a clerk reads them (spec §3b): the likely causes first, each with the findings it
 * explains under it (smaller, indented: they clear once the cause is corrected), a tie as one item
 * naming its candidate cells; then the other findings grouped by severity, then by row (named by
 * code and label). A click shows the blamed cell.
 */
import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import {
  causeOrder,
  countBySeverity,
  type Finding,
  findingMessage,
  LIKELY_CAUSE,
  likelyCells,
  pick,
  rowLabel,
} from "../../../shared";
import { useLang, useStrings } from "../i18n";
import { CountBadges } from "./CountBadges";

const useStyles = makeStyles({
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
  cause: {
    marginTop: "6px",
    borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  causeItem: { fontWeight: tokens.fontWeightSemibold },
  explained: { marginLeft: "18px", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  hint: { display: "block", color: tokens.colorNeutralForeground3, fontStyle: "italic" },
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
  const toFix = likelyCells(findings);
  const order = causeOrder(findings);
  const causes = order.filter((g) => g.cause);
  const rest = order.find((g) => !g.cause)?.findings ?? [];
  const groups: [string, Finding[]][] = [
    [t.errors, rest.filter((f) => f.severity === "error")],
    [t.warnings, rest.filter((f) => f.severity !== "error")],
  ];
  const item = (f: Finding, i: number, explained = false) => {
    const cause = f.rule === LIKELY_CAUSE;
    const hint = explained && f.hint ? pick({ vi: f.hint, en: f.hintEn ?? f.hint }, lang) : "";
    return (
      <Button
        key={i}
        appearance="subtle"
        className={mergeClasses(s.item, cause && s.causeItem, explained && s.explained)}
        data-testid="finding"
        data-rule={f.rule}
        data-cell={f.cells[0] ?? ""}
        {...(explained ? { "data-explained": "true" } : {})}
        title={`${cause ? `[${f.rule}] ` : ""}${t.basis}: ${f.basis}`}
        onClick={() => onSelect?.(f)}
      >
        {/* A likely cause's message names its cell ("Ô C25 (dòng B3 – …)"); a tie's cells are listed. */}
        {f.cells[0] && (!cause || f.alternatives) && (
          <span className={s.cell}>{f.alternatives ? f.cells.join(", ") : f.cells[0]}</span>
        )}
        <span>{findingMessage(f, lang)}</span>
        {/* A likely cause is named in words; its rule id stays in the details (the tooltip). */}
        {!cause && <span className={s.rule}> [{f.rule}]</span>}
        {hint && <span className={s.hint}>{hint}</span>}
      </Button>
    );
  };
  return (
    <div>
      <CountBadges errors={errors} warnings={warnings} toFix={toFix} />
      {causes.length > 0 && (
        <div role="group" className={s.group} aria-label={t.likelyCauses} data-testid="likely-causes">
          <Text weight="semibold">{t.likelyCauses}</Text>
          {causes.map(({ cause, findings: under }, k) => (
            <div key={k} className={s.cause} data-testid="cause-group">
              {item(cause!, 0)}
              {under.map((f, i) => item(f, i + 1, true))}
            </div>
          ))}
        </div>
      )}
      {groups.map(([title, list]) =>
        list.length === 0 ? null : (
          // A group, not a region: every file of a batch has its "Lỗi" list, and landmarks must be unique.
          <div key={title} role="group" className={s.group} aria-label={title}>
            <Text weight="semibold">
              {causes.length > 0 ? t.otherFindings(title) : title} ({list.length})
            </Text>
            {[...byRow(list)].map(([row, items]) => (
              <div key={row}>
                <Text block size={200} className={s.rowHead}>
                  {row ? t.rowTitle(row, rowLabel(row, lang)) : t.otherRows}
                </Text>
                {items.map((f, i) => item(f, i))}
              </div>
            ))}
          </div>
        ),
      )}
    </div>
  );
}
