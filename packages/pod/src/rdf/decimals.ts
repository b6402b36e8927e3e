import { PodDataError } from '../errors.ts';

/**
 * Writes a number as an `xsd:decimal` lexical form rounded to `digits` decimals, without float noise
 * (`0.1 + 0.2` -> `0.3`) and without exponent.
 *
 * @param where - subject and property, for the error message
 * @throws PodDataError when the number is not finite or too large for a plain decimal
 */
export function formatDecimal(value: number, digits: number, where: string): string {
  if (!Number.isFinite(value)) {
    throw new PodDataError(`${where}: ${String(value)} is not a finite number.`);
  }
  const rounded = Number(value.toFixed(digits));
  const text = Object.is(rounded, -0) ? '0' : String(rounded);
  if (/e/i.test(text)) {
    throw new PodDataError(`${where}: ${text} is out of range for an xsd:decimal.`);
  }
  return text;
}

/**
 * Writes an integer as an `xsd:integer` lexical form.
 *
 * @throws PodDataError when the number is not an integer
 */
export function formatInteger(value: number, where: string): string {
  if (!Number.isSafeInteger(value)) {
    throw new PodDataError(`${where}: ${String(value)} is not an integer.`);
  }
  return String(value);
}
