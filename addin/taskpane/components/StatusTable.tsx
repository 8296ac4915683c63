/**
 * The submission status the Sở works from, as the city workbook's "Tình trạng nộp" sheet has it:
 * every roster unit, sent or not, then units not on the roster and files that could not be read.
 * Problems first (shared statusByProblems); a column header sorts by that column, again to reverse.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { changeLine, type Lang, STATUS_CHANGES_SHOWN, type StatusRow, statusByProblems } from "../../../shared";
import { type Strings, useLang, useStrings } from "../i18n";

const useStyles = makeStyles({
  wrap: { overflowX: "auto", margin: "8px 0" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%" },
  cell: { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 6px", textAlign: "left" },
  sort: {
    background: "none",
    border: "none",
    padding: 0,
    font: "inherit",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    textAlign: "left",
  },
  problem: { color: tokens.colorPaletteRedForeground3, fontWeight: tokens.fontWeightSemibold },
});

type Key = keyof Strings["statusCols"];
const COLUMNS: Key[] = [
  "unit",
  "type",
  "submitted",
  "likely",
  "errors",
  "warnings",
  "included",
  "inputs",
  "note",
  "kept",
];
type Sort = { key: Key | "problems"; dir: 1 | -1 };

function sortValue(s: StatusRow, key: Key, t: Strings, complete: boolean): string | number {
  switch (key) {
    case "likely":
      return s.likely ?? -1;
    case "errors":
      return s.errors ?? -1;
    case "warnings":
      return s.warnings ?? -1;
    default:
      return text(s, key, t, "vi", complete);
  }
}

/** A cell's text; `complete`: whether the roster is known complete (else nobody reads "Chưa"). */
function text(s: StatusRow, key: Key, t: Strings, lang: Lang, complete: boolean): string {
  switch (key) {
    case "unit":
      return s.unit;
    case "type":
      return s.type ?? (s.onRoster ? "" : t.unknownUnits);
    case "submitted":
      // As the status sheet says it (shared submittedText), in the pane's language.
      if (s.heldOut) return t.heldOut;
      if (s.submitted) return t.yes;
      if (s.blank) return t.blankTable;
      if (s.unreadable.length > 0) return t.unreadableShort;
      return complete ? t.notYet : t.notSeen;
    case "likely":
      // the cells its likely causes name (spec §3b), beside the rule findings they explain
      return s.likely === null ? "" : String(s.likely);
    case "errors":
      return s.errors === null ? "" : String(s.errors);
    case "warnings":
      return s.warnings === null ? "" : String(s.warnings);
    case "included":
      return s.included ? t.yes : t.no;
    case "inputs":
      return s.inputs.join("; ");
    case "note":
      return s.unreadable.map((u) => `${u.input}: ${u.reason[lang]}`).join("; ");
    case "kept": {
      // A unit that sent several tables: the one used, why, and how much the others differ.
      const r = s.resubmissions[0];
      if (!r) return "";
      const counts = s.resubmissions.map((x) => t.changedCells(x.changes.length)).join("; ");
      return `${r.kept.file} › ${r.kept.sheet}: ${r.reason.text[lang]} (${counts})`;
    }
  }
}

/** The changed cells, one a line, as a tooltip of the "kept" cell. */
function changesTitle(s: StatusRow, lang: Lang): string | undefined {
  if (s.resubmissions.length === 0) return undefined;
  return s.resubmissions
    .map((r) => {
      const lines = r.changes.slice(0, STATUS_CHANGES_SHOWN).map((c) => changeLine(c, lang));
      const more = r.changes.length - lines.length;
      return [`${r.left.file} › ${r.left.sheet}:`, ...lines, ...(more > 0 ? [`… +${more}`] : [])].join("\n");
    })
    .join("\n\n");
}

export function StatusTable({ rows, rosterComplete }: { rows: readonly StatusRow[]; rosterComplete: boolean }) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const [sort, setSort] = useState<Sort>({ key: "problems", dir: 1 });
  const ordered = statusByProblems(rows);
  if (sort.key !== "problems") {
    const key = sort.key;
    const collator = new Intl.Collator("vi");
    ordered.sort((a, b) => {
      const [x, y] = [sortValue(a, key, t, rosterComplete), sortValue(b, key, t, rosterComplete)];
      const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
      return c * sort.dir;
    });
  }
  const by = (key: Key) =>
    setSort((cur) => ({
      key,
      dir: cur.key === key ? (-cur.dir as 1 | -1) : key === "errors" || key === "warnings" || key === "likely" ? -1 : 1,
    }));
  const ariaSort = (key: Key) =>
    sort.key !== key ? undefined : sort.dir === 1 ? ("ascending" as const) : ("descending" as const);
  const problem = (r: StatusRow) =>
    r.heldOut || r.unreadable.length > 0 || (r.errors ?? 0) > 0 || (!r.submitted && (rosterComplete || r.blank));
  return (
    <section aria-labelledby="status-title" data-testid="status">
      <h2 id="status-title" style={{ fontSize: tokens.fontSizeBase400, margin: "12px 0 4px" }}>
        {t.statusTitle}
      </h2>
      <button
        type="button"
        className={s.sort}
        data-testid="sort-problems"
        aria-pressed={sort.key === "problems"}
        onClick={() => setSort({ key: "problems", dir: 1 })}
      >
        {t.problemsFirst}
      </button>
      <div className={s.wrap}>
        <table className={s.table} data-testid="status-table">
          <thead>
            <tr>
              {COLUMNS.map((key) => (
                <th key={key} scope="col" className={s.cell} aria-sort={ariaSort(key)}>
                  <button
                    type="button"
                    className={s.sort}
                    data-testid={`sort-${key}`}
                    title={t.sortBy(t.statusCols[key])}
                    onClick={() => by(key)}
                  >
                    {t.statusCols[key]}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ordered.map((r) => (
              <tr key={`${r.unit}|${r.inputs.join(";")}`} data-testid="status-row" data-unit={r.unit}>
                {COLUMNS.map((key) => (
                  <td
                    key={key}
                    className={`${s.cell} ${key === "submitted" && problem(r) ? s.problem : ""}`}
                    title={key === "kept" ? changesTitle(r, lang) : undefined}
                    data-testid={key === "kept" ? "status-kept" : undefined}
                  >
                    {text(r, key, t, lang, rosterComplete)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
