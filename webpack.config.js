/**
 * Builds the Excel add-in: dist/taskpane.html + taskpane JS (React, Fluent UI, the rules core; it
 * is also the shared runtime the ribbon commands run in), and the icons. Office.js is not bundled (the pages load it
 * from Microsoft's CDN).
 *   npx webpack --mode production        build
 *   npm run dev-server                   https://localhost:3000 (certificate from office-addin-dev-certs, via npx)
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { EsbuildPlugin } = require("esbuild-loader");

const DEV_PORT = 3000;
/** The language level the pane is built to (tests/manifest.test.ts parses the bundle as ES2017). */
const BROWSERS = ["es2017"];

/**
 * The localhost certificate that `office-addin-dev-certs install` (run on demand by `npm run
 * dev-server` through npx, so a plain `npm ci` never installs it) leaves in ~/.office-addin-dev-certs.
 * Where it could not add its CA to the system store (Linux without sudo), the files are there
 * anyway: trust ca.crt in the browser by hand.
 */
function httpsOptions() {
  const fs = require("node:fs");
  const dir = path.join(require("node:os").homedir(), ".office-addin-dev-certs");
  const file = (name) => path.join(dir, name);
  if (!fs.existsSync(file("localhost.key")))
    throw new Error(`No localhost certificate in ${dir}: run "npx --yes office-addin-dev-certs@3.0.0 install" first.`);
  return {
    cert: fs.readFileSync(file("localhost.crt")),
    key: fs.readFileSync(file("localhost.key")),
    ca: fs.readFileSync(file("ca.crt")),
  };
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const serving = !!env.WEBPACK_SERVE;
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./addin/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].chunk.js",
      // dist/ also holds the CLI and the Apps Script bundle: only the add-in's files are replaced.
      clean: { keep: (asset) => !/^(taskpane|commands|xlsx-write|assets\/)/.test(asset) },
    },
    // One file per entry (exceljs is not in the pane: annotated copies edit the unit's package).
    // Minified by esbuild to the same level (terser would bring `??` back).
    optimization: { splitChunks: false, minimizer: [new EsbuildPlugin({ target: BROWSERS })] },
    resolve: { extensions: [".tsx", ".ts", ".js"] },
    module: {
      rules: [
        // Our code and every dependency down to ES2017, which every webview the manifest admits runs
        // (README: Excel versions): Safari 11-13 WKWebView of Excel for Mac 16.35+ on macOS 10.13-10.15
        // lacks `?.` and `??` before 13.1; WebView2 and the browsers of Excel on the web run it too.
        { test: /\.tsx?$/, loader: "esbuild-loader", options: { target: BROWSERS, jsx: "automatic" } },
        { test: /\.m?js$/, loader: "esbuild-loader", options: { target: BROWSERS } },
        { test: /\.png$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./addin/taskpane.html",
        chunks: ["taskpane"],
      }),
      {
        // The ribbon icons the manifest names, copied as they are.
        apply(compiler) {
          compiler.hooks.thisCompilation.tap("icons", (compilation) => {
            const { sources, Compilation } = compiler.webpack;
            compilation.hooks.processAssets.tap(
              { name: "icons", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
              () => {
                const fs = require("node:fs");
                const dir = path.resolve(__dirname, "addin/assets");
                for (const f of fs.readdirSync(dir))
                  compilation.emitAsset(`assets/${f}`, new sources.RawSource(fs.readFileSync(path.join(dir, f))));
              },
            );
          });
        },
      },
    ],
    performance: { maxEntrypointSize: 1_600_000, maxAssetSize: 1_600_000 },
    devServer: serving
      ? {
          port: DEV_PORT,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: httpsOptions() },
          static: false,
        }
      : undefined,
  };
};
