/**
 * A production build never ships a manifest that points at localhost: `npm run build` without ADDIN_HOST stops with
 * a Dutch message, with ADDIN_HOST its manifest points there (https only), and the production bundles that tests
 * and benchmarks make without ADDIN_HOST name their manifest manifest.localhost-dev.xml, never manifest.xml.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.join(__dirname, '..');
const { manifestTarget, checkHost, DEV_MANIFEST } = require('../scripts/addin-host') as typeof import('../scripts/addin-host');
const { schemaCheck } = require('../scripts/validate-manifest') as typeof import('../scripts/validate-manifest');

type Env = Record<string, unknown>;
type Config = { entry: unknown; plugins: object[]; output: { path: string } };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tariefwijzer-build-'));
}

/** Runs the real webpack config's manifest step (its CopyWebpackPlugin) into `out`, with a trivial entry. */
function emitManifest(env: Env, addinHost: string | undefined, out: string): Promise<string[]> {
  const saved = process.env.ADDIN_HOST;
  if (addinHost === undefined) delete process.env.ADDIN_HOST;
  else process.env.ADDIN_HOST = addinHost;
  let config: Config;
  try {
    config = (require(path.join(ROOT, 'webpack.config.js')) as (e: Env, a: Env) => Config)(env, { mode: 'production' });
  } finally {
    if (saved === undefined) delete process.env.ADDIN_HOST;
    else process.env.ADDIN_HOST = saved;
  }
  const entry = path.join(out, 'entry.js');
  fs.writeFileSync(entry, '');
  config.entry = { leeg: entry };
  const CopyWebpackPlugin = require('copy-webpack-plugin') as new () => object;
  config.plugins = config.plugins.filter((p) => p instanceof CopyWebpackPlugin);
  expect(config.plugins).toHaveLength(1);
  config.output = { ...config.output, path: path.join(out, 'dist') };
  const webpack = require('webpack') as (c: Config, cb: (err: Error | null, stats?: { hasErrors(): boolean; toString(o: object): string }) => void) => void;
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ errors: true })));
      resolve(fs.readdirSync(path.join(out, 'dist')).filter((f) => f.endsWith('.xml')));
    }),
  );
}

test('npm run build without ADDIN_HOST stops with a Dutch message and emits no manifest', () => {
  const out = tempDir();
  const env = { ...process.env };
  delete env.ADDIN_HOST;
  const r = spawnSync('npm', ['run', 'build', '--', '--output-path', path.join(out, 'dist')], { cwd: ROOT, env, encoding: 'utf8' });
  expect(r.status).not.toBe(0);
  expect(`${r.stdout}${r.stderr}`).toContain('ADDIN_HOST ontbreekt');
  expect(fs.existsSync(path.join(out, 'dist'))).toBe(false);
});

test('with ADDIN_HOST the production manifest points only at that https host and is schema-valid', async () => {
  const out = tempDir();
  const files = await emitManifest({ release: true }, 'https://tariefwijzer.voorbeeld.nl/', out);
  expect(files).toEqual(['manifest.xml']);
  const xml = fs.readFileSync(path.join(out, 'dist', 'manifest.xml'), 'utf8');
  expect(xml).not.toMatch(/localhost|127\.0\.0\.1/);
  const urls = [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u.startsWith('https://tariefwijzer.voorbeeld.nl/')).toBe(true);
  const schema = schemaCheck(path.join(out, 'dist', 'manifest.xml'));
  expect(schema.output).not.toMatch(/error/i);
  expect(schema.ok).toBe(true);
}, 60_000);

test('a production bundle without ADDIN_HOST (browser tests, benchmark) names its manifest as the development one', async () => {
  const out = tempDir();
  const files = await emitManifest({}, undefined, out);
  expect(files).toEqual([DEV_MANIFEST]);
  expect(fs.readFileSync(path.join(out, 'dist', DEV_MANIFEST), 'utf8')).toContain('https://localhost:3000/taskpane.html');
}, 60_000);

test('ADDIN_HOST must be https and not this computer; a sub-path is kept', () => {
  expect(checkHost('https://intranet.voorbeeld.nl/tariefwijzer/')).toBe('https://intranet.voorbeeld.nl/tariefwijzer');
  expect(checkHost('https://tariefwijzer.voorbeeld.nl')).toBe('https://tariefwijzer.voorbeeld.nl');
  for (const [raw, message] of [
    ['http://tariefwijzer.voorbeeld.nl', /moet met https:\/\/ beginnen/],
    ['https://localhost:3000', /wijst naar deze computer/],
    ['https://127.0.0.1', /wijst naar deze computer/],
    ['https://[::1]:8443', /wijst naar deze computer/],
    ['tariefwijzer.voorbeeld.nl', /geen geldig webadres/],
    ['https://tariefwijzer.voorbeeld.nl/?x=1', /zonder \?, #/],
  ] as const) {
    const r = checkHost(raw);
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).message).toMatch(message);
  }
  // A bad ADDIN_HOST stops every build, the development server's included.
  expect(() => manifestTarget({ mode: 'development', release: false, addinHost: 'http://x.nl' })).toThrow(/https/);
  expect(manifestTarget({ mode: 'development', release: false, addinHost: undefined })).toEqual({ file: 'manifest.xml', host: 'https://localhost:3000' });
});
