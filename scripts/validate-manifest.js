#!/usr/bin/env node
/**
 * `npm run validate [-- MANIFEST] [-- --offline]`: checks an add-in manifest (default manifest.xml) three ways.
 * 1. office-addin-manifest (Microsoft's package) reads it: id, version, name and hosts are printed.
 * 2. Always, offline: the XML schema check against Microsoft's published manifest XSDs with xmllint
 *    (../shared/manifest-xsd, see its README), the same check test/manifest.test.ts makes.
 * 3. When it can be reached: Microsoft's validation service (office-addin-manifest's validateManifest, which posts
 *    the manifest to validationgateway.omex.office.net). Offline, or with --offline, that part is skipped and says so.
 * Exit code 1 when a check that ran found a problem, else 0.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const XSD = path.join(ROOT, '../shared/manifest-xsd/OfficeAppManifestV1_1.xsd');
const SERVICE_TIMEOUT_MS = 20_000;

/** xmllint's schema check: { ok, output }. */
function schemaCheck(manifest) {
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, manifest], { encoding: 'utf8' });
  if (r.error) return { ok: false, output: `xmllint niet gevonden (${r.error.message}); installeer libxml2-utils.` };
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

async function serviceCheck(manifest) {
  const { validateManifest } = require('office-addin-manifest');
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`geen antwoord binnen ${SERVICE_TIMEOUT_MS / 1000} s`)), SERVICE_TIMEOUT_MS);
  });
  try {
    const v = await Promise.race([validateManifest(manifest), timeout]);
    if (!v.report) return { reached: false, why: `de dienst antwoordde met HTTP ${v.status ?? '?'} ${v.statusText ?? ''}`.trim() };
    const issues = (v.report.errors ?? []).map((e) => `fout: ${e.title ?? ''} ${e.content ?? ''} (regel ${e.line ?? '?'})`);
    issues.push(...(v.report.warnings ?? []).map((e) => `waarschuwing: ${e.title ?? ''} ${e.content ?? ''}`));
    return { reached: true, ok: v.isValid, issues };
  } catch (e) {
    return { reached: false, why: (e instanceof Error ? e.message : String(e)).split('\n')[0] };
  } finally {
    clearTimeout(timer);
  }
}

async function main(argv) {
  const offline = argv.includes('--offline');
  const manifest = path.resolve(argv.find((a) => !a.startsWith('--')) ?? path.join(ROOT, 'manifest.xml'));
  if (!fs.existsSync(manifest)) {
    console.error(`Manifest niet gevonden: ${manifest}`);
    return 1;
  }
  // Microsoft's office-addin-* tools: no usage data (from version 3 they send none at all).
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/office-addin-usage-data/cli.js'), 'off'], { stdio: 'ignore' });
  let failed = false;

  const { OfficeAddinManifest } = require('office-addin-manifest');
  try {
    const info = await OfficeAddinManifest.readManifestFile(manifest);
    console.log(
      `Manifest ${path.relative(process.cwd(), manifest)}: ${info.displayName} ${info.version} (id ${info.id}), hosts: ${(info.hosts ?? []).join(', ')}`,
    );
  } catch (e) {
    console.error(`office-addin-manifest kan het manifest niet lezen: ${e instanceof Error ? e.message : e}`);
    failed = true;
  }

  const schema = schemaCheck(manifest);
  console.log(schema.ok ? 'Schema (Microsoft XSD, offline): geldig.' : `Schema (Microsoft XSD, offline): ONGELDIG\n${schema.output}`);
  failed ||= !schema.ok;

  if (offline) {
    console.log('Validatiedienst van Microsoft: overgeslagen (--offline).');
  } else {
    const service = await serviceCheck(manifest);
    if (!service.reached) {
      console.log(`Validatiedienst van Microsoft niet bereikbaar (${service.why}): overgeslagen. Controleer later met internet opnieuw.`);
    } else {
      console.log(service.ok ? 'Validatiedienst van Microsoft: geaccepteerd.' : 'Validatiedienst van Microsoft: NIET geaccepteerd.');
      for (const line of service.issues) console.log(`  ${line}`);
      failed ||= !service.ok;
    }
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

module.exports = { schemaCheck };
