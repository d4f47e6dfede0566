/** The pack as read, apart from loading it, so that `extends` (extend.ts) and loading (source.ts) both name it. */
import type { PackLocation, PackProblem } from './problems';

/** A pack as read from somewhere, before validation: its data and how to find a JSON pointer in it. */
export interface PackSource {
  /** Name for messages: the file name or "Blad NAAM". */
  name: string;
  /** A path or id other packs are resolved against (the file's path); undefined for in-memory sources. */
  path?: string;
  data: unknown;
  /** The line or cell of the longest part of the pointer that exists in the source. */
  locate(pointer: string): PackLocation;
  /** Problems found while reading (syntax, sheet layout); when present, the data is not used. */
  problems: PackProblem[];
}
