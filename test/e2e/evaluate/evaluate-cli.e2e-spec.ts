import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatMonth, parseMonth } from '../../../src/features/month';
import { runEvaluateCli } from '../../../src/evaluate/evaluate-cli';

let folder: string;
let dataPath: string;

/** Six series in three regions that start and end on different dates; S4 is a quarter zeros. */
function fixtureCsv(): string {
  const lines = ['series_id,region,product,month,value'];
  const specs = [
    { id: 'S1', region: 'NORTH', start: '2015-01', months: 60, level: 100 },
    { id: 'S2', region: 'NORTH', start: '2016-07', months: 54, level: 40 },
    { id: 'S3', region: 'SOUTH', start: '2014-01', months: 48, level: 250 },
    { id: 'S4', region: 'SOUTH', start: '2017-01', months: 36, level: 12, zeros: true },
    { id: 'S5', region: 'EAST', start: '2018-01', months: 30, level: 70 },
    { id: 'S6', region: 'EAST', start: '2015-06', months: 72, level: 500 },
  ];
  for (const s of specs) {
    for (let t = 0; t < s.months; t++) {
      const seasonal = 1 + 0.3 * Math.sin((2 * Math.PI * t) / 12);
      const value = s.zeros && t % 4 === 0 ? 0 : Math.round(s.level * seasonal * (1 + 0.004 * t) + ((t * 37) % 7) - 3);
      lines.push(`${s.id},${s.region},${s.id},${formatMonth(parseMonth(s.start) + t)},${Math.max(0, value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

const COLUMNS = ['--country-column', 'region', '--sku-column', 'series_id', '--quantity-column', 'value', '--attributes', ''];

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'evaluate-e2e-'));
  dataPath = path.join(folder, 'panel.csv');
  await fs.writeFile(dataPath, fixtureCsv());
});
afterAll(() => fs.rm(folder, { recursive: true, force: true }));

describe('npm run evaluate on a small panel', () => {
  it('scores all baselines at two origins and writes the report, its charts and its warnings', async () => {
    const reportPath = path.join(folder, 'evaluation.md');
    const c = capture();
    const code = await runEvaluateCli(['--data', dataPath, ...COLUMNS, '--origins', '6,12', '--horizon', '6', '--method', 'seasonal-naive,holt-winters,augurs-mstl-ets', '--report', reportPath], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    expect(c.out()).toContain('loaded 6 series');
    expect(c.out()).toMatch(/WARNING: origin -6 rests on only 6 series \(fewer than 30\)/);
    for (const method of ['seasonal-naive', 'holt-winters', 'augurs-mstl-ets']) expect(c.out()).toMatch(new RegExp(`^${method}: WAPE \\d+\\.\\d\\d%, bias [+-]\\d`, 'm'));
    expect(c.out()).toMatch(/augurs-mstl-ets: .*80% coverage \d+\.\d\d%/);

    const report = await fs.readFile(reportPath, 'utf8');
    for (const heading of ['## Warnings', '## Origins', '## Overall (all origins)', '## Per origin', '## By horizon bucket', '### By history length', '### By share of zeros', '### By volume quartile', '### By country', '## Methods that served each segment', '## Interval coverage']) {
      expect(report).toContain(heading);
    }
    expect(report).toContain('- origin -6 rests on only 6 series (fewer than 30)');
    // Each series is cut at its own end: S3 ends 2017-12, S6 2021-05; at -12 S5 keeps 18 months.
    expect(report).toContain('| -6 | 6 | 0 | 36 | 2017-06 .. 2020-11 |');
    expect(report).toContain('| -12 | 6 | 0 | 36 | 2016-12 .. 2020-05 |');
    expect(report).toContain('| share of zeros | (0,30%) | 2 | augurs_mstl_ets 2 |');
    expect(report).toContain('| history length | <24 | 1 | augurs_autoets 1 |');
    const charts = await fs.readdir(path.join(folder, 'evaluation'));
    expect(charts.sort()).toEqual(['coverage-by-horizon.svg', 'wape-by-country.svg', 'wape-by-history-length.svg', 'wape-by-horizon.svg', 'wape-by-share-of-zeros.svg', 'wape-by-volume-quartile.svg']);
    for (const chart of charts) expect(report).toContain(`](evaluation/${chart})`);
  });

  it('trains the project model on each cut panel and scores it with its intervals and methods', async () => {
    const reportPath = path.join(folder, 'model.md');
    const c = capture();
    const code = await runEvaluateCli(['--data', dataPath, ...COLUMNS, '--origins', '6', '--horizon', '6', '--method', 'model,seasonal-naive', '--report', reportPath], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    expect(c.out()).toMatch(/^model: WAPE \d+\.\d\d%, bias [+-]\d.*80% coverage \d+\.\d\d%/m);
    const report = await fs.readFile(reportPath, 'utf8');
    // Every series is answered, those shorter than the trees' 48 months too, and each names its method.
    expect(report).toMatch(/\| history length \| 24-47 \| 3 \| ets\(.*\+theta/);
  });

  it('with --only-ending scores only the series that end that month', async () => {
    const c = capture();
    const code = await runEvaluateCli(['--data', dataPath, ...COLUMNS, '--only-ending', '2019-12', '--origins', '6', '--horizon', '6', '--method', 'seasonal-naive'], c.io);
    expect(code).toBe(0);
    // S1 and S4 end 2019-12.
    expect(c.out()).toContain('scoring 2 of 6, those ending 2019-12');
    expect(c.out()).toContain('WARNING: origin -6 rests on only 2 series');
  });

  it.each([
    { name: 'a month no series ends in', argv: () => ['--data', dataPath, ...COLUMNS, '--only-ending', '2030-01'], code: 2, err: '--only-ending 2030-01: no series of the 6 ends that month' },
    { name: 'an unknown option', argv: () => ['--data', dataPath, '--bogus'], code: 2, err: "Unknown option '--bogus'" },
    { name: 'a missing file', argv: () => ['--data', path.join(folder, 'missing.csv'), ...COLUMNS], code: 2, err: 'cannot read --data' },
    { name: 'columns the file lacks', argv: () => ['--data', dataPath], code: 2, err: 'the header lacks column(s) country, sku, quantity, industry_group' },
  ])('exits $code on $name', async ({ argv, code, err }) => {
    const c = capture();
    expect(await runEvaluateCli(argv(), c.io)).toBe(code);
    expect(c.err()).toContain(err);
    expect(c.err()).not.toMatch(/\n\s+at /);
  });
});
