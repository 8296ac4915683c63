// Writes the manifest for a real host: every https://localhost:3000 of manifest.xml (the
// development server) becomes the HTTPS address that serves dist/, as yo office's urlDev/urlProd
// convention does at build time. The address comes from the first argument or the environment
// variable PHULUC02_ADDIN_URL; the file goes to dist/manifest.prod.xml (or the second argument).
//   npm run manifest:prod -- https://addin.example.edu.vn/phuluc02
// Then validate it (npm run validate:prod) and deploy it through the Microsoft 365 admin center.
import console from "node:console";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath, URL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DEV = "https://localhost:3000";

export function prodManifest(xml, url) {
  let base;
  try {
    base = new URL(url);
  } catch {
    throw new Error(`not an address: ${url}`);
  }
  if (base.protocol !== "https:") throw new Error(`an add-in must be served over HTTPS: ${url}`);
  if (/^(localhost|127\.|\[::1\])/.test(base.hostname)) throw new Error(`not a real host: ${url}`);
  if (base.search || base.hash) throw new Error(`no query or fragment in the address: ${url}`);
  const root = base.href.replace(/\/+$/, "");
  return xml
    .replace(
      /<!--[\s\S]*?-->/,
      `<!--\n  Phụ lục 02 add-in for Excel, served from ${root.replaceAll("--", "-%2D")} (written by scripts/manifest-prod.mjs from manifest.xml).\n-->`,
    )
    .replaceAll(`<AppDomain>${DEV}</AppDomain>`, `<AppDomain>${base.origin}</AppDomain>`)
    .replaceAll(`${DEV}/`, `${root}/`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.argv[2] ?? process.env.PHULUC02_ADDIN_URL;
  const out = process.argv[3] ?? join(ROOT, "dist", "manifest.prod.xml");
  if (!url) {
    console.error("usage: npm run manifest:prod -- https://<host>/<path that serves dist/>  (or PHULUC02_ADDIN_URL)");
    process.exit(2);
  }
  try {
    const xml = prodManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8"), url);
    if (xml.includes(DEV)) throw new Error(`${DEV} left in the manifest`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, xml);
    console.log(out);
  } catch (e) {
    console.error(String(e.message ?? e));
    process.exit(1);
  }
}
