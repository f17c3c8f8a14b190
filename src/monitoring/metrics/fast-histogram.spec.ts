import { Histogram, Registry } from 'prom-client';
import { FastHistogram } from './fast-histogram';

const BUCKETS = [0.001, 0.005, 0.01, 0.1, 1];
const VALUES = [0.0004, 0.001, 0.003, 0.005, 0.0051, 0.02, 0.5, 1, 7, 0];

describe('FastHistogram', () => {
  it('exposes exactly what a prom-client histogram exposes for the same observations', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Histogram({ name: 'x_seconds', help: 'h', labelNames: ['stage', 'version'], buckets: BUCKETS, registers: [theirs] });
    const fast = new FastHistogram('x_seconds', 'h', ['stage', 'version'], BUCKETS, [ours]);
    const inference = fast.labels({ stage: 'inference', version: '1' });
    const pre = fast.labels({ stage: 'preprocess', version: '1' });
    VALUES.forEach((v, i) => {
      reference.observe({ stage: i % 3 ? 'inference' : 'preprocess', version: '1' }, v);
      (i % 3 ? inference : pre)(v);
    });
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('shows a labelled child only once observed, and an unlabelled histogram at zero from the start', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    new Histogram({ name: 'a', help: 'h', labelNames: ['stage'], buckets: BUCKETS, registers: [theirs] });
    new Histogram({ name: 'b', help: 'h', buckets: BUCKETS, registers: [theirs] });
    const a = new FastHistogram('a', 'h', ['stage'], BUCKETS, [ours]);
    new FastHistogram('b', 'h', [], BUCKETS, [ours]);
    a.labels({ stage: 'inference' });
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('zeroes on reset and keeps the recorders handed out working', async () => {
    const registry = new Registry();
    const fast = new FastHistogram('r', 'h', ['stage'], BUCKETS, [registry]);
    const record = fast.labels({ stage: 'inference' });
    record(0.5);
    fast.reset();
    expect(await registry.metrics()).not.toContain('r_count');
    record(0.002);
    expect(await registry.metrics()).toContain('r_count{stage="inference"} 1');
    expect(await registry.metrics()).toContain('r_sum{stage="inference"} 0.002');
  });

  it('drops non-finite values instead of failing the caller, and refuses bad buckets and missing labels', () => {
    const fast = new FastHistogram('n', 'h', [], BUCKETS, []);
    expect(() => fast.observe(Number.NaN)).not.toThrow();
    expect(fast.get().values.find((v) => v.metricName === 'n_count')!.value).toBe(0);
    expect(() => new FastHistogram('bad', 'h', [], [1, 0.5], [])).toThrow(RangeError);
    expect(() => new FastHistogram<'stage'>('l', 'h', ['stage'], BUCKETS, []).labels({} as { stage: string })).toThrow(/stage/);
  });
});
