// Builds dist/appsscript/ for clasp: appsscript.json, Sidebar.html and one Code.js. The bundle is an
// IIFE assigned to one global (PL02); the functions Apps Script calls (menu items, triggers,
// google.script.run) are then written as plain top-level declarations that delegate to it, since
// Apps Script only sees top-level functions. No module loader, no export, no Node API.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const out = "dist/appsscript";
mkdirSync(out, { recursive: true });
const common = {
  entryPoints: ["appsscript/src/main.ts"],
  bundle: true,
  platform: "neutral",
  mainFields: ["module", "main"],
  target: "es2020",
  write: false,
  logLevel: "warning",
};
// What main.ts exports is what Apps Script must see: an ESM build's metafile lists it (an IIFE's does not).
const esm = await build({ ...common, format: "esm", metafile: true, outfile: "entry.js" });
const entryPoints = Object.values(esm.metafile.outputs).flatMap((o) => o.exports);
const result = await build({
  ...common,
  format: "iife",
  globalName: "PL02",
  minify: false,
  legalComments: "none",
  charset: "utf8",
});
const bundle = result.outputFiles[0].text;
const shims = entryPoints.map((name) => `function ${name}(...args) {\n  return PL02.${name}(...args);\n}`).join("\n\n");
writeFileSync(
  `${out}/Code.js`,
  `// Phụ lục 02 — built by scripts/build-appsscript.mjs from appsscript/src and shared/. Do not edit.\n${bundle}\n${shims}\n`,
);
copyFileSync("appsscript/appsscript.json", `${out}/appsscript.json`);
copyFileSync("appsscript/Sidebar.html", `${out}/Sidebar.html`);
