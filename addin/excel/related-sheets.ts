/**
 * A list of delegates is judged with its unit's Cơ cấu đại biểu (spec §4b: DS_COUNT, and
 * DS_MATCHES_DAIBIEU), which lies on another sheet; and a Cơ cấu đại biểu whose DB7–DB9, unit or
 * kind of unit changes changes the findings of the lists on other sheets. A check that holds
 * either reads the workbook's other sheets too, in one more round trip, as the CLI reads a whole
 * file: the lists it holds are judged against them, and when a Cơ cấu đại biểu changed, the lists
 * on the other sheets are judged again and their marks brought up to date.
 */
import { daibieuFacts, factsKey, recheckList, type SheetResult } from "../../shared";

/** What each Cơ cấu đại biểu said when last judged in this session (sheet id → factsKey). */
const said = new Map<string, string>();

/** Test hook: a new session. */
export function resetRelated(): void {
  said.clear();
}

export interface Needs {
  /** A list was judged: it needs its Cơ cấu đại biểu. */
  lists: boolean;
  /** A Cơ cấu đại biểu says something else than last time (or was first seen, or is gone). */
  changed: boolean;
}

/** What the judged sheets need of the others (what they say is remembered once that is done). */
export function needs(judged: readonly { id: string; result: SheetResult | undefined }[]): Needs {
  return {
    lists: judged.some((j) => j.result?.list),
    changed: judged.some((j) => keyOf(j.result) !== (said.get(j.id) ?? "")),
  };
}

const keyOf = (result: SheetResult | undefined) => factsKey(result && daibieuFacts(result));

/** Remembers what a sheet says now (after the lists compared with it were judged and marked). */
export function remember(id: string, result: SheetResult | undefined): void {
  const key = keyOf(result);
  if (key) said.set(id, key);
  else said.delete(id);
}

/** The list's findings against every sheet of the workbook (any other result as it was). */
export function inWorkbook(result: SheetResult | undefined, all: readonly SheetResult[]): SheetResult | undefined {
  return result?.list ? recheckList(result, all) : result;
}
