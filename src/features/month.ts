/** A calendar month as a count of months since year 0 (January = 0), so month arithmetic is integer addition. */
export type MonthIndex = number;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

export function parseMonth(text: string): MonthIndex {
  const match = MONTH_PATTERN.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a month in YYYY-MM form`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
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
