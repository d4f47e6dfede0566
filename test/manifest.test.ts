/** The add-in manifest, checked offline: Microsoft's schema (xmllint), icons present, URLs on one host. */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.join(__dirname, '..');
const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');

test('validates against the Office add-in manifest schema', () => {
  const xsd = path.join(root, '../shared/manifest-xsd/OfficeAppManifestV1_1.xsd');
  const out = execFileSync('xmllint', ['--noout', '--schema', xsd, path.join(root, 'manifest.xml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(out).toBe('');
});

test('every URL uses the dev host over https, and every icon it names exists', () => {
  const urls = [...manifest.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u.startsWith('https://localhost:3000/')).toBe(true);
  const icons = urls.filter((u) => u.includes('/assets/'));
  expect(icons.length).toBeGreaterThanOrEqual(5);
  for (const u of icons) expect(fs.existsSync(path.join(root, new URL(u).pathname))).toBe(true);
});

test('Dutch display name, Workbook host and a ribbon button on the Home tab', () => {
  expect(manifest).toContain('<DefaultLocale>nl-NL</DefaultLocale>');
  expect(manifest).toContain('<Host Name="Workbook"/>');
  expect(manifest).toContain('<OfficeTab id="TabHome">');
  expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
});
