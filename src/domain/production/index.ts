export * from './herschik';
export * from './compare';
export * from './months';
export { HERSCHIK_PARAMETERS, RULES as HERSCHIK_RULES, isHerschikParameter, type HerschikRule } from './rules';
export { PRODUCTION_FIELDS, TOEZEGGING_FIELDS } from './fields';
export * from './params';
export * from './verdict';
