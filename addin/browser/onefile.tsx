/**
 * Entry of dist/phuluc02.html, the one-file tool (issue 10): the pane's browser mode with no
 * Office.js and nothing loaded from anywhere, so it works opened from disk (file://) and can be
 * sent by e-mail. Same App as the add-in, with no Excel host.
 */
import { createRoot } from "react-dom/client";
import { App } from "../taskpane/App";

const lang = /[?&]lang=en\b/.test(location.search) ? "en" : "vi";
createRoot(document.getElementById("root")!).render(<App host={null} lang={lang} />);
