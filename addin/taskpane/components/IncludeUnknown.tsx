/** The switch that counts units not on the roster into the city total (spec §5 v2; the CLI's --include-unknown). */
import { Switch } from "@fluentui/react-components";
import { useStrings } from "../i18n";

export function IncludeUnknown({
  checked,
  disabled,
  onChange,
}: {
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useStrings();
  return (
    <Switch
      data-testid="include-unknown"
      label={t.includeUnknown}
      checked={checked}
      disabled={disabled}
      onChange={(_, d) => onChange(d.checked)}
    />
  );
}
