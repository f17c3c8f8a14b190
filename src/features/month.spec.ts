import { formatMonth, isMonth, monthOfYear, parseMonth } from './month';

describe('the month grammar', () => {
  it.each(['2024-01', '2024-12', '0000-01', '9999-09'])('accepts %s', (text) => {
    expect(isMonth(text)).toBe(true);
    expect(formatMonth(parseMonth(text))).toBe(text);
  });

  it.each(['2024-13', '2024-00', '2024-1', '24-01', '02024-01', '2024/01', '2024-01-01', ' 2024-01', ''])('rejects %j', (text) => {
    expect(isMonth(text)).toBe(false);
    expect(() => parseMonth(text)).toThrow(`"${text}" must be a month in YYYY-MM form`);
  });

  it('counts months as integers, January of year 0 first', () => {
    expect(parseMonth('0000-01')).toBe(0);
    expect(parseMonth('2024-03') - parseMonth('2023-12')).toBe(3);
    expect(monthOfYear(parseMonth('2024-12'))).toBe(12);
  });
});
