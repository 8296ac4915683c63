// Commit subjects at most 72 characters (issue 20), for every commit after f1dbbf4, the last one
// before the rule. In a shallow clone that lacks f1dbbf4, every commit it holds is newer, so those
// are checked (and said so).
//   node scripts/check-commit-subjects.mjs [since-commit]
import { spawnSync } from "node:child_process";
import process from "node:process";

const MAX = 72;
const since = process.argv[2] ?? "f1dbbf4";
const git = (...args) => spawnSync("git", args, { encoding: "utf8" });

let range = [`${since}..HEAD`];
if (git("cat-file", "-e", `${since}^{commit}`).status !== 0) {
  if (git("rev-parse", "--is-shallow-repository").stdout.trim() !== "true") {
    process.stderr.write(`check-commit-subjects: no commit ${since} in this repository\n`);
    process.exit(1);
  }
  process.stderr.write(`check-commit-subjects: shallow clone without ${since}; checking the commits it holds\n`);
  range = ["HEAD"];
}
const log = git("log", "--format=%h %s", ...range);
if (log.status !== 0) {
  process.stderr.write(log.stderr);
  process.exit(1);
}
const long = log.stdout
  .split("\n")
  .filter(Boolean)
  .filter((line) => [...line.slice(line.indexOf(" ") + 1)].length > MAX);
for (const line of long) process.stderr.write(`subject over ${MAX} characters: ${line}\n`);
if (long.length > 0) process.exit(1);
