/**
 * Writing a set of new files into a folder all together or not at all: never over a file that is already there,
 * each first under a temporary name in a hidden folder beside them, then renamed into place once every file is
 * complete. A full disk or any other failure leaves the folder as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../workbook/errors';
import { fileErrorText } from './file-errors';

export interface NewFile {
  name: string;
  bytes: Buffer;
}

/** The file operations used, so a test can make the disk full. */
export interface FileSystem {
  writeFileSync(file: string, data: Buffer): void;
  renameSync(from: string, to: string): void;
}

/** The files of `names` that already exist in `dir` (case-insensitive, as on Windows and macOS). */
export function existingFiles(dir: string, names: readonly string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  const present = new Set(fs.readdirSync(dir).map((n) => n.toLowerCase()));
  return names.filter((n) => present.has(n.toLowerCase()));
}

/** Refuse an --out that is a file, or a folder that already holds a file of these names: a user's file is never overwritten. */
export function checkOutFolder(dir: string, names: readonly string[]): void {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    throw new InputError(`${dir} is een bestand, geen map. Geef met --out een (nieuwe) map. Er is niets geschreven.`);
  const taken = existingFiles(dir, names);
  if (taken.length)
    throw new InputError(
      `De map ${dir} bevat al ${taken.length === 1 ? 'een bestand met dezelfde naam' : `${taken.length} bestanden met dezelfde naam`} (${taken.slice(0, 3).join(', ')}${taken.length > 3 ? ', …' : ''}). Tariefwijzer overschrijft geen bestaande bestanden: kies een nieuwe map met --out, of verplaats de oude bijlagen. Er is niets geschreven.`,
    );
}

export function writeAllOrNothing(dir: string, files: readonly NewFile[], io: FileSystem = fs): void {
  checkOutFolder(
    dir,
    files.map((f) => f.name),
  );
  const existed = fs.existsSync(dir);
  const staging = path.join(dir, `.tariefwijzer-bezig-${process.pid}`);
  const placed: string[] = [];
  let done = false;
  try {
    fs.mkdirSync(staging, { recursive: true });
    for (const f of files) io.writeFileSync(path.join(staging, f.name), f.bytes);
    for (const f of files) {
      io.renameSync(path.join(staging, f.name), path.join(dir, f.name));
      placed.push(path.join(dir, f.name));
    }
    done = true;
  } catch (e) {
    for (const p of placed) fs.rmSync(p, { force: true });
    throw new InputError(`De bijlagen konden niet in ${dir} worden geschreven (${fileErrorText(e)}); er is niets geschreven.`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!existed && !done) fs.rmSync(dir, { recursive: true, force: true });
  }
}
