/**
 * The task pane bundle: `npm run build` (production, into dist/) and `npm start` (https dev server on :3000
 * for sideloading; see scripts/start.js and scripts/dev-certs.js for the certificate).
 * ADDIN_HOST=https://tariefwijzer.example.nl npm run build rewrites the manifest's dev URLs to that host; without
 * ADDIN_HOST `npm run build` stops, and other production builds name their manifest manifest.localhost-dev.xml
 * (scripts/addin-host.js).
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { manifestTarget, rewriteManifest } = require('./scripts/addin-host');
const { devServerHttps } = require('./scripts/dev-certs');

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
// Content-Security-Policy: our own origin and what Office.js needs, nothing more; no eval.
// - Microsoft publishes no CSP for Office.js (asked in https://github.com/OfficeDev/office-js-docs-pr/issues/721).
//   What it does need: its script from the CDN, https://appsforoffice.microsoft.com/lib/1/hosted/office.js, which
//   loads its host- and language-specific scripts (e.g. excel-web-16.00.js) from the same host
//   (https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn);
//   and inline styles: excel-web-16.00.js applies them (https://github.com/OfficeDev/office-js/issues/1687), as does
//   Fluent UI (Griffel). Office.js talks to Excel by postMessage, which CSP does not govern.
// - No worker, frame, font or connection elsewhere: worker-src, frame-src and connect-src stay 'self' (the
//   pane's job runner slices its work on the main thread). Office.js's telemetry to other Microsoft hosts
//   (reported in issue 721) is not allowed: the add-in sends nothing anywhere.
// - frame-ancestors cannot be set in a <meta> CSP (browsers ignore it there); Office frames the pane.
// docs/excel-controlelijst.md has the check with the real Office.js: no "Refused to ..." in the console.
const CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

// The page Office loads. Office.js must come before the bundle; outside Office it reports "no host" and the
// pane runs in demonstration mode.
const TEMPLATE = `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${CSP}" />
    <title>Tariefwijzer — tarieven volgens het inkoopbeleid</title>
    <link rel="icon" type="image/png" href="assets/icon-16.png" />
    <script src="${OFFICE_JS}"></script>
  </head>
  <body>
    <div id="root"><p style="font-family: sans-serif; padding: 12px">Tariefwijzer wordt geladen…</p></div>
    <!-- before the (deferred) bundle: Internet Explorer / EdgeHTML webviews get a message instead of a hang -->
    <script src="legacy-webview.js"></script>
  </body>
</html>
`;

// The demo host: a simulated Excel workbook (left) behind the Office.js API, and the real task pane (right).
// The demo script defines Office and Excel before the pane's bundle runs.
const DEMO_TEMPLATE = `<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${CSP}" />
    <title>Tariefwijzer — demonstratie met een gesimuleerde werkmap</title>
    <link rel="icon" type="image/png" href="assets/icon-16.png" />
    <style>
      body { margin: 0; display: flex; align-items: flex-start; font-family: 'Segoe UI', system-ui, sans-serif; font-size: 13px; }
      #werkmap { flex: 1; min-width: 0; overflow-x: auto; padding: 8px; background: #fff; color: #000; }
      #werkmap td > div { max-height: 4.2em; overflow: hidden; }
      #werkmap .tabs button { margin: 0 4px 8px 0; }
      #werkmap .tabs button[aria-pressed='true'] { font-weight: bold; }
      #werkmap table { border-collapse: collapse; }
      #werkmap th, #werkmap td { border: 1px solid #d0d0d0; padding: 2px 6px; white-space: pre-wrap; max-width: 28em; vertical-align: top; }
      #werkmap th { background: #f3f3f3; font-weight: normal; }
      #werkmap tr.selected td { outline: 2px solid #107c41; background: #e6f4ea; }
      #werkmap td.error { color: #a80000; }
      #werkmap td.note { background: linear-gradient(225deg, #c50f1f 6px, transparent 6px); }
      #root { width: 320px; flex: none; min-height: 100vh; border-left: 1px solid #d0d0d0; }
    </style>
  </head>
  <body>
    <section id="werkmap" aria-label="Gesimuleerde werkmap"></section>
    <aside id="root"><p style="padding: 12px">Tariefwijzer wordt geladen…</p></aside>
  </body>
</html>
`;

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const manifest = manifestTarget({ mode, release: Boolean(env.release), addinHost: process.env.ADDIN_HOST });
  return {
    mode,
    entry: { taskpane: './src/taskpane/index.tsx', demo: './src/demo-host/index.ts' },
    output: { path: path.resolve(__dirname, 'dist'), filename: '[name].[contenthash:8].js', clean: true },
    devtool: mode === 'development' ? 'eval-source-map' : false,
    resolve: { extensions: ['.tsx', '.ts', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          // ES modules so webpack can tree-shake Fluent UI and split the Office adapter into its own chunk.
          options: { transpileOnly: true, compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: mode === 'development' } },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', templateContent: TEMPLATE, chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'demo.html', templateContent: DEMO_TEMPLATE, chunks: ['demo', 'taskpane'], chunksSortMode: 'manual' }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          { from: 'src/taskpane/legacy-webview.js', to: 'legacy-webview.js' },
          { from: 'manifest.xml', to: manifest.file, transform: (content) => rewriteManifest(content.toString(), manifest.host) },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      server: env.WEBPACK_SERVE ? devServerHttps() : 'https',
      static: { directory: path.resolve(__dirname, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
    },
  };
};
