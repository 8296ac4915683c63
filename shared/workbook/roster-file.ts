/**
 * A roster given as a file (spec §5): JSON, or a workbook holding a sheet "Danh sách đơn vị"
 * (else its first sheet). No file system here: the CLI passes bytes from disk, the browser from
 * a file picker. A bad roster throws RosterError (or the reader's XlsxError) in Vietnamese.
 */
import { isRosterSheet, parseRoster, RosterError, rosterFromGrid } from "../roster";
import type { Roster } from "../definition/schema";
import { readXlsx } from "./read";

export function rosterFromBytes(file: string, bytes: Uint8Array): Roster {
  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new RosterError(`Không đọc được danh sách đơn vị ${file}: ${(e as Error).message}`, { cause: e });
    }
    return parseRoster(data);
  }
  const wb = readXlsx(bytes);
  const sheet = wb.sheets.find((s) => isRosterSheet(s.name)) ?? wb.sheets[0];
  return rosterFromGrid(sheet);
}
