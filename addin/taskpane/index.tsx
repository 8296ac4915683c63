/**
 * Entry of taskpane.html, which is also the add-in's shared runtime (manifest <Runtimes>): when
 * Office is ready it registers the ribbon command and check-while-typing before any pane is
 * shown, so both work with the pane closed; then it renders the pane (Excel views), or browser
 * mode outside Office.
 */
import { createRoot } from "react-dom/client";
import type { Lang } from "../../shared";
import { App, type View } from "./App";
import { excelHost } from "../excel/host";
import { registerCommands } from "../commands/commands";

const view: View = new URLSearchParams(location.search).get("view") === "merge" ? "merge" : "check";

function start(inExcel: boolean) {
  let lang: Lang = /[?&]lang=en\b/.test(location.search) ? "en" : "vi";
  const host = inExcel ? excelHost() : null;
  if (host) {
    // Vietnamese first; English when Excel itself speaks English.
    if (/^en\b/i.test(Office.context.displayLanguage ?? "")) lang = "en";
    host.lang = lang;
    registerCommands();
    host.autoCheck.register().catch((e) => host.reportError(e));
  }
  const root = createRoot(document.getElementById("root")!);
  root.render(<App host={host} view={view} lang={lang} />);
}

// office.js is loaded by the page; outside Office it reports no host (or is missing offline).
if (typeof Office !== "undefined" && Office.onReady)
  Office.onReady((info) => start(info.host === Office.HostType.Excel)).catch(() => start(false));
else start(false);
