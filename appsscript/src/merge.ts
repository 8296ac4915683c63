/**
 * The Sở's merge: under the document lock, one getValues() per tab (Apps Script has no batch
 * read across tabs with the current-document scope), the core's consolidation, and the three
 * output tabs of spec §5 and the chart tab (the report's charts, issues 15 and 26) written anew. Unit
 * tabs are only read.
 */
import {
  analyzeGrid,
  attachOtherSheets,
  bundledRoster,
  chartSheet,
  cityOutputSheets,
  consolidate,
  type Lang,
  type MergeInput,
  type MergeResult,
  type Roster,
  isRosterSheet,
  rosterOfSheet,
  type SheetResult,
  type UnreadableInput,
} from "../../shared";
import { insertCharts } from "./charts";
import { strings } from "./i18n";
import { isOwnTab } from "./names";
import { readTab } from "./read";
import { writeOutSheet } from "./write-sheet";

export interface MergeRun {
  result: MergeResult;
  roster: "tab" | "bundled";
  tabs: number;
  /** False when no unit is in the total: then no output tab is written (spec §5 v2). */
  written: boolean;
}

const PROGRESS_EVERY = 25;

export interface MergeTabsOptions {
  /** Units not on the roster go into the city total too (spec §5 v2); held out by default. */
  includeUnknown?: boolean;
}

export function mergeTabs(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  opts: MergeTabsOptions = {},
): MergeRun | "busy" {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(2000)) return "busy";
  try {
    const t = strings(lang);
    const file = ss.getName();
    const tabs = ss.getSheets();
    const names = tabs.map((s) => s.getName());
    const inputs: MergeInput[] = [];
    const checked: SheetResult[] = [];
    const unreadable: UnreadableInput[] = [];
    let roster: Roster = bundledRoster();
    let rosterFrom: MergeRun["roster"] = "bundled";
    tabs.forEach((sheet, i) => {
      const name = names[i];
      if (isRosterSheet(name)) {
        const read = rosterOfSheet(file, readTab(sheet, name));
        if ("roster" in read) [roster, rosterFrom] = [read.roster, "tab"];
        else unreadable.push(read.unreadable);
        return;
      }
      if (isOwnTab(name)) return;
      const result = analyzeGrid(readTab(sheet, name));
      if (result) checked.push(result);
      if (result?.table && result.template === "pl02") inputs.push({ file, sheetIndex: i, result });
      if ((i + 1) % PROGRESS_EVERY === 0) ss.toast(t.reading(i + 1, tabs.length), t.title, 3);
    });
    attachOtherSheets(inputs, checked);
    const result = consolidate(inputs, unreadable, { roster, includeUnknown: !!opts.includeUnknown });
    if (result.summary.included === 0) return { result, roster: rosterFrom, tabs: inputs.length, written: false };
    const charts = chartSheet(result, lang);
    const outs = [...cityOutputSheets(result, lang), charts.sheet];
    // Replace earlier outputs (never a unit tab: these names are ours), each at the end: Sheets
    // refuses an index past the last tab, and the tabs deleted are no longer counted.
    let kept = tabs.length;
    const written = outs.map((out, k) => {
      const old = tabs[names.indexOf(out.name)];
      if (old) {
        ss.deleteSheet(old);
        kept--;
      }
      const sheet = ss.insertSheet(out.name, kept + k);
      writeOutSheet(sheet, out);
      return sheet;
    });
    insertCharts(written[written.length - 1], charts.charts);
    written[0]?.activate(); // the city table is what the Sở wants to see
    return { result, roster: rosterFrom, tabs: inputs.length, written: true };
  } finally {
    lock.releaseLock();
  }
}
