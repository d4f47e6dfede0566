#!/usr/bin/env node
/** `npm stop`: removes the sideloaded add-in from desktop Excel and stops the dev server office-addin-debugging started. */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { findDesktopExcel } = require('./start');

if (!findDesktopExcel()) {
  console.log('Geen Excel voor Windows of Mac op deze computer: er is niets te verwijderen. Een ontwikkelserver van npm start stopt u met Ctrl+C.');
} else {
  const child = spawn('npx', ['--yes', 'office-addin-debugging@7.0.0', 'stop', 'manifest.xml'], {
    cwd: path.join(__dirname, '..'),
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}
