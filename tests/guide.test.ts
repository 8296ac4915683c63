/**
 * The user guide (docs/huong-dan/, issue 25): README links it first, after the two command lines;
 * every picture it shows is one `npm run docs` makes (scripts/guide.ts) and is in the repository,
 * and the printable PDF is there.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const GUIDE = join(ROOT, "docs", "huong-dan");

test("README links the guide before its first section; every picture is made by the docs script and present", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const link = readme.indexOf("(docs/huong-dan/README.md)");
  expect(link).toBeGreaterThan(readme.indexOf("npm test"));
  expect(link).toBeLessThan(readme.indexOf("\n## "));
  const guide = readFileSync(join(GUIDE, "README.md"), "utf8");
  const pictures = [...guide.matchAll(/!\[[^\]]*\]\((anh\/[^)]+\.png)\)/g)].map((m) => m[1]);
  const script = readFileSync(join(ROOT, "scripts", "guide.ts"), "utf8");
  const made = [...script.matchAll(/"(\d\d-[a-z-]+\.png)"/g)].map((m) => `anh/${m[1]}`);
  expect([...pictures].sort()).toEqual([...new Set(made)].sort());
  for (const p of pictures) expect(existsSync(join(GUIDE, p))).toBe(true);
  expect(readFileSync(join(GUIDE, "huong-dan.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
});
