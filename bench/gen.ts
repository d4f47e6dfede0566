/** `node build-bench/bench/gen.js DIR N... [--distinct]`: write the benchmark workbooks (for a look in a spreadsheet). */
import { ensureWorkbooks } from './workbooks';

async function main() {
  const [dir, ...rest] = process.argv.slice(2);
  const kind = rest.includes('--distinct') ? 'distinct' : 'contract';
  for (const n of rest.filter((a) => !a.startsWith('--'))) console.log(await ensureWorkbooks(dir, Number(n), { kind, formula: false }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
