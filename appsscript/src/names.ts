/** Tab names the script owns. */
import { isCitySheet, isRosterSheet } from "../../shared";

/** Hidden tab holding the marks that conditional formatting shows on the unit tabs. */
export const HELPER = "_phuluc02";

/** Tabs that are never units: ours (helper, outputs) and the roster. */
export function isOwnTab(name: string): boolean {
  return name === HELPER || isCitySheet(name) || isRosterSheet(name);
}
