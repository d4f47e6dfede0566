/** Errors every workbook job, the CLI and the pane share. */

/** An input problem the user must fix: reported in Dutch, nothing is written. */
export class InputError extends Error {}
