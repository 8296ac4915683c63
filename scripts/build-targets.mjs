// The four things built into dist/, each rebuilt only when stale: a stamp (dist/.build/<target>.json)
// holds a hash of the target's input files as they were when its build started, so an edited source,
// a changed build script or a new lock file means a rebuild, and a fresh target costs only the hash.
// One lock directory per target keeps two processes (jest workers, `npm pack` inside a test) from
// building the same target at once; the second waits, then finds the target fresh.
//   node scripts/build-targets.mjs [--force] [cli|appsscript|addin|onefile ...]   (no name: all four)
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const STATE = join(ROOT, "dist", ".build");
const webpack = createRequire(import.meta.url).resolve("webpack-cli/bin/cli.js");
const EVERY_BUILD = ["shared", "tsconfig.json", "package-lock.json"];

export const TARGETS = {
  cli: {
    inputs: [...EVERY_BUILD, "package.json", "cli", "scripts/build.mjs", "scripts/bench.ts", "scripts/bench"],
    command: ["scripts/build.mjs"],
    outputs: ["dist/cli/phuluc02.cjs", "dist/cli/xlsx-write.cjs"],
  },
  appsscript: {
    inputs: [...EVERY_BUILD, "appsscript", "scripts/build-appsscript.mjs"],
    command: ["scripts/build-appsscript.mjs"],
    outputs: ["dist/appsscript/Code.js", "dist/appsscript/Sidebar.html"],
  },
  addin: {
    inputs: [...EVERY_BUILD, "addin", "webpack.config.js"],
    command: [webpack, "--mode", "production", "--stats", "errors-warnings"],
    outputs: ["dist/taskpane.html", "dist/taskpane.js"],
  },
  onefile: {
    inputs: [...EVERY_BUILD, "addin", "scripts/build-onefile.mjs"],
    command: ["scripts/build-onefile.mjs"],
    outputs: ["dist/phuluc02.html"],
  },
};

function files(path) {
  const abs = join(ROOT, path);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [path];
  return readdirSync(abs, { recursive: true })
    .map((f) => join(path, f))
    .filter((f) => statSync(join(ROOT, f)).isFile());
}

/** A hash of every input file's path and content. */
export function inputHash(target) {
  const hash = createHash("sha256");
  for (const f of TARGETS[target].inputs.flatMap(files).sort())
    hash.update(`${f}\0`).update(readFileSync(join(ROOT, f)));
  return hash.digest("hex");
}

const stampFile = (target) => join(STATE, `${target}.json`);

export function isFresh(target, hash = inputHash(target)) {
  if (!TARGETS[target].outputs.every((f) => existsSync(join(ROOT, f)))) return false;
  try {
    return JSON.parse(readFileSync(stampFile(target), "utf8")).inputs === hash;
  } catch {
    return false;
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
};

/** Holds dist/.build/<target>.lock (a directory: mkdir is atomic) while `work` runs; a dead holder's lock is taken over. */
async function withLock(target, work) {
  const lock = join(STATE, `${target}.lock`);
  mkdirSync(STATE, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), `${process.pid}`);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      let pid = NaN;
      try {
        pid = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {
        // just created, pid not written yet
      }
      if (Number.isInteger(pid) && !alive(pid)) rmSync(lock, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function run(args) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`build failed (${code}): ${args.join(" ")}`))));
  });
}

/** Builds `target` unless its stamp matches its inputs (or `force`); returns whether it built. */
export async function buildTarget(target, { force = false } = {}) {
  if (!TARGETS[target]) throw new Error(`unknown build target: ${target}`);
  if (!force && isFresh(target)) return false;
  return withLock(target, async () => {
    const hash = inputHash(target);
    if (!force && isFresh(target, hash)) return false; // built by whoever held the lock
    rmSync(stampFile(target), { force: true });
    const started = Date.now();
    await run(TARGETS[target].command);
    writeFileSync(stampFile(target), JSON.stringify({ inputs: hash, built: new Date().toISOString() }) + "\n");
    process.stderr.write(`build: ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return true;
  });
}

export const buildTargets = (targets, options) => Promise.all(targets.map((t) => buildTarget(t, options)));

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === "") {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith("--"));
  await buildTargets(names.length > 0 ? names : Object.keys(TARGETS), { force: args.includes("--force") });
}
