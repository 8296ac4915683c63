/**
 * A merge on several threads (cli/merge-inputs.ts) gives the same result, byte for byte, as on one:
 * the same --json document and the same city workbook.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, cli, ensureBuilt, tempDir } from "./helpers/cli";
import { MIN_CORES_FOR_WORKERS, MIN_FILES_PER_WORKER, workersFor } from "../cli/merge-inputs";

test("workersFor: one worker per MIN_FILES_PER_WORKER files, never more than the other cores, none on fewer than MIN_CORES_FOR_WORKERS unless PHULUC02_THREADS asks", () => {
  const many = MIN_CORES_FOR_WORKERS;
  expect(workersFor(MIN_FILES_PER_WORKER - 1, many, undefined)).toBe(0);
  expect(workersFor(MIN_FILES_PER_WORKER, many, undefined)).toBe(1);
  expect(workersFor(10_000, many, undefined)).toBe(many - 1);
  expect(workersFor(10_000, 8, undefined)).toBe(7);
  expect(workersFor(3 * MIN_FILES_PER_WORKER, 8, undefined)).toBe(3);
  expect(workersFor(10_000, 8, "1")).toBe(0);
  expect(workersFor(10_000, 8, "3")).toBe(2);
  expect(workersFor(10_000, 8, "zero")).toBe(7);
  // two cores: measured slower with a worker, so none unless asked for
  expect(workersFor(10_000, 2, undefined)).toBe(0);
  expect(workersFor(10_000, 2, "zero")).toBe(0);
  expect(workersFor(10_000, 2, "2")).toBe(1);
  expect(workersFor(10_000, 2, "8")).toBe(1);
  expect(workersFor(MIN_FILES_PER_WORKER - 1, 2, "2")).toBe(0);
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

describe("a folder of Excel's lock files (~$…) beside two real files, on two threads", () => {
  // The merge skips lock files: too few real files for a worker, so none is started.
  const dir = tempDir();
  const units = join(dir, "units");
  beforeAll(() => {
    ensureBuilt();
    expect(cli(["sample", "--out-dir", units, "--count", "2"]).status).toBe(0);
    const one = join(units, "don-vi-0001.xlsx");
    for (let i = 0; i < 2 * MIN_FILES_PER_WORKER; i++) copyFileSync(one, join(units, `~$lock-${i}.xlsx`));
  });
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, "merge", units, ...args], {
      encoding: "utf8",
      env: { ...process.env, PHULUC02_THREADS: "2" },
      timeout: 30_000,
    });

  test("the merge of the two real files ends with their result", () => {
    const r = run(["--out", join(dir, "city.xlsx"), "--json"]);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).units.map((u: { file: string }) => u.file)).toEqual([
      join(units, "don-vi-0001.xlsx"),
      join(units, "don-vi-0002.xlsx"),
    ]);
  });

  test("a refused merge ends at once: a usage error", () => {
    const r = run([]);
    expect(r.error).toBeUndefined(); // not killed by the timeout
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("--out is required");
  });
});
