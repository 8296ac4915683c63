/**
 * manifest.xml: valid against Microsoft's schemas (offline copy), every resource it names is
 * defined and shipped, the ribbon's functions are the ones commands.ts registers, one shared
 * runtime serves the ribbon and the pane, a broken manifest is rejected (so the check can fail),
 * and the built pane parses as ES2017 (the language every webview the manifest admits runs).
 */
import { parse } from "acorn";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers/cli";

const ROOT = join(__dirname, "..");
const XSD = join(ROOT, "tests", "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");
const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");

function xmllint(file: string) {
  return spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
}

test("validates against the schemas", () => {
  const r = xmllint(join(ROOT, "manifest.xml"));
  expect(r.stderr.trim()).toBe(`${join(ROOT, "manifest.xml")} validates`);
  expect(r.status).toBe(0);
});

test("a manifest with a bad permission is rejected", () => {
  const bad = join(tempDir(), "manifest.xml");
  writeFileSync(
    bad,
    manifest.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>All</Permissions>"),
  );
  const r = xmllint(bad);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/Permissions/);
});

test("a runtime with an unknown lifetime is rejected", () => {
  const bad = join(tempDir(), "manifest.xml");
  writeFileSync(bad, manifest.replace('lifetime="long"', 'lifetime="forever"'));
  const r = xmllint(bad);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/lifetime/);
});

test("one shared runtime (SharedRuntime 1.1): the ribbon's functions and the pane load the same page", () => {
  expect(manifest).toContain('<Set Name="SharedRuntime" MinVersion="1.1"/>');
  const runtime = /<Runtime resid="([^"]+)" lifetime="long"\/>/.exec(manifest)![1];
  expect(/<FunctionFile resid="([^"]+)"\/>/.exec(manifest)![1]).toBe(runtime);
  const panes = [...manifest.matchAll(/<SourceLocation resid="([^"]+)"\/>/g)].map((m) => m[1]);
  expect(panes.length).toBeGreaterThan(0);
  expect(new Set(panes)).toEqual(new Set([runtime]));
});

test("the built pane parses as ES2017 (no ?. or ?? for older webviews)", () => {
  // the pane and whatever chunk webpack split off it (none since exceljs left the pane)
  const files = readdirSync(join(ROOT, "dist")).filter((f) => f === "taskpane.js" || f.endsWith(".chunk.js"));
  expect(files).toContain("taskpane.js");
  for (const file of files) {
    const code = readFileSync(join(ROOT, "dist", file), "utf8");
    expect(() => parse(code, { ecmaVersion: 2017, sourceType: "script" })).not.toThrow();
  }
  expect(() => parse("a?.b", { ecmaVersion: 2017 })).toThrow();
});

test("Excel only, read/write, ExcelApi 1.9, Vietnamese first with English overrides", () => {
  expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
  expect(manifest.match(/<Host Name="/g)).toHaveLength(1);
  expect(manifest).toContain("<Permissions>ReadWriteDocument</Permissions>");
  expect(manifest).toContain('<Set Name="ExcelApi" MinVersion="1.9"/>');
  expect(manifest).toContain("<DefaultLocale>vi-VN</DefaultLocale>");
  for (const label of ["Kiểm tra", "Hợp nhất", "Mở bảng", "Xóa dấu kiểm tra", "Phụ lục 02"])
    expect(manifest).toMatch(new RegExp(`DefaultValue="${label}">\\s*<bt:Override Locale="en-US"`));
});

test("every resid is defined; icons ship; pages are built; the command is registered", () => {
  const ids = new Set([...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
  const used = [...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  expect(used.filter((r) => !ids.has(r))).toEqual([]);
  for (const [, file] of manifest.matchAll(/https:\/\/localhost:3000\/assets\/([\w-]+\.png)/g))
    expect(existsSync(join(ROOT, "addin", "assets", file))).toBe(true);
  for (const [, page] of manifest.matchAll(/https:\/\/localhost:3000\/(\w+\.html)/g))
    expect(existsSync(join(ROOT, "dist", page))).toBe(true);
  const fns = [...manifest.matchAll(/<FunctionName>(\w+)<\/FunctionName>/g)].map((m) => m[1]);
  expect(fns).toEqual(["checkActiveSheet", "openMerge", "clearCheckMarks"]);
  const commands = readFileSync(join(ROOT, "addin", "commands", "commands.ts"), "utf8");
  for (const fn of fns) expect(commands).toContain(`Office.actions.associate("${fn}", ${fn})`);
  const buttons = [...manifest.matchAll(/<Control xsi:type="Button" id="([^"]+)"/g)].map((m) => m[1]);
  expect(buttons).toEqual(["PL02.Check", "PL02.Merge", "PL02.Clear", "PL02.Open"]);
});

describe("the production manifest (npm run manifest:prod)", () => {
  const SCRIPT = join(ROOT, "scripts", "manifest-prod.mjs");
  const build = (args: string[], env: Record<string, string> = {}) => {
    const out = join(tempDir(), "manifest.prod.xml");
    const r = spawnSync(process.execPath, [SCRIPT, ...args, ...(args.length ? [out] : [])], {
      encoding: "utf8",
      env: { ...process.env, PHULUC02_ADDIN_URL: "", ...env },
    });
    return { r, out };
  };
  const urls = (xml: string) =>
    [...xml.matchAll(/(?:DefaultValue="|<AppDomain>)(https?:\/\/[^"<]+)/g)].map((m) => m[1]).sort();

  test("every address on the real host, valid against the schemas, the same files as in development", () => {
    const base = "https://addin.haiphong.edu.vn/phuluc02";
    const { r, out } = build([`${base}/`]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lint = xmllint(out);
    expect(lint.stderr.trim()).toBe(`${out} validates`);
    const prod = readFileSync(out, "utf8");
    expect(prod).not.toMatch(/localhost/);
    const dev = urls(manifest);
    expect(dev.length).toBe(16); // with the comment's, the README's former 17 to replace by hand
    expect(urls(prod)).toEqual(
      dev
        .map((u) =>
          u === "https://localhost:3000" ? "https://addin.haiphong.edu.vn" : u.replace("https://localhost:3000", base),
        )
        .sort(),
    );
    expect(prod).toContain("<AppDomain>https://addin.haiphong.edu.vn</AppDomain>");
    expect(prod).toContain(`<SourceLocation DefaultValue="${base}/taskpane.html"/>`);
    // everything else is the development manifest's, unchanged
    const strip = (xml: string) => xml.replace(/<!--[\s\S]*?-->/, "").replace(/https:\/\/[^"<]+/g, "URL");
    expect(strip(prod)).toBe(strip(manifest));
  });

  test("the address may come from PHULUC02_ADDIN_URL; http, localhost and no address are refused", () => {
    const env = spawnSync(process.execPath, [SCRIPT], {
      encoding: "utf8",
      env: { ...process.env, PHULUC02_ADDIN_URL: "https://so.example.vn" },
      cwd: ROOT,
    });
    expect(env.status).toBe(0);
    expect(readFileSync(env.stdout.trim(), "utf8")).toContain(
      '<SourceLocation DefaultValue="https://so.example.vn/taskpane.html"/>',
    );
    for (const [url, why] of [
      ["http://so.example.vn", /HTTPS/],
      ["https://localhost:8443", /not a real host/],
      ["https://so.example.vn/?x=1", /no query/],
    ] as const) {
      const { r } = build([url]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(why);
    }
    const none = spawnSync(process.execPath, [SCRIPT], {
      encoding: "utf8",
      env: { ...process.env, PHULUC02_ADDIN_URL: "" },
    });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/usage: npm run manifest:prod/);
  });

  test("HighResolutionIconUrl is a 64×64 PNG, IconUrl 32×32 (the manifest reference's sizes for a task pane add-in)", () => {
    // https://learn.microsoft.com/javascript/api/manifest/highresolutioniconurl: "For content and
    // task pane apps, the image resolution must be 64 x 64 pixels"; IconUrl: 32 x 32.
    const size = (file: string) => {
      const png = readFileSync(join(ROOT, "addin", "assets", file));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    const icon = (tag: string) =>
      new RegExp(`<${tag} DefaultValue="https://localhost:3000/assets/([\\w-]+\\.png)"/>`).exec(manifest)![1];
    expect(size(icon("HighResolutionIconUrl"))).toEqual([64, 64]);
    expect(size(icon("IconUrl"))).toEqual([32, 32]);
  });
});
