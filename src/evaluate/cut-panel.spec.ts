import { parseMonth } from '../features/month';
import { cutPanel } from './cut-panel';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
// A ends 2022-06, B ends 2021-12, C is short and ends 2021-10.
const panel = [
  { country: 'DE', sku: 'A', start: parseMonth('2020-01'), values: range(1, 30) },
  { country: 'DE', sku: 'B', start: parseMonth('2020-01'), values: range(101, 24) },
  { country: 'FR', sku: 'C', start: parseMonth('2021-01'), values: range(201, 10) },
];

describe('cutPanel', () => {
  it.each([
    {
      offset: 6,
      horizon: 4,
      minHistory: 13,
      expected: [
        { sku: 'A', cut: '2021-12', history: range(1, 24), actuals: [25, 26, 27, 28] },
        { sku: 'B', cut: '2021-06', history: range(101, 18), actuals: [119, 120, 121, 122] },
      ],
      tooShort: 1,
    },
    {
      offset: 3,
      horizon: 4,
      minHistory: 7,
      expected: [
        { sku: 'A', cut: '2022-03', history: range(1, 27), actuals: [28, 29, 30] },
        { sku: 'B', cut: '2021-09', history: range(101, 21), actuals: [122, 123, 124] },
        { sku: 'C', cut: '2021-07', history: range(201, 7), actuals: [208, 209, 210] },
      ],
      tooShort: 0,
    },
    { offset: 12, horizon: 18, minHistory: 13, expected: [{ sku: 'A', cut: '2021-06', history: range(1, 18), actuals: range(19, 12) }], tooShort: 2 },
  ])('cuts each series at its own last month minus $offset (min history $minHistory)', ({ offset, horizon, minHistory, expected, tooShort }) => {
    const cut = cutPanel(panel, offset, horizon, minHistory);
    expect(cut.tooShort).toBe(tooShort);
    expect(cut.series.map((s) => ({ sku: s.history.sku, cut: s.cut, history: s.history.values, actuals: s.actuals }))).toEqual(
      expected.map((e) => ({ ...e, cut: parseMonth(e.cut) })),
    );
    for (const s of cut.series) {
      expect(s.history.start).toBe(panel[s.seriesIndex].start);
      expect(s.history.start + s.history.values.length - 1).toBe(s.cut);
    }
  });

  it('leaves the panel it cuts untouched', () => {
    const before = JSON.stringify(panel);
    cutPanel(panel, 6, 4, 1)!.series[0].history.values.push(999);
    expect(JSON.stringify(panel)).toBe(before);
  });
});
