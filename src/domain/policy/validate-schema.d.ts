import type { ErrorObject } from 'ajv';

/** The schema validator compiled ahead of time (see scripts/build-validator.js). */
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
