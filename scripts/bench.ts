/**
 * npm run bench — prints JSON figures (no pass/fail): the core's check of one sheet, the CLI's
 * check of one file, and `phuluc02 merge` of 100 and 1,000 generated unit files (wall time
 * of the whole process, Node's start included, and its peak memory) timed in alternation with
 * the floor and an openpyxl script (bench-merge.ts), with the ratios, and what a merge keeps in
 * memory per unit (bench-retained.ts). `node dist/bench.cjs --merge-100` times only the 100-file
 * merge against the floor and openpyxl (what a change to the CLI's start is judged by);
 * `--localize` only the localization time per sheet (bench-localize.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeGrid } from "../shared";
import { benchSubmissions } from "../cli/sample/generate";
import { writeGridsWorkbook } from "../cli/exceljs-write";
import { addinFigures } from "./bench-addin";
import { appsScriptFigures } from "./bench-appsscript";
import { mergeVersusFloor } from "./bench-merge";
import { LOCALIZE_ARG, localizeFigures, printLocalizeFigures } from "./bench-localize";
import { printRetainedPerUnit, RETAINED_ARG, retainedPerUnit } from "./bench-retained";

const CLI = join(__dirname, "cli", "phuluc02.cjs");

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function coreCheck() {
  const [file] = benchSubmissions(1);
  if (file.kind !== "workbook") throw new Error("unexpected");
  const grid = file.sheets[0].grid;
  for (let i = 0; i < 300; i++) analyzeGrid(grid); // warm up
  const times: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t0 = process.hrtime.bigint();
    analyzeGrid(grid);
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return { runs: times.length, medianUs: +quantile(times, 0.5).toFixed(1), p99Us: +quantile(times, 0.99).toFixed(1) };
}

function run(args: string[]) {
  const preload = join(tmpdir(), "phuluc02-maxrss.cjs");
  writeFileSync(
    preload,
    "process.on('exit',()=>process.stderr.write('\\nMAXRSS '+process.resourceUsage().maxRSS+'\\n'))",
  );
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", preload, CLI, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds, peakMB: +(rss / 1024).toFixed(1), status: r.status, stdout: r.stdout };
}

async function makeFiles(dir: string, n: number) {
  mkdirSync(dir, { recursive: true });
  for (const f of benchSubmissions(n))
    if (f.kind === "workbook") writeFileSync(join(dir, f.name), await writeGridsWorkbook(f.sheets));
}

function best(args: string[], times: number) {
  const runs = Array.from({ length: times }, () => run(args));
  const seconds = runs.map((r) => r.seconds);
  return {
    runs: times,
    medianSeconds: +quantile(seconds, 0.5).toFixed(3),
    minSeconds: +Math.min(...seconds).toFixed(3),
    peakMB: Math.max(...runs.map((r) => r.peakMB)),
    exit: runs[0].status,
  };
}

const MERGE_100_ONLY = "--merge-100";

async function merge100Only() {
  const root = mkdtempSync(join(tmpdir(), "phuluc02-bench-"));
  try {
    const dir = join(root, "u100");
    await makeFiles(dir, 100);
    const merge100Files = mergeVersusFloor(CLI, join(__dirname, ".."), dir, join(root, "city-100.xlsx"), 9);
    process.stdout.write(JSON.stringify({ node: process.version, cpus: cpus().length, merge100Files }, null, 2) + "\n");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), "phuluc02-bench-"));
  try {
    const figures: Record<string, unknown> = { node: process.version, cpus: cpus().length };
    figures.coreCheckOneSheet = coreCheck();
    figures.localizePerSheet = localizeFigures();
    figures.excelAddin = await addinFigures(__dirname);
    figures.appsScript = appsScriptFigures(join(__dirname, "appsscript"));
    await makeFiles(join(root, "one"), 1);
    const one = join(root, "one", readdirSync(join(root, "one"))[0]);
    figures.cliCheckOneFile = best(["check", one, "--json"], 7);
    figures.cliStartNoWork = best(["--help"], 5);
    for (const n of [100, 1000]) {
      const dir = join(root, `u${n}`);
      await makeFiles(dir, n);
      const out = join(root, `city-${n}.xlsx`);
      figures[`merge${n}Files`] = mergeVersusFloor(CLI, join(__dirname, ".."), dir, out, n === 100 ? 9 : 5);
      if (n === 1000) figures.mergeMemoryKeptPerUnit = retainedPerUnit(__filename, dir);
    }
    process.stdout.write(JSON.stringify(figures, null, 2) + "\n");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

(process.argv[2] === RETAINED_ARG
  ? printRetainedPerUnit(process.argv[3])
  : process.argv[2] === MERGE_100_ONLY
    ? merge100Only()
    : process.argv[2] === LOCALIZE_ARG
      ? Promise.resolve(printLocalizeFigures())
      : main()
).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
