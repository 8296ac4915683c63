/**
 * Jest globalSetup of a project with `builds` (jest.config.js): rebuilds the dist/ targets its suites
 * run when stale, once per run before they start, and tells them so (ensureTargets then skips them).
 */
import { CHECKED_BUILDS, rebuildStale } from "./build";

export default function globalSetup(_global: unknown, project: { globals: Record<string, unknown> }): void {
  const targets = project.globals.PHULUC02_BUILDS as string[];
  rebuildStale(targets);
  const checked = new Set([...(process.env[CHECKED_BUILDS]?.split(",") ?? []), ...targets]);
  process.env[CHECKED_BUILDS] = [...checked].filter(Boolean).join(",");
}
