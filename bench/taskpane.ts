/**
 * Task-pane figures: the production bundle's size (gzip) and the first render in headless Chromium (Debian's, via
 * playwright-core) relative to a blank page served by the same local server in the same run. The pane runs in
 * demonstration mode (no Office host); the Office.js request is aborted, as in test/taskpane/browser.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png' };
const BLANK = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>leeg</title></head><body><p>leeg</p></body></html>';

export interface TaskpaneFigures {
  /** gzip -9 bytes of the entry script, and of all scripts (lazy chunks included). */
  entryGzip: number;
  allGzip: number;
  budget: number;
  renderMs: number;
  blankMs: number;
  renderRatio: number;
  repeats: number;
}

export function buildBundle(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
}

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (p === '/blank.html') return void res.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(BLANK);
    const file = path.normalize(path.join(DIST, p === '/' ? 'taskpane.html' : p));
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export async function measureTaskpane(repeats: number): Promise<TaskpaneFigures> {
  buildBundle();
  const scripts = fs.readdirSync(DIST).filter((f) => f.endsWith('.js'));
  const entry = scripts.find((f) => /^taskpane\..*\.js$/.test(f));
  if (!entry) throw new Error('bench: no taskpane bundle in dist/');
  const entryGzip = gzipSize(path.join(DIST, entry));
  const allGzip = scripts.reduce((s, f) => s + gzipSize(path.join(DIST, f)), 0);

  const server = await serve();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tariefwijzer-bench-chromium-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', env: { ...process.env, HOME: home } });
  const load = async (url: string, ready: (page: import('playwright-core').Page) => Promise<unknown>) => {
    // A fresh context per load: nothing cached, as the first time Excel opens the pane.
    const context = await browser.newContext({ locale: 'nl-NL' });
    await context.route('**', (route) =>
      route
        .request()
        .url()
        .startsWith(origin + '/')
        ? route.continue()
        : route.abort(),
    );
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await ready(page);
    const ms = performance.now() - t0;
    await context.close();
    return ms;
  };
  const render: number[] = [];
  const blank: number[] = [];
  try {
    await load(`${origin}/taskpane.html`, (p) => p.locator('select[name="beleid"]').waitFor()); // warm-up
    for (let i = 0; i < repeats; i++) {
      blank.push(await load(`${origin}/blank.html`, (p) => p.getByText('leeg').waitFor()));
      render.push(await load(`${origin}/taskpane.html`, (p) => p.locator('select[name="beleid"]').waitFor()));
    }
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
    fs.rmSync(home, { recursive: true, force: true });
  }
  const renderMs = median(render);
  const blankMs = median(blank);
  const ratios = render.map((r, i) => r / blank[i]);
  return { entryGzip, allGzip, budget: 250 * 1024, renderMs, blankMs, renderRatio: median(ratios), repeats };
}
