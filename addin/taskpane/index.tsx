/** Entry of taskpane.html: Excel when Office says so, browser mode otherwise. */
import { createRoot } from "react-dom/client";
import { App, type View } from "./App";
import { excelHost } from "../excel/host";

const view: View = new URLSearchParams(location.search).get("view") === "merge" ? "merge" : "check";
const lang = /[?&]lang=en\b/.test(location.search) ? "en" : "vi";

function start(inExcel: boolean) {
  const root = createRoot(document.getElementById("root")!);
  root.render(<App host={inExcel ? excelHost() : null} view={view} lang={lang} />);
}

// office.js is loaded by the page; outside Office it reports no host (or is missing offline).
if (typeof Office !== "undefined" && Office.onReady)
  Office.onReady((info) => start(info.host === Office.HostType.Excel)).catch(() => start(false));
else start(false);
