/** `node build-bench/bench/gen.js DIR N...`: write the benchmark workbooks (for a look in a spreadsheet). */
import { ensureWorkbooks } from './workbooks';

async function main() {
  const [dir, ...sizes] = process.argv.slice(2);
  for (const n of sizes) console.log(await ensureWorkbooks(dir, Number(n)));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
