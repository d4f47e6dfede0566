#!/usr/bin/env node
/* npm run demo: make the example workbooks; annotate every example sheet, run a herschikking and assess the example request forms, into examples/uitvoer/. */
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const ex = (f) => path.join(root, 'examples', f);
const outDir = ex('uitvoer');

const jobs = [
  ['vv-2024-zorgkantoren.xlsx', 'Zilveren Kruis', 'zk-vv-2024', ['percentage_nieuwe_aanbieder=93']],
  ['vv-2024-zorgkantoren.xlsx', 'VGZ', 'vgz-vv-2024', ['opslag_regionale_tafels=0,5', 'opslag_mpt=1']],
  ['vv-2024-zorgkantoren.xlsx', 'Menzis', 'menzis-vv-2024', []],
  ['vv-2024-zorgkantoren.xlsx', 'CZ', 'cz-vv-2024', []],
  ['vv-2024-zorgkantoren.xlsx', 'Salland', 'salland-vv-2024', []],
  ['vv-2024-zorgkantoren.xlsx', 'DSW', 'dsw-vv-2024', []],
  ['vv-2024-zorgkantoren.xlsx', 'Zorg en Zekerheid', 'zz-vv-2024', ['percentage_nieuwe_aanbieder=93,5']],
  // 96% is an illustration: the real 2025 GGZ richttarief is published by the zorgkantoor (it "volgt 05-09-24").
  ['ggz-2025-zilveren-kruis.xlsx', undefined, 'zk-ggz-2025', ['richttarief=96', 'richttarief_vv=95,5']],
  ['gz-2017-inkoopkader.xlsx', undefined, 'zn-gz-2017', ['richttarief=96', 'percentage_nhc_nic=100']],
];

async function run() {
  const { main } = require('../build/cli/main.js');
  execFileSync(process.execPath, [path.join(__dirname, 'make-examples.js'), path.join(root, 'examples')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(__dirname, 'make-production-example.js'), path.join(root, 'examples')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(__dirname, 'make-aanvraag-examples.js'), path.join(root, 'examples', 'aanvragen')], { stdio: 'inherit' });
  fs.mkdirSync(outDir, { recursive: true });
  const io = { out: (t) => console.log(t), err: () => {} };
  for (const [file, sheet, policy, sets] of jobs) {
    const out = path.join(outDir, `${path.basename(file, '.xlsx')}${sheet ? '-' + sheet.toLowerCase().replace(/[^a-z0-9]+/g, '-') : ''}.xlsx`);
    const args = ['annotate', ex(file), '--policy', policy, '--out', out, ...(sheet ? ['--sheet', sheet] : []), ...sets.flatMap((s) => ['--set', s])];
    console.log(
      `\n$ tariefwijzer ${args
        .map((a) => (path.relative(root, a).startsWith('..') || !a.startsWith('/') ? a : path.relative(root, a)))
        .map((a) => (/\s/.test(a) ? `"${a}"` : a))
        .join(' ')}`,
    );
    const code = await main(args, io);
    // 3: written, and rows ask for a check (the examples hold such rows on purpose); 1 or 2 is a real failure
    if (code !== 0 && code !== 3) process.exit(code);
  }
  // Herschikking: production 2025 at an illustrative richttarief of 96%, compared with 97,3% (the 2024 value).
  const herschik = [
    'herschik',
    ex('productie-2025-ggz.xlsx'),
    '--policy',
    'zk-ggz-2025',
    '--set',
    'richttarief=96',
    '--set',
    'richttarief_vv=95,5',
    '--set',
    'peildatum=2025-08-31',
    '--vergelijk-set',
    'richttarief=97,3',
    '--out',
    path.join(outDir, 'productie-2025-ggz-herschikking.xlsx'),
  ];
  console.log(`\n$ tariefwijzer ${herschik.map((a) => (a.startsWith('/') ? path.relative(root, a) : a)).join(' ')}`);
  const code = await main(herschik, io);
  // 3: computed and written, the result asks for action (the example is over its contracteerruimte on purpose)
  if (code !== 0 && code !== 3) process.exit(code);
  // Herberekening and hardheidsclausule: the four example request forms, assessed together.
  const forms = ['volledig', 'onvolledig', 'inconsistent', 'beide'].map((f) => ex(`aanvragen/aanvraag-${f}.xlsx`));
  const assess = ['assess', ...forms, '--policy', 'zk-ggz-2025', '--out', path.join(outDir, 'aanvragen-beoordeling.xlsx')];
  console.log(`\n$ tariefwijzer ${assess.map((a) => (a.startsWith('/') ? path.relative(root, a) : a)).join(' ')}`);
  const assessed = await main(assess, io);
  // 3: written, and some requests ask for the user's judgement (the examples include an open one on purpose)
  if (assessed !== 0 && assessed !== 3) process.exit(assessed);
  // Bijlagen per zorgaanbieder of the GGZ example, at a fixed date (the same bytes every run). The folder is the
  // demo's own output: emptied first, because bijlagen never writes over a file that is already there.
  const bijlagenDir = path.join(outDir, 'bijlagen-ggz-2025');
  fs.rmSync(bijlagenDir, { recursive: true, force: true });
  const bijlagen = ['bijlagen', ex('ggz-2025-zilveren-kruis.xlsx'), '--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--set', 'richttarief_vv=95,5'];
  bijlagen.push('--datum', '2025-10-25', '--out', bijlagenDir);
  console.log(`\n$ tariefwijzer ${bijlagen.map((a) => (a.startsWith('/') ? path.relative(root, a) : a)).join(' ')}`);
  const made = await main(bijlagen, io);
  // 3: written, and priced rows carry a signal that asks for a check (on purpose in the example)
  if (made !== 0 && made !== 3) process.exit(made);
  console.log(`\nDe berekende werkmappen staan in ${path.relative(process.cwd(), outDir)}/.`);
}

/** The demo's annotate jobs (test/user-text.test.ts checks every text they write). */
module.exports = { jobs };

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
