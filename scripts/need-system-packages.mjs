// `npm test` needs three programs from Debian's packages; it installs nothing itself. Say which are
// missing, in one line, before any test runs (instead of failing deep inside a test).
import { spawnSync } from "node:child_process";
import process from "node:process";

const needs = [
  ["soffice", "libreoffice-calc-nogui"],
  ["xmllint", "libxml2-utils"],
  [process.env.CHROMIUM_PATH ?? "chromium", "chromium"],
];
const missing = needs.filter(([cmd]) => spawnSync(cmd, ["--version"], { stdio: "ignore" }).error).map(([, pkg]) => pkg);
if (missing.length > 0) {
  process.stderr.write(`npm test cần / needs: sudo apt-get install -y ${missing.join(" ")}\n`);
  process.exit(1);
}
