/**
 * What the spreadsheet's menu, triggers and sidebar call. The build turns each export into a
 * plain top-level function of Code.js (Apps Script sees nothing else). No service is called at
 * load: everything happens inside these functions, and no error escapes them: it becomes a toast.
 */
import "./jitless";
import { countBySeverity } from "../../shared";
import { checkEdit, checkTab, checkTabs, located, session, summary } from "./check";
import { langOf, strings } from "./i18n";
import { mergeTabs } from "./merge";
import { type SidebarData, sidebarPayload } from "./sidebar-data";
import { createTemplate, protectTab } from "./template";

function guarded<T>(what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    try {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const msg = (e as { message?: unknown })?.message ?? e;
      ss.toast(strings(langOf(ss)).failed(`${what}: ${msg}`), "Phụ lục 02", 10);
    } catch {
      // not even a toast: nothing more to do
    }
    return undefined;
  }
}

export function onOpen(): void {
  guarded("onOpen", () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const t = strings(langOf(ss));
    SpreadsheetApp.getUi()
      .createMenu(t.menu)
      .addItem(t.checkSheet, "checkActiveSheet")
      .addItem(t.checkAll, "checkAllSheets")
      .addSeparator()
      .addItem(t.merge, "mergeUnitSheets")
      .addItem(t.mergeIncludeUnknown, "mergeUnitSheetsIncludingUnknown")
      .addSeparator()
      .addItem(t.template, "createTemplateSheet")
      .addItem(t.delegateTemplates, "createDelegateSheets")
      .addItem(t.protect, "protectTemplate")
      .addSeparator()
      .addItem(t.sidebar, "showSidebar")
      .addToUi();
  });
}

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  guarded("onEdit", () => {
    if (!e?.range) return;
    checkEdit(session(), e.range);
  });
}

export function checkActiveSheet(): void {
  guarded("checkActiveSheet", () => {
    const s = session();
    const t = strings(langOf(s.ss));
    const c = checkTab(s, s.ss.getActiveSheet());
    const { errors, warnings } = countBySeverity(c.findings);
    s.ss.toast(located(c.result) ? t.checked(c.sheet, errors, warnings) : t.noTable(c.sheet), t.title, 8);
  });
}

export function checkAllSheets(): void {
  guarded("checkAllSheets", () => {
    const s = session();
    const t = strings(langOf(s.ss));
    const sum = summary(checkTabs(s, s.ss.getSheets()));
    s.ss.toast(t.checkedAll(sum.tabs, sum.errors, sum.warnings), t.title, 8);
  });
}

export function mergeUnitSheets(): void {
  guarded("mergeUnitSheets", () => runMerge(false));
}

/** The same merge with units not on the roster counted in the city total (spec §5 v2). */
export function mergeUnitSheetsIncludingUnknown(): void {
  guarded("mergeUnitSheetsIncludingUnknown", () => runMerge(true));
}

function runMerge(includeUnknown: boolean): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lang = langOf(ss);
  const t = strings(lang);
  const run = mergeTabs(ss, lang, { includeUnknown });
  if (run === "busy") return void ss.toast(t.busy, t.title, 10);
  if (run.tabs === 0) return void ss.toast(t.noUnits, t.title, 10);
  if (!run.written) return void ss.toast(t.noneIncluded(run.result.summary.lines[lang]), t.title, 20);
  // The core's summary, word for word, its last line the city table's own errors and warnings.
  ss.toast(t.merged(run.result.summary.lines[lang]), t.title, 20);
}

export function createTemplateSheet(): void {
  guarded("createTemplateSheet", () => {
    const s = session();
    const sheet = createTemplate(s);
    const t = strings(langOf(s.ss));
    s.ss.toast(t.created(sheet.getName()), t.title, 5);
  });
}

/** The unit's two other documents (spec §4, §4b): its Cơ cấu đại biểu and its Danh sách đại biểu. */
export function createDelegateSheets(): void {
  guarded("createDelegateSheets", () => {
    const s = session();
    const names = (["daibieu", "ds-daibieu"] as const).map((id) => createTemplate(s, id).getName());
    const t = strings(langOf(s.ss));
    s.ss.toast(t.createdMany(names), t.title, 5);
  });
}

export function protectTemplate(): void {
  guarded("protectTemplate", () => {
    const s = session();
    const t = strings(langOf(s.ss));
    const sheet = s.ss.getActiveSheet();
    const name = sheet.getName();
    s.ss.toast(protectTab(s, sheet, `Phụ lục 02 – ${name}`) ? t.protected(name) : t.noTable(name), t.title, 8);
  });
}

export function showSidebar(): void {
  guarded("showSidebar", () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle(strings(langOf(ss)).sidebar);
    SpreadsheetApp.getUi().showSidebar(html);
  });
}

/**
 * For the sidebar (google.script.run): the active tab checked, its findings as a clerk reads them
 * (spec §3b): each likely cause first with the findings it explains under it, then the rest.
 */
export function sidebarData(): SidebarData {
  const s = session();
  const lang = langOf(s.ss);
  const c = checkTab(s, s.ss.getActiveSheet());
  return sidebarPayload(c.sheet, lang, !!located(c.result), c.findings);
}

/** For the sidebar: shows a blamed cell. */
export function selectCell(ref: string): void {
  SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange(ref).activate();
}
