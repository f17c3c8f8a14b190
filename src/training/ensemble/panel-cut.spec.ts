import { actualsAfter, cutPanel, panelEnd, spreadSample } from './panel-cut';

const series = (sku: string, start: number, n: number) => ({ country: 'X', sku, start, values: Array.from({ length: n }, (_, i) => i + 1) });

describe('panel cuts', () => {
  it('cuts every series at its own end, whatever month that is, and drops series left too short', () => {
    const panel = [series('a', 0, 30), series('b', 10, 20), series('c', 5, 18)];
    const cut = cutPanel(panel, 18);
    expect(cut.map((s) => [s.sku, s.start, s.values.length])).toEqual([
      ['a', 0, 12],
      ['b', 10, 2],
    ]);
    expect(panelEnd(cut)).toBe(11);
    expect(panel[0].values).toHaveLength(30);
  });

  it('reads the actuals after a cut from the full series, NaN beyond its end', () => {
    const full = series('a', 0, 5);
    expect(Array.from(actualsAfter(full, 3, 4))).toEqual([4, 5, NaN, NaN]);
  });

  it('samples evenly and deterministically', () => {
    expect(spreadSample(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(spreadSample(10, 4)).toEqual([0, 2, 5, 7]);
  });
});
