/**
 * SPARQL numeric values with XPath type promotion (integer < decimal < float < double).
 * Integers and decimals are exact (a scaled bigint), so that sums of decimals such as kWh readings
 * are exact; floats and doubles are JS numbers.
 */

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** The four primitive numeric types of SPARQL after promotion. */
export type NumericType = 'integer' | 'decimal' | 'float' | 'double';

/** A numeric value: exact `big / 10^scale` for integer and decimal, `num` always (approximate). */
export interface Numeric {
  readonly type: NumericType;
  /** Unscaled value, meaningful for integer and decimal only (0n for float and double). */
  readonly big: bigint;
  /** Number of fractional digits of `big` (0 for integers). */
  readonly scale: number;
  /** The value as a JS number (exact for float and double). */
  readonly num: number;
}

const INTEGER_TYPES = new Set(
  [
    'integer',
    'nonPositiveInteger',
    'negativeInteger',
    'long',
    'int',
    'short',
    'byte',
    'nonNegativeInteger',
    'unsignedLong',
    'unsignedInt',
    'unsignedShort',
    'unsignedByte',
    'positiveInteger',
  ].map((local) => XSD + local),
);

/** Which primitive numeric type a datatype IRI is (derived integer types count as integer). */
export function getNumericType(datatype: string): NumericType | undefined {
  if (datatype === `${XSD}decimal`) return 'decimal';
  if (datatype === `${XSD}double`) return 'double';
  if (datatype === `${XSD}float`) return 'float';
  if (INTEGER_TYPES.has(datatype)) return 'integer';
  return undefined;
}

/** The datatype IRI of a numeric type. */
export function getNumericDatatype(type: NumericType): string {
  return XSD + type;
}

const INTEGER_PATTERN = /^[+-]?\d+$/u;
const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?$/u;
const DOUBLE_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/u;

/** Builds an exact numeric from an unscaled bigint and a scale. */
export function createExactNumeric(type: 'integer' | 'decimal', big: bigint, scale: number): Numeric {
  return { type, big, scale, num: Number(big) / 10 ** scale };
}

/** Builds a float or double numeric. */
export function createApproximateNumeric(type: 'float' | 'double', num: number): Numeric {
  return { type, big: 0n, scale: 0, num: type === 'float' ? Math.fround(num) : num };
}

/**
 * Parses the lexical form of a numeric literal of the given type.
 * @returns the value, or undefined when the lexical form is not valid for the type (an ill-typed literal)
 */
export function parseNumeric(lexical: string, type: NumericType): Numeric | undefined {
  const text = lexical.trim();
  switch (type) {
    case 'integer':
      return INTEGER_PATTERN.test(text) ? createExactNumeric('integer', BigInt(text), 0) : undefined;
    case 'decimal': {
      const match = DECIMAL_PATTERN.exec(text);
      if (match === null) return undefined;
      const [, sign = '', whole = '', fraction = ''] = match;
      if (whole === '' && fraction === '') return undefined;
      const digits = `${whole}${fraction}` === '' ? '0' : `${whole}${fraction}`;
      const big = BigInt(digits);
      return createExactNumeric('decimal', sign === '-' ? -big : big, fraction.length);
    }
    case 'float':
    case 'double': {
      if (text === 'INF' || text === '+INF') return createApproximateNumeric(type, Infinity);
      if (text === '-INF') return createApproximateNumeric(type, -Infinity);
      if (text === 'NaN') return createApproximateNumeric(type, NaN);
      return DOUBLE_PATTERN.test(text) ? createApproximateNumeric(type, Number(text)) : undefined;
    }
  }
}

const TYPE_RANK: Record<NumericType, number> = { integer: 0, decimal: 1, float: 2, double: 3 };

/** The promoted type of a binary numeric operation. */
export function promoteNumericTypes(left: NumericType, right: NumericType): NumericType {
  return TYPE_RANK[left] >= TYPE_RANK[right] ? left : right;
}

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

/** Aligns two exact numerics to the same scale. */
function align(left: Numeric, right: Numeric): [bigint, bigint, number] {
  if (left.scale === right.scale) return [left.big, right.big, left.scale];
  if (left.scale > right.scale) return [left.big, right.big * pow10(left.scale - right.scale), left.scale];
  return [left.big * pow10(right.scale - left.scale), right.big, right.scale];
}

function isExact(type: NumericType): type is 'integer' | 'decimal' {
  return type === 'integer' || type === 'decimal';
}

/** op:numeric-add */
export function addNumerics(left: Numeric, right: Numeric): Numeric {
  const type = promoteNumericTypes(left.type, right.type);
  if (!isExact(type)) return createApproximateNumeric(type, left.num + right.num);
  const [a, b, scale] = align(left, right);
  return createExactNumeric(type, a + b, scale);
}

/** op:numeric-subtract */
export function subtractNumerics(left: Numeric, right: Numeric): Numeric {
  const type = promoteNumericTypes(left.type, right.type);
  if (!isExact(type)) return createApproximateNumeric(type, left.num - right.num);
  const [a, b, scale] = align(left, right);
  return createExactNumeric(type, a - b, scale);
}

/** op:numeric-multiply */
export function multiplyNumerics(left: Numeric, right: Numeric): Numeric {
  const type = promoteNumericTypes(left.type, right.type);
  if (!isExact(type)) return createApproximateNumeric(type, left.num * right.num);
  return normaliseScale(createExactNumeric(type, left.big * right.big, left.scale + right.scale));
}

/** Fractional digits kept by decimal division (XPath leaves the precision to the implementation). */
const DIVISION_SCALE = 24;

/**
 * op:numeric-divide. Integer and decimal division gives a decimal rounded half away from zero to
 * 24 fractional digits; division of an integer or decimal by zero is an error.
 * @returns the quotient, or undefined for an error
 */
export function divideNumerics(left: Numeric, right: Numeric): Numeric | undefined {
  const promoted = promoteNumericTypes(left.type, right.type);
  if (!isExact(promoted)) return createApproximateNumeric(promoted, left.num / right.num);
  if (right.big === 0n) return undefined;
  // left / right = (L * 10^rs) / (R * 10^ls); scaled by 10^DIVISION_SCALE.
  let numerator = left.big * pow10(right.scale + DIVISION_SCALE);
  let denominator = right.big * pow10(left.scale);
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const rounded =
    2n * (remainder < 0n ? -remainder : remainder) >= denominator ? quotient + (numerator < 0n ? -1n : 1n) : quotient;
  return normaliseScale(createExactNumeric('decimal', rounded, DIVISION_SCALE));
}

/** Removes trailing fractional zeros of an exact numeric (keeps its type). */
export function normaliseScale(value: Numeric): Numeric {
  if (!isExact(value.type) || value.scale === 0) return value;
  let { big, scale } = value;
  while (scale > 0 && big % 10n === 0n) {
    big /= 10n;
    scale -= 1;
  }
  return createExactNumeric(value.type, big, scale);
}

/** Converts a numeric to another type (used by casts and by promotion in comparisons). */
export function convertNumeric(value: Numeric, type: NumericType): Numeric | undefined {
  if (value.type === type) return value;
  switch (type) {
    case 'float':
    case 'double':
      return createApproximateNumeric(type, value.num);
    case 'decimal':
      if (isExact(value.type)) return createExactNumeric('decimal', value.big, value.scale);
      if (!Number.isFinite(value.num)) return undefined;
      return parseNumeric(formatPlainNumber(value.num), 'decimal');
    case 'integer':
      if (isExact(value.type)) return createExactNumeric('integer', value.big / pow10(value.scale), 0);
      if (!Number.isFinite(value.num)) return undefined;
      return createExactNumeric('integer', BigInt(Math.trunc(value.num)), 0);
  }
}

/** Formats a finite JS number without an exponent. */
function formatPlainNumber(value: number): string {
  const text = String(value);
  if (!/e/iu.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/u, '');
}

/**
 * Compares two numerics by value.
 * @returns negative, zero or positive; NaN when either is NaN (then every comparison is false)
 */
export function compareNumerics(left: Numeric, right: Numeric): number {
  if (isExact(left.type) && isExact(right.type)) {
    const [a, b] = align(left, right);
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (Number.isNaN(left.num) || Number.isNaN(right.num)) return NaN;
  return left.num === right.num ? 0 : left.num < right.num ? -1 : 1;
}

/** The canonical lexical form of a numeric (`2.0` for decimals, `1.5E0` for doubles). */
export function formatNumeric(value: Numeric): string {
  switch (value.type) {
    case 'integer':
      return value.big.toString();
    case 'decimal': {
      const normalised = normaliseScale(value);
      const negative = normalised.big < 0n;
      const digits = (negative ? -normalised.big : normalised.big).toString().padStart(normalised.scale + 1, '0');
      const whole = digits.slice(0, digits.length - normalised.scale);
      const fraction = normalised.scale === 0 ? '0' : digits.slice(digits.length - normalised.scale);
      return `${negative ? '-' : ''}${whole}.${fraction}`;
    }
    case 'float':
    case 'double': {
      if (Number.isNaN(value.num)) return 'NaN';
      if (value.num === Infinity) return 'INF';
      if (value.num === -Infinity) return '-INF';
      const [mantissa = '0', exponent = '0'] = value.num.toExponential().split('e');
      return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
    }
  }
}

/** The zero of xsd:integer, the value of SUM and AVG over no values. */
export const INTEGER_ZERO: Numeric = createExactNumeric('integer', 0n, 0);
