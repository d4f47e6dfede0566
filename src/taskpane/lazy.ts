/** Loading the pane's heavier parts on demand (their own chunks), each once. */
export type Workbench = typeof import('./workbench');

let workbench: Promise<Workbench> | undefined;
/** Packs, parameter checking, engine and workbook jobs (see workbench.ts). */
export function loadWorkbench(): Promise<Workbench> {
  return (workbench ??= import(/* webpackChunkName: "werkbank" */ './workbench'));
}
