/**
 * The task pane in headless Chromium (chromium.ts): the production build, outside Office and on the demo host
 * page (a simulated Excel behind Office.js). Every request leaving the local server is aborted and recorded;
 * only Office.js may be asked for.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join, resolve } from 'path';
import type { Browser, Page } from 'playwright-core';
import { findInternalRefs } from '../helpers/user-text';
import { ZipReader } from '../../src/workbook/xlsx/zip';
import { PANE_CHANGES } from '../../src/taskpane/tabs/tarieven/changes-text';
import { keepLocal, openServed, type ServedBrowser } from './chromium';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
let served: ServedBrowser;
let origin: string;
let browser: Browser;
let page: Page;
let foreign: string[];
let pageErrors: string[];

beforeAll(async () => {
  // TARIEFWIJZER_DIST_READY=1 reuses a production build made just before (for iterating on these tests)
  if (!process.env.TARIEFWIJZER_DIST_READY)
    execFileSync(process.execPath, [join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
  served = await openServed(DIST);
  ({ origin, browser, page, foreign, pageErrors } = served);
}, 300_000);

afterAll(async () => {
  await served?.close();
});

const ARTIFACTS = join(ROOT, 'test-artifacts', 'taskpane');

/** A screenshot of each step, kept as a test artifact (test-artifacts/ is not committed). */
async function shot(p: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORT = { width: 1100, height: 800 };
/** Pane widths the pane must work at: Excel's narrowest task pane and a common wider one. */
const WIDTHS = [320, 450];

/**
 * axe-core on the pane (not the simulated workbook beside it), serious and critical violations only. Injected
 * through the DevTools protocol (page.evaluate), which the page's CSP does not govern. One documented
 * third-party false positive is left out: aria-hidden-focus on Tabster's focus-redirecting dummy elements
 * (`<i data-tabster-dummy tabindex="0" aria-hidden="true">`, used by Fluent's TabList and focus groups);
 * they hand focus on at once and must stay hidden from screen readers (microsoft/tabster#288,
 * microsoft/accessibility-insights-web#7605 suppresses the same).
 */
async function axeViolations(p: Page): Promise<string[]> {
  const loaded = await p.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await p.evaluate(AXE);
  const result = await p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[]; html: string }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run({ include: [['#root']] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes
        .filter((n) => !(v.id === 'aria-hidden-focus' && n.html.includes('data-tabster-dummy')))
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`),
    }));
  });
  return result
    .filter((v) => (v.impact === 'serious' || v.impact === 'critical') && v.targets.length)
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}

/** Every text of the pane a user can read or hear: visible text, accessible names, titles, placeholders. */
async function userTexts(p: Page): Promise<Array<[string, string]>> {
  return p.evaluate(() => {
    const root = document.getElementById('root')!;
    const out: Array<[string, string]> = [['tekst', root.innerText]];
    root.querySelectorAll('[aria-label],[title],[placeholder]').forEach((e) => {
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = e.getAttribute(a);
        if (v) out.push([a, v]);
      }
    });
    root.querySelectorAll('option').forEach((o) => out.push(['keuze', o.textContent ?? '']));
    return out;
  });
}

/** The visible tab's primary action lies inside the viewport (the sticky footer keeps it there). */
async function primaryInView(p: Page): Promise<boolean> {
  return p.evaluate(() => {
    const button = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="primaire-actie"]')).find((b) => b.offsetParent !== null);
    if (!button) return false;
    const r = button.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}

async function inViewport(p: Page, selector: string): Promise<boolean> {
  return p
    .locator(selector)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight && r.height > 0;
    });
}

async function setPaneWidth(p: Page, width: number): Promise<void> {
  await p.evaluate((w) => {
    document.getElementById('root')!.style.width = `${w}px`;
  }, width);
}

/**
 * One state of the pane, at each width: a screenshot, the primary action in view, no internal reference in
 * any user text, no serious or critical axe violation, and nothing wider than the pane.
 */
async function checkState(p: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await setPaneWidth(p, width);
    await p.waitForTimeout(50);
    await shot(p, `${name}-${width}`);
    expect([name, width, await primaryInView(p)]).toEqual([name, width, true]);
    expect([name, width, await p.locator('#root').evaluate((e) => e.scrollWidth > e.clientWidth)]).toEqual([name, width, false]);
  }
  await setPaneWidth(p, 320);
  expect([name, findInternalRefs(await userTexts(p))]).toEqual([name, []]);
  expect([name, await axeViolations(p)]).toEqual([name, []]);
}

/** Read cells of the simulated workbook behind the demo page. */
function cellValue(p: Page, sheet: string, row: number, column: number): Promise<unknown> {
  return p.evaluate(
    ([s, r, c]) =>
      (
        window as unknown as { tariefwijzerDemo: { sheet(n: string): { cell(r: number, c: number): { value: unknown } | undefined } | undefined } }
      ).tariefwijzerDemo
        .sheet(s)
        ?.cell(r, c)?.value,
    [sheet, row, column] as const,
  );
}

test('outside Excel: the pane says so and links to the demonstration; CSP allows only its own origin and Office.js', async () => {
  expect(await page.title()).toMatch(/^Tariefwijzer/);
  const csp = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
  expect(csp).not.toContain('unsafe-eval');
  await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
  await page.getByText('Buiten Excel').waitFor();
  expect(await page.getByRole('link', { name: 'open de demonstratie' }).getAttribute('href')).toBe('demo.html');
  await shot(page, '0-buiten-excel');
  expect(findInternalRefs(await userTexts(page))).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
  // Office.js is the one foreign URL the page may ask for (aborted here); nothing else leaves the machine.
  expect(foreign.filter((u) => u !== OFFICE_JS)).toEqual([]);
  expect(foreign).toContain(OFFICE_JS);
});

/**
 * The Tarieven tab as a zorginkoper uses it, in the light and the dark theme: every state checked (checkState)
 * at 320 and 450 px; after Bereken the result has the focus and the view; a clicked signal's explanation
 * opens in view; the cells are written through the Office.js adapter.
 */
for (const theme of ['licht', 'donker'] as const) {
  test(`demo host, Tarieven (${theme}): short first screen, folded sections, result in focus, signal explained in view`, async () => {
    await page.setViewportSize(VIEWPORT);
    await page.goto(`${origin}/demo.html${theme === 'donker' ? '?thema=donker' : ''}`);
    await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
    await page.locator('select[name="beleid"] option', { hasText: 'Zilveren Kruis' }).first().waitFor({ state: 'attached' });
    if (theme === 'donker') {
      // the whole pane is dark, the page's own background too (no white band below the content)
      const backgrounds = await page.evaluate(() => [
        getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('#root > div')!).backgroundColor,
      ]);
      for (const bg of backgrounds) {
        const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
        expect(r + g + b).toBeLessThan(3 * 80);
      }
    }
    // the first screen fits: policy choice and Bereken, nothing else
    expect(await page.locator('#root').evaluate((e) => e.scrollHeight)).toBeLessThanOrEqual(VIEWPORT.height);
    await checkState(page, `${theme}-1-geopend`);

    await page.selectOption('select[name="beleid"]', 'zk-ggz-2025');
    // the parameters open at their first problem (the richttarief is not published yet: empty), columns stay folded
    const richttarief = page.locator('input[name="richttarief"]');
    await richttarief.waitFor();
    expect(await richttarief.inputValue()).toBe('');
    await page.getByText('Blad "Aanbieders", kopregel op rij 3').waitFor();
    expect(await page.locator('select[name="kolom-prestatiecode"]').count()).toBe(0);
    await richttarief.fill('hoog');
    await page.getByText('"hoog" is geen getal').waitFor();
    expect(await page.getByTestId('primaire-actie').isDisabled()).toBe(true);
    await checkState(page, `${theme}-2-parameterfout`);
    await richttarief.fill('97,3');
    await page.getByText('"hoog" is geen getal').waitFor({ state: 'detached' });
    // the columns unfold on request and show what was detected
    await page.getByRole('button', { name: /3\. Kolommen/ }).click();
    await page.locator('select[name="kolom-prestatiecode"]').waitFor();
    expect(await page.locator('select[name="kolom-prestatiecode"]').inputValue()).toBe('2');
    expect(await page.locator('select[name="kolom-maximumtarief"]').inputValue()).toBe('5');
    await checkState(page, `${theme}-3-kolommen`);
    await page.getByRole('button', { name: /3\. Kolommen/ }).click();

    await page.getByTestId('primaire-actie').click();
    const result = page.getByTestId('resultaat');
    await result.waitFor();
    // focus and view on the result; the outcome announced to screen readers
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'resultaat');
    expect(await inViewport(page, '#stap-resultaat')).toBe(true);
    await page.getByTestId('aankondiging').getByText('Klaar: 4 tarieven berekend, 2 rijen zonder tarief.').waitFor();
    // not green: 2 of 6 rows got no tariff, and why
    const summary = (await page.getByTestId('resultaat-samenvatting').textContent()) ?? '';
    expect(summary).toContain('2 rijen zonder tarief');
    expect(summary).toContain('4 tarieven berekend voor 6 rijen');
    expect(summary).toMatch(/Maximumtarief ontbreekt \(1 rij\)/);
    expect(summary).toMatch(/Maximumtarief onleesbaar \(1 rij\)/);
    // signals in the user's words, worst first
    const names = await result.locator('[data-testid^="signaal-"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-testid')));
    expect(names.indexOf('signaal-MAXIMUMTARIEF_ONLEESBAAR')).toBeLessThan(names.indexOf('signaal-HANDMATIG_BEOORDELEN'));
    expect(await result.getByTestId('signaal-HANDMATIG_BEOORDELEN').textContent()).toContain('Handmatig beoordelen: 1 rij');
    await checkState(page, `${theme}-4-resultaat`);

    // written through the Office.js adapter into the simulated workbook: row 4 (0-based 3), columns G.. (6..)
    expect(await cellValue(page, 'Aanbieders', 2, 6)).toBe('Tariefwijzer percentage');
    expect(await cellValue(page, 'Aanbieders', 3, 6)).toBeCloseTo(0.993, 10);
    expect(await cellValue(page, 'Aanbieders', 3, 7)).toBe(297.9);
    expect(String(await cellValue(page, 'Aanbieders', 3, 9))).toContain('Opslag voor de zorgprofielen W5 en B7');
    // each step with its paragraph, the document named once
    expect(String(await cellValue(page, 'Aanbieders', 3, 9))).toMatch(/\[§2\.3\.\d\].* Bron: Zilveren Kruis, Inkoopbeleid GGZ 2024–2026\.$/);
    expect(await cellValue(page, 'Tariefwijzer', 2, 1)).toBe('zk-ggz-2025');
    // the flag of the #N/A row is repeated as a note on its signal cell (ExcelApi 1.18 in the simulation)
    expect(await page.locator('#werkmap tr[data-row="9"] td.note').getAttribute('title')).toMatch(/^Tariefwijzer:\n(.*\n)?\[fout\] Maximumtarief onleesbaar:/);

    // click a signal's row → selected in the sheet, its explanation opens there, in view
    await page
      .getByTestId('signaal-MAXIMUMTARIEF_ONLEESBAAR')
      .getByRole('button', { name: /^Rij 9:/ })
      .click();
    await page.locator('#werkmap tr.selected[data-row="9"]').waitFor();
    const card = page.getByTestId('signaal-MAXIMUMTARIEF_ONLEESBAAR').getByTestId('geselecteerde-rij');
    await card.waitFor();
    expect(await card.textContent()).toContain('#N/A');
    expect(await inViewport(page, '[data-testid="signaal-MAXIMUMTARIEF_ONLEESBAAR"] [data-testid="geselecteerde-rij"]')).toBe(true);
    await checkState(page, `${theme}-5-signaal-aangeklikt`);

    // selecting a cell in the sheet shows that row's trail (with its sources, the quote on demand), in view
    await page.locator('#werkmap tr[data-row="4"] td').first().click();
    const selected = page.getByTestId('geselecteerde-rij');
    await selected.getByText('Rij 4').first().waitFor();
    expect(await selected.textContent()).toContain('Tarief = € 300,00 × 99,3% = € 297,90'.replace(/€ /g, '€\u00a0'));
    expect(await inViewport(page, '[data-testid="geselecteerde-rij"]')).toBe(true);
    await selected.getByRole('button', { name: 'Citaat tonen' }).first().click();
    await selected.locator('blockquote').first().waitFor();
    await checkState(page, `${theme}-6-rij-geselecteerd`);

    expect(pageErrors).toEqual([]);
    expect(foreign.filter((u) => u !== OFFICE_JS)).toEqual([]);
  });

  test(`demo host, Herschikking and Aanvragen (${theme}): the same design, result in focus, figures that fit without sideways scrolling, chart in the theme`, async () => {
    await page.setViewportSize(VIEWPORT);
    await page.goto(`${origin}/demo.html${theme === 'donker' ? '?thema=donker' : ''}`);
    await page.getByRole('tab', { name: 'Herschikking' }).click();
    const view = page.locator('section[aria-labelledby="herschikking-kop"]');
    await view.waitFor();
    await checkState(page, `${theme}-7-herschikking-geopend`);
    await view.locator('select[name="herschik-beleid"]').selectOption('zk-ggz-2025');
    // the richttarief is empty: its step opens by itself (no click) and the run waits for it
    await view.locator('input[name="richttarief"]').fill('97,3');
    await view.getByRole('button', { name: /Vergelijken/ }).click();
    await view.locator('input[name="vergelijk-set"]').fill('richttarief=96');
    await view.getByTestId('primaire-actie').click();
    const result = page.getByTestId('herschikking-resultaat');
    await result.waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'herschikking-resultaat');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('GGZ');
    expect(text).toContain('€ 1.500.000,00');
    // the scenario by the parameter's label and a percentage, not by ids
    expect(text).toContain('Vergelijking: hetzelfde beleid, met Zilveren Kruis tariefpercentage zorg GGZ 2025 96%');
    // the chart follows the theme: its 100% line has the text colour
    const line = await result
      .locator('svg line')
      .first()
      .evaluate((e) => getComputedStyle(e).stroke);
    const ink = await result.evaluate((e) => getComputedStyle(e).color);
    expect(line).toBe(ink);
    // the figures fit the pane at 320 px: stacked rows, nothing that scrolls sideways
    await setPaneWidth(page, 320);
    expect(await result.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    expect(await result.evaluate((e) => Array.from(e.querySelectorAll('*')).filter((x) => x.scrollWidth > x.clientWidth + 1).length)).toBe(0);
    expect(await result.locator('table').count()).toBe(0);
    await checkState(page, `${theme}-8-herschikking-resultaat`);
    expect(
      await page.evaluate(
        () => (window as unknown as { tariefwijzerDemo: { sheet(n: string): unknown } }).tariefwijzerDemo.sheet('Tariefwijzer herschikking') !== undefined,
      ),
    ).toBe(true);

    await page.getByRole('tab', { name: 'Aanvragen' }).click();
    const assess = page.locator('section[aria-labelledby="aanvragen-kop"]');
    await assess.waitFor();
    await checkState(page, `${theme}-9-aanvragen-geopend`);
    await assess.getByTestId('primaire-actie').click();
    await assess.getByRole('heading', { name: '3. 2 aanvragen beoordeeld' }).waitFor();
    await assess.getByRole('status').getByText('2 aanvragen beoordeeld.').waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'aanvragen-resultaat');
    await checkState(page, `${theme}-10-aanvragen-resultaat`);
    // own columns right of the list (N is the last user column: 0-based 13), one row per provider
    expect(await cellValue(page, 'Aanvragen', 0, 14)).toBe('Tariefwijzer herberekening');
    expect(String(await cellValue(page, 'Aanvragen', 1, 14))).toMatch(/^Lager tarief handhaven/);
    expect(String(await cellValue(page, 'Aanvragen', 2, 15))).toMatch(/^Niet-ontvankelijk: nieuwe aanbieder met 8 Wlz-cliënten/);
    expect(String(await cellValue(page, 'Aanvragen', 2, 16))).toContain('te laat');
    // the same design on every tab: one heading level and size for the tab titles
    const design = await page.evaluate(() =>
      ['tarieven-kop', 'aanvragen-kop', 'herschikking-kop'].map((id) => {
        const h = document.getElementById(id)!;
        return `${h.tagName} ${getComputedStyle(h).fontSize}`;
      }),
    );
    expect(new Set(design).size).toBe(1);
    expect(pageErrors).toEqual([]);
  });
}

test("high contrast (Windows contrast themes force colours): the pane takes Fluent's high-contrast theme, whole page, axe clean", async () => {
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    await page.setViewportSize(VIEWPORT);
    await page.goto(`${origin}/demo.html`);
    await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
    await page.locator('select[name="beleid"] option', { hasText: 'Zilveren Kruis' }).first().waitFor({ state: 'attached' });
    // teamsHighContrastTheme: black background (forced colours may repaint, but the theme tokens say so)
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#root > div')!).getPropertyValue('--colorNeutralBackground1').trim())).toBe(
      '#000000',
    );
    expect(await page.evaluate(() => document.body.style.backgroundColor)).toBe('rgb(0, 0, 0)');
    await checkState(page, 'contrast-1-geopend');
  } finally {
    await page.emulateMedia({ forcedColors: 'none' });
  }
});

test('Excel refuses a read (a cell being edited), then a run breaks off while writing (lost connection): Dutch messages, the run marked as not finished, repaired by Bereken', async () => {
  await page.goto(`${origin}/demo.html`);
  await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
  await page.selectOption('select[name="beleid"]', 'zk-ggz-2025');
  await page.locator('input[name="richttarief"]').fill('97,3');
  await page.getByText('Blad "Aanbieders", kopregel op rij 3').waitFor();
  type Demo = { tariefwijzerDemo: { failSync(n: number | 'writes', code: string, afterOps?: number): void } };
  // the user is still typing in a cell: Excel refuses the first read (InvalidOperationInCellEditMode), and the
  // pane says what to do in Dutch, not Excel's English message
  await page.evaluate(() => (window as unknown as Demo).tariefwijzerDemo.failSync(1, 'InvalidOperationInCellEditMode'));
  await page.getByRole('button', { name: 'Bereken' }).click();
  await page
    .getByRole('alert')
    .getByText(
      'Excel gaf een fout tijdens het lezen van de werkmap (melding InvalidOperationInCellEditMode). Excel is bezig met het bewerken van een cel: rond dat eerst af met Enter of Tab, of klik een andere cel aan. Er is niets in de werkmap gewijzigd; kies opnieuw Bereken.',
    )
    .waitFor();
  // the first request that writes: the metadata sheet ("onvolledig") and the output header get through, then the connection drops
  await page.evaluate(() => (window as unknown as Demo).tariefwijzerDemo.failSync('writes', 'ConnectionFailure', 5));
  await page.getByRole('button', { name: 'Bereken' }).click();
  // the error is an alert (announced), and says what to do
  await page
    .getByRole('alert')
    .getByText(
      'Excel gaf een fout tijdens het schrijven van de uitkomsten (melding ConnectionFailure). De verbinding met Excel viel weg. De uitkomsten kunnen onvolledig zijn geschreven; kies opnieuw Bereken om ze te herstellen.',
    )
    .waitFor();
  await page.getByText('Laatste berekening is niet afgerond').waitFor();
  await checkState(page, 'licht-11-afgebroken');
  expect(await cellValue(page, 'Tariefwijzer', (await metaRow(page, 'Status'))!, 1)).toBe('onvolledig');
  await page.getByRole('button', { name: 'Bereken' }).click();
  await page.getByTestId('resultaat').waitFor();
  await page.getByText('Laatste berekening is actueel').waitFor();
  expect(await cellValue(page, 'Tariefwijzer', (await metaRow(page, 'Status'))!, 1)).toBe('voltooid');
  expect(await cellValue(page, 'Aanbieders', 3, 7)).toBe(297.9);
  expect(pageErrors).toEqual([]);
});

/** The 0-based row of a label in column A of the metadata sheet. */
function metaRow(p: Page, label: string): Promise<number | undefined> {
  return p.evaluate((l) => {
    const sheet = (
      window as unknown as { tariefwijzerDemo: { sheet(n: string): { cell(r: number, c: number): { value: unknown } | undefined } | undefined } }
    ).tariefwijzerDemo.sheet('Tariefwijzer');
    for (let r = 0; r < 60; r++) if (sheet?.cell(r, 0)?.value === l) return r;
    return undefined;
  }, label);
}

test('an Excel below the floor (ExcelApi 1.6) is refused in Dutch; 1.7 in a dark theme works, says it cannot group undo, has no notes; a corrected column is what the run uses', async () => {
  await page.goto(`${origin}/demo.html?api=1.6`);
  await page.getByText('Excel niet beschikbaar').waitFor();
  await page.getByText('Deze versie van Excel is te oud voor Tariefwijzer: die heeft ExcelApi 1.7 of nieuwer nodig').waitFor();
  expect(await page.getByRole('button', { name: 'Bereken' }).isDisabled()).toBe(true);

  await page.goto(`${origin}/demo.html?api=1.7&thema=donker`);
  await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
  await page.locator('select[name="beleid"] option', { hasText: 'Zilveren Kruis' }).first().waitFor({ state: 'attached' });
  await page.selectOption('select[name="beleid"]', 'zk-ggz-2025');
  await page.locator('input[name="richttarief"]').fill('97,3');
  await page.getByText('Blad "Aanbieders", kopregel op rij 3').waitFor();
  // a corrected mapping is what the run uses: without the zorgprofiel column, no W5 opslag (97,3% instead of 99,3%)
  await page.getByRole('button', { name: /3\. Kolommen/ }).click();
  await page.selectOption('select[name="kolom-zorgprofiel"]', '');
  await page.getByRole('button', { name: 'Bereken' }).click();
  await page.getByTestId('resultaat').waitFor();
  await page.getByText('zonder ExcelApi 1.20) kan een berekening niet als één stap ongedaan maken').waitFor();
  await shot(page, 'donker-12-excel-1.7');
  // conditional formats (1.6) are there, notes (1.18) are not
  const rules = await page.evaluate(
    () =>
      (window as unknown as { tariefwijzerDemo: { sheet(n: string): { conditionalFormats: unknown[] } } }).tariefwijzerDemo.sheet('Aanbieders')
        .conditionalFormats.length,
  );
  expect(rules).toBeGreaterThan(0);
  expect(await page.locator('#werkmap td.note').count()).toBe(0);
  expect(await cellValue(page, 'Aanbieders', 3, 7)).toBe(291.9);
  expect(pageErrors).toEqual([]);
});

/** The simulated workbook behind the demo page, as far as these tests use it. */
interface DemoHost {
  tariefwijzerDemo: {
    undoStack: Array<{ merged: boolean }>;
    responses: number[];
    requests: number[];
    hostTime: Array<[number, number]>;
    undo(): boolean;
    edit(sheet: string, row: number, column: number, value: string | number | boolean): void;
    setFormula(sheet: string, row: number, column: number, formula: string): void;
    sheet(
      name: string,
    ):
      | { cell(r: number, c: number): { value: unknown; formula?: string } | undefined; ensure(r: number, c: number): { value: unknown; type: string } }
      | undefined;
  };
}

async function chooseZkGgz(p: Page, richttarief = '97,3'): Promise<void> {
  await p.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
  await p.selectOption('select[name="beleid"]', 'zk-ggz-2025');
  await p.locator('input[name="richttarief"]').fill(richttarief);
  await p.getByText('Blad "Aanbieders", kopregel op rij 3').waitFor({ timeout: 120_000 });
}

test('two runs in a row are each one undo step (ExcelApi 1.20); a user formula on Tariefwijzer!B2 still evaluates after the rerun', async () => {
  await page.goto(`${origin}/demo.html`);
  await chooseZkGgz(page);
  await page.getByRole('button', { name: 'Bereken' }).click();
  await page.getByText('Laatste berekening is actueel').waitFor();
  expect(await cellValue(page, 'Aanbieders', 3, 7)).toBe(297.9);
  // the user points formulas at Tariefwijzer's own sheet
  await page.evaluate(() => {
    const demo = (window as unknown as DemoHost).tariefwijzerDemo;
    demo.setFormula('Kader', 0, 4, '=Tariefwijzer!B2');
    demo.setFormula('Kader', 0, 5, '=Tariefwijzer!B3');
  });
  const steps = () => page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.undoStack.map((s) => s.merged));
  expect(await steps()).toEqual([true]);

  await page.locator('input[name="richttarief"]').fill('96');
  await page.getByRole('button', { name: 'Bereken' }).click();
  await page.waitForFunction(() => (window as unknown as DemoHost).tariefwijzerDemo.sheet('Aanbieders')!.cell(3, 7)?.value !== 297.9, undefined, {
    timeout: 60_000,
  });
  await page.getByText('Laatste berekening is actueel').waitFor();
  expect(await steps()).toEqual([true, true]);
  expect(await page.getByText('niet als één stap').count()).toBe(0);
  const formula = (c: number) => page.evaluate((col) => (window as unknown as DemoHost).tariefwijzerDemo.sheet('Kader')!.cell(0, col), c);
  expect(await formula(4)).toMatchObject({ formula: '=Tariefwijzer!B2', value: 0 }); // an empty cell, not #REF!
  expect(await formula(5)).toMatchObject({ formula: '=Tariefwijzer!B3', value: 'zk-ggz-2025' });

  // one Ctrl+Z takes back the whole second run
  const rerun = await cellValue(page, 'Aanbieders', 3, 7);
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.undo());
  expect(await cellValue(page, 'Aanbieders', 3, 7)).toBe(297.9);
  expect(rerun).not.toBe(297.9);
  expect(await steps()).toEqual([true]);
  expect(pageErrors).toEqual([]);
});

/** The attention bar of an outdated result, and the words that must not show while it is there. */
const outdated = (p: Page | ReturnType<Page['locator']>) => p.getByTestId('verouderd');
const NBSP = (text: string) => text.replace(/€ /g, '€\u00a0');

test('an undo after two runs makes the result outdated, and row 4 is explained by what its cells show; a user edit of an input cell too; the own run does not', async () => {
  await page.goto(`${origin}/demo.html`);
  await chooseZkGgz(page);
  const bereken = page.getByTestId('primaire-actie');
  await bereken.click();
  await page.getByText('Laatste berekening is actueel').waitFor();
  expect(await cellValue(page, 'Aanbieders', 3, 7)).toBe(297.9);
  await page.locator('input[name="richttarief"]').fill('96');
  await bereken.click();
  await page.waitForFunction(() => (window as unknown as DemoHost).tariefwijzerDemo.sheet('Aanbieders')!.cell(3, 7)?.value !== 297.9, undefined, {
    timeout: 60_000,
  });
  await page.getByText('Laatste berekening is actueel').waitFor();
  // the own run's changed events (ThisLocalAddin) do not count: some time later still current
  await page.waitForTimeout(1500);
  expect(await outdated(page).count()).toBe(0);
  const second = await cellValue(page, 'Aanbieders', 3, 7);
  expect(second).toBe(294);
  // the second run explains row 4 with its own numbers while the cells show them
  await page.locator('#werkmap tr[data-row="4"] td').first().click();
  const card = page.getByTestId('geselecteerde-rij');
  await card.getByText(NBSP('€ 294,00')).first().waitFor();
  expect(await card.textContent()).toContain('98');

  // Ctrl+Z: the cells show the first run again; the simulated Excel raises no event for it (not documented)
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.undo());
  expect(await cellValue(page, 'Aanbieders', 3, 7)).toBe(297.9);
  // the user clicks row 4 again: the pane reads what the row shows now
  await page.locator('#werkmap tr[data-row="5"] td').first().click();
  await page.locator('#werkmap tr[data-row="4"] td').first().click();
  await outdated(page).waitFor();
  expect(await outdated(page).textContent()).toContain('De werkmap is gewijzigd na de berekening: bereken opnieuw');
  expect(await page.getByText('Laatste berekening is actueel').count()).toBe(0);
  await card.getByTestId('rij-gewijzigd').waitFor();
  const text = (await card.textContent())!;
  expect(text).toContain(NBSP('€ 297,90'));
  expect(text).toContain('99,3');
  expect(text).not.toContain(NBSP('€ 294,00'));
  expect(text).not.toMatch(/\b98\s?%/);
  // the result is no longer shown as good news
  expect(await page.getByTestId('resultaat-samenvatting').textContent()).toContain('vóór de laatste wijziging');
  await checkState(page, 'licht-13-verouderd-na-ongedaan-maken');

  // Bereken opnieuw in the bar: current again
  await outdated(page).getByRole('button', { name: 'Bereken opnieuw' }).click();
  await page.waitForFunction(() => (window as unknown as DemoHost).tariefwijzerDemo.sheet('Aanbieders')!.cell(3, 7)?.value === 294, undefined, {
    timeout: 60_000,
  });
  await page.getByTestId('resultaat').waitFor();
  await page.getByText('Laatste berekening is actueel').waitFor();
  await page.waitForTimeout(1500);
  expect(await outdated(page).count()).toBe(0);

  // the user types another NZa maximumtarief in row 4: Excel's changed event marks the result outdated at once
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanbieders', 3, 5, 310));
  await outdated(page).waitFor();
  expect(await page.getByText('Laatste berekening is actueel').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('a rerun after one NZa maximumtarief changed: the pane counts 1 change, its button selects that row; Volgende open rij steps through the open rows', async () => {
  await page.goto(`${origin}/demo.html`);
  await chooseZkGgz(page);
  await page.getByTestId('primaire-actie').click();
  await page.getByText('Laatste berekening is actueel').waitFor();
  // a first run has nothing to compare with
  expect(await page.getByTestId('wijzigingen').count()).toBe(0);
  const review = page.getByTestId('beoordeling');
  await review.waitFor();
  // a verdict typed in row 7's review cell: the counts follow without a click, and the tariffs stay current
  const verdictColumn = await page.evaluate(() => {
    const sheet = (window as unknown as DemoHost).tariefwijzerDemo.sheet('Aanbieders')!;
    for (let r = 0; r < 5; r++) for (let c = 0; c < 40; c++) if (sheet.cell(r, c)?.value === 'Tariefwijzer beoordeling') return c;
    return -1;
  });
  expect(verdictColumn).toBeGreaterThan(0);
  const before = (await review.textContent())!;
  expect(before).toContain('akkoord 0');
  const open = Number(/open (\d+)/.exec(before)![1]);
  await page.evaluate((c) => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanbieders', 6, c, 'akkoord'), verdictColumn);
  await review.getByText(`open ${open - 1} · akkoord 1`).waitFor();
  await page.waitForTimeout(500);
  expect(await outdated(page).count()).toBe(0);
  await page.getByText('Laatste berekening is actueel').waitFor();
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanbieders', 3, 5, 310));
  await page.getByTestId('primaire-actie').click();
  const changes = page.getByTestId('wijzigingen');
  await changes.getByText('1 rij gewijzigd sinds de vorige berekening').waitFor({ timeout: 60_000 });
  expect(await changes.getByTestId('wijziging').count()).toBe(1);
  expect(await changes.textContent()).toContain('NZa-maximumtarief gewijzigd');
  expect(await page.locator('#werkmap tr.selected[data-row="4"]').count()).toBe(0);
  await changes.getByRole('button', { name: /^Rij 4:/ }).click();
  await page.locator('#werkmap tr.selected[data-row="4"]').waitFor();
  // the row's explanation opens with it, once, with the new numbers
  const card = page.getByTestId('geselecteerde-rij');
  await card.waitFor();
  expect(await card.count()).toBe(1);
  expect(await card.textContent()).toContain(NBSP('€ 310,00'));
  // every computed row starts open: the first step selects the first data row, the next the one after
  expect(await review.textContent()).toMatch(/open [1-9]/);
  await review.getByRole('button', { name: 'Volgende open rij' }).click();
  await page.locator('#werkmap tr.selected[data-row="4"]').waitFor();
  await review.getByRole('button', { name: 'Volgende open rij' }).click();
  await page.locator('#werkmap tr.selected[data-row="5"]').waitFor();
  await shot(page, 'licht-wijzigingen-na-herberekening');
  expect(pageErrors).toEqual([]);
});

test('a rerun whose last answer is lost (everything written): the pane rereads the record, and a verdict typed then does not outdate the tariffs', async () => {
  await page.goto(`${origin}/demo.html`);
  await chooseZkGgz(page);
  type Host = DemoHost & { tariefwijzerDemo: { resetCounters(): void; failSync(n: number | { writes: number }, code: string, afterOps?: number): void } };
  await page.getByTestId('primaire-actie').click();
  await page.getByText('Laatste berekening is actueel').waitFor();
  // the requests a rerun takes: the next one loses the answer to its last write, after Excel applied all of it
  await page.evaluate(() => (window as unknown as Host).tariefwijzerDemo.resetCounters());
  await page.getByTestId('primaire-actie').click();
  await page.getByTestId('resultaat').waitFor();
  await page.getByText('Laatste berekening is actueel').waitFor();
  // how many of its requests write (a request's size counts the values and formats it sets): the next run loses the
  // answer to the last of them, counted among the writes alone so that a read of the pane in between does not move it
  const writes = await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.requests.filter((bytes) => bytes > 2).length);
  expect(writes).toBeGreaterThan(1);
  await page.evaluate((n) => (window as unknown as Host).tariefwijzerDemo.failSync({ writes: n }, 'ConnectionFailure', 1e9), writes);
  await page.getByTestId('primaire-actie').click();
  await page
    .getByRole('alert')
    .getByText(/tijdens het schrijven van de uitkomsten \(melding ConnectionFailure\)/)
    .waitFor();
  expect(await cellValue(page, 'Tariefwijzer', (await metaRow(page, 'Status'))!, 1)).toBe('voltooid');
  await page.getByText('Laatste berekening is actueel').waitFor();
  await page.waitForTimeout(1000);
  // the record was read again with the run's columns: a verdict is no input
  const verdictColumn = await page.evaluate(() => {
    const sheet = (window as unknown as DemoHost).tariefwijzerDemo.sheet('Aanbieders')!;
    for (let c = 0; c < 40; c++) if (sheet.cell(2, c)?.value === 'Tariefwijzer beoordeling') return c;
    return -1;
  });
  expect(verdictColumn).toBeGreaterThan(0);
  await page.evaluate((c) => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanbieders', 6, c, 'akkoord'), verdictColumn);
  await page.waitForTimeout(500);
  expect(await outdated(page).count()).toBe(0);
  // an input cell is
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanbieders', 3, 5, 310));
  await outdated(page).waitFor();
  expect(pageErrors).toEqual([]);
});

test('ExcelApi 1.7 (no triggerSource, changed events per sheet), with an Excel whose Ctrl+Z raises a changed event: the own run is not outdated, an undo and an edit are', async () => {
  await page.goto(`${origin}/demo.html?api=1.7&ongedaan-gebeurtenis=ja`);
  await chooseZkGgz(page);
  await page.getByTestId('primaire-actie').click();
  await page.getByText('Laatste berekening is actueel').waitFor();
  await page.waitForTimeout(1500);
  expect(await outdated(page).count()).toBe(0);
  // one Ctrl+Z (without undo groups: the run's last write) raises a changed event: outdated without any click
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.undo());
  await outdated(page).waitFor();
  await outdated(page).getByRole('button', { name: 'Bereken opnieuw' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="primaire-actie"]')?.textContent === 'Bereken', undefined, { timeout: 60_000 });
  await page.getByText('Laatste berekening is actueel').waitFor();
  await page.waitForTimeout(1500);
  expect(await outdated(page).count()).toBe(0);
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanbieders', 3, 2, 'Z1007'));
  await outdated(page).waitFor();
  expect(pageErrors).toEqual([]);
});

/** The sheets of an example workbook as plain values the page can take (dates as Dutch text, formulas as their result). */
async function exampleSheets(
  file: string,
  rename: Record<string, string> = {},
): Promise<Array<{ name: string; rows: Array<Array<string | number | boolean | null>> }>> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(ROOT, 'examples', 'aanvragen', file));
  return wb.worksheets.map((ws) => {
    const rows: Array<Array<string | number | boolean | null>> = [];
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const v = cell.value as unknown;
        const plain =
          v instanceof Date
            ? `${v.getUTCDate()}-${v.getUTCMonth() + 1}-${v.getUTCFullYear()}`
            : v && typeof v === 'object' && 'result' in v
              ? (v as { result: number }).result
              : v && typeof v === 'object'
                ? cell.text
                : (v as string | number | boolean);
        (rows[r - 1] ??= [])[c - 1] = plain;
      }),
    );
    return { name: rename[ws.name] ?? ws.name, rows: Array.from(rows, (row) => Array.from(row ?? [], (x) => x ?? null)) };
  });
}

/** Replace the demo's workbook by these sheets, made the way the fake makes its own. */
async function replaceSheets(p: Page, sheets: Awaited<ReturnType<typeof exampleSheets>>): Promise<void> {
  await p.evaluate((given) => {
    const demo = (window as unknown as { tariefwijzerDemo: { sheets: Array<{ constructor: new (name: string) => unknown }> } }).tariefwijzerDemo;
    const Sheet = demo.sheets[0].constructor as new (name: string) => { ensure(r: number, c: number): { value: unknown; type: string } };
    const made = given.map(({ name, rows }) => {
      const sheet = new Sheet(name);
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === '') return;
          const type = typeof v === 'boolean' ? 'Boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'Integer' : 'Double') : 'String';
          Object.assign(sheet.ensure(r, c), { value: v, type });
        }),
      );
      return sheet;
    });
    demo.sheets.splice(0, demo.sheets.length, ...(made as never[]));
  }, sheets);
}

test('Aanvragen: a declaration sheet in front of two forms; one form has an AGB-code of 7 digits: its outcome is attention, never green', async () => {
  await page.goto(`${origin}/demo.html`);
  await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
  const sheets = [
    ...(await exampleSheets('aanvraag-met-declaraties.xlsx', { Aanvraagformulier: 'Aanvraag De Linde', 'Beoordeling zorgkantoor': 'Beoordeling De Linde' })),
    ...(await exampleSheets('aanvraag-agb-onleesbaar.xlsx', { Aanvraagformulier: 'Aanvraag Onzeker', 'Beoordeling zorgkantoor': 'Beoordeling Onzeker' })),
  ];
  expect(sheets.map((x) => x.name)).toEqual(['Declaraties 2025', 'Aanvraag De Linde', 'Beoordeling De Linde', 'Aanvraag Onzeker', 'Beoordeling Onzeker']);
  // the demo's own workbook (with its provider list) is replaced by these sheets
  await replaceSheets(page, sheets);

  await page.getByRole('tab', { name: 'Aanvragen' }).click();
  const assess = page.locator('section[aria-labelledby="aanvragen-kop"]');
  await assess.getByTestId('primaire-actie').click();
  await assess.getByRole('heading', { name: '3. 2 aanvragen beoordeeld' }).waitFor();
  expect(await assess.getByTestId('aanvragen-bron').textContent()).toBe(
    'Gelezen: 2 aanvraagformulieren: blad Aanvraag De Linde (met Beoordeling De Linde); blad Aanvraag Onzeker (met Beoordeling Onzeker). Samenvatting in blad Tariefwijzer beoordelingen.',
  );
  const clean = assess.locator('li[data-agb="12345678"]');
  const unsure = assess.locator('li[data-agb="1234567"]');
  expect(await clean.locator('p').first().textContent()).toBe('12345678 GGZ De Linde (voorbeeld) — route: herberekening');
  expect(await clean.getByText('Bron: bladen Aanvraag De Linde en Beoordeling De Linde').count()).toBe(1);
  expect(await clean.getByTestId('identiteit-onzeker').count()).toBe(0);
  await unsure.getByTestId('identiteit-onzeker').getByText('AGB-code "1234567" heeft niet 8 cijfers.').waitFor();
  await assess.getByTestId('aanvragen-aandacht').getByText('Aandacht nodig bij 1 van 2 aanvragen').waitFor();

  // the colours: the same outcome on the merits is green for the provider known for sure, attention for the other
  const background = (l: ReturnType<Page['locator']>) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
  const good = await background(clean.locator('[data-status="aanpassen"]'));
  const attention = await background(assess.getByTestId('aanvragen-aandacht'));
  const unsureRoute = unsure.locator('[data-status="identiteit-onzeker"]');
  expect(await unsureRoute.getByText('Herberekening: Identiteit onzeker — handmatig controleren (96,6%)').count()).toBe(1);
  expect(await background(unsureRoute)).toBe(attention);
  expect(good).not.toBe(attention);
  expect(await unsure.locator('[data-status="aanpassen"]').count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

/** The values on the herschikking sheet, in the page (no closure: passed to page.evaluate as is). */
function herschikSheetText(): string {
  type Sheet = {
    used(all: boolean): { row: number; rows: number; column: number; columns: number } | undefined;
    cell(r: number, c: number): { value: unknown } | undefined;
  };
  const sheet = (window as unknown as { tariefwijzerDemo: { sheet(n: string): Sheet | undefined } }).tariefwijzerDemo.sheet('Tariefwijzer herschikking');
  const used = sheet?.used(true);
  const values: unknown[] = [];
  for (let r = 0; used && r < used.row + used.rows; r++) for (let c = 0; c < used.column + used.columns; c++) values.push(sheet!.cell(r, c)?.value ?? null);
  return JSON.stringify(values);
}

test('Herschikking: its own run is not outdated; an undo after a second run is, once the pane is used again; a user edit of a production cell is at once', async () => {
  await page.goto(`${origin}/demo.html`);
  await page.getByRole('tab', { name: 'Herschikking' }).click();
  const view = page.locator('section[aria-labelledby="herschikking-kop"]');
  await view.locator('select[name="herschik-beleid"]').selectOption('zk-ggz-2025');
  const rate = view.locator('input[name="richttarief"]');
  await rate.fill('97,3');
  // room enough: good news, in green while current
  await view.getByRole('button', { name: /Herschikking/ }).click();
  await view.locator('input[name="contracteerruimte.GGZ"]').fill('3000000');
  const herschik = view.getByTestId('primaire-actie');
  const summary = view.getByTestId('herschikking-samenvatting');
  const sheetTotal = () => page.evaluate(herschikSheetText);
  await herschik.click();
  await summary.waitFor();
  const first = await sheetTotal();
  // the own run's changed events do not count: some time later still current, in its own colour
  await page.waitForTimeout(1500);
  expect(await outdated(view).count()).toBe(0);
  expect(await intentOf(summary)).toBe('success');
  expect(await summary.textContent()).not.toContain('vóór de laatste wijziging');

  // a second run at another richttarief, then Ctrl+Z: the herschikking sheet holds the first run again
  await rate.fill('96');
  await herschik.click();
  for (let waited = 0; (await sheetTotal()) === first && waited < 60_000; waited += 100) await page.waitForTimeout(100);
  expect(await sheetTotal()).not.toBe(first);
  await summary.waitFor();
  await page.waitForTimeout(1500);
  expect(await outdated(view).count()).toBe(0);
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.undo());
  expect(await sheetTotal()).toBe(first);
  // the simulated Excel raises no event for the undo: the pane finds it when the user selects a cell
  expect(await outdated(view).count()).toBe(0);
  await page.locator('#werkmap tr[data-row="2"] td').first().click();
  await outdated(view).waitFor();
  expect(await outdated(view).textContent()).toContain('De werkmap is gewijzigd na de herschikking: herschik opnieuw');
  expect(await summary.textContent()).toContain('vóór de laatste wijziging');
  expect(await intentOf(summary)).toBe('warning');

  // Herschik opnieuw: current again, as before
  await outdated(view).getByRole('button', { name: 'Herschik opnieuw' }).click();
  await outdated(view).waitFor({ state: 'detached' });
  await summary.waitFor();
  await page.waitForTimeout(1500);
  expect(await outdated(view).count()).toBe(0);
  expect(await intentOf(summary)).toBe('success');

  // the user types another number of declared prestaties in a production row: outdated without any click
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.edit('Declaraties 2025', 1, 7, 999));
  await outdated(view).waitFor();
  expect(await summary.textContent()).toContain('vóór de laatste wijziging');
  expect(await intentOf(summary)).toBe('warning');
  expect(pageErrors).toEqual([]);
});

test('Aanvragen: its own run is not outdated, nor an edit of a sheet that is not a form; a user edit of a form cell is', async () => {
  await page.goto(`${origin}/demo.html`);
  await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
  const sheets = await exampleSheets('aanvraag-met-declaraties.xlsx');
  await replaceSheets(page, sheets);
  const form = sheets.find((x) => x.name === 'Aanvraagformulier')!;
  const omzet = form.rows.findIndex((row) => row[0] === 'Wlz-omzet huidig tariefpercentage');
  expect(form.rows[omzet][1]).toBe(920000);

  await page.getByRole('tab', { name: 'Aanvragen' }).click();
  const assess = page.locator('section[aria-labelledby="aanvragen-kop"]');
  await assess.getByTestId('primaire-actie').click();
  await assess.getByRole('heading', { name: '3. 1 aanvraag beoordeeld' }).waitFor();
  const good = assess.locator('[data-status="aanpassen"]');
  expect(await intentOf(good)).toBe('success');
  await page.waitForTimeout(1500);
  expect(await outdated(assess).count()).toBe(0);
  // the declarations are not what the form says: a change there leaves the assessment current
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.edit('Declaraties 2025', 1, 5, 170));
  await page.waitForTimeout(500);
  expect(await outdated(assess).count()).toBe(0);

  // the user corrects the Wlz-omzet on the form: outdated at once, and the outcome no longer green
  await page.evaluate((row) => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanvraagformulier', row, 1, 900000), omzet);
  await outdated(assess).waitFor();
  expect(await outdated(assess).textContent()).toContain('De werkmap is gewijzigd na de beoordeling: beoordeel opnieuw');
  expect(await assess.getByTestId('aanvragen-bron').textContent()).toContain('vóór de laatste wijziging');
  expect(await intentOf(good)).toBe('warning');

  // back to the amount of the first run, assessed again: current, and green again
  await page.evaluate((row) => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanvraagformulier', row, 1, 920000), omzet);
  await outdated(assess).getByRole('button', { name: 'Beoordeel opnieuw' }).click();
  await outdated(assess).waitFor({ state: 'detached' });
  await assess.getByRole('heading', { name: '3. 1 aanvraag beoordeeld' }).waitFor();
  await page.waitForTimeout(1500);
  expect(await outdated(assess).count()).toBe(0);
  expect(await intentOf(good)).toBe('success');
  expect(pageErrors).toEqual([]);
});

test('an answer Excel on the web refuses as too large (ResponsePayloadSizeLimitExceeded) is read again in smaller pieces', async () => {
  await page.goto(`${origin}/demo.html?rijen=6000`);
  // provider names far longer below the first rows than in them: the adapter's size estimate is too low
  await page.evaluate(() => {
    const sheet = (window as unknown as DemoHost).tariefwijzerDemo.sheet('Aanbieders')!;
    for (let r = 1003; r < 6003; r++) Object.assign(sheet.ensure(r, 1), { value: `Zorg BV ${'x'.repeat(1200)}`, type: 'String' });
  });
  await chooseZkGgz(page);
  await page.getByRole('button', { name: 'Bereken' }).click();
  await page.getByTestId('resultaat-samenvatting').getByText('6.000 rijen').waitFor({ timeout: 120_000 });
  const responses = await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.responses);
  expect(responses.some((n) => n > 5 * 1024 * 1024)).toBe(true); // refused once ...
  expect(await page.getByText('Niet berekend', { exact: true }).count()).toBe(0); // ... and read again
  expect(pageErrors).toEqual([]);
});

/** The phases a progress bar in `section` shows from now on (its aria-label), every change React commits. */
async function watchPhases(p: Page, section: string): Promise<void> {
  await p.evaluate((sel) => {
    const w = window as unknown as { phasesSeen: string[]; phaseWatch?: MutationObserver };
    w.phasesSeen = [];
    w.phaseWatch?.disconnect();
    const note = () => {
      const label = document.querySelector(`${sel} [role="progressbar"]`)?.getAttribute('aria-label');
      if (label && w.phasesSeen[w.phasesSeen.length - 1] !== label) w.phasesSeen.push(label);
    };
    w.phaseWatch = new MutationObserver(note);
    w.phaseWatch.observe(document.querySelector(sel)!, { subtree: true, childList: true, attributes: true });
  }, section);
}

test('Herschikking and Aanvragen: a run shows its progress in every phase; Annuleren while it reads leaves the workbook as it was', async () => {
  type Demo = { tariefwijzerDemo: { latencyMs: number; snapshot(): string; undoStack: unknown[] } };
  const workbook = () =>
    page.evaluate(() => [(window as unknown as Demo).tariefwijzerDemo.snapshot(), (window as unknown as Demo).tariefwijzerDemo.undoStack.length]);
  const latency = (ms: number) => page.evaluate((v) => ((window as unknown as Demo).tariefwijzerDemo.latencyMs = v), ms);
  await page.setViewportSize(VIEWPORT);
  await page.goto(`${origin}/demo.html`);
  const tabs = [
    {
      tab: 'Herschikking',
      section: 'section[aria-labelledby="herschikking-kop"]',
      phases: ['Werkmap lezen…', 'Herschikking berekenen…', 'Herschikking schrijven…'],
      result: 'herschikking-resultaat',
      prepare: async (view: ReturnType<Page['locator']>) => {
        await view.locator('select[name="herschik-beleid"]').selectOption('zk-ggz-2025');
        await view.locator('input[name="richttarief"]').fill('97,3');
      },
    },
    {
      tab: 'Aanvragen',
      section: 'section[aria-labelledby="aanvragen-kop"]',
      phases: ['Werkmap lezen…', 'Aanvragen beoordelen…', 'Beoordelingen schrijven…'],
      result: 'aanvragen-resultaat',
      prepare: async () => undefined,
    },
  ];
  for (const { tab, section, phases, result, prepare } of tabs) {
    await page.getByRole('tab', { name: tab }).click();
    const view = page.locator(section);
    await prepare(view);
    // a slow Excel (each sync takes 300 ms), so that there is time to cancel while the job reads
    await latency(300);
    const before = await workbook();
    await view.getByTestId('primaire-actie').click();
    await view.locator('[role="progressbar"][aria-label="Werkmap lezen…"]').waitFor();
    await view.getByRole('button', { name: 'Annuleren' }).click();
    const cancelled = view.getByRole('alert').filter({ hasText: 'Berekening afgebroken; er is niets in de werkmap geschreven.' });
    await cancelled.waitFor();
    expect([tab, await intentOf(cancelled)]).toEqual([tab, 'warning']);
    expect([tab, await view.getByTestId(result).count()]).toEqual([tab, 0]);
    await page.waitForTimeout(1000);
    expect([tab, await workbook()]).toEqual([tab, before]);

    // run to the end: the bar names the phases in turn, and the cancel's message goes
    await watchPhases(page, section);
    await view.getByTestId('primaire-actie').click();
    await view.getByTestId(result).waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (window as unknown as { phasesSeen: string[] }).phasesSeen);
    // in order; computing a few providers can be over before the page paints, reading and writing at 300 ms a sync not
    expect([tab, seen]).toEqual([tab, phases.filter((x) => seen.includes(x))]);
    expect([tab, seen]).toEqual([tab, expect.arrayContaining([phases[0], phases[2]])]);
    expect([tab, await cancelled.count()]).toEqual([tab, 0]);
    expect([tab, (await workbook())[0] === before[0]]).toEqual([tab, false]);
    await latency(0);
  }
  expect(pageErrors).toEqual([]);
});

test('100,000 rows: cancel works while reading; a run paints progress in all three phases and no task of its own is over 200 ms', async () => {
  const big = await browser.newPage();
  const errors: string[] = [];
  big.on('pageerror', (e) => errors.push(String(e)));
  await keepLocal(big, origin);
  await big.goto(`${origin}/demo.html?rijen=100000`);
  await chooseZkGgz(big);

  // cancel while computing: nothing is written
  // (waits poll cheaply and seldom: Playwright's text search over the page is work on the page's main thread)
  await big.getByRole('button', { name: 'Bereken' }).click();
  // reading 100,000 rows through Excel takes longest: cancel there (it takes effect at the adapter's next slice)
  await big.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-label') === 'Werkmap lezen…', undefined, {
    polling: 50,
    timeout: 120_000,
  });
  await big.getByRole('button', { name: 'Annuleren' }).click();
  await big.getByText('Berekening afgebroken; er is niets in de werkmap geschreven.').waitFor({ timeout: 60_000 });
  expect(await cellValue(big, 'Aanbieders', 2, 6)).toBeUndefined();

  // the measured run: long tasks, the simulated host's own time, and the progress text at every frame
  await big.evaluate(() => {
    const w = window as unknown as { tasks: Array<[number, number]>; shown: string[]; t0: number } & DemoHost;
    w.tasks = [];
    w.shown = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
    w.tariefwijzerDemo.hostTime.length = 0;
    const frame = () => {
      const label = document.querySelector('[role="progressbar"]')?.getAttribute('aria-label');
      if (label && w.shown[w.shown.length - 1] !== label) w.shown.push(label);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await big.getByRole('button', { name: 'Bereken' }).click();
  await big.waitForFunction(() => document.querySelector('[data-testid="resultaat"]') !== null, undefined, { polling: 1000, timeout: 300_000 });
  await big.getByText('Laatste berekening is actueel').waitFor();
  const { tasks, host, shown } = await big.evaluate(() => {
    const w = window as unknown as { tasks: Array<[number, number]>; shown: string[] } & DemoHost;
    return { tasks: w.tasks, host: w.tariefwijzerDemo.hostTime, shown: w.shown };
  });
  expect(await cellValue(big, 'Aanbieders', 100_002, 7)).toEqual(expect.any(Number));
  expect(shown).toEqual(expect.arrayContaining(['Werkmap lezen…', 'Tarieven berekenen…', 'Uitkomsten schrijven…']));
  // a long task's own part: its duration minus the simulated Excel's time inside it (reported apart)
  const own = tasks.map(([start, duration]) => {
    const hostPart = host.reduce((n, [a, b]) => n + Math.max(0, Math.min(start + duration, b) - Math.max(start, a)), 0);
    return { start: Math.round(start), duration: Math.round(duration), own: Math.round(duration - hostPart) };
  });
  const hostTotal = host.reduce((n, [a, b]) => n + b - a, 0);
  // 200 ms on a machine with a core to spare; on one busier than its cores (a shared CI runner, several test
  // suites at once) everything takes longer by about load / cores, and so may a slice
  const busy = Math.max(1, loadavg()[0] / cpus().length);
  const budget = Math.round(200 * busy);
  console.log(
    `100k rows: ${tasks.length} long tasks; longest own part ${Math.max(0, ...own.map((t) => t.own))} ms (budget ${budget} ms at load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores); simulated Excel's own time ${Math.round(hostTotal)} ms`,
  );
  expect(own.filter((t) => t.own > budget)).toEqual([]);
  expect(errors).toEqual([]);
  await big.close();
}, 400_000);

test('an Office that shows add-ins in Internet Explorer or EdgeHTML gets a Dutch message, not "wordt geladen"', async () => {
  for (const agent of [
    'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
  ]) {
    const context = await browser.newContext({ userAgent: agent });
    await keepLocal(context, origin);
    const old = await context.newPage();
    await old.goto(`${origin}/taskpane.html`);
    await old.getByRole('alert').getByText('Tariefwijzer werkt niet in deze versie van Office').waitFor();
    expect(await old.getByText('wordt geladen').count()).toBe(0);
    await context.close();
  }
});

test('the help page named in the manifest is served, in Dutch', async () => {
  const help = await browser.newPage();
  const response = await help.goto(`${origin}/help.html`);
  expect(response?.status()).toBe(200);
  expect(await help.title()).toBe('Tariefwijzer — hulp');
  await help.getByRole('heading', { name: 'Zo werkt het' }).waitFor();
  await help.close();
});

test('the production bundle stays within its budget: the entry script at most 150 KB gzip (the rest loads on demand)', () => {
  const { readdirSync } = require('fs') as typeof import('fs');
  const { gzipSync } = require('zlib') as typeof import('zlib');
  const dist = join(__dirname, '../../dist');
  const main = readdirSync(dist).filter((f) => /^taskpane\..*\.js$/.test(f));
  expect(main).toHaveLength(1);
  const gz = gzipSync(readFileSync(join(dist, main[0])), { level: 9 }).length;
  expect(gz).toBeLessThanOrEqual(150 * 1024);
});

/**
 * Everything the pane loads before its first screen shows (issue 28): the scripts whose request started before the
 * tab list was in the page, from the page's own resource timing, gzipped as a server would send them. What the
 * first screen does not need (the workbench with packs and engine, results, other tabs) loads after it.
 */
test('the first screen loads at most 180 KB gzip of scripts before it shows; the rest after', async () => {
  const { gzipSync } = require('zlib') as typeof import('zlib');
  const context = await browser.newContext({ locale: 'nl-NL' });
  await keepLocal(context, origin);
  // when the tab list enters the page (a MutationObserver's callback runs right after React's commit)
  await context.addInitScript(() => {
    const w = window as unknown as { firstScreenAt?: number };
    new MutationObserver((_, observer) => {
      if (w.firstScreenAt === undefined && document.querySelector('[role="tab"]')) {
        w.firstScreenAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const fresh = await context.newPage();
  await fresh.goto(`${origin}/taskpane.html`);
  await fresh.getByRole('tab').first().waitFor();
  // the workbench starts loading once the first screen is there: on a busy machine the page can be network-idle
  // for a moment before that, so wait for its request rather than for idleness alone
  await fresh.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/werkbank\.[^/]*\.js$/.test(e.name)), undefined, { polling: 100 });
  await fresh.waitForLoadState('networkidle');
  const { at, scripts } = await fresh.evaluate(() => ({
    at: (window as unknown as { firstScreenAt: number }).firstScreenAt,
    scripts: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.startsWith(location.origin) && e.name.endsWith('.js'))
      .map((e) => ({ file: new URL(e.name).pathname.slice(1), start: e.startTime })),
  }));
  await context.close();
  const before = scripts.filter((s) => s.start <= at).map((s) => s.file);
  const after = scripts.filter((s) => s.start > at).map((s) => s.file);
  const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
  const total = before.reduce((sum, f) => sum + gz(f), 0);
  console.log(`first screen: ${before.join(', ')} = ${Math.round(total / 1024)} KB gzip; after it: ${after.join(', ')}`);
  expect(before.some((f) => /^taskpane\./.test(f))).toBe(true);
  // the workbench (packs, engine, jobs) is not needed to show the first screen
  expect(after.some((f) => /^werkbank\./.test(f))).toBe(true);
  expect(total).toBeLessThanOrEqual(180 * 1024);
});

/** Which intent a Fluent MessageBar shows: its background against the theme's success, warning and error backgrounds. */
async function intentOf(bar: ReturnType<Page['locator']>): Promise<string> {
  return bar.evaluate((e) => {
    const probe = document.createElement('div');
    e.parentElement!.append(probe);
    const colour = (token: string) => {
      probe.style.backgroundColor = `var(--${token})`;
      return getComputedStyle(probe).backgroundColor;
    };
    const intents: Record<string, string> = {
      success: colour('colorStatusSuccessBackground1'),
      warning: colour('colorStatusWarningBackground1'),
      error: colour('colorStatusDangerBackground1'),
    };
    probe.remove();
    const bg = getComputedStyle(e).backgroundColor;
    return Object.keys(intents).find((k) => intents[k] === bg) ?? `onbekend (${bg})`;
  });
}

/** Every Tab stop inside the pane from its title on: the focused element's rectangle and the visible footer's top. */
async function tabWalk(p: Page, max = 120): Promise<Array<{ what: string; bottom: number; top: number; footerTop: number; inFooter: boolean }>> {
  await p.locator('#root h1').click();
  const stops: Array<{ what: string; bottom: number; top: number; footerTop: number; inFooter: boolean }> = [];
  const seen = new Set<string>();
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const stop = await p.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const root = document.getElementById('root')!;
      if (!a || !root.contains(a)) return undefined;
      const footer = Array.from(root.querySelectorAll('footer')).find((f) => f.offsetParent !== null)!;
      const r = a.getBoundingClientRect();
      const path = [];
      for (let e: Element | null = a; e && e !== root; e = e.parentElement)
        path.push(`${e.tagName}${e.getAttribute('name') ? `[${e.getAttribute('name')}]` : ''}:${Array.from(e.parentElement?.children ?? []).indexOf(e)}`);
      return {
        what: `${a.tagName} "${(a.getAttribute('aria-label') ?? a.textContent ?? '').trim().slice(0, 40)}" ${path.join('<')}`,
        bottom: r.bottom,
        top: r.top,
        footerTop: footer.getBoundingClientRect().top,
        inFooter: footer.contains(a),
      };
    });
    if (!stop || seen.has(stop.what)) break;
    seen.add(stop.what);
    stops.push(stop);
  }
  return stops;
}

test('Herschikking: an empty richttarief blocks the run with its reason and opens its step; over the contracteerruimte is attention, not success; at 320 px no Tab stop is under the sticky footer', async () => {
  await page.setViewportSize({ width: 1100, height: 640 });
  await page.goto(`${origin}/demo.html`);
  await page.getByRole('tab', { name: 'Herschikking' }).click();
  const view = page.locator('section[aria-labelledby="herschikking-kop"]');
  await view.waitFor();
  // the policy select names sector and year first; the full title in the tooltip
  const option = view.locator('select[name="herschik-beleid"] option[value="zk-ggz-2025"]');
  expect(await option.textContent()).toBe('GGZ 2025 · Zilveren Kruis');
  expect(await option.getAttribute('title')).toBe('Zilveren Kruis Zorgkantoor — Wlz GGZ 2025');
  await view.locator('select[name="herschik-beleid"]').selectOption('zk-ggz-2025');

  // blocked: the step with the richttarief is open, the field and the footer say why, the button is disabled
  const rate = view.locator('input[name="richttarief"]');
  await rate.waitFor();
  expect(await rate.isVisible()).toBe(true);
  const why = view.getByTestId('waarom-niet');
  expect(await why.textContent()).toContain('"Zilveren Kruis tariefpercentage zorg GGZ 2025" is niet ingevuld');
  expect(await view.getByTestId('primaire-actie').isDisabled()).toBe(true);
  expect(await view.getByRole('button', { name: /Parameters van het beleid/ }).textContent()).toContain('1 waarde nodig');
  await checkState(page, 'herschikking-richttarief-leeg');

  // filled in, the step stays open (it does not fold under the cursor) and the run is possible
  await rate.fill('97,3');
  await why.waitFor({ state: 'detached' });
  expect(await rate.isVisible()).toBe(true);
  expect(await view.getByTestId('primaire-actie').isDisabled()).toBe(false);

  // a small contracteerruimte: far over it, with a korting → attention, with the reasons
  await view.getByRole('button', { name: /Herschikking/ }).click();
  await view.locator('input[name="contracteerruimte.GGZ"]').fill('1000000');
  await view.getByTestId('primaire-actie').click();
  const result = page.getByTestId('herschikking-resultaat');
  await result.waitFor();
  const summary = result.getByTestId('herschikking-samenvatting');
  expect(await intentOf(summary)).toBe('warning');
  const said = (await summary.textContent()) ?? '';
  expect(said).toContain('vraagt actie');
  const ggz = /GGZ: uitnutting ([\d,]+)% van de contracteerruimte, korting ([\d,]+)%/.exec(said);
  expect(ggz).not.toBeNull();
  expect(Number(ggz![1].replace(',', '.'))).toBeGreaterThan(100);
  expect(Number(ggz![2].replace(',', '.'))).toBeGreaterThan(0);
  await checkState(page, 'herschikking-boven-ruimte');

  // the keyboard walk at 320 px over the long result: every stop above the footer (WCAG 2.2, 2.4.11)
  await setPaneWidth(page, 320);
  const stops = await tabWalk(page);
  expect(stops.length).toBeGreaterThan(15);
  expect(stops.some((s) => s.top > 640)).toBe(false); // scrolled to, so in view
  expect(stops.filter((s) => !s.inFooter && s.bottom > s.footerTop + 0.5).map((s) => s.what)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('Tarieven: an empty richttarief opens its step, disables Bereken and says why, at the field and in the footer (as in Herschikking)', async () => {
  await page.setViewportSize(VIEWPORT);
  await page.goto(`${origin}/demo.html`);
  await page.getByRole('heading', { level: 1, name: 'Tariefwijzer' }).waitFor();
  await page.locator('select[name="beleid"] option[value="zk-ggz-2025"]').waitFor({ state: 'attached' });
  await page.selectOption('select[name="beleid"]', 'zk-ggz-2025');
  await page.getByText('Blad "Aanbieders", kopregel op rij 3').waitFor();
  const reason = '"Zilveren Kruis tariefpercentage zorg GGZ 2025" is niet ingevuld';

  // blocked: the step is open with the empty field, which says why; the footer says it too; Bereken is disabled
  const rate = page.locator('input[name="richttarief"]');
  expect(await rate.isVisible()).toBe(true);
  expect(await rate.inputValue()).toBe('');
  const why = page.getByTestId('waarom-niet');
  expect(await why.textContent()).toContain(reason);
  expect(await page.getByRole('button', { name: /2\. Parameters/ }).textContent()).toContain('1 waarde nodig');
  expect(await page.getByTestId('primaire-actie').isDisabled()).toBe(true);
  const tab = page.locator('main[aria-labelledby="tarieven-kop"]');
  expect(await tab.locator('footer').getByText(reason, { exact: false }).count()).toBe(1);
  expect(((await tab.textContent()) ?? '').split(reason).length - 1).toBe(2); // at the field and in the footer
  await checkState(page, 'tarieven-richttarief-leeg');

  // filled in: the reason goes, the step stays open (nothing folds under the cursor), Bereken can run
  await rate.fill('97,3');
  await why.waitFor({ state: 'detached' });
  expect(await rate.isVisible()).toBe(true);
  expect(await page.getByTestId('primaire-actie').isDisabled()).toBe(false);
  expect(await page.getByRole('button', { name: /2\. Parameters/ }).textContent()).not.toContain('nodig');

  // emptied again: blocked again, with the same reason
  await rate.fill('');
  await why.waitFor();
  expect(await why.textContent()).toContain(reason);
  expect(await page.getByTestId('primaire-actie').isDisabled()).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('Tarieven at 20,000 rows: counts with a thousands separator; after Annuleren the focus goes back to Bereken, not to the page; a rerun that moves every row shows the first changes', async () => {
  const p = await browser.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await keepLocal(p, origin);
  await p.setViewportSize(VIEWPORT);
  await p.goto(`${origin}/demo.html?rijen=20000`);
  await chooseZkGgz(p);
  const bereken = p.getByTestId('primaire-actie').first();
  // a slow Excel (each sync takes 300 ms), so that Annuleren is pressed while the job reads: once it writes, a cancel
  // is no longer possible (the button is disabled), and waiting for the progress text alone could meet the writing
  // phase on a loaded machine
  type Demo = { tariefwijzerDemo: { latencyMs: number } };
  const latency = (ms: number) => p.evaluate((v) => ((window as unknown as Demo).tariefwijzerDemo.latencyMs = v), ms);
  await latency(300);
  await bereken.click();
  await p.locator('[role="progressbar"][aria-label="Werkmap lezen…"]').waitFor({ timeout: 120_000 });
  await p.getByRole('button', { name: 'Annuleren' }).focus();
  await p.keyboard.press('Enter');
  await p.getByText('Berekening afgebroken; er is niets in de werkmap geschreven.').waitFor({ timeout: 60_000 });
  await p.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'primaire-actie');
  expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Bereken');
  await latency(0);

  // the whole run: its progress counts with a thousands separator
  await bereken.click();
  await p.waitForFunction(() => /van 20\.000 rijen/.test(document.getElementById('root')!.innerText), undefined, { polling: 100, timeout: 120_000 });
  const summary = p.getByTestId('resultaat-samenvatting');
  await summary.waitFor({ timeout: 180_000 });
  expect(await summary.textContent()).toMatch(/20\.00\d rijen/);
  expect(await summary.textContent()).not.toMatch(/\d{5} rijen/);

  // a rerun that moves every row: the pane shows the first changes and points to the sheet for the rest
  await p.locator('input[name="richttarief"]').fill('96');
  await bereken.click();
  const changes = p.getByTestId('wijzigingen');
  await changes.getByText(/rijen gewijzigd sinds de vorige berekening/).waitFor({ timeout: 180_000 });
  expect(await changes.getByTestId('wijziging').count()).toBe(PANE_CHANGES);
  expect(await changes.textContent()).toMatch(
    new RegExp(`Hieronder de eerste ${PANE_CHANGES} van \\d+\\.\\d{3}; het blad "Tariefwijzer wijzigingen" noemt ze allemaal\\.`),
  );
  expect(errors).toEqual([]);
  await p.close();
}, 300_000);

interface BijlageHost {
  tariefwijzerNewWorkbooks: string[];
  tariefwijzerDemo: { sheets: Array<{ name: string; cells: Map<string, { value: unknown; formula?: string }> }> };
}

/** Every sheet of the simulated workbook with its cells (value and formula), to compare before and after. */
function workbookState(p: Page): Promise<string> {
  return p.evaluate(() =>
    JSON.stringify(
      (window as unknown as BijlageHost).tariefwijzerDemo.sheets.map((s) => [s.name, [...s.cells.entries()].map(([k, c]) => [k, c.value, c.formula])]),
    ),
  );
}

async function bijlageAfterRun(p: Page, api: string): Promise<string> {
  await p.goto(`${origin}/demo.html?api=${api}`);
  await chooseZkGgz(p);
  await p.getByTestId('primaire-actie').click();
  await p.getByText('Laatste berekening is actueel').waitFor();
  const action = p.getByTestId('bijlage-actie');
  await action.waitFor();
  expect(await action.getByRole('button', { name: 'Bijlage maken' }).isDisabled()).toBe(true);
  expect(await action.getByTestId('bijlage-waarom').textContent()).toContain('Kies eerst een rij');
  expect(await action.textContent()).toContain('tariefwijzer bijlagen WERKMAP --policy zk-ggz-2025 --out MAP');
  const before = await workbookState(p);
  // row 4 of the sheet: AGB 73730001, Zorg BV
  await p.locator('#werkmap tr[data-row="4"] td').first().click();
  await action.getByTestId('bijlage-aanbieder').getByText('AGB-code 73730001').waitFor();
  expect(await action.getByTestId('bijlage-aanbieder').textContent()).toContain('Zorg BV');
  await action.getByRole('button', { name: 'Bijlage maken' }).click();
  await action.getByTestId('bijlage-klaar').waitFor({ timeout: 60_000 });
  return before;
}

test('Bijlage maken with ExcelApi 1.8 or newer: a new workbook with the selected provider rows; the open workbook unchanged', async () => {
  const before = await bijlageAfterRun(page, '1.20');
  expect(await page.getByTestId('bijlage-klaar').textContent()).toContain('nieuwe werkmap');
  const packages = await page.evaluate(() => (window as unknown as BijlageHost).tariefwijzerNewWorkbooks);
  expect(packages).toHaveLength(1);
  const zip = new ZipReader(Buffer.from(packages[0], 'base64'));
  await zip.verify(zip.get('xl/worksheets/sheet1.xml')!);
  const sheet = zip.text('xl/worksheets/sheet1.xml')!;
  expect(sheet).toContain('73730001');
  expect(sheet).toContain('Zorg BV');
  expect(sheet).toContain(`<v>${String(await cellValue(page, 'Aanbieders', 3, 7))}</v>`);
  for (const other of ['73730002', 'Beschermd Wonen Oost', 'Kliniek Noord']) expect(sheet).not.toContain(other);
  expect(await workbookState(page)).toBe(before);
  expect(pageErrors).toEqual([]);
});

test("Bijlage maken follows the run, not fields changed after it: the bijlage has the sheet's tariff; an edited workbook blocks it with a reason", async () => {
  await page.goto(`${origin}/demo.html?api=1.20`);
  await chooseZkGgz(page);
  await page.getByTestId('primaire-actie').click();
  await page.getByText('Laatste berekening is actueel').waitFor();
  const written = await cellValue(page, 'Aanbieders', 3, 7);
  const action = page.getByTestId('bijlage-actie');
  await page.locator('#werkmap tr[data-row="4"] td').first().click();
  await action.getByTestId('bijlage-aanbieder').getByText('AGB-code 73730001').waitFor();
  expect(await action.getByTestId('bijlage-parameters').count()).toBe(0);
  // a new richttarief typed after the run counts only from the next Bereken: the bijlage keeps the sheet's numbers
  await page.locator('input[name="richttarief"]').fill('90');
  await action.getByTestId('bijlage-parameters').waitFor();
  expect(await action.getByTestId('bijlage-parameters').textContent()).toContain('parameters van de laatste berekening');
  await action.getByRole('button', { name: 'Bijlage maken' }).click();
  await action.getByTestId('bijlage-klaar').waitFor({ timeout: 60_000 });
  const packages = await page.evaluate(() => (window as unknown as BijlageHost).tariefwijzerNewWorkbooks);
  const sheet = new ZipReader(Buffer.from(packages[packages.length - 1], 'base64')).text('xl/worksheets/sheet1.xml')!;
  expect(sheet).toContain(`<v>${String(written)}</v>`);
  // the user types another NZa maximumtarief: the sheet's tariffs are outdated, so no bijlage until Bereken
  await page.evaluate(() => (window as unknown as DemoHost).tariefwijzerDemo.edit('Aanbieders', 3, 5, 310));
  await outdated(page).waitFor();
  expect(await action.getByRole('button', { name: 'Bijlage maken' }).isDisabled()).toBe(true);
  expect(await action.getByTestId('bijlage-waarom').textContent()).toContain('De werkmap is gewijzigd na de berekening');
  expect(pageErrors).toEqual([]);
});

test('Bijlage maken below ExcelApi 1.8: a new sheet "Bijlage 73730001" in this workbook; the other sheets unchanged, none deleted', async () => {
  const before = JSON.parse(await bijlageAfterRun(page, '1.7')) as Array<[string, unknown]>;
  expect(await page.getByTestId('bijlage-klaar').textContent()).toContain('Bijlage 73730001');
  expect(await page.evaluate(() => (window as unknown as BijlageHost).tariefwijzerNewWorkbooks)).toEqual([]);
  const after = JSON.parse(await workbookState(page)) as Array<[string, unknown]>;
  expect(after.filter(([name]) => name !== 'Bijlage 73730001')).toEqual(before);
  const added = after.find(([name]) => name === 'Bijlage 73730001');
  expect(JSON.stringify(added)).toContain('Zorg BV');
  expect(JSON.stringify(added)).toContain(String(await cellValue(page, 'Aanbieders', 3, 7)));
  expect(pageErrors).toEqual([]);
});
