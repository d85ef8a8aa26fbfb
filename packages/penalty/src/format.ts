import type { RatioInput } from '@zhidu/core';

/**
 * Prints fen as yuan with two decimals and no symbol (`5000` → `50.00`), for the arithmetic column.
 * Integer arithmetic only, so large amounts print exactly.
 */
export function yuanText(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const cents = abs % 100;
  return `${sign}${Math.trunc(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Prints a ratio the way a regulation writes it: `'10%'`, `0.5`, `100/2175`. */
export function ratioText(ratio: RatioInput): string {
  if (typeof ratio === 'number') return String(ratio);
  if (typeof ratio === 'string') return ratio;
  return `${ratio.numerator}/${ratio.denominator}`;
}
