import { livenessReport, readinessReport } from './health-report';

describe('health reports', () => {
  it('liveness is always ok', () => {
    expect(livenessReport()).toEqual({ httpStatus: 200, body: { status: 'ok' } });
  });

  it('readiness is 200 only when ready', () => {
    expect(readinessReport({ state: 'ready', model: { name: 'm', version: 3 } })).toEqual({
      httpStatus: 200,
      body: { status: 'ready', model: { name: 'm', version: 3 } },
    });
  });

  it.each(['loading', 'failed', 'stopping'] as const)('readiness is 503 with the reason while %s', (state) => {
    expect(readinessReport({ state, reason: 'why', model: { name: 'm' } })).toEqual({
      httpStatus: 503,
      body: { status: state, reason: 'why', model: { name: 'm' } },
    });
  });
});
