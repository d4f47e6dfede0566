/**
 * `npm run bench [-- --quick] [-- --only=engine,io,stream,office,herschik,growth,taskpane,bijlagen,rerun]`: every figure as a ratio of two things measured
 * side by side in this run (variants alternated, repeated, medians). Absolute times are printed for context only:
 * the machines are shared and noisy. See docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { evaluateRow, type InputRow, runPolicy } from '../src/domain/engine';
import { resolveParameters } from '../src/domain/policy/load';
import { EXIT } from '../src/cli/exit-codes';
import { getPack } from '../src/policies';
import { inputRows } from './rows';
import { median } from './stats';
import { measureTaskpane } from './taskpane';
import { ensureBijlagenWorkbook } from './bijlagen';
import { ensureProductionWorkbook, HERSCHIK_ARGS } from './production';
import { type BenchFiles, ensureWorkbooks, generateRows, PACK_ID, SHEET } from './workbooks';

const ROOT = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const ONLY = new Set((args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'engine,io,stream,office,herschik,growth,taskpane,bijlagen,rerun').split(','));
const SIZES = QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000, 300_000];
const DIR = process.env.BENCH_DIR ?? path.join(os.tmpdir(), 'tariefwijzer-bench');
/** Repetitions of the end-to-end comparison per size: [CLI vs floor pairs, of which also with LibreOffice]. */
const IO_REPEATS: Record<number, [number, number]> = { 1_000: [4, 3], 10_000: [4, 3], 100_000: [3, 2], 300_000: [2, 1] };

const results: Record<string, unknown> = { date: new Date().toISOString(), quick: QUICK, cpus: os.cpus().length, node: process.version, sizes: SIZES };
const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
const f2 = (x: number) => x.toFixed(2);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function table(title: string, head: string[], rows: Array<Array<string | number>>): void {
  console.log(`\n### ${title}\n`);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

// ------------------------------------------------------------------------------------------------ engine

/**
 * Two variants, alternated: runPolicy as the CLI and the add-in call it (a row whose read cells equal an earlier
 * row's reuses that result), and every row evaluated on its own (evaluateRow), the cost without reuse.
 */
function benchEngine(): void {
  const pack = getPack(PACK_ID)!;
  const { values: params } = resolveParameters(pack);
  const inputs = new Map(SIZES.map((n) => [n, inputRows(generateRows(n), pack)]));
  const variants: Record<string, (rows: InputRow[]) => unknown> = {
    runPolicy: (rows) => runPolicy(rows, pack, params),
    evaluateRow: (rows) => rows.map((r) => evaluateRow(r, pack, params)),
  };
  const reps = (n: number) => Math.max(1, Math.round(20_000 / n));
  for (const run of Object.values(variants)) for (let i = 0; i < 3; i++) run(inputs.get(SIZES[0])!); // warm-up
  const rounds = QUICK ? 5 : 3;
  const perRow: Record<string, Map<number, number[]>> = {};
  const relative: Record<string, Map<number, number[]>> = {};
  for (const v of Object.keys(variants)) {
    perRow[v] = new Map(SIZES.map((n) => [n, []]));
    relative[v] = new Map(SIZES.map((n) => [n, []]));
  }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...SIZES].reverse() : SIZES;
    const cost: Record<string, Map<number, number>> = { runPolicy: new Map(), evaluateRow: new Map() };
    for (const n of order) {
      const names = r % 2 ? ['evaluateRow', 'runPolicy'] : ['runPolicy', 'evaluateRow'];
      for (const v of names) {
        const rows = inputs.get(n)!;
        const t0 = performance.now();
        for (let j = 0; j < reps(n); j++) variants[v](rows);
        cost[v].set(n, (performance.now() - t0) / (n * reps(n)));
      }
    }
    for (const v of Object.keys(variants)) {
      for (const n of SIZES) {
        perRow[v].get(n)!.push(cost[v].get(n)!);
        relative[v].get(n)!.push(cost[v].get(n)! / cost[v].get(SIZES[0])!);
      }
    }
  }
  const out = SIZES.map((n) => ({
    rows: n,
    rowsPerSecond: Math.round(1000 / median(perRow.runPolicy.get(n)!)),
    costPerRowVs1k: median(relative.runPolicy.get(n)!),
    eachRowRowsPerSecond: Math.round(1000 / median(perRow.evaluateRow.get(n)!)),
    eachRowCostPerRowVs1k: median(relative.evaluateRow.get(n)!),
  }));
  results.engine = out;
  table(
    'Engine alone (zk-vv-2024, in process)',
    ['rows', 'runPolicy rows/s', 'cost per row vs 1k (target: not above 1)', 'each row evaluated: rows/s', 'cost per row vs 1k (≈ 1 is linear)'],
    out.map((o) => [
      k(o.rows),
      o.rowsPerSecond.toLocaleString('en'),
      f2(o.costPerRowVs1k),
      o.eachRowRowsPerSecond.toLocaleString('en'),
      f2(o.eachRowCostPerRowVs1k),
    ]),
  );
}

// ------------------------------------------------------------------------------------------------ end to end

interface Timed {
  /** Wall-clock time, including process start-up. */
  ms: number;
  /** User + system CPU time of the process and the children it waited for (less sensitive to other load). */
  cpuMs: number;
  /** Peak resident set size in bytes. */
  rss: number;
}

/** Run a command under /usr/bin/time (GNU time: CPU seconds and peak RSS, also of a waited-for child like soffice.bin). */
/** Exit codes of a CLI run that wrote its output: 3 is written, with results that ask for action (the bench's data has signals, a korting). */
const WRITTEN = [EXIT.klaar, EXIT.aandacht];

function runChild(cmd: string, argv: string[], label: string, okCodes: readonly number[] = [0]): Timed {
  const timeFile = path.join(DIR, `time-${process.pid}.txt`);
  fs.rmSync(timeFile, { force: true });
  const t0 = performance.now();
  const p = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, cmd, ...argv], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (!okCodes.includes(p.status ?? -1)) throw new Error(`bench: ${label} failed (${p.status}): ${p.stderr}`);
  const [user, sys, kb] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: (user + sys) * 1000, rss: kb * 1024 };
}

/** The CLI to measure: this worktree's build, or another (BENCH_CLI=/path/to/bin/tariefwijzer.js, for a before/after). */
const CLI = process.env.BENCH_CLI ?? path.join(ROOT, 'bin/tariefwijzer.js');

function cli(file: BenchFiles): Timed {
  return runChild(process.execPath, [CLI, 'annotate', file.data, '--policy', PACK_ID, '--out', path.join(DIR, 'uit-cli.xlsx')], 'CLI annotate', WRITTEN);
}

function floor(file: BenchFiles): Timed {
  return runChild(process.execPath, [path.join(__dirname, 'floor.js'), file.data, path.join(DIR, 'uit-floor.xlsx')], 'exceljs read + write');
}

function floorStream(file: BenchFiles): Timed {
  return runChild(
    process.execPath,
    [path.join(__dirname, 'floor-stream.js'), file.data, path.join(DIR, 'uit-floor-stream.xlsx')],
    'exceljs streaming read + write',
  );
}

function floorLean(file: BenchFiles): Timed {
  return runChild(
    process.execPath,
    [path.join(__dirname, 'floor-stream.js'), file.data, path.join(DIR, 'uit-floor-lean.xlsx'), '--lean'],
    'exceljs lean read + write',
  );
}

function floorSplice(file: BenchFiles): Timed {
  return runChild(process.execPath, [path.join(__dirname, 'floor-splice.js'), file.data, path.join(DIR, 'uit-floor-splice.xlsx')], 'splice floor');
}

/** The splice floor that also reads every cell's value (floor-splice.ts --read): what reading the rows adds to it. */
function floorRead(file: BenchFiles): Timed {
  return runChild(process.execPath, [path.join(__dirname, 'floor-splice.js'), file.data, path.join(DIR, 'uit-floor-read.xlsx'), '--read'], 'read floor');
}

/**
 * LibreOffice with its own profile in which OOXMLRecalcMode = 0 ("always recalculate" Excel 2007+ files on load).
 * Without it LibreOffice 7.4 keeps the cached results; the workbook's fullCalcOnLoad flag alone is not enough.
 */
const LO_PROFILE = path.join(DIR, 'lo-profiel');
function prepareLibreOffice(): void {
  fs.rmSync(LO_PROFILE, { recursive: true, force: true });
  fs.mkdirSync(path.join(LO_PROFILE, 'user'), { recursive: true });
  fs.writeFileSync(
    path.join(LO_PROFILE, 'user/registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
}

const LO_OUT = path.join(DIR, 'uit-libreoffice');
function libreOffice(input: string): Timed {
  fs.rmSync(LO_OUT, { recursive: true, force: true });
  return runChild(
    'soffice',
    [`-env:UserInstallation=file://${LO_PROFILE}`, '--headless', '--convert-to', 'xlsx', '--outdir', LO_OUT, input],
    'soffice --convert-to xlsx',
  );
}

/** The recalculated formula workbook holds the CLI's tariffs (cached results were written as 0). */
async function checkSameTariffs(file: BenchFiles): Promise<void> {
  const lo = new ExcelJS.Workbook();
  await lo.xlsx.readFile(path.join(LO_OUT, path.basename(file.formula)));
  const ours = new ExcelJS.Workbook();
  await ours.xlsx.readFile(path.join(DIR, 'uit-cli.xlsx'));
  const a = lo.getWorksheet(SHEET)!;
  const b = ours.getWorksheet(SHEET)!;
  const tariffColumn = (b.getRow(1).values as unknown[]).indexOf('Tariefwijzer tarief');
  for (let r = 2; r <= file.rows + 1; r++) {
    const formula = a.getCell(r, 11).value as { result?: unknown };
    const mine = b.getCell(r, tariffColumn).value;
    if (formula?.result !== mine) throw new Error(`bench: row ${r}: formula workbook ${JSON.stringify(formula)} ≠ CLI ${JSON.stringify(mine)}`);
  }
}

async function benchIo(files: BenchFiles[]): Promise<void> {
  prepareLibreOffice();
  libreOffice(files[0].formula); // the first start fills the profile
  const loStartup = median([0, 1, 2].map(() => libreOffice(files[0].formula).ms));
  const rows: Array<Record<string, number>> = [];
  for (const file of files) {
    const [pairs, withLo] = IO_REPEATS[file.rows];
    const cliRuns: Timed[] = [];
    const floorRuns: Timed[] = [];
    const streamRuns: Timed[] = [];
    const vsStream: number[] = [];
    const loRuns: Timed[] = [];
    const vsFloor: number[] = [];
    const vsLo: number[] = [];
    const cpuVsFloor: number[] = [];
    const cpuVsLo: number[] = [];
    for (let i = 0; i < pairs; i++) {
      // rotate the order so drift in machine load does not favour one variant
      const steps: Array<() => void> = [() => cliRuns.push(cli(file)), () => streamRuns.push(floorStream(file)), () => floorRuns.push(floor(file))];
      if (i < withLo) steps.push(() => loRuns.push(libreOffice(file.formula)));
      for (let j = 0; j < steps.length; j++) steps[(i + j) % steps.length]();
      vsFloor.push(cliRuns[i].ms / floorRuns[i].ms);
      vsStream.push(cliRuns[i].ms / streamRuns[i].ms);
      cpuVsFloor.push(cliRuns[i].cpuMs / floorRuns[i].cpuMs);
      if (i < withLo) {
        vsLo.push(cliRuns[i].ms / loRuns[i].ms);
        cpuVsLo.push(cliRuns[i].cpuMs / loRuns[i].cpuMs);
      }
      process.stderr.write(
        `  ${k(file.rows)}: CLI ${s(cliRuns[i].ms)}, streaming floor ${s(streamRuns[i].ms)}, floor ${s(floorRuns[i].ms)}${i < withLo ? `, LibreOffice ${s(loRuns[i].ms)}` : ''}\n`,
      );
    }
    if (file === files[0]) await checkSameTariffs(file);
    rows.push({
      rows: file.rows,
      fileBytes: file.dataBytes,
      cliMs: median(cliRuns.map((r) => r.ms)),
      floorMs: median(floorRuns.map((r) => r.ms)),
      libreOfficeMs: median(loRuns.map((r) => r.ms)),
      vsFloor: median(vsFloor),
      vsLibreOffice: median(vsLo),
      cpuVsFloor: median(cpuVsFloor),
      cpuVsLibreOffice: median(cpuVsLo),
      cliRss: median(cliRuns.map((r) => r.rss)),
      floorRss: median(floorRuns.map((r) => r.rss)),
      streamMs: median(streamRuns.map((r) => r.ms)),
      vsStream: median(vsStream),
      streamRss: median(streamRuns.map((r) => r.rss)),
    });
  }
  results.io = { libreOfficeStartupMs: loStartup, rows };
  table(
    'CLI annotate end to end (child process: start, read, compute, write)',
    [
      'rows',
      'file',
      'CLI',
      'exceljs streaming read→write',
      'CLI ÷ streaming floor (target ≤ 1.0)',
      'exceljs read+write',
      'CLI ÷ floor',
      'same, CPU time',
      'LibreOffice recalc+save',
      'CLI ÷ LibreOffice (target ≤ 0.4)',
      'same, CPU time',
    ],
    rows.map((r) => [
      k(r.rows),
      mb(r.fileBytes),
      s(r.cliMs),
      s(r.streamMs),
      f2(r.vsStream),
      s(r.floorMs),
      f2(r.vsFloor),
      f2(r.cpuVsFloor),
      s(r.libreOfficeMs),
      f2(r.vsLibreOffice),
      f2(r.cpuVsLibreOffice),
    ]),
  );
  console.log(`\nLibreOffice start-up alone (1k-row formula workbook, median of 3): ${s(loStartup)}.`);
  const first = rows[0];
  table(
    'Peak RSS of the CLI (GNU time %M)',
    [
      'rows',
      'file',
      'CLI peak RSS (target ≤ 300 MB at 300k)',
      'RSS ÷ file size',
      'RSS growth vs first size',
      'file growth vs first size',
      'exceljs streaming RSS',
      'CLI RSS ÷ exceljs read+write RSS',
    ],
    rows.map((r) => [
      k(r.rows),
      mb(r.fileBytes),
      mb(r.cliRss),
      f2(r.cliRss / r.fileBytes),
      f2(r.cliRss / first.cliRss),
      f2(r.fileBytes / first.fileBytes),
      mb(r.streamRss),
      f2(r.cliRss / r.floorRss),
    ]),
  );
}

// ------------------------------------------------------------------------------------------------ any data

/** Targets of "memory and speed for any data" (issue 27), printed, never enforced. */
const RSS_300K = 250 * 1024 * 1024;
const RSS_FULL = 300 * 1024 * 1024;
const LINEAR_300K = 3.3;
const VS_SPLICE = 1.3;
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

/**
 * annotate on the contract-round workbook and on one where every row's output differs, each against four floors
 * in the same rounds (rotating order): the splice floor (floor-splice.ts: the in-place design without reading or
 * computing), the read floor (the same with every cell's value read, floor-splice.ts --read: what reading the rows
 * costs by itself), exceljs lean (values, shared strings) and exceljs streaming with styles. Then one run per workbook
 * at a full sheet (1,048,575 rows) for memory.
 */
async function benchStream(): Promise<void> {
  const sizes = QUICK ? [1_000, 10_000] : [100_000, 300_000];
  const full = QUICK ? 30_000 : 1_048_575;
  const rounds = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 2));
  const out: Array<Record<string, number | string>> = [];
  for (const kind of ['contract', 'distinct'] as const) {
    for (const n of sizes) {
      const file = await ensureWorkbooks(DIR, n, { formula: false, kind });
      const runs: Record<'cli' | 'splice' | 'read' | 'lean' | 'styled', Timed[]> = { cli: [], splice: [], read: [], lean: [], styled: [] };
      const vs: Record<'splice' | 'read' | 'lean' | 'styled', number[]> = { splice: [], read: [], lean: [], styled: [] };
      const readVsSplice: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const steps: Array<() => void> = [
          () => runs.cli.push(cli(file)),
          () => runs.splice.push(floorSplice(file)),
          () => runs.read.push(floorRead(file)),
          () => runs.lean.push(floorLean(file)),
          () => runs.styled.push(floorStream(file)),
        ];
        for (let j = 0; j < steps.length; j++) steps[(i + j) % steps.length]();
        for (const f of ['splice', 'read', 'lean', 'styled'] as const) vs[f].push(runs.cli[i].ms / runs[f][i].ms);
        readVsSplice.push(runs.read[i].ms / runs.splice[i].ms);
        process.stderr.write(
          `  ${kind} ${k(n)}: CLI ${s(runs.cli[i].ms)} ${mb(runs.cli[i].rss)}, splice ${s(runs.splice[i].ms)}, read ${s(runs.read[i].ms)}, lean ${s(runs.lean[i].ms)}, styled ${s(runs.styled[i].ms)}\n`,
        );
      }
      const m = (t: Timed[], key: keyof Timed) => median(t.map((x) => x[key]));
      out.push({
        kind,
        rows: n,
        fileBytes: file.dataBytes,
        cliMs: m(runs.cli, 'ms'),
        cliCpuMs: m(runs.cli, 'cpuMs'),
        cliRss: m(runs.cli, 'rss'),
        spliceMs: m(runs.splice, 'ms'),
        spliceRss: m(runs.splice, 'rss'),
        readMs: m(runs.read, 'ms'),
        leanMs: m(runs.lean, 'ms'),
        leanRss: m(runs.lean, 'rss'),
        styledMs: m(runs.styled, 'ms'),
        vsSplice: median(vs.splice),
        vsRead: median(vs.read),
        readVsSplice: median(readVsSplice),
        vsLean: median(vs.lean),
        vsStyled: median(vs.styled),
      });
    }
  }
  const fullRuns: Array<Record<string, number | string>> = [];
  for (const kind of ['contract', 'distinct'] as const) {
    const file = await ensureWorkbooks(DIR, full, { formula: false, kind });
    const c = cli(file);
    const f = floorSplice(file);
    fullRuns.push({ kind, rows: full, fileBytes: file.dataBytes, cliMs: c.ms, cliRss: c.rss, spliceMs: f.ms, spliceRss: f.rss });
    process.stderr.write(`  ${kind} ${k(full)}: CLI ${s(c.ms)} ${mb(c.rss)}, splice ${s(f.ms)} ${mb(f.rss)}\n`);
  }
  results.stream = { sizes: out, full: fullRuns };
  const label = (kind: unknown) => (kind === 'distinct' ? 'every row different' : 'contract round');
  table(
    'annotate on any data: against the splice and read floors and exceljs (child processes, medians of alternated rounds)',
    [
      'workbook',
      'rows',
      'file',
      'CLI',
      'CPU',
      'splice floor',
      `CLI ÷ splice (target ≤ ${VS_SPLICE})`,
      'read floor',
      'read ÷ splice',
      'CLI ÷ read',
      'exceljs lean',
      'CLI ÷ lean',
      'exceljs styled',
      'CLI ÷ styled',
      'CLI peak RSS',
      'splice RSS',
      'lean RSS',
    ],
    out.map((r) => [
      label(r.kind),
      k(r.rows as number),
      mb(r.fileBytes as number),
      s(r.cliMs as number),
      s(r.cliCpuMs as number),
      s(r.spliceMs as number),
      f2(r.vsSplice as number),
      s(r.readMs as number),
      f2(r.readVsSplice as number),
      f2(r.vsRead as number),
      s(r.leanMs as number),
      f2(r.vsLean as number),
      s(r.styledMs as number),
      f2(r.vsStyled as number),
      mb(r.cliRss as number),
      mb(r.spliceRss as number),
      mb(r.leanRss as number),
    ]),
  );
  const targets: Array<Array<string>> = [];
  for (const kind of ['contract', 'distinct'] as const) {
    const at = (n: number) => out.find((r) => r.kind === kind && r.rows === n)!;
    const [small, big] = sizes.map(at);
    const growth = (big.cliMs as number) / (small.cliMs as number);
    const fullRun = fullRuns.find((r) => r.kind === kind)!;
    targets.push(
      [label(kind), `peak RSS at ${k(sizes[1])} ≤ 250 MB`, mb(big.cliRss as number), verdict((big.cliRss as number) <= RSS_300K)],
      [label(kind), `peak RSS at ${full.toLocaleString('en')} ≤ 300 MB`, mb(fullRun.cliRss as number), verdict((fullRun.cliRss as number) <= RSS_FULL)],
      [label(kind), `time ${k(sizes[1])} ÷ ${k(sizes[0])} ≤ ${LINEAR_300K}`, f2(growth), verdict(growth <= LINEAR_300K)],
      ...sizes.map((n) => [
        label(kind),
        `CLI ÷ splice floor at ${k(n)} ≤ ${VS_SPLICE}`,
        f2(at(n).vsSplice as number),
        verdict((at(n).vsSplice as number) <= VS_SPLICE),
      ]),
    );
  }
  table('Targets for any data (printed, not enforced)', ['workbook', 'target', 'measured', ''], targets);
}

// ------------------------------------------------------------------------------------------------ Office.js

function benchOffice(): void {
  const out = SIZES.map((n) => {
    const p = spawnSync(process.execPath, ['--max-old-space-size=8192', path.join(__dirname, 'office.js'), String(n)], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (p.status !== 0) throw new Error(`bench: office ${n} failed: ${p.stderr}`);
    return JSON.parse(p.stdout.trim().split('\n').pop()!) as { rows: number; syncs: number; maxRequest: number; maxResponse: number };
  });
  results.office = out;
  table(
    'Office.js adapter on the fake Excel host (one annotate run)',
    ['rows', 'context.sync() calls', 'syncs per 10k rows (target ≤ 2)', 'largest request (target ≤ 4 MB at 300k)', 'largest response'],
    out.map((o) => [k(o.rows), o.syncs, f2(o.syncs / Math.max(1, o.rows / 10_000)), mb(o.maxRequest), mb(o.maxResponse)]),
  );
}

// ------------------------------------------------------------------------------------------------ herschik

/**
 * `herschik` on 12 months × N provider-prestatie lines (a child process, as a user runs it) against the same two
 * exceljs floors as annotate, alternated with rotating order; medians of the per-round ratios.
 */
async function benchHerschik(): Promise<void> {
  const lines = QUICK ? 1_000 : 10_000;
  const input = await ensureProductionWorkbook(DIR, lines);
  const runs: Record<'cli' | 'stream' | 'floor', Timed[]> = { cli: [], stream: [], floor: [] };
  const vsStream: number[] = [];
  const vsFloor: number[] = [];
  const rounds = QUICK ? 1 : 3;
  for (let i = 0; i < rounds; i++) {
    const steps: Array<() => void> = [
      () =>
        runs.cli.push(
          runChild(
            process.execPath,
            [path.join(ROOT, 'bin/tariefwijzer.js'), 'herschik', input.file, ...HERSCHIK_ARGS, '--out', path.join(DIR, 'uit-herschik.xlsx')],
            'CLI herschik',
            WRITTEN,
          ),
        ),
      () =>
        runs.stream.push(
          runChild(
            process.execPath,
            [path.join(__dirname, 'floor-stream.js'), input.file, path.join(DIR, 'uit-floor-stream.xlsx')],
            'exceljs streaming read + write',
          ),
        ),
      () =>
        runs.floor.push(runChild(process.execPath, [path.join(__dirname, 'floor.js'), input.file, path.join(DIR, 'uit-floor.xlsx')], 'exceljs read + write')),
    ];
    for (let j = 0; j < steps.length; j++) steps[(i + j) % steps.length]();
    vsStream.push(runs.cli[i].ms / runs.stream[i].ms);
    vsFloor.push(runs.cli[i].ms / runs.floor[i].ms);
    process.stderr.write(`  herschik ${k(input.rows)}: CLI ${s(runs.cli[i].ms)}, streaming floor ${s(runs.stream[i].ms)}, floor ${s(runs.floor[i].ms)}\n`);
  }
  const h = {
    rows: input.rows,
    fileBytes: input.bytes,
    cliMs: median(runs.cli.map((r) => r.ms)),
    streamMs: median(runs.stream.map((r) => r.ms)),
    floorMs: median(runs.floor.map((r) => r.ms)),
    vsStream: median(vsStream),
    vsFloor: median(vsFloor),
    cliRss: median(runs.cli.map((r) => r.rss)),
    streamRss: median(runs.stream.map((r) => r.rss)),
  };
  results.herschik = h;
  table(
    'Herschikking end to end (12 months of production, child process)',
    [
      'rows',
      'file',
      'herschik',
      'exceljs streaming read→write',
      'herschik ÷ streaming floor (target ≤ 1.0)',
      'exceljs read+write',
      'herschik ÷ floor',
      'herschik peak RSS',
      'streaming floor RSS',
    ],
    [[k(h.rows), mb(h.fileBytes), s(h.cliMs), s(h.streamMs), f2(h.vsStream), s(h.floorMs), f2(h.vsFloor), mb(h.cliRss), mb(h.streamRss)]],
  );
  await benchHerschikMemory();
}

/**
 * Peak RSS of `herschik` on larger production (300k rows, and nearly a full sheet), one run each beside the splice
 * floor (the in-place design without reading or computing): the rows stream to the writer, so what grows with the
 * rows should be little more than the floor's.
 */
async function benchHerschikMemory(): Promise<void> {
  const sizes = QUICK ? [2_500] : [25_000, 87_000];
  const out = [];
  for (const lines of sizes) {
    const input = await ensureProductionWorkbook(DIR, lines);
    const c = runChild(
      process.execPath,
      [path.join(ROOT, 'bin/tariefwijzer.js'), 'herschik', input.file, ...HERSCHIK_ARGS, '--out', path.join(DIR, 'uit-herschik.xlsx')],
      'CLI herschik',
      WRITTEN,
    );
    const f = runChild(process.execPath, [path.join(__dirname, 'floor-splice.js'), input.file, path.join(DIR, 'uit-floor-splice.xlsx')], 'splice floor');
    out.push({ rows: input.rows, fileBytes: input.bytes, cliMs: c.ms, cliCpuMs: c.cpuMs, cliRss: c.rss, spliceMs: f.ms, spliceRss: f.rss });
    process.stderr.write(`  herschik memory ${k(input.rows)}: CLI ${s(c.ms)} ${mb(c.rss)}, splice ${s(f.ms)} ${mb(f.rss)}\n`);
  }
  results.herschikMemory = out;
  table(
    'Herschikking: peak RSS on larger production (one run each)',
    ['rows', 'file', 'herschik', 'CPU', 'herschik peak RSS', 'splice floor', 'splice floor RSS'],
    out.map((r) => [k(r.rows), mb(r.fileBytes), s(r.cliMs), s(r.cliCpuMs), mb(r.cliRss), s(r.spliceMs), mb(r.spliceRss)]),
  );
}

// ------------------------------------------------------------------------------------------------ growth

/**
 * Peak RSS of `annotate` as the rows grow to Excel's last row (1,048,575 data rows under the header), one run per
 * size (memory varies less than time), beside the exceljs streaming floor. Target: RSS growing far slower than rows.
 */
async function benchGrowth(): Promise<void> {
  const sizes = QUICK ? [10_000, 100_000] : [100_000, 300_000, 1_048_575];
  const out = [];
  for (const n of sizes) {
    const file = await ensureWorkbooks(DIR, n, { formula: false });
    const c = cli(file);
    const f = floorStream(file);
    out.push({ rows: n, fileBytes: file.dataBytes, cliMs: c.ms, cliRss: c.rss, streamMs: f.ms, streamRss: f.rss });
    process.stderr.write(`  growth ${k(n)}: CLI ${s(c.ms)} ${mb(c.rss)}, streaming floor ${s(f.ms)} ${mb(f.rss)}\n`);
  }
  results.growth = out;
  const first = out[0];
  table(
    'Peak RSS of annotate up to a full sheet (one run per size)',
    ['rows', 'file', 'CLI peak RSS', 'RSS growth vs first size', 'row growth vs first size', 'CLI time', 'exceljs streaming RSS', 'exceljs streaming time'],
    out.map((r) => [
      k(r.rows),
      mb(r.fileBytes),
      mb(r.cliRss),
      f2(r.cliRss / first.cliRss),
      f2(r.rows / first.rows),
      s(r.cliMs),
      mb(r.streamRss),
      s(r.streamMs),
    ]),
  );
}

// ------------------------------------------------------------------------------------------------ bijlagen

/**
 * `bijlagen` (a file per provider and the overview) against `annotate` on the same workbook of 300 providers × 40
 * prestaties, child processes alternated. Target (issue 24): at most 2× annotate's time, peak RSS as annotate's.
 */
async function benchBijlagen(): Promise<void> {
  const input = await ensureBijlagenWorkbook(DIR, QUICK ? 30 : 300, 40);
  const rounds = QUICK ? 1 : 3;
  const runs: Record<'annotate' | 'bijlagen', Timed[]> = { annotate: [], bijlagen: [] };
  const ratio: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const out = path.join(DIR, `uit-bijlagen-${process.pid}`);
    fs.rmSync(out, { recursive: true, force: true });
    const steps = [
      () =>
        runs.annotate.push(
          runChild(
            process.execPath,
            [CLI, 'annotate', input.file, '--policy', PACK_ID, '--out', path.join(DIR, 'uit-bijlagen-annotate.xlsx')],
            'CLI annotate',
            WRITTEN,
          ),
        ),
      () =>
        runs.bijlagen.push(
          runChild(process.execPath, [CLI, 'bijlagen', input.file, '--policy', PACK_ID, '--out', out, '--datum', '2025-10-25'], 'CLI bijlagen', WRITTEN),
        ),
    ];
    for (let j = 0; j < steps.length; j++) steps[(i + j) % steps.length]();
    ratio.push(runs.bijlagen[i].ms / runs.annotate[i].ms);
    process.stderr.write(`  bijlagen ${k(input.rows)}: bijlagen ${s(runs.bijlagen[i].ms)}, annotate ${s(runs.annotate[i].ms)}\n`);
  }
  const b = {
    rows: input.rows,
    bijlagenMs: median(runs.bijlagen.map((r) => r.ms)),
    annotateMs: median(runs.annotate.map((r) => r.ms)),
    ratio: median(ratio),
    bijlagenRss: median(runs.bijlagen.map((r) => r.rss)),
    annotateRss: median(runs.annotate.map((r) => r.rss)),
  };
  results.bijlagen = b;
  table(
    'Bijlagen per provider vs annotate (same workbook, child processes)',
    ['rows', 'bijlagen', 'annotate', 'bijlagen ÷ annotate (target ≤ 2.0)', 'bijlagen peak RSS', 'annotate peak RSS'],
    [[k(b.rows), s(b.bijlagenMs), s(b.annotateMs), f2(b.ratio), mb(b.bijlagenRss), mb(b.annotateRss)]],
  );
}

// ------------------------------------------------------------------------------------------------ rerun

/** Issue 25's target for a rerun and for `vergelijk`, each against annotate's first run (printed, not enforced). */
const RERUN_TARGET = 1.5;

/**
 * A rerun and `vergelijk` against annotate's first run on the contract-round workbook, child processes in rotating
 * order, medians of the per-round ratios: annotate (input → A); a rerun over A with the richttarief changed (every
 * care row moves: the change sheet, the reset reviews); a rerun over A with nothing changed; `vergelijk A R` on the
 * first run's output and a changed rerun's (made once before the rounds); and the rerun's floor (rerun-floor.ts:
 * annotate over A without comparing), against which a rerun's time is the comparison's own cost.
 */
async function benchRerun(): Promise<void> {
  const sizes = QUICK ? [1_000, 10_000] : [100_000, 300_000];
  const rounds = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
  const changed = ['--set', 'richttarief=97,3'];
  const out = [];
  for (const n of sizes) {
    const file = await ensureWorkbooks(DIR, n, { formula: false });
    const first = path.join(DIR, `rerun-eerste-${n}.xlsx`);
    const rerun = path.join(DIR, `rerun-gewijzigd-${n}.xlsx`);
    const annotate = (input: string, output: string, extra: string[] = []) =>
      runChild(process.execPath, [CLI, 'annotate', input, '--policy', PACK_ID, ...extra, '--out', output], 'CLI annotate', WRITTEN);
    annotate(file.data, first);
    annotate(first, rerun, changed);
    const variants = {
      annotate: () => annotate(file.data, path.join(DIR, 'uit-rerun-eerste.xlsx')),
      changed: () => annotate(first, path.join(DIR, 'uit-rerun-gewijzigd.xlsx'), changed),
      same: () => annotate(first, path.join(DIR, 'uit-rerun-zelfde.xlsx')),
      vergelijk: () => runChild(process.execPath, [CLI, 'vergelijk', first, rerun], 'CLI vergelijk', WRITTEN),
      floor: () =>
        runChild(process.execPath, [path.join(__dirname, 'rerun-floor.js'), first, path.join(DIR, 'uit-rerun-vloer.xlsx'), PACK_ID, '97,3'], 'rerun floor'),
    };
    const names = Object.keys(variants) as Array<keyof typeof variants>;
    const runs = Object.fromEntries(names.map((v) => [v, [] as Timed[]])) as Record<keyof typeof variants, Timed[]>;
    for (let i = 0; i < rounds; i++) {
      for (let j = 0; j < names.length; j++) runs[names[(i + j) % names.length]].push(variants[names[(i + j) % names.length]]());
      process.stderr.write(`  rerun ${k(n)}: ${names.map((v) => `${v} ${s(runs[v][i].cpuMs)} CPU ${mb(runs[v][i].rss)}`).join(', ')}\n`);
    }
    const ratio = (v: keyof typeof variants, key: keyof Timed) => median(runs[v].map((r, i) => r[key] / runs.annotate[i][key]));
    const row: Record<string, number> = {
      rows: n,
      fileBytes: file.dataBytes,
      annotateCpuMs: median(runs.annotate.map((r) => r.cpuMs)),
      annotateMs: median(runs.annotate.map((r) => r.ms)),
      annotateRss: median(runs.annotate.map((r) => r.rss)),
    };
    row.floorCpuMs = median(runs.floor.map((r) => r.cpuMs));
    row.floorCpu = ratio('floor', 'cpuMs');
    row.floorRss = median(runs.floor.map((r) => r.rss));
    row.floorRssRatio = ratio('floor', 'rss');
    for (const v of ['changed', 'same', 'vergelijk'] as const) {
      row[`${v}CpuFloor`] = median(runs[v].map((r, i) => r.cpuMs / runs.floor[i].cpuMs));
      row[`${v}RssFloor`] = median(runs[v].map((r, i) => r.rss / runs.floor[i].rss));
      row[`${v}CpuMs`] = median(runs[v].map((r) => r.cpuMs));
      row[`${v}Rss`] = median(runs[v].map((r) => r.rss));
      row[`${v}Cpu`] = ratio(v, 'cpuMs');
      row[`${v}Wall`] = ratio(v, 'ms');
      row[`${v}RssRatio`] = ratio(v, 'rss');
    }
    out.push(row);
  }
  results.rerun = { rounds, sizes: out };
  const label = { changed: 'rerun, richttarief changed', same: 'rerun, nothing changed', vergelijk: 'vergelijk first run ↔ changed rerun' };
  table(
    `Rerun and vergelijk ÷ annotate's first run (contract workbook, child processes, medians of ${rounds} alternated rounds; target ≤ ${RERUN_TARGET} in time, ≤ 1 in memory); ÷ the rerun's floor: annotate over the annotated workbook without comparing`,
    ['rows', 'run', 'CPU', 'CPU ÷ annotate', 'CPU ÷ rerun floor', 'wall ÷ annotate', 'peak RSS', 'RSS ÷ annotate', 'RSS ÷ rerun floor'],
    out.flatMap((r) => [
      [k(r.rows), 'annotate (first run)', s(r.annotateCpuMs), '1', '', '1', mb(r.annotateRss), '1', ''],
      [k(r.rows), 'rerun floor (annotated workbook, no comparison)', s(r.floorCpuMs), f2(r.floorCpu), '1', '', mb(r.floorRss), f2(r.floorRssRatio), '1'],
      ...(['changed', 'same', 'vergelijk'] as const).map((v) => [
        k(r.rows),
        label[v],
        s(r[`${v}CpuMs`]),
        f2(r[`${v}Cpu`]),
        f2(r[`${v}CpuFloor`]),
        f2(r[`${v}Wall`]),
        mb(r[`${v}Rss`]),
        f2(r[`${v}RssRatio`]),
        f2(r[`${v}RssFloor`]),
      ]),
    ]),
  );
}

// ------------------------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  console.log(`Tariefwijzer benchmarks ${QUICK ? '(--quick) ' : ''}— ${os.cpus().length} cores, Node ${process.version}, workbooks in ${DIR}`);
  if (ONLY.has('engine')) benchEngine();
  if (ONLY.has('io')) {
    const files: BenchFiles[] = [];
    for (const n of SIZES) files.push(await ensureWorkbooks(DIR, n));
    await benchIo(files);
  }
  if (ONLY.has('stream')) await benchStream();
  if (ONLY.has('office')) benchOffice();
  if (ONLY.has('herschik')) await benchHerschik();
  if (ONLY.has('growth')) await benchGrowth();
  if (ONLY.has('bijlagen')) await benchBijlagen();
  if (ONLY.has('rerun')) await benchRerun();
  if (ONLY.has('taskpane')) {
    const t = await measureTaskpane(QUICK ? 3 : 7);
    results.taskpane = t;
    table(
      'Task pane (production build, headless Chromium)',
      ['figure', 'value'],
      [
        ['entry bundle, gzip', `${(t.entryGzip / 1024).toFixed(1)} KB (budget ${t.budget / 1024} KB: ${f2(t.entryGzip / t.budget)} of it)`],
        ['all scripts incl. lazy chunks, gzip', `${(t.allGzip / 1024).toFixed(1)} KB`],
        [
          'first render (pane usable) ÷ blank page load',
          `${f2(t.renderRatio)} (median of ${t.repeats}; ${t.renderMs.toFixed(0)} ms vs ${t.blankMs.toFixed(0)} ms)`,
        ],
      ],
    );
  }
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, 'results.json'), JSON.stringify(results, null, 2));
  console.log(`\nResults as JSON: ${path.join(DIR, 'results.json')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
