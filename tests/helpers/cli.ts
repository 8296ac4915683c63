/** Runs the built command-line tool as a user would (node dist/cli/phuluc02.cjs …). */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureTargets } from "./build";

export const ROOT = resolve(__dirname, "..", "..");
export const CLI = join(ROOT, "dist", "cli", "phuluc02.cjs");

/** Builds dist/cli when it is missing or older than its sources (a stamp of them: scripts/build-targets.mjs). */
export function ensureBuilt(): void {
  ensureTargets(["cli"]);
}

export function cli(args: string[], cwd = ROOT): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "phuluc02-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
