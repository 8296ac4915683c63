/** The dist/ targets a test runs, rebuilt when stale (scripts/build-targets.mjs compares a stamp of their inputs). */
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");

/** Set by the jest globalSetup (build-stale.ts): the targets it has just checked or built in this run. */
export const CHECKED_BUILDS = "PHULUC02_CHECKED_BUILDS";

/** Rebuilds each of `targets` (cli, appsscript, addin, onefile) whose inputs changed since it was built. */
export function rebuildStale(targets: string[]): void {
  if (targets.length > 0)
    execFileSync(process.execPath, [join(ROOT, "scripts", "build-targets.mjs"), ...targets], {
      cwd: ROOT,
      stdio: "inherit",
    });
}

/** For a suite: rebuildStale, less the targets this run's globalSetup has checked already. */
export function ensureTargets(targets: string[]): void {
  const checked = process.env[CHECKED_BUILDS]?.split(",") ?? [];
  rebuildStale(targets.filter((t) => !checked.includes(t)));
}
