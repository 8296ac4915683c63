/**
 * The floor of a merge: the least work that reads every count of every unit file: unzip each
 * file's sheet parts with fflate and scan their XML once with one regular expression, summing
 * every numeric cell value. No checks, no output. `npm run bench` times it against `phuluc02 merge`.
 *   node scripts/bench/floor-merge.cjs FILE…   → prints the sum of every number (a sanity figure)
 */
const { readFileSync } = require("node:fs");
const { unzipSync, strFromU8 } = require("fflate");

let sum = 0;
const cell = /<v>([^<]*)<\/v>/g;
for (const file of process.argv.slice(2)) {
  const parts = unzipSync(readFileSync(file), { filter: (f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f.name) });
  for (const name in parts) {
    const xml = strFromU8(parts[name]);
    for (const m of xml.matchAll(cell)) {
      const n = Number(m[1]);
      if (n === n) sum += n;
    }
  }
}
process.stdout.write(String(sum) + "\n");
