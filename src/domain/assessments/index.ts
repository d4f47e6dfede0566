/** Herberekening and hardheidsclausule: procedures as cited data, the assessment, deadlines and the form checks. */
export * from './types';
export * from './procedure';
export * from './fields';
export * from './assess';
export * from './dates';
export * from './report';
export * from './form';
export * from './form-layout';
