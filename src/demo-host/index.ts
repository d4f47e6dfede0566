/**
 * The demo host page (demo.html): a simulated Excel workbook behind the slice of the Office.js API that
 * Tariefwijzer uses (the fake in fake-excel.ts), shown as a grid next to the real task pane. The pane runs
 * exactly as in Excel: the Office.js adapter, syncs, selection events. Used by the browser tests and to try
 * Tariefwijzer without Excel. Everything stays in the page; nothing is sent anywhere.
 *
 * Query parameters: `?api=1.6` simulates an older Excel (ExcelApi level: every member below its requirement set
 * fails with ApiNotFound), `?thema=donker` a dark Office theme, `?rijen=100000` a data sheet of that many
 * rows, `?latentie=20` milliseconds per round trip, `?web=nee` Excel on the desktop (no 5 MB payload limits),
 * `?ongedaan-gebeurtenis=ja` an Excel whose Ctrl+Z raises a changed event (not documented either way; see fake-excel.ts).
 */
import { compareVersions, FakeExcel, FakeOfficeError, type FakeSheet } from './fake-excel';

export { DEMO_PACK_ID, demoWorkbook, largeDemoWorkbook } from './workbooks';
import { demoWorkbook, largeDemoWorkbook } from './workbooks';

/** The newest ExcelApi level the simulation answers to (mergeUndoGroup needs 1.20). */
const DEFAULT_API = '1.20';

interface DemoWindow {
  Office: unknown;
  Excel: unknown;
  /** For tests: the simulated workbook. */
  tariefwijzerDemo: FakeExcel;
  /** For tests: the base64 package of every workbook Excel.createWorkbook opened, in order. */
  tariefwijzerNewWorkbooks: string[];
}

/** Define `Office` and `Excel` as the pane expects them, on top of the fake. */
export function installHost(fake: FakeExcel, options: { dark: boolean }): void {
  const w = window as unknown as DemoWindow;
  w.Office = {
    HostType: { Excel: 'Excel' },
    onReady: (callback?: (info: { host: string; platform: string }) => void) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: { isSetSupported: (name: string, version = '1.1') => name === 'ExcelApi' && compareVersions(version, fake.api) <= 0 },
      officeTheme: options.dark
        ? { bodyBackgroundColor: '#1F1F1F', bodyForegroundColor: '#FFFFFF' }
        : { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' },
    },
  };
  w.Excel = {
    ConditionalFormatType: { custom: 'Custom' },
    // Excel.run(batch), Excel.run(options, batch) and Excel.run(object, batch): the fake has one context.
    run: (...args: unknown[]) => {
      const batch = args[args.length - 1] as (ctx: unknown) => Promise<unknown>;
      const options =
        args.length > 1 && args[0] && typeof args[0] === 'object' && 'mergeUndoGroup' in args[0] ? (args[0] as { mergeUndoGroup?: boolean }) : undefined;
      return fake.excelRun(options, batch);
    },
    // Excel.createWorkbook(base64) (ExcelApi 1.8) opens a new workbook in its own window; the add-in gets no handle on
    // it and the open workbook is not touched ("Create a workbook" in
    // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks). The page records the package.
    createWorkbook: (base64?: string) => {
      if (compareVersions('1.8', fake.api) > 0)
        return Promise.reject(new FakeOfficeError('ApiNotFound', `createWorkbook needs ExcelApi 1.8; this Excel has ${fake.api}`));
      w.tariefwijzerNewWorkbooks.push(base64 ?? '');
      return Promise.resolve();
    },
  };
  w.tariefwijzerNewWorkbooks = [];
  w.tariefwijzerDemo = fake;
}

/**
 * About a screen of rows, as Excel draws only what is visible. The browser paints the grid in a task of its own after
 * each redraw, which the page cannot count as the simulation's time: 200 rows took 75–140 ms a paint and were
 * measured as the add-in's long tasks in the 100,000-row browser test.
 */
const MAX_SHOWN_ROWS = 50;

function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function shownText(sheet: FakeSheet, r: number, c: number): string {
  const cell = sheet.cell(r, c);
  if (!cell || cell.type === 'Empty') return '';
  if (typeof cell.value === 'number') {
    if (cell.numberFormat.includes('%')) return `${(cell.value * 100).toFixed(2).replace('.', ',')}%`;
    if (cell.numberFormat.includes('€')) return `€ ${cell.value.toFixed(2).replace('.', ',')}`;
  }
  return String(cell.value);
}

/** The active sheet as a table (cell text as text, never HTML), with sheet tabs; clicking a cell selects it. */
function renderGrid(root: HTMLElement, fake: FakeExcel): void {
  const active = fake.sheet(fake.selection.sheet) ?? fake.sheets[0];
  root.replaceChildren();
  const tabs = document.createElement('nav');
  tabs.className = 'tabs';
  tabs.setAttribute('aria-label', 'Bladen');
  for (const sheet of fake.sheets) {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.textContent = sheet.name;
    tab.setAttribute('aria-pressed', String(sheet === active));
    tab.addEventListener('click', () => fake.select(sheet.name, 0));
    tabs.append(tab);
  }
  root.append(tabs);
  if (!active) return;
  const used = active.used(true);
  const rows = Math.min(used ? used.row + used.rows : 1, MAX_SHOWN_ROWS);
  const columns = used ? used.column + used.columns : 1;
  const table = document.createElement('table');
  table.dataset.sheet = active.name;
  const head = table.createTHead().insertRow();
  head.append(document.createElement('th'));
  for (let c = 0; c < columns; c++) {
    const th = document.createElement('th');
    th.textContent = columnName(c);
    head.append(th);
  }
  const body = table.createTBody();
  const sel = fake.selection;
  for (let r = 0; r < rows; r++) {
    const tr = body.insertRow();
    tr.dataset.row = String(r + 1);
    if (sel.sheet === active.name && r >= sel.row && r < sel.row + sel.rows) tr.className = 'selected';
    const th = document.createElement('th');
    th.textContent = String(r + 1);
    tr.append(th);
    for (let c = 0; c < columns; c++) {
      const td = tr.insertCell();
      const text = document.createElement('div');
      text.textContent = shownText(active, r, c);
      td.title = text.textContent;
      td.append(text);
      const cell = active.cell(r, c);
      if (cell?.type === 'Error') td.classList.add('error');
      const note = active.notes.get(`${r},${c}`);
      if (note !== undefined) {
        td.classList.add('note');
        td.title = note;
      }
      td.addEventListener('click', () => fake.select(active.name, r, c));
    }
  }
  root.append(table);
  if (used && used.row + used.rows > MAX_SHOWN_ROWS) {
    const more = document.createElement('p');
    more.textContent = `De eerste ${MAX_SHOWN_ROWS} rijen worden getoond.`;
    root.append(more);
  }
}

const params = new URLSearchParams(window.location.search);
const rows = Number(params.get('rijen') ?? 0);
const fake = FakeExcel.from(rows > 0 ? largeDemoWorkbook(rows) : demoWorkbook(), {
  api: params.get('api') ?? DEFAULT_API,
  platform: params.get('web') === 'nee' ? 'desktop' : 'web',
  latencyMs: Number(params.get('latentie') ?? 0),
  // a copy of a large workbook per undo step would dominate the simulation's own time
  undoSnapshots: rows <= 10_000,
  undoRaisesChanged: params.get('ongedaan-gebeurtenis') === 'ja',
});
fake.selection = { sheet: 'Aanbieders', row: 0, column: 0, rows: 1, columns: 1 };
installHost(fake, { dark: params.get('thema') === 'donker' });
const grid = document.getElementById('werkmap');
if (grid) {
  // Redraw after changes, at most every REDRAW_MS (a large run changes the workbook at every sync). Drawing the
  // simulated workbook, with the browser's style and layout work for it (forced here by reading a size), is the
  // simulation's time, not the add-in's: it is logged as host time.
  const REDRAW_MS = 400;
  let queued = false;
  let last = 0;
  const draw = () => {
    queued = false;
    last = performance.now();
    fake.asHost(() => {
      renderGrid(grid, fake);
      void grid.offsetHeight;
    });
  };
  fake.onChange(() => {
    if (queued) return;
    queued = true;
    const wait = last + REDRAW_MS - performance.now();
    if (wait <= 0) queueMicrotask(draw);
    else setTimeout(draw, wait);
  });
  renderGrid(grid, fake);
}
