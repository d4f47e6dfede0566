/**
 * The run record on the Tariefwijzer sheet, read once on a rerun: scanRows takes it from the rows detectLayout read
 * when they hold all of it, and reads the sheet whole when its list of parameters runs on below them.
 */
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { FakeExcel, fakeContext, type SeedValue } from '../../src/demo-host/fake-excel';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { holdsLastRun, lastRunFrom, readLastRun } from '../../src/workbook/jobs/last-run';
import { META_SHEET } from '../../src/workbook/names';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';

const pack = getPack('zk-ggz-2025')!;
const now = new Date('2026-12-01T10:00:00Z');
const at = (richttarief: string) => resolveParameters(pack, { richttarief }).values;

function rows(): SeedValue[][] {
  return [
    ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'],
    ['73730001', 'Zorg BV', 'Z1105', 'GGZ-W5', 'Verblijf', 300],
    ['73730002', 'Zorg Oost', 'Z1105', 'GGZ-W5', 'Verblijf', 310],
  ];
}

async function annotated(): Promise<{ fake: FakeExcel; port: () => OfficeWorkbook }> {
  const fake = FakeExcel.from({ Aanbieders: rows() });
  const port = () => new OfficeWorkbook(fakeContext(fake));
  await annotateWorkbook(port(), pack, at('97,3'), { now });
  return { fake, port };
}

test('the first rows hold the record when its parameters end in them; cut inside the list, they do not', async () => {
  const { port } = await annotated();
  const grid = await port().readSheet(META_SHEET);
  const last = await readLastRun(port());
  expect(last?.packId).toBe(pack.id);
  const end = grid.findIndex((r) => r?.[0] === 'Parameter') + Object.keys(pack.parameters).length;
  expect(holdsLastRun(grid.slice(0, end + 2))).toBe(true);
  expect(lastRunFrom(grid.slice(0, end + 2))).toEqual(last);
  expect(holdsLastRun(grid.slice(0, end))).toBe(false);
  expect(holdsLastRun([])).toBe(false);
});

test('a record whose parameters run on below the rows read with the layout is read whole: the changed parameter is found', async () => {
  const { fake, port } = await annotated();
  // the same record with older parameter rows first (labels no pack has), so the richttarief stands below row 30
  const meta = fake.sheet(META_SHEET)!;
  const grid = (await port().readSheet(META_SHEET)) as SeedValue[][];
  const start = grid.findIndex((r) => r?.[0] === 'Parameter') + 1;
  const longer = [...grid.slice(0, start), ...Array.from({ length: 20 }, (_, i) => [`Oude parameter ${i + 1}`, 'x']), ...grid.slice(start)];
  expect(longer.findIndex((r) => r?.[0] === pack.parameters.richttarief.label)).toBeGreaterThan(30);
  for (const [key] of meta.cells) meta.cells.delete(key);
  longer.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v !== null && v !== undefined && v !== '') Object.assign(meta.ensure(r, c), { value: v, type: typeof v === 'number' ? 'Double' : 'String' });
    }),
  );
  const out = await annotateWorkbook(port(), pack, at('96'), { now });
  expect(out.changes!.total).toBe(rows().length - 1);
  // only the richttarief, as recorded: a record cut in its list would make every other parameter "niet ingesteld"
  const label = pack.parameters.richttarief.label;
  for (const c of out.changes!.firstListed(out.changes!.listedCount))
    expect(c.causes.filter((x) => x.kind === 'parameter').map((x) => x.text)).toEqual([`Parameter ${label} gewijzigd: 97,3 → 96`]);
});
