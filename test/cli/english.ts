/** Words only the yaml library, ajv, JSON.parse or Node would write: none may reach a message a user reads. */
export const ENGLISH =
  /\b(must|should|expected|unexpected|property|token|indicator|mapping|allowed|implicit|sequence|position|column|line \d|no such file|permission denied|ENOENT|EISDIR|EACCES|Error:|at .*\(.*:\d+:\d+\))/i;
