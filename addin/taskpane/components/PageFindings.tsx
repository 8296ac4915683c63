/**
 * A file's findings on the page, sheet by sheet: each names its sheet, its row in words and its
 * column, likely causes first with what they explain under them (shared causeOrder), then errors,
 * then warnings. A click opens the cells around it (CellView). The rule code is only in the
 * details line of that view, never in the text read first.
 */
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import {
  causeOrder,
  countBySeverity,
  type Finding,
  findingMessage,
  type Grid,
  pick,
  type SheetResult,
} from "../../../shared";
import { placeOf } from "../../browser/cell-window";
import { type Strings, useLang, useStrings } from "../i18n";
import { CellView } from "./CellView";
import { CountBadges } from "./CountBadges";

const useStyles = makeStyles({
  sheet: { fontSize: tokens.fontSizeBase300, margin: "8px 0 2px" },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  under: { paddingLeft: "16px" },
  item: {
    display: "block",
    width: "100%",
    textAlign: "left",
    background: "none",
    border: "none",
    borderLeft: `3px solid transparent`,
    padding: "4px 6px",
    font: "inherit",
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  place: { fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground2 },
});

export interface PageFindingsProps {
  findings: readonly Finding[];
  /** The checked sheets, for the rows' and columns' names and the cells around. */
  sheets: readonly SheetResult[];
  gridOf: (sheet: SheetResult) => Grid | null;
  /** The sheets' heading level: one under the section's. */
  level?: 3 | 4;
}

/** "Dòng “Bằng khen …”, cột “Tổng số” (ô I28)". */
export function placeText(f: Finding, sheet: SheetResult | undefined, t: Strings, lang: "vi" | "en"): string {
  const p = placeOf(f, sheet, lang);
  const parts: string[] = [];
  if (p.rowLabel) parts.push(t.rowNamed(p.rowLabel));
  else if (p.rowNumber !== null) parts.push(t.rowNumber(p.rowNumber));
  if (p.column) parts.push(t.colNamed(p.column));
  const where = parts.join(", ");
  return p.cell ? `${where} (${t.cellAt(p.cell)})` : where;
}

/** Likely causes with what they explain, then the rest: errors before warnings. */
function ordered(list: readonly Finding[]): { f: Finding; under: boolean }[] {
  const out: { f: Finding; under: boolean }[] = [];
  for (const g of causeOrder(list)) {
    if (g.cause) {
      out.push({ f: g.cause, under: false });
      for (const f of g.findings) out.push({ f, under: true });
    } else {
      const rest = [
        ...g.findings.filter((f) => f.severity === "error"),
        ...g.findings.filter((f) => f.severity !== "error"),
      ];
      for (const f of rest) out.push({ f, under: false });
    }
  }
  return out;
}

export function PageFindings({ findings, sheets, gridOf, level = 4 }: PageFindingsProps) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const base = useId();
  const [open, setOpen] = useState<Finding | null>(null);
  const { errors, warnings } = countBySeverity(findings);
  const names = [...new Set(findings.map((f) => f.sheet ?? ""))];
  return (
    <div>
      <CountBadges errors={errors} warnings={warnings} />
      {names.map((name, k) => {
        const sheet = sheets.find((x) => x.sheet === name);
        const list = ordered(findings.filter((f) => (f.sheet ?? "") === name));
        return (
          <div key={name} data-testid="sheet-findings" data-sheet={name}>
            {name && (
              <Text as={level === 3 ? "h3" : "h4"} block className={s.sheet} weight="semibold">
                {t.sheetTitle(name)}
              </Text>
            )}
            <ul className={s.list}>
              {list.map(({ f, under }, i) => {
                const id = `${base}-${k}-${i}`;
                const isOpen = open === f;
                const hint = f.hint === undefined ? null : pick({ vi: f.hint, en: f.hintEn ?? f.hint }, lang);
                return (
                  <li key={i} className={under ? s.under : undefined}>
                    <button
                      type="button"
                      className={`${s.item} ${f.severity === "error" ? s.error : s.warning}`}
                      data-testid="finding"
                      data-rule={f.rule}
                      data-cell={f.cells[0] ?? ""}
                      data-sheet={f.sheet ?? ""}
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? id : undefined}
                      onClick={() => setOpen(isOpen ? null : f)}
                    >
                      <span className={s.place} data-testid="finding-place">
                        {placeText(f, sheet, t, lang)}
                      </span>
                      {": "}
                      <span data-testid="finding-message">{findingMessage(f, lang)}</span>
                      {hint && <span className={s.hint}> — {hint}</span>}
                    </button>
                    {isOpen && (
                      <CellView id={id} finding={f} grid={sheet ? gridOf(sheet) : null} table={sheet?.table} />
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
