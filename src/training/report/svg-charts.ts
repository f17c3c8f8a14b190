export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

export interface LineSeries {
  name: string;
  /** y by x index; NaN leaves a gap. */
  values: number[];
  color: string;
  dashed?: boolean;
}

const WIDTH = 720;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 160, bottom: 50, left: 70 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const round = (x: number) => Math.round(x * 100) / 100;

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= value)!;
}

function frame(title: string, body: string[], legend: { name: string; color: string; dashed?: boolean }[]): string {
  const legendItems = legend.map((item, i) => {
    const y = MARGIN.top + 10 + i * 20;
    const x = WIDTH - MARGIN.right + 15;
    const dash = item.dashed ? ' stroke-dasharray="5 3"' : '';
    return `<line x1="${x}" y1="${y}" x2="${x + 20}" y2="${y}" stroke="${item.color}" stroke-width="4"${dash}/><text x="${x + 26}" y="${y + 4}">${escapeXml(item.name)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...body,
    ...legendItems,
    '</svg>',
    '',
  ].join('\n');
}

function yAxis(max: number, format: (v: number) => string, min = 0): string[] {
  const lines: string[] = [];
  for (let i = 0; i <= 5; i++) {
    const value = min + ((max - min) * i) / 5;
    const y = round(MARGIN.top + PLOT_H - (PLOT_H * i) / 5);
    lines.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + PLOT_W}" y2="${y}" stroke="#ddd"/>`);
    lines.push(`<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${escapeXml(format(value))}</text>`);
  }
  return lines;
}

/** Grouped bars: one group per category, one bar per series. */
export function groupedBarChart(title: string, categories: string[], series: BarSeries[], format: (v: number) => string, xLabel: string): string {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter(Number.isFinite))));
  const group = PLOT_W / categories.length;
  const bar = (group * 0.8) / series.length;
  const body = yAxis(max, format);
  categories.forEach((category, c) => {
    const x0 = MARGIN.left + c * group + group * 0.1;
    series.forEach((s, i) => {
      const value = Number.isFinite(s.values[c]) ? s.values[c] : 0;
      const h = (PLOT_H * value) / max;
      body.push(`<rect x="${round(x0 + i * bar)}" y="${round(MARGIN.top + PLOT_H - h)}" width="${round(bar - 1)}" height="${round(h)}" fill="${s.color}"><title>${escapeXml(`${s.name} ${category}: ${format(value)}`)}</title></rect>`);
    });
    body.push(`<text x="${round(x0 + group * 0.4)}" y="${MARGIN.top + PLOT_H + 16}" text-anchor="middle">${escapeXml(category)}</text>`);
  });
  body.push(`<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(xLabel)}</text>`);
  return frame(title, body, series);
}

/** Lines over a shared x axis of labels (e.g. months); every `labelEvery`-th label is printed. */
export function lineChart(title: string, labels: string[], series: LineSeries[], format: (v: number) => string, labelEvery = 6): string {
  const all = series.flatMap((s) => s.values.filter(Number.isFinite));
  const low = Math.min(...all);
  const min = low > 0 ? 0 : low;
  const max = niceMax(Math.max(...all));
  const step = labels.length > 1 ? PLOT_W / (labels.length - 1) : 0;
  const y = (v: number) => round(MARGIN.top + PLOT_H - (PLOT_H * (v - min)) / (max - min));
  const body = yAxis(max, format, min);
  labels.forEach((label, i) => {
    if (i % labelEvery !== 0) return;
    const x = round(MARGIN.left + i * step);
    body.push(`<text x="${x}" y="${MARGIN.top + PLOT_H + 16}" text-anchor="middle">${escapeXml(label)}</text>`);
  });
  for (const s of series) {
    const segments: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (Number.isFinite(v)) segments[segments.length - 1].push(`${round(MARGIN.left + i * step)},${y(v)}`);
      else if (segments[segments.length - 1].length > 0) segments.push([]);
    });
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    for (const points of segments.filter((p) => p.length > 0)) {
      body.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${points.join(' ')}"/>`);
    }
  }
  return frame(title, body, series);
}
