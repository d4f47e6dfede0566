/** The `tariefwijzer` command line: same engine and same output as the add-in, on .xlsx files. */
import { InputError } from '../workbook/errors';
import { COMMANDS } from './commands';
import { UsageError, type Io } from './common';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { PackageError } from '../workbook/xlsx/adapter';
import { XmlError } from '../workbook/xlsx/xml';
import { DamagedZipError, ZipError } from '../workbook/xlsx/zip';

export type { Io } from './common';

function usage(): string {
  const lines = ['Gebruik:'];
  for (const c of Object.values(COMMANDS)) lines.push(`  tariefwijzer ${c.usage}`);
  lines.push('');
  for (const [name, c] of Object.entries(COMMANDS)) {
    const [first, ...more] = c.summary.split('\n');
    lines.push(`  ${name.padEnd(10)} ${first}`, ...more.map((l) => `  ${''.padEnd(10)} ${l}`));
  }
  lines.push('', EXIT_CODES_TEXT);
  return lines.join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.out(usage());
      return name === undefined ? EXIT.gebruik : EXIT.klaar;
    }
    const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`Onbekende opdracht "${name}".`);
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${usage()}`);
      return EXIT.gebruik;
    }
    if (e instanceof DamagedZipError || e instanceof XmlError) {
      // a part that is no (whole) XML is damage, found while reading: said as a damaged file is, with what to do
      io.err(`Fout: ${(e instanceof XmlError ? new DamagedZipError(undefined, e.message) : e).message} Er is niets geschreven.`);
      return EXIT.invoer;
    }
    if (e instanceof PackageError || e instanceof ZipError) {
      // the workbook's package: a Dutch reason from the .xlsx adapter, and nothing was written
      io.err(`Fout: ${e.message.replace(/^./, (c) => c.toUpperCase())}; er is niets geschreven.`);
      return EXIT.invoer;
    }
    if (e instanceof InputError) {
      io.err(`Fout: ${e.message}`);
      return EXIT.invoer;
    }
    throw e;
  }
}
