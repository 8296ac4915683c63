/**
 * The table around a finding's cell, for the page (outside Excel there is no sheet to jump to):
 * row labels and column headers as the template names them, the cell highlighted in its mark's
 * colour, the value the core suggests when it has one, and a details line (rule and basis).
 */
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { type Finding, type Grid, type LocatedTable, MARK_COLORS } from "../../../shared";
import { cellWindow } from "../../browser/cell-window";
import { useLang, useStrings } from "../i18n";

const useStyles = makeStyles({
  wrap: { overflowX: "auto", margin: "4px 0 8px 6px" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 6px",
    textAlign: "right",
    minWidth: "3em",
  },
  head: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "2px 6px",
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "left",
    maxWidth: "16em",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  focus: { outline: `2px solid ${tokens.colorPaletteRedBorder2}`, fontWeight: tokens.fontWeightBold },
  details: { color: tokens.colorNeutralForeground2 },
});

export function CellView({
  id,
  finding: f,
  grid,
  table,
}: {
  id: string;
  finding: Finding;
  grid: Grid | null;
  table: LocatedTable | undefined;
}) {
  const t = useStrings();
  const lang = useLang();
  const s = useStyles();
  const win = grid ? cellWindow(grid, table, f, lang) : null;
  const fill = MARK_COLORS[f.severity === "error" ? "error" : "warning"];
  return (
    <div id={id} data-testid="cell-view" className={s.wrap}>
      {win ? (
        <table className={s.table}>
          <caption style={{ textAlign: "left" }}>{t.cellViewTitle(f.cells[0])}</caption>
          <thead>
            <tr>
              <td className={s.head} />
              {win.columns.map((c) => (
                <th key={c.letter} scope="col" className={s.head} title={c.header}>
                  {c.header === c.letter ? c.letter : `${c.letter} · ${c.header}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {win.rows.map((r) => (
              <tr key={r.number}>
                <th scope="row" className={s.head} title={r.label}>
                  {r.label === String(r.number) ? r.label : `${r.number} · ${r.label}`}
                </th>
                {r.cells.map((c) => (
                  <td
                    key={c.address}
                    className={`${s.cell} ${c.focus ? s.focus : ""}`}
                    style={c.focus ? { backgroundColor: fill, color: "#000" } : undefined}
                    data-testid={c.focus ? "cell-focus" : undefined}
                    data-address={c.address}
                  >
                    {c.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Text block size={200}>
          {t.noCellView}
        </Text>
      )}
      {win?.suggested && (
        <Text block weight="semibold" data-testid="cell-suggested">
          {t.suggested(win.suggested)}
        </Text>
      )}
      <Text block size={100} className={s.details} data-testid="cell-details">
        {t.details(f.rule, f.basis)}
      </Text>
    </div>
  );
}
