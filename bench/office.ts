/**
 * `node build-bench/bench/office.js N`: annotate N generated rows through the Office.js adapter on the fake Excel
 * host (src/demo-host/fake-excel.ts) and print, as JSON, the number of context.sync() calls and the largest
 * request and response payloads. Deterministic, so one run per size; a child process per size keeps the fake's
 * cell map out of the other figures.
 */
import { resolveParameters } from '../src/domain/policy/load';
import { getPack } from '../src/policies';
import { annotateWorkbook } from '../src/workbook/jobs/annotate';
import { OfficeWorkbook } from '../src/workbook/office/adapter';
import { FakeExcel, fakeContext } from '../src/demo-host/fake-excel';
import { gridOf } from './rows';
import { generateRows, PACK_ID, SHEET } from './workbooks';

async function main() {
  const n = Number(process.argv[2]);
  const pack = getPack(PACK_ID)!;
  const { values: params } = resolveParameters(pack);
  const fake = FakeExcel.from({ [SHEET]: gridOf(generateRows(n)) });
  const port = new OfficeWorkbook(fakeContext(fake), { conditionalFormats: true });
  const outcome = await annotateWorkbook(port, pack, params, { now: new Date(0) });
  if (outcome.dataRows !== n) throw new Error(`office bench: ${outcome.dataRows} rows, expected ${n}`);
  console.log(JSON.stringify({ rows: n, syncs: fake.syncCount, maxRequest: fake.maxRequest, maxResponse: fake.maxResponse }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
