import { EvaluateArgumentsError, parseEvaluateArgs } from './evaluate-args';

describe('parseEvaluateArgs', () => {
  it('defaults to the model and all baselines, offsets 18, 24, 30 and horizon 18, with the training CLI\'s column defaults', () => {
    expect(parseEvaluateArgs(['--data', 'x.csv'])).toEqual({
      data: ['x.csv'],
      columns: { country: 'country', sku: 'sku', month: 'month', quantity: 'quantity', attributes: ['industry_group'] },
      dropInvalid: false,
      methods: ['model', 'seasonal-naive', 'holt-winters', 'augurs-mstl-ets'],
      originOffsets: [18, 24, 30],
      horizon: 18,
      minHistory: 13,
      reportPath: undefined,
    });
  });

  it.each([
    { name: 'repeated --data', argv: ['--data', 'a.csv', '--data', 'b.csv'], data: ['a.csv', 'b.csv'] },
    { name: 'a comma list', argv: ['--data', 'a.csv,b.csv'], data: ['a.csv', 'b.csv'] },
    { name: 'a quoted glob, kept for expansion', argv: ['--data=dir/part*.csv'], data: ['dir/part*.csv'] },
    { name: 'a glob the shell expanded', argv: ['--data', 'dir/part1.csv', 'dir/part2.csv', '--origins', '18'], data: ['dir/part1.csv', 'dir/part2.csv'] },
  ])('takes several data files: $name', ({ argv, data }) => expect(parseEvaluateArgs(argv)).toMatchObject({ data }));

  it('passes the column options through the training CLI parser, in both spellings', () => {
    const options = parseEvaluateArgs(['--data', 'm3.csv', '--country-column', 'region', '--sku-column=series_id', '--quantity-column', 'value', '--attributes', '', '--origins', '18', '--method', 'augurs-mstl-ets,model', '--report', 'r.md']);
    expect(options).toMatchObject({
      columns: { country: 'region', sku: 'series_id', month: 'month', quantity: 'value', attributes: [] },
      originOffsets: [18],
      methods: ['augurs-mstl-ets', 'model'],
      reportPath: 'r.md',
    });
  });

  it('reads --only-ending as a month', () => {
    expect(parseEvaluateArgs(['--data', 'x.csv', '--only-ending', '2018-12'])).toMatchObject({ onlyEnding: 2018 * 12 + 11 });
  });

  it.each([
    { argv: [], message: '--data <csv> is required' },
    { argv: ['--data', 'x.csv', '--method', 'prophet'], message: '--method "prophet" is not one of model, seasonal-naive, holt-winters, augurs-mstl-ets' },
    { argv: ['--data', 'x.csv', '--origins', '18,0'], message: '--origins must be an integer >= 1, got "0"' },
    { argv: ['--data', 'x.csv', '--origins', '18,18'], message: '--origins lists an offset twice: 18,18' },
    { argv: ['--data', 'x.csv', '--horizon', '1.5'], message: '--horizon must be an integer >= 1, got "1.5"' },
    { argv: ['--data', 'x.csv', '--report', 'r.html'], message: '--report "r.html" must name a .md file' },
    { argv: ['--data', 'x.csv', '--only-ending', '2018-13'], message: '--only-ending "2018-13" must be a month in YYYY-MM form' },
    { argv: ['--data', 'x.csv', '--registry', 'file:x'], message: "Unknown option '--registry'" },
    { argv: ['--data', 'x.csv', '--attributes', '--origins', '18'], message: "argument missing" },
  ])('refuses $argv', ({ argv, message }) => {
    expect(() => parseEvaluateArgs(argv)).toThrow(EvaluateArgumentsError);
    expect(() => parseEvaluateArgs(argv)).toThrow(message);
  });
});
