// `npm test` needs programs from Debian's packages; it installs nothing itself. Say which are
// missing, in one line, before any test runs (instead of failing deep inside a test).
import { spawnSync } from "node:child_process";
import process from "node:process";

const runs = (cmd, args) => !spawnSync(cmd, args, { stdio: "ignore" }).error;
const needs = [
  [() => runs("soffice", ["--version"]), "libreoffice-calc-nogui"],
  [() => runs("xmllint", ["--version"]), "libxml2-utils"],
  [() => runs(process.env.CHROMIUM_PATH ?? "chromium", ["--version"]), "chromium"],
  // The city workbook's charts are read back by openpyxl and drawn through a PDF (tests/city-charts.test.ts).
  [
    () => spawnSync("/usr/bin/python3", ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0,
    "python3-openpyxl",
  ],
  [() => runs("pdftoppm", ["-v"]), "poppler-utils"],
];
const missing = needs.filter(([ok]) => !ok()).map(([, pkg]) => pkg);
if (missing.length > 0) {
  process.stderr.write(`npm test cần / needs: sudo apt-get install -y ${missing.join(" ")}\n`);
  process.exit(1);
}
