// The one-file tool (issue 10 point 2): dist/phuluc02.html, the pane's browser mode with every
// script inlined (React, Fluent UI, the rules core, and exceljs for the annotated copies), so it
// opens from disk with file:// and needs no server, no network and no Office.js. Fluent UI
// (Griffel) inserts its styles at run time, so there is no stylesheet to inline.
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";

const out = await build({
  entryPoints: ["addin/browser/onefile.tsx"],
  bundle: true,
  write: false,
  platform: "browser",
  format: "iife",
  target: "es2020",
  jsx: "automatic",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
});
// An inline script ends at the first "</script" the HTML parser meets, and "<!--" changes how
// it reads on; both are written with an escaped slash/bang, which JavaScript reads the same.
const js = out.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
const html = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'" />
    <title>Phụ lục 02 – Khen thưởng</title>
  </head>
  <body>
    <div id="root"></div>
    <script>${js}</script>
  </body>
</html>
`;
mkdirSync("dist", { recursive: true });
writeFileSync("dist/phuluc02.html", html);
