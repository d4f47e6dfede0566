/**
 * The task pane in headless Chromium (Debian's, through playwright-core): production build, served from a
 * local static server, demonstration mode outside Office. Every request leaving the local server is aborted
 * and recorded; only Office.js may be asked for.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { extname, join, normalize, resolve, sep } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain' };

let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
let home: string;
const foreign: string[] = [];
const pageErrors: string[] = [];

function serveDist(): Promise<Server> {
  const s = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(DIST, path === '/' ? 'taskpane.html' : path));
    if (!file.startsWith(DIST + sep)) return void res.writeHead(403).end();
    try {
      if (!statSync(file).isFile()) throw new Error('geen bestand');
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => s.listen(0, '127.0.0.1', () => ok(s)));
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
  server = await serveDist();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  home = mkdtempSync(join(tmpdir(), 'tariefwijzer-chromium-'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', env: { ...process.env, HOME: home } });
  const context = await browser.newContext({ locale: 'nl-NL' });
  await context.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${origin}/taskpane.html`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  if (home) rmSync(home, { recursive: true, force: true });
});

test('demonstration mode: choose zk-ggz-2025, validate a parameter in Dutch, compute example rows', async () => {
  expect(await page.title()).toMatch(/^Tariefwijzer/);
  // CSP: own origin and Office.js only, no eval — and the pane still works under it (below)
  const csp = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
  expect(csp).not.toContain('unsafe-eval');
  await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
  await page.getByText('Demonstratiemodus').waitFor();

  const options = await page.locator('select[name="beleid"] option').allTextContents();
  expect(options.some((o) => o.includes('Zilveren Kruis') && o.includes('inkoopjaar 2025'))).toBe(true);
  await page.selectOption('select[name="beleid"]', 'zk-ggz-2025');

  const richttarief = page.locator('input[name="richttarief"]');
  await expect(richttarief.inputValue()).resolves.toBe(''); // default null: niet ingesteld
  expect(await page.locator('input[name="percentage_nieuwe_aanbieder"]').inputValue()).toBe('93,9');

  await richttarief.fill('hoog');
  await page.getByText('"hoog" is geen getal').waitFor();
  const bereken = page.getByRole('button', { name: 'Bereken' });
  expect(await bereken.isDisabled()).toBe(true);

  await richttarief.fill('97,3');
  await page.getByText('"hoog" is geen getal').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Probeer met voorbeeldgegevens' }).click();
  await page.getByText('Voorbeeldgegevens geladen').waitFor();
  await bereken.click();

  const result = page.getByTestId('resultaat');
  await result.waitFor();
  const text = (await result.textContent()) ?? '';
  expect(text).toContain('Rijen: 5');
  expect(text).toContain('Tarieven berekend: 4');
  expect(text).toContain('€ 297,90');
  expect(text).toContain('€ 139,02');
  expect(text).toContain('99,3%');
  expect(text).toContain('HANDMATIG_BEOORDELEN: 1 rij');
  expect(text).toContain('MAXIMUMTARIEF_ONTBREEKT: 1 rij');
  expect(text).toContain('Opslag voor de zorgprofielen W5 en B7');
  // the run is recorded in the workbook, and the pane reads it back: inputs unchanged since
  await page.getByText('Laatste berekening is actueel').waitFor();
  expect(await page.getByText('Beleid zk-ggz-2025 (versie 1.0.0) op blad').count()).toBe(1);

  expect(pageErrors).toEqual([]);
  // Office.js is the one foreign URL the page may ask for (aborted here); nothing else leaves the machine.
  expect(foreign.filter((u) => u !== OFFICE_JS)).toEqual([]);
  expect(foreign).toContain(OFFICE_JS);
});

test('the production bundle stays within its budget of 250 KB gzip', () => {
  const { readdirSync } = require('fs') as typeof import('fs');
  const { gzipSync } = require('zlib') as typeof import('zlib');
  const dist = join(__dirname, '../../dist');
  const main = readdirSync(dist).filter((f) => /^taskpane\..*\.js$/.test(f));
  expect(main).toHaveLength(1);
  const gz = gzipSync(readFileSync(join(dist, main[0])), { level: 9 }).length;
  expect(gz).toBeLessThan(250 * 1024);
});
