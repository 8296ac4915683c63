/**
 * A roster given as a file (spec §5): JSON, or a workbook holding a sheet "Danh sách đơn vị"
 * (else its first sheet). No file system here: the CLI passes bytes from disk, the browser from
 * a file picker. A bad roster throws RosterError (or the reader's XlsxError) in Vietnamese.
 */
import type { Bilingual } from "../bilingual";
import { isRosterSheet, parseRoster, readRosterGrid, RosterError } from "../roster";
import type { Roster } from "../definition/schema";
import { readXlsx } from "./read";

export function rosterFromBytes(file: string, bytes: Uint8Array): Roster {
  return readRosterFile(file, bytes).roster;
}

/** The roster, and what the reader guessed (a missing "Loại đơn vị" column), to tell the user. */
export function readRosterFile(file: string, bytes: Uint8Array): { roster: Roster; notices: Bilingual[] } {
  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new RosterError(`Không đọc được danh sách đơn vị ${file}: ${(e as Error).message}`, { cause: e });
    }
    return { roster: parseRoster(data), notices: [] };
  }
  const wb = readXlsx(bytes);
  const sheet = wb.sheets.find((s) => isRosterSheet(s.name)) ?? wb.sheets[0];
  return readRosterGrid(sheet);
}
