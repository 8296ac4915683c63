// Builds dist/appsscript/ for clasp: appsscript.json, Sidebar.html and one Code.js. The bundle is an
// IIFE assigned to one global (PL02); the functions Apps Script calls (menu items, triggers,
// google.script.run) are then written as plain top-level declarations that delegate to it, since
// Apps Script only sees top-level functions. No module loader, no export, no Node API.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

export const ENTRY_POINTS = [
  "onOpen",
  "onEdit",
  "checkActiveSheet",
  "checkAllSheets",
  "mergeUnitSheets",
  "createTemplateSheet",
  "protectTemplate",
  "showSidebar",
  "sidebarData",
  "selectCell",
];

const out = "dist/appsscript";
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: ["appsscript/src/main.ts"],
  bundle: true,
  format: "iife",
  globalName: "PL02",
  platform: "neutral",
  mainFields: ["module", "main"],
  target: "es2020",
  minify: false,
  legalComments: "none",
  charset: "utf8",
  write: false,
  logLevel: "warning",
});
const bundle = result.outputFiles[0].text;
const shims = ENTRY_POINTS.map((name) => `function ${name}(...args) {\n  return PL02.${name}(...args);\n}`).join(
  "\n\n",
);
writeFileSync(
  `${out}/Code.js`,
  `// Phụ lục 02 — built by scripts/build-appsscript.mjs from appsscript/src and shared/. Do not edit.\n${bundle}\n${shims}\n`,
);
copyFileSync("appsscript/appsscript.json", `${out}/appsscript.json`);
copyFileSync("appsscript/Sidebar.html", `${out}/Sidebar.html`);
