/**
 * The tests, by what they need (npm run test:core | test:hosts | test:system; npm test runs all):
 *   core    the rules core and pure helpers only: no dist/, no spawned process, no LibreOffice or Chromium
 *   hosts   the add-in against the Excel fake, the pane under jsdom, the built Apps Script bundle
 *           against the Apps Script fake (dist/appsscript, an esbuild bundle of a second or two)
 *   system  the built outputs as a user runs them: the CLI spawned, LibreOffice, Chromium, npm pack
 * `builds` are the dist/ targets (scripts/build-targets.mjs) a project's globalSetup rebuilds when
 * stale, once per run, before any of its suites. Every test file belongs to exactly one project
 * that does not set `reruns` (checked below, so a new file cannot be skipped); a project with
 * `reruns` runs files of other projects again under another setup.
 */
const { readdirSync } = require("node:fs");
const { availableParallelism } = require("node:os");

const CORE = [
  "contract.test.ts",
  "core-layout.test.ts",
  "core-localize.test.ts",
  "core-merge.test.ts",
  "core-merge-integrity.test.ts",
  "core-properties.test.ts",
  "guide.test.ts",
  "core-resubmission.test.ts",
  "core-rule-instances.test.ts",
  "core-rules.test.ts",
  "core-ds-daibieu.test.ts",
  "core-conference.test.ts",
  "core-table-data.test.ts",
  "legacy-encoding.test.ts",
  "merge-sum.test.ts",
  "report-charts.test.ts",
  "report-svg.test.ts",
  "report-text.test.ts",
  "print-setup.test.ts",
  "trusted-definitions.test.ts",
  "xlsx-read.test.ts",
  "xml-scan.test.ts",
];
const HOSTS = [
  "addin-excel.test.ts",
  "addin-pane.test.tsx",
  "appsscript.test.ts",
  "appsscript-issue24.test.ts",
  "appsscript-delegates.test.ts",
  "appsscript-likely.test.ts",
  "appsscript-paths.test.ts",
];
const SYSTEM = [
  "annotate.test.ts",
  "appsscript-sidebar.test.ts",
  "city-charts.test.ts",
  "cli-convert.test.ts",
  "cli-diff.test.ts",
  "cli-localize.test.ts",
  "cli-merge-inbox.test.ts",
  "cli.test.ts",
  "e2e-browser.test.ts",
  "e2e-onefile.test.ts",
  "hostile-inputs.test.ts",
  "layout-variants.test.ts",
  "libreoffice.test.ts",
  "print-render.test.ts",
  "manifest.test.ts",
  "merge-parallel.test.ts",
  "package.test.ts",
  "report-cli.test.ts",
  "zip-read.test.ts",
];

const PROJECTS = [
  { name: "core", files: CORE },
  { name: "hosts", files: HOSTS, builds: ["appsscript"], setupFiles: ["<rootDir>/tests/helpers/jsdom-globals.ts"] },
  { name: "system", files: SYSTEM, builds: ["cli", "appsscript", "addin", "onefile"] },
];

const swc = ["@swc/jest", { jsc: { target: "es2022", transform: { react: { runtime: "automatic" } } } }];

function project({ name, files, builds = [], setupFiles = [] }) {
  return {
    displayName: name,
    rootDir: __dirname,
    testEnvironment: "node",
    roots: ["<rootDir>/tests"],
    testMatch: files.map((f) => `<rootDir>/tests/${f}`),
    transform: { "^.+\\.tsx?$": swc },
    // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main module
    // pulls in ES-module-only packages; point it at the enum's own (CommonJS) file.
    moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
    setupFiles: ["<rootDir>/tests/helpers/property-setup.ts", ...setupFiles],
    moduleFileExtensions: ["ts", "tsx", "js", "json"],
    testTimeout: 60000,
    ...(builds.length > 0 && {
      globalSetup: "<rootDir>/tests/helpers/build-stale.ts",
      globals: { PHULUC02_BUILDS: builds },
    }),
  };
}

const testFiles = readdirSync(`${__dirname}/tests`, { recursive: true }).filter((f) => /\.test\.tsx?$/.test(f));
const misplaced = testFiles.flatMap((f) => {
  const homes = PROJECTS.filter((p) => !p.reruns && p.files.includes(f)).map((p) => p.name);
  return homes.length === 1 ? [] : [`tests/${f} (${homes.length === 0 ? "no project" : homes.join(", ")})`];
});
if (misplaced.length > 0)
  throw new Error(`jest.config.js: each test file needs exactly one project: ${misplaced.join("; ")}`);

/** @type {import('jest').Config} */
module.exports = {
  projects: PROJECTS.map(project),
  // Jest's default, one less than the cores, is a single worker on 2 cores; the system suites
  // mostly wait on LibreOffice, Chromium and the CLI, so two overlap well (test:system 202 s → 120 s).
  maxWorkers: Math.max(2, availableParallelism() - 1),
  testTimeout: 60000,
};
