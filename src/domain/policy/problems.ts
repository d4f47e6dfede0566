/** Where a problem in a pack is, and how it reads. No dependencies, so the task pane can show problems cheaply. */

/** Where a problem is: a file (with line number), a sheet (with cell) or a shipped pack. */
export interface PackLocation {
  /** File name, "Blad NAAM" or "meegeleverd beleid ID". */
  source: string;
  line?: number;
  cell?: string;
}

export interface PackProblem extends PackLocation {
  /** Inside the pack, Dutch: "regel 3 (gz-5vg) › effect". Empty when the location says it all. */
  place?: string;
  message: string;
}

/** One line of Dutch: "beleid.yaml, regelnummer 12: regel 3 (x) › effect: verwacht een getal". */
export function formatProblem(p: PackProblem): string {
  const where = p.line !== undefined ? `${p.source}, regelnummer ${p.line}` : p.cell ? `${p.source}, cel ${p.cell}` : p.source;
  return `${where}: ${p.place ? `${p.place}: ` : ''}${p.message}`;
}
