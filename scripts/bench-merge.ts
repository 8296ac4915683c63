/**
 * The merge against its floor (issue 10): `phuluc02 merge` of N generated unit files, timed in
 * alternation with the least work that reads every count (scripts/bench/floor-merge.cjs: fflate
 * unzip + one regex scan of each sheet) and, when Python's openpyxl is installed, a plain openpyxl
 * script that only sums the same files. Whole processes, interpreter start included, each side.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timed(cmd: string, args: string[]): { seconds: number; status: number | null; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, status: r.status, stderr: r.stderr };
}

/** A Python that can import openpyxl (Debian's python3-openpyxl lives under /usr/bin/python3), or null. */
function openpyxlPython(): string | null {
  for (const py of ["python3", "/usr/bin/python3"])
    if (spawnSync(py, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0) return py;
  return null;
}

/** The unit files of a bench folder. */
export function xlsxFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(".xlsx"))
    .map((n) => join(dir, n));
}

export function mergeVersusFloor(cli: string, repo: string, dir: string, out: string, rounds: number) {
  const files = xlsxFiles(dir);
  const preload = join(tmpdir(), "phuluc02-maxrss.cjs");
  writeFileSync(
    preload,
    "process.on('exit',()=>process.stderr.write('\\nMAXRSS '+process.resourceUsage().maxRSS+'\\n'))",
  );
  const py = openpyxlPython();
  const ours: number[] = [];
  const floor: number[] = [];
  const openpyxl: number[] = [];
  let peakKB = 0;
  let exit: number | null = null;
  for (let i = 0; i < rounds; i++) {
    // --force: every run after the first replaces the city workbook the one before wrote
    const r = timed(process.execPath, ["--require", preload, cli, "merge", dir, "--out", out, "--json", "--force"]);
    ours.push(r.seconds);
    exit = r.status;
    peakKB = Math.max(peakKB, Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 0));
    floor.push(timed(process.execPath, [join(repo, "scripts", "bench", "floor-merge.cjs"), ...files]).seconds);
    if (py) openpyxl.push(timed(py, [join(repo, "scripts", "bench", "openpyxl-sum.py"), ...files]).seconds);
  }
  const m = median(ours);
  const f = median(floor);
  const o = py ? median(openpyxl) : null;
  return {
    files: files.length,
    rounds,
    mergeSeconds: +m.toFixed(3),
    mergeExit: exit,
    mergePeakMB: +(peakKB / 1024).toFixed(1),
    floorSeconds: +f.toFixed(3),
    openpyxlSeconds: o === null ? "python3-openpyxl not installed" : +o.toFixed(3),
    mergeOverFloor: +(m / f).toFixed(2),
    mergeOverOpenpyxl: o === null ? null : +(m / o).toFixed(2),
  };
}
