/**
 * Ceiling of every quantity a client sends (history values, actuals): far above any real monthly demand, and far
 * enough below Number.MAX_VALUE that scaling, summing and squaring quantities stays finite.
 */
export const MAX_QUANTITY = 1e12;

/** The rule text a client sees when a quantity is not a number in [0, MAX_QUANTITY]. */
export const QUANTITY_RULE = 'must be a finite number >= 0 and <= 1e12';

export function isQuantity(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= MAX_QUANTITY;
}
