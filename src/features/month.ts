/** A calendar month as a count of months since year 0 (January = 0), so month arithmetic is integer addition. */
export type MonthIndex = number;

/**
 * The one grammar of a calendar month, in requests, answers, data files, log keys and arguments: YYYY-MM,
 * zero-padded, January = 01. Request DTOs match it, the OpenAPI document and the derived schemas carry its source.
 */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The rule text a reader sees when a month breaks MONTH_PATTERN. */
export const MONTH_RULE = 'must be a month in YYYY-MM form';

export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

export function parseMonth(text: string): MonthIndex {
  if (!isMonth(text)) throw new RangeError(`"${text}" ${MONTH_RULE}`);
  return Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;
}

export function formatMonth(index: MonthIndex): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** 1 = January ... 12 = December. */
export function monthOfYear(index: MonthIndex): number {
  return (((index % 12) + 12) % 12) + 1;
}
