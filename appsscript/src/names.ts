/** Tab names the script owns, and the one it reads the roster from. */
import { CITY_SHEET_NAMES, fold } from "../../shared";

/** Hidden tab holding the marks that conditional formatting shows on the unit tabs. */
export const HELPER = "_phuluc02";
export const ROSTER = "Danh sách đơn vị";
const OUTPUTS = new Set(Object.values(CITY_SHEET_NAMES).map(fold));

/** Tabs that are never units: ours (helper, outputs) and the roster. */
export function isOwnTab(name: string): boolean {
  return name === HELPER || OUTPUTS.has(fold(name)) || fold(name) === fold(ROSTER);
}
