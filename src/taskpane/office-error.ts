/**
 * The code of an Office.js error (OfficeExtension.Error.code), or undefined for any other error. A module of its
 * own: the host (office-port.ts) needs it at start, the failure texts (failure.ts) load with the workbench.
 */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
