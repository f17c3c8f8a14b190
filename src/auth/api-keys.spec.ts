import { ApiKeys } from './api-keys';

describe('ApiKeys', () => {
  const file = ['# comment', '', `gateway-a:${ApiKeys.hash('secret-a')}:Forecast.Create,Model.Read`, `gateway-b:${ApiKeys.hash('secret-b')}:Actuals.Write`].join('\n');

  it('finds the consumer of a key by its hash, with its roles', () => {
    const keys = ApiKeys.parse(file, 'keys');
    expect(keys.verify('secret-a')).toEqual({ clientId: 'gateway-a', roles: new Set(['Forecast.Create', 'Model.Read']), via: 'api-key' });
    expect(keys.verify('secret-b')?.clientId).toBe('gateway-b');
    expect(keys.verify('secret-c')).toBeUndefined();
    expect(keys.verify('')).toBeUndefined();
  });

  it.each(['gateway-a:plain-text-key:Forecast.Create', `gateway-a:${ApiKeys.hash('x')}`, `:${ApiKeys.hash('x')}:Forecast.Create`])('refuses the malformed line %s, naming the line', (line) => {
    expect(() => ApiKeys.parse(`# ok\n${line}`, '/etc/keys')).toThrow('/etc/keys line 2 must be <client-id>:<sha256 hex>:<roles>');
  });
});
