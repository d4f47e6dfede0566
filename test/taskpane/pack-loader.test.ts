/**
 * PackLoader in headless Chromium: the YAML parser and the sheet reader run in the browser bundle, without
 * network, and show the same Dutch errors (file and line, sheet and cell) as `tariefwijzer policy check`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import type { Page } from 'playwright-core';
import { openServed, type ServedBrowser } from './chromium';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '../..');
let out: string;
let served: ServedBrowser;
let page: Page;
let foreign: string[];
let pageErrors: string[];

async function build(): Promise<void> {
  const webpack = require('webpack');
  const config = require(join(ROOT, 'webpack.config.js'))({}, { mode: 'development' });
  config.entry = { taskpane: join(__dirname, 'pack-loader-harness.tsx') };
  config.output = { ...config.output, path: out };
  config.devtool = false; // the page's CSP forbids eval
  config.plugins = config.plugins.filter((p: object) => p.constructor.name === 'HtmlWebpackPlugin');
  await new Promise<void>((ok, fail) =>
    webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(o: object): string }) =>
      err ? fail(err) : stats.hasErrors() ? fail(new Error(stats.toString({ errors: true }))) : ok(),
    ),
  );
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'tw-packloader-'));
  await build();
  served = await openServed(out);
  ({ page, foreign, pageErrors } = served);
});

afterAll(async () => {
  await served?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const YAML_OK = readFileSync(join(ROOT, 'test/policies/own/noord-gz-2026.yaml'), 'utf8');

test('a YAML file: errors with their line, then a valid pack is handed over', async () => {
  const input = page.locator('input[type="file"]').first();
  const bad = YAML_OK.replace('sector: GZ', 'sector: GZT');
  await input.setInputFiles({ name: 'noord.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
  await page.getByText('Beleid in noord.yaml niet geladen: 1 fout').waitFor();
  await page.getByText('noord.yaml, regelnummer 8: sector: waarde moet een van deze zijn: "VV", "GZ", "GGZ", "alle"').waitFor();

  await input.setInputFiles({ name: 'noord.yaml', mimeType: 'text/yaml', buffer: Buffer.from(YAML_OK) });
  await page.getByText('Beleid geladen').waitFor();
  expect(await page.getByTestId('geladen').textContent()).toBe('noord-gz-2026 11');

  const extension = 'extends: zk-vv-2024\nid: zk-vv-2025\nversion: 1.0.0\nparameters:\n  richttarief: { default: 96.1 }\n';
  await input.setInputFiles({ name: 'vv.yaml', mimeType: 'text/yaml', buffer: Buffer.from(extension) });
  await page.getByText('breidt uit: zk-vv-2024').waitFor();
  expect(await page.getByTestId('geladen').textContent()).toBe('zk-vv-2025 9');
  expect(await page.getByTestId('beleid-geladen').textContent()).not.toContain('nog niet compleet');

  // valid, but its richttarief has no value yet (as the shipped GGZ 2025 pack): loaded, not as plain good news
  const open = 'extends: zk-ggz-2025\nid: eigen-ggz-2025\nversion: 1.0.0\n';
  await input.setInputFiles({ name: 'ggz.yaml', mimeType: 'text/yaml', buffer: Buffer.from(open) });
  await page.getByText('Beleid geladen, maar nog niet compleet').waitFor();
  expect(await page.getByTestId('geladen').textContent()).toMatch(/^eigen-ggz-2025 \d+$/);
  expect(await page.getByTestId('beleid-geladen').textContent()).toContain('Vul bij de parameters eerst in: "Zilveren Kruis tariefpercentage zorg GGZ 2025".');
});

test('a sheet of the open workbook: the policy sheet is proposed; errors name the cell', async () => {
  await page.getByRole('button', { name: 'Uit een blad van deze werkmap…' }).click();
  const select = page.locator('select[name="beleidsblad"]');
  await select.waitFor();
  expect(await select.inputValue()).toBe('Tariefwijzer beleid');
  await page.getByRole('button', { name: 'Laden uit blad' }).click();
  await page.getByText('uit blad Tariefwijzer beleid: 2 regels').waitFor();
  expect(await page.getByTestId('geladen').textContent()).toBe('proef-ggz-2026 2');

  await select.selectOption('Beleid fout');
  await page.getByRole('button', { name: 'Laden uit blad' }).click();
  await page.getByText('Blad Beleid fout, cel D12: onbekend effect "opslagg"', { exact: false }).waitFor();
  await page.getByText('Een beleid uit een blad van de werkmap laden kan alleen in Excel.').waitFor();
  expect(pageErrors).toEqual([]);
  expect(foreign.filter((u) => !u.startsWith('https://appsforoffice.microsoft.com/'))).toEqual([]);
});
