// Bundles the command-line tool. One module to load is what keeps `phuluc02` fast; exceljs
// (0.26 s to require unbundled, ~0.1 s bundled) lives in its own file, loaded only when an
// annotated copy, a template or sample data is written — never by `check` or `merge`.
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import { resolve } from "node:path";
import { argv } from "node:process";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
};
const lazyWriter = {
  name: "lazy-exceljs-writer",
  setup(b) {
    b.onResolve({ filter: /\/exceljs-write$/ }, () => ({ path: "./xlsx-write.cjs", external: true }));
  },
};
// fflate only on first use (cli/fflate-lazy.ts): node:zlib does the tool's inflating and deflating.
const lazyFflate = {
  name: "lazy-fflate",
  setup(b) {
    const shim = resolve("cli/fflate-lazy.ts");
    b.onResolve({ filter: /^fflate$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
  },
};
const tool = { ...common, entryPoints: ["cli/bin.ts"], plugins: [lazyWriter, lazyFflate] };
await build({ ...tool, outfile: "dist/cli/phuluc02.cjs" });
// For profiling (node --cpu-prof): the same tool with its function names, beside the real one.
if (argv.includes("--readable")) await build({ ...tool, minify: false, outfile: "dist/cli/phuluc02-readable.cjs" });
await build({ ...common, entryPoints: ["cli/exceljs-write.ts"], outfile: "dist/cli/xlsx-write.cjs" });
chmodSync("dist/cli/phuluc02.cjs", 0o755);
await build({
  ...common,
  minify: false,
  entryPoints: ["scripts/bench.ts"],
  outfile: "dist/bench.cjs",
  // office-addin-mock needs only this enum from office-addin-manifest (as in jest.config.js).
  alias: { "office-addin-manifest": "./node_modules/office-addin-manifest/lib/officeApp.js" },
});
