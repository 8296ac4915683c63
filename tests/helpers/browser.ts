/**
 * Serving dist/ on localhost and driving Debian's Chromium with playwright-core (never a
 * downloaded browser). Office.js is answered from the @microsoft/office-js package, so the page
 * loads it as in production, offline; every other outside request is refused.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ROOT = join(__dirname, "..", "..");
const OFFICE_JS = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".css": "text/css",
};

export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Office.js from the local package; the network beyond localhost is closed. */
export async function offline(page: Page): Promise<void> {
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    const m = /^\/lib\/1\/hosted\/(.+)$/.exec(url.pathname);
    if (url.hostname === "appsforoffice.microsoft.com" && m && existsSync(join(OFFICE_JS, m[1])))
      return route.fulfill({ path: join(OFFICE_JS, m[1]), contentType: "text/javascript" });
    return route.abort();
  });
}

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");

/**
 * axe-core's violations of the page as it is now (every rule axe runs by default, WCAG and best
 * practices), as "rule: selector" lines. The source is evaluated in the page through the
 * DevTools protocol, so the page's own Content-Security-Policy does not stand in the way.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(AXE, "utf8"));
  // Fluent's buttons fade between their disabled and enabled colours; axe must judge the colours a
  // user is left with, not a frame half-way through the fade (which fails color-contrast by chance).
  await page.addStyleTag({
    content: "*, *::before, *::after { transition: none !important; animation: none !important; }",
  });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  return violations;
}

interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
}
