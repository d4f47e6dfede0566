/**
 * Headless Chromium (Debian's, through playwright-core) on a folder served from a local static server. Every
 * request leaving that server is aborted and recorded, so a test can prove the page asked for nothing else.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { extname, join, normalize, sep } from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

export interface ServedBrowser {
  origin: string;
  browser: Browser;
  page: Page;
  /** Requests to other hosts (aborted). */
  foreign: string[];
  /** Uncaught errors in the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'taskpane.html' : path));
    if (!file.startsWith(dir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Let `target` reach only `origin`: every other request is aborted (and recorded in `foreign`, when given). */
export async function keepLocal(target: BrowserContext | Page, origin: string, foreign?: string[]): Promise<void> {
  await target.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    foreign?.push(url);
    return route.abort();
  });
}

/** Serve `dir`, start Chromium with its own HOME (it writes crash reports there), open `page` on the server. */
export async function openServed(dir: string, page = 'taskpane.html'): Promise<ServedBrowser> {
  const server = await serve(dir);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const home = mkdtempSync(join(tmpdir(), 'tariefwijzer-chromium-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', env: { ...process.env, HOME: home } });
  const context = await browser.newContext({ locale: 'nl-NL' });
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  await keepLocal(context, origin, foreign);
  const p = await context.newPage();
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  await p.goto(`${origin}/${page}`);
  return {
    origin,
    browser,
    page: p,
    foreign,
    pageErrors,
    close: async () => {
      await browser.close();
      await new Promise((ok) => server.close(ok));
      rmSync(home, { recursive: true, force: true });
    },
  };
}
