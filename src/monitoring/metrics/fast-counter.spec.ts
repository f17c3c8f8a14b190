import { Counter, Registry } from 'prom-client';
import { FastCounter } from './fast-counter';

describe('FastCounter', () => {
  it('exposes exactly what a prom-client counter exposes for the same increments', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Counter({ name: 'x_total', help: 'h', labelNames: ['outcome'], registers: [theirs] });
    const plain = new Counter({ name: 'rows_total', help: 'r', registers: [theirs] });
    const fast = new FastCounter('x_total', 'h', ['outcome'], [ours]);
    const fastPlain = new FastCounter('rows_total', 'r', [], [ours]);
    const success = fast.labels({ outcome: 'success' });
    const failed = fast.labels({ outcome: 'client_error' });
    reference.labels({ outcome: 'success' }).inc();
    success();
    reference.inc({ outcome: 'client_error' }, 0);
    failed(0);
    reference.inc({ outcome: 'success' }, 12);
    success(12);
    plain.inc(48);
    fastPlain.inc(48);
    plain.inc();
    fastPlain.inc();
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('x_total{outcome="success"} 13');
  });

  it('shows an unlabelled counter at zero from the start, and drops values prom-client would throw on', async () => {
    const registry = new Registry();
    const fast = new FastCounter('n_total', 'h', [], [registry]);
    expect(await registry.metrics()).toContain('n_total 0');
    expect(() => fast.inc(-1)).not.toThrow();
    expect(() => fast.inc(Number.NaN)).not.toThrow();
    expect(() => fast.inc(Infinity)).not.toThrow();
    fast.inc(2);
    expect(await registry.metrics()).toContain('n_total 2');
    expect(() => new FastCounter<'outcome'>('l_total', 'h', ['outcome'], []).labels({} as { outcome: string })).toThrow(/outcome/);
  });

  it('resets as a prom-client counter does: labelled children gone until counted again, unlabelled at zero', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Counter({ name: 'x_total', help: 'h', labelNames: ['bin'], registers: [theirs] });
    const plain = new Counter({ name: 'rows_total', help: 'r', registers: [theirs] });
    const fast = new FastCounter('x_total', 'h', ['bin'], [ours]);
    const fastPlain = new FastCounter('rows_total', 'r', [], [ours]);
    const before = fast.labels({ bin: '0' });
    before(3);
    reference.inc({ bin: '0' }, 3);
    fastPlain.inc(2);
    plain.inc(2);
    for (const c of [reference, plain, fast, fastPlain]) c.reset();
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).not.toContain('bin="0"');
    before(5); // resolved before the reset: counts into a child no longer exported
    fast.labels({ bin: '1' })(0);
    reference.inc({ bin: '1' }, 0);
    fastPlain.inc();
    plain.inc();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
