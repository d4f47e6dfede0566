/** Node's file errors in Dutch, for every message a CLI user reads. */

/**
 * What went wrong with a file, in Dutch, from Node's error code. Other (library) messages are English and not
 * shown: the caller's sentence says what failed.
 */
export function fileErrorText(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  const texts: Record<string, string> = {
    ENOENT: 'bestand of map bestaat niet',
    EACCES: 'geen toegang (rechten)',
    EPERM: 'geen toestemming (rechten)',
    ENOSPC: 'de schijf is vol',
    EDQUOT: 'de schijfruimte (quotum) is op',
    EISDIR: 'dit is een map, geen bestand',
    ENOTDIR: 'een deel van het pad is geen map',
    EROFS: 'de schijf is alleen-lezen',
    EBUSY: 'het bestand is in gebruik door een ander programma',
    EMFILE: 'te veel open bestanden',
    ENAMETOOLONG: 'de bestandsnaam is te lang',
    EEXIST: 'het bestand bestaat al',
  };
  return typeof code === 'string' && texts[code] ? texts[code] : 'onbekende oorzaak';
}
