/**
 * Set before every test file: byte text written into a worksheet part is checked (see CHECK_BYTE_TEXT in
 * src/workbook/xlsx/zip.ts), here and in the CLI processes the tests start (they inherit the environment).
 */
import { CHECK_BYTE_TEXT } from '../src/workbook/xlsx/zip';

process.env[CHECK_BYTE_TEXT] = '1';
