import { tracingActive, tracingRequested, withSpan } from './tracing';

describe('tracingRequested', () => {
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
    [{ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }, false],
  ])('is %p → %p', (env, expected) => {
    expect(tracingRequested(env as NodeJS.ProcessEnv)).toBe(expected);
  });
});

describe('withSpan', () => {
  it('stays off without OTEL_* variables and still runs the work, sync and async', async () => {
    expect(tracingActive()).toBe(false);
    expect(withSpan('sync', { model: 'm' }, () => 42)).toBe(42);
    await expect(withSpan('async', {}, async () => 'done')).resolves.toBe('done');
  });

  it('passes errors through', async () => {
    expect(() => withSpan('sync', {}, () => { throw new Error('boom'); })).toThrow('boom');
    await expect(withSpan('async', {}, async () => { throw new Error('late'); })).rejects.toThrow('late');
  });
});
