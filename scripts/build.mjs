// Bundles the command-line tool. One module to load is what keeps `phuluc02` fast; exceljs
// (0.26 s to require unbundled, ~0.1 s bundled) lives in its own file, loaded only when an
// annotated copy, a template or sample data is written — never by `check` or `merge`.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { argv, env, execPath, stderr } from "node:process";

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
// The tool itself; `phuluc02` (cli/launch.ts) loads it from V8's code cache, made below. Its one
// dynamic import (the exceljs writer) becomes a require: a script compiled from a cache (node:vm)
// has no loader for import().
const tool = {
  ...common,
  entryPoints: ["cli/bin.ts"],
  plugins: [lazyWriter, lazyFflate],
  supported: { "dynamic-import": false },
};
rmSync("dist/cli/phuluc02-main.cache", { force: true });
await build({ ...tool, outfile: "dist/cli/phuluc02-main.cjs" });
await build({ ...common, minify: false, entryPoints: ["cli/launch.ts"], outfile: "dist/cli/phuluc02.cjs" });
// For profiling (node --cpu-prof): the same tool with its function names, beside the real one.
if (argv.includes("--readable")) await build({ ...tool, minify: false, outfile: "dist/cli/phuluc02-readable.cjs" });
await build({ ...common, entryPoints: ["cli/exceljs-write.ts"], outfile: "dist/cli/xlsx-write.cjs" });
chmodSync("dist/cli/phuluc02.cjs", 0o755);
// The code cache: what a merge of sample files compiled (bytecode), written when it ends. Only
// a speed-up: without it (a warning here) the tool compiles itself as before.
{
  const tmp = mkdtempSync(join(tmpdir(), "phuluc02-cache-"));
  const cache = resolve("dist/cli/phuluc02-main.cache");
  try {
    const cli = (args, extra = {}) =>
      spawnSync(execPath, ["dist/cli/phuluc02.cjs", ...args], { stdio: "ignore", env: { ...env, ...extra } });
    cli(["sample", "--out-dir", join(tmp, "units"), "--count", "20"]);
    cli(["merge", join(tmp, "units"), "--out", join(tmp, "city.xlsx")], {
      PHULUC02_CODE_CACHE_OUT: cache,
      PHULUC02_THREADS: "1",
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!existsSync(cache))
    stderr.write("build: no code cache written (dist/cli/phuluc02-main.cache); phuluc02 works without it\n");
}
await build({
  ...common,
  minify: false,
  entryPoints: ["scripts/bench.ts"],
  outfile: "dist/bench.cjs",
  // office-addin-mock needs only this enum from office-addin-manifest (as in jest.config.js).
  alias: { "office-addin-manifest": "./node_modules/office-addin-manifest/lib/officeApp.js" },
});
