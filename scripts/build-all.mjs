// `npm run build`: type-checks every tsconfig and builds every target of dist/, as many at once as
// there are cores. The five tsc runs are the slow part (each checks shared/ under other types); each
// keeps an incremental state in dist/.build, so a re-run checks only what changed. The targets are
// built only when stale (scripts/build-targets.mjs) unless --force.
//   node scripts/build-all.mjs [--force] [--no-types | --types-only]
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import process from "node:process";
import { buildTarget } from "./build-targets.mjs";

const TSCONFIGS = [
  "tsconfig.json",
  "addin/tsconfig.json",
  "appsscript/tsconfig.json",
  "tsconfig.workbook.json",
  "tsconfig.shared.json",
];
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const option = (name) => process.argv.includes(name);
const force = option("--force");

function typeCheck(config) {
  const state = `dist/.build/${config.replace(/[^a-z]+/gi, "-")}.tsbuildinfo`;
  const args = [tsc, "-p", config, "--incremental", "--tsBuildInfoFile", state];
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { stdio: "inherit" });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`tsc -p ${config} found errors`))));
  });
}

// Longest first: webpack and the two widest tsc runs take most of the time.
const targets = option("--types-only") ? [] : ["addin", "cli", "onefile", "appsscript"];
const tasks = [
  ...targets.slice(0, 1).map((t) => () => buildTarget(t, { force })),
  ...(option("--no-types") ? [] : TSCONFIGS.map((c) => () => typeCheck(c))),
  ...targets.slice(1).map((t) => () => buildTarget(t, { force })),
];
let failed = false;
async function worker() {
  for (let task; (task = tasks.shift());) {
    await task().catch((e) => {
      failed = true;
      process.stderr.write(`${e.message}\n`);
    });
  }
}
await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
if (failed) process.exit(1);
