import { groupedBarChart, lineChart } from './svg-charts';

describe('svg charts', () => {
  it('draws one bar per series and category, scaled to a round maximum', () => {
    const svg = groupedBarChart('WAPE', ['1', '2-3'], [{ name: 'model', values: [0.02, 0.04], color: '#111' }, { name: 'hw <x>', values: [0.03, 0.05], color: '#222' }], (v) => v.toFixed(2), 'months ahead');
    expect(svg.match(/<rect x=/g)).toHaveLength(4);
    expect(svg).toContain('hw &lt;x&gt;');
    // max 0.05 is already round; the top gridline is labelled with it
    expect(svg).toContain('>0.05</text>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('breaks lines at missing values', () => {
    const svg = lineChart('Series', ['a', 'b', 'c', 'd'], [{ name: 'history', values: [1, 2, Number.NaN, 4], color: '#000' }], String, 1);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
  });
});
