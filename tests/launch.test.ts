/**
 * cli/launch.ts: `phuluc02` loads the tool from V8's code cache only when the cache was made
 * from exactly this tool. V8 itself checks a cache's source by its length alone: a stale cache
 * of an edited tool of the same length would run the old code.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, ensureBuilt, tempDir } from "./helpers/cli";

const FILES = ["phuluc02.cjs", "phuluc02-main.cjs", "phuluc02-main.cache", "xlsx-write.cjs"];
let dir: string;
let units: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(dir, "phuluc02.cjs"), ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const merge = () => run("merge", units, "--out", join(dir, "city.xlsx"), "--force");

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  for (const f of FILES) copyFileSync(join(CLI, "..", f), join(dir, f));
  units = join(dir, "units");
  expect(run("sample", "--out-dir", units, "--count", "3").status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOTAL_LINE = /^Tổng cộng khen thưởng toàn thành phố: (\d+)$/m;

test("the tool runs from its code cache, and the same without one", () => {
  const cached = merge();
  expect(cached.status).toBe(0);
  expect(cached.stdout).toMatch(TOTAL_LINE);
  const cache = readFileSync(join(dir, "phuluc02-main.cache"));
  rmSync(join(dir, "phuluc02-main.cache"));
  try {
    expect(merge()).toEqual(cached);
  } finally {
    writeFileSync(join(dir, "phuluc02-main.cache"), cache);
  }
});

test("a damaged cache is not used: the tool compiles itself and runs the same", () => {
  const before = merge();
  const cache = readFileSync(join(dir, "phuluc02-main.cache"));
  const damaged = Buffer.from(cache);
  damaged.fill(0x5a, damaged.length >> 1, (damaged.length >> 1) + 4096);
  writeFileSync(join(dir, "phuluc02-main.cache"), damaged);
  try {
    expect(merge()).toEqual(before);
  } finally {
    writeFileSync(join(dir, "phuluc02-main.cache"), cache);
  }
});

test("a cache of another tool of the same length is not used: the edited tool runs", () => {
  const main = join(dir, "phuluc02-main.cjs");
  const source = readFileSync(main, "utf8");
  // the city total's line, as the bundle writes it (escaped), two words upper-cased: same length
  const line = "T\\u1ED5ng c\\u1ED9ng khen th";
  expect(source.split(line)).toHaveLength(2);
  writeFileSync(main, source.replace(line, line.replace("khen th", "KHEN TH")));
  try {
    const r = merge();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Tổng cộng KHEN THưởng toàn thành phố: \d+$/m);
  } finally {
    writeFileSync(main, source);
  }
});
