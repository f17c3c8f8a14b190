import { findObject, renderChart } from './support/chart-renderer';
import { valuesErrors } from './support/values-schema';

/* eslint-disable @typescript-eslint/no-explicit-any */
const envOf = (objects: ReturnType<typeof renderChart>) =>
  Object.fromEntries((findObject(objects, 'Deployment') as any).spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));

describe('the chart requires authentication of API consumers', () => {
  it('refuses values with no way to check credentials, or a malformed tenant', () => {
    expect(valuesErrors({ auth: { apiKeys: { secretName: '' } } })).not.toEqual([]);
    expect(valuesErrors({ auth: { apiKeys: { secretName: '' }, entra: { tenantId: 'not-a-guid', audience: 'api://x' } } })).not.toEqual([]);
    expect(valuesErrors({ auth: { apiKeys: { secretName: '' }, entra: { tenantId: '11111111-2222-3333-4444-555555555555', audience: '' } } })).not.toEqual([]);
    expect(valuesErrors({ auth: { apiKeys: { secretName: '' }, entra: { tenantId: '11111111-2222-3333-4444-555555555555', audience: 'api://demand-forecast' } } })).toEqual([]);
    expect(valuesErrors({ tests: { apiKeySecret: { name: 'k' } } })).not.toEqual([]);
  });

  it('turns authentication on with the tenant key set, issuer and audience from values', () => {
    const env = envOf(renderChart([{ auth: { apiKeys: { secretName: '' }, entra: { tenantId: '11111111-2222-3333-4444-555555555555', audience: 'api://demand-forecast' } } }]));
    expect(env).toMatchObject({
      AUTH_ENABLED: 'true',
      AUTH_JWKS_URL: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys',
      AUTH_ISSUER: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      AUTH_AUDIENCE: 'api://demand-forecast',
      RATE_LIMIT_PER_MINUTE: '600',
    });
    expect(env.AUTH_API_KEYS_FILE).toBeUndefined();
  }, 120_000);
});
