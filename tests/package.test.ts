/**
 * The CLI as a package (issue 10): `npm pack` gives a tarball that installs globally with nothing to
 * fetch, and the install itself needs no compiler (no dependency of the project builds native code).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "./helpers/cli";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

describe("npm pack", () => {
  let prefix: string;
  let tarball: string;
  let work: string;

  beforeAll(() => {
    work = tempDir("phuluc02-pack-");
    // prepack builds the CLI bundle; the tarball holds only what `files` names.
    execFileSync("npm", ["pack", "--pack-destination", work, "--silent"], { cwd: ROOT, stdio: "pipe" });
    tarball = join(
      work,
      readdirSync(work).find((n) => n.endsWith(".tgz"))!,
    );
    prefix = join(work, "global");
    // --offline: any dependency to fetch would fail the install.
    execFileSync("npm", ["install", "-g", "--offline", "--no-audit", "--no-fund", "--prefix", prefix, tarball], {
      cwd: work,
      stdio: "pipe",
    });
  }, 180_000);

  const bin = () => join(prefix, "bin", "phuluc02");
  const run = (...args: string[]) => spawnSync(bin(), args, { cwd: work, encoding: "utf8" });

  test("the tarball declares no dependency and holds the two bundles only", () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    const list = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").sort();
    expect(list).toEqual([
      "package/README.md",
      "package/dist/cli/phuluc02.cjs",
      "package/dist/cli/xlsx-write.cjs",
      "package/package.json",
    ]);
  });

  test("phuluc02 --version prints the package's version", () => {
    const r = run("--version");
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`phuluc02 ${pkg.version}`);
  });

  test("the installed tool writes a template (exceljs, loaded lazily) and checks it", () => {
    const out = join(work, "mau.xlsx");
    expect(run("template", "--unit", "Trường THPT Ngô Quyền", "--out", out).status).toBe(0);
    const r = run("check", out, "--json");
    const doc = JSON.parse(r.stdout);
    expect(doc.files[0].error).toBeNull();
    type Sheet = { template: string; unit: string; findings: { rule: string }[] };
    const sheets: Sheet[] = doc.files[0].sheets;
    expect(sheets.map((s) => [s.template, s.unit])).toEqual([
      ["pl02", "Trường THPT Ngô Quyền"],
      ["daibieu", "Trường THPT Ngô Quyền"],
      ["ds-daibieu", "Trường THPT Ngô Quyền"],
    ]);
    // A blank template's totals are formulas that carry their 0 (issue 26): nothing to say on any sheet.
    expect(r.status).toBe(0);
    expect(sheets.map((s) => s.findings)).toEqual([[], [], []]);
  });
});

test("no dependency compiles native code at install (a machine with Node, npm and git only)", () => {
  type Entry = {
    hasInstallScript?: boolean;
    optional?: boolean;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")).packages as Record<string, Entry>;
  const builders = ["node-gyp", "prebuild-install", "node-addon-api", "nan", "node-gyp-build", "cmake-js"];
  // A native addon is fine when its binary comes as a registry package for this platform (as
  // @parcel/watcher's and esbuild's do): npm installs it, and nothing is compiled or downloaded.
  // keytar (prebuild-install: a download from GitHub, else node-gyp against libsecret) is not.
  const shipsBinary = (v: Entry) => Object.keys(v.optionalDependencies ?? {}).some((d) => /linux-x64/.test(d));
  const native = Object.entries(lock)
    .filter(([k, v]) => k && v.hasInstallScript && !v.optional)
    .filter(([, v]) => builders.some((b) => b in (v.dependencies ?? {})) && !shipsBinary(v))
    .map(([k]) => k.split("node_modules/").pop());
  expect(native).toEqual([]);
  expect(Object.keys(lock)).not.toContain("node_modules/keytar");
});
