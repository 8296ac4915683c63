/** A list's errors and warnings as two badges, after the cells to correct (spec §3b) when there are any. */
import { Badge, makeStyles } from "@fluentui/react-components";
import { useStrings } from "../i18n";

const useStyles = makeStyles({
  counts: { display: "flex", flexWrap: "wrap", gap: "8px", margin: "8px 0" },
});

export function CountBadges({ errors, warnings, toFix = 0 }: { errors: number; warnings: number; toFix?: number }) {
  const t = useStrings();
  const s = useStyles();
  return (
    <div className={s.counts} aria-label="counts">
      {toFix > 0 && (
        <Badge color="danger" appearance="outline" data-testid="likely-count">
          {t.cellsToFix(toFix)}
        </Badge>
      )}
      <Badge color={errors ? "danger" : "informative"} data-testid="error-count">
        {t.errors}: {errors}
      </Badge>
      <Badge color={warnings ? "warning" : "informative"} data-testid="warning-count">
        {t.warnings}: {warnings}
      </Badge>
    </div>
  );
}
