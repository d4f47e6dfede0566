#!/usr/bin/env node
/**
 * `npm start`: the https dev server, and where desktop Excel is installed (Windows, macOS) the add-in sideloaded
 * into it with Microsoft's office-addin-debugging, as the Office-Addin-TaskPane-React template does
 * (`office-addin-debugging start manifest.xml`; it starts `npm run dev-server` itself and registers the manifest:
 * the developer registry key on Windows, the `wef` folder on macOS). `npm stop` undoes that.
 * Elsewhere (Linux, CI, a Mac without Excel) it says so and serves the task pane and the demonstration page.
 *
 * office-addin-debugging is run through npx at a pinned version rather than installed with the project: it pulls in
 * Microsoft 365 Agents Toolkit (about 450 packages) with a native keytar build that fails on Debian without
 * libsecret, and only machines with desktop Excel use it.
 * Extra arguments go to webpack serve, e.g. `npm start -- --port 3001`.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureTrustedCertificates } = require('./dev-certs');

const ROOT = path.join(__dirname, '..');
const DEBUGGING = 'office-addin-debugging@7.0.0';

/** Microsoft's office-addin-* tools: no usage data. (From version 3 they send none at all; this keeps it so.) */
function usageDataOff() {
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/office-addin-usage-data/cli.js'), 'off'], { stdio: 'ignore' });
}

/** Where desktop Excel is installed: its path, or undefined. */
function findDesktopExcel(platform = process.platform, env = process.env, exists = fs.existsSync) {
  if (platform === 'darwin') {
    const app = '/Applications/Microsoft Excel.app';
    return exists(app) ? app : undefined;
  }
  if (platform === 'win32') {
    // Click-to-Run and MSI installs register Excel under App Paths.
    const reg = spawnSync('reg', ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe', '/ve'], { encoding: 'utf8' });
    const registered = reg.status === 0 ? /REG_SZ\s+(.+\.exe)/i.exec(reg.stdout)?.[1]?.trim() : undefined;
    if (registered && exists(registered)) return registered;
    for (const base of [env.ProgramFiles, env['ProgramFiles(x86)']].filter(Boolean)) {
      const exe = path.join(base, 'Microsoft Office', 'root', 'Office16', 'EXCEL.EXE');
      if (exists(exe)) return exe;
    }
  }
  return undefined;
}

function run(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  usageDataOff();
  const excel = findDesktopExcel();
  if (process.platform === 'win32' || process.platform === 'darwin') {
    const certs = await ensureTrustedCertificates();
    if (!certs.ok) {
      console.warn(`Het vertrouwde localhost-certificaat kon niet worden geïnstalleerd (${certs.reason}).`);
      console.warn('De ontwikkelserver gebruikt zijn eigen certificaat; Excel voor Windows of Mac laadt het taakvenster dan niet. Zie README, "Ontwikkelen".');
    }
  }
  if (excel) {
    console.log(`Excel gevonden (${excel}): de ontwikkelserver start en Tariefwijzer wordt in Excel geladen. Stoppen: npm stop`);
    run('npx', ['--yes', DEBUGGING, 'start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server', 'npm run dev-server', '--dev-server-port', '3000']);
    return;
  }
  console.log(
    'Geen Excel voor Windows of Mac op deze computer: Tariefwijzer wordt niet automatisch in Excel geladen.\n' +
      'De ontwikkelserver start op https://localhost:3000. Open https://localhost:3000/demo.html voor de demonstratie met een ' +
      'gesimuleerde werkmap, of laad manifest.xml in Excel op het web (README, "De invoegtoepassing in Excel").',
  );
  run(process.execPath, [path.join(ROOT, 'node_modules/webpack/bin/webpack.js'), 'serve', '--mode', 'development', ...process.argv.slice(2)]);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

module.exports = { findDesktopExcel };
