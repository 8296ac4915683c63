/**
 * A merge on several threads (cli/merge-inputs.ts) gives the same result, byte for byte, as on one:
 * the same --json document and the same city workbook.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, cli, ensureBuilt, tempDir } from "./helpers/cli";
import { MIN_FILES_PER_WORKER, workersFor } from "../cli/merge-inputs";

test("workersFor: one worker per MIN_FILES_PER_WORKER files, never more than the other cores, capped by PHULUC02_THREADS", () => {
  expect(workersFor(MIN_FILES_PER_WORKER - 1, 2, undefined)).toBe(0);
  expect(workersFor(MIN_FILES_PER_WORKER, 2, undefined)).toBe(1);
  expect(workersFor(10_000, 2, undefined)).toBe(1);
  expect(workersFor(10_000, 8, undefined)).toBe(7);
  expect(workersFor(3 * MIN_FILES_PER_WORKER, 8, undefined)).toBe(3);
  expect(workersFor(10_000, 8, "1")).toBe(0);
  expect(workersFor(10_000, 8, "3")).toBe(2);
  expect(workersFor(10_000, 8, "zero")).toBe(7);
});

test("the same merge on one thread and on two: identical --json and city workbook", () => {
  ensureBuilt();
  const dir = tempDir();
  const units = join(dir, "units");
  expect(cli(["sample", "--out-dir", units, "--count", String(3 * MIN_FILES_PER_WORKER)]).status).toBe(0);
  const run = (threads: string, out: string) => {
    const r = spawnSync(process.execPath, [CLI, "merge", units, "--out", out, "--json"], {
      encoding: "utf8",
      env: { ...process.env, PHULUC02_THREADS: threads },
      maxBuffer: 1 << 28,
    });
    return { status: r.status, json: r.stdout, xlsx: readFileSync(out) };
  };
  const one = run("1", join(dir, "one.xlsx"));
  const two = run("2", join(dir, "two.xlsx"));
  expect(one.status).toBe(0);
  const doc = JSON.parse(one.json);
  expect(doc.units).toHaveLength(3 * MIN_FILES_PER_WORKER);
  expect(two.status).toBe(one.status);
  expect(two.json).toBe(one.json);
  expect(Buffer.compare(two.xlsx, one.xlsx)).toBe(0);
});
