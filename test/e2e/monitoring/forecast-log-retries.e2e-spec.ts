/** @jest-environment ./test/fixtures/onnxruntime-jest-environment.js */
import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningService } from '../../../src/bootstrap';
import { createForecastLogStore, ForecastLogStore } from '../../../src/monitoring/forecast-log/create-forecast-log-store';
import { ObjectConflictError, RegistryUnavailableError } from '../../../src/registry/registry.errors';
import { startService, waitForReadiness } from '../../support/app';
import { azuriteAddress, RunningAzurite, startAzurite } from '../../support/azurite';
import { fetchMetrics, promtoolCheckMetrics, sampleValue } from './support/metrics-text';

jest.setTimeout(60_000);

/** A real Azurite behind a proxy that answers the next `failNext` requests with 503, and counts every request. */
class FaultyProxy {
  requests = 0;
  failNext = 0;
  private server?: Server;
  port = 0;

  constructor(private readonly upstreamPort: number) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests++;
      if (this.failNext > 0) {
        this.failNext--;
        req.resume();
        res.writeHead(503, { 'content-type': 'application/xml' }).end('<?xml version="1.0"?><Error><Code>ServerBusy</Code><Message>injected</Message></Error>');
        return;
      }
      const upstream = request({ host: '127.0.0.1', port: this.upstreamPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('forecast-log retries on Azurite: one retry layer, every retry counted', () => {
  let azurite: RunningAzurite;
  let proxy: FaultyProxy;
  let log: ForecastLogStore;
  const retries: string[] = [];

  beforeAll(async () => {
    azurite = await startAzurite();
    proxy = new FaultyProxy(azurite.port);
    await proxy.start();
    const { blobEndpoint, connectionString } = azuriteAddress(proxy.port);
    log = createForecastLogStore(`${blobEndpoint}/forecast-log`, { azureStorageConnectionString: connectionString, onRetry: (operation) => retries.push(operation) });
  });
  afterAll(async () => {
    await proxy?.stop();
    await azurite?.stop();
  });
  beforeEach(() => {
    retries.length = 0;
    proxy.failNext = 0;
  });

  /** Runs `action` with the next `failures` requests failing; returns how many requests reached the proxy. */
  async function requestsFor(failures: number, action: () => Promise<unknown>): Promise<number> {
    proxy.failNext = failures;
    const before = proxy.requests;
    await action();
    return proxy.requests - before;
  }

  it.each<[string, () => Promise<unknown>]>([
    ['prepare', () => log.prepare()],
    ['write', () => log.store.write('forecasts/m/2030-01/a', Buffer.from('one\n'), { ifNoneMatch: '*' })],
    ['list', () => log.store.list('forecasts/m/')],
    ['read', () => log.store.read('forecasts/m/2030-01/a')],
  ])('a transient failure of %s is retried once, and that retry is counted', async (operation, action) => {
    expect(await requestsFor(1, action)).toBe(2);
    expect(retries).toEqual([operation]);
  });

  it('reads back what was written through the failures', async () => {
    expect((await log.store.read('forecasts/m/2030-01/a'))?.data.toString()).toBe('one\n');
    expect(await log.store.list('forecasts/m/')).toEqual(['forecasts/m/2030-01/a']);
  });

  it('gives up after three attempts, with no retries hidden inside the SDK', async () => {
    proxy.failNext = 5;
    const before = proxy.requests;
    await expect(log.store.read('forecasts/m/2030-01/a')).rejects.toBeInstanceOf(RegistryUnavailableError);
    expect(proxy.requests - before).toBe(3);
    expect(retries).toEqual(['read', 'read']);
  });

  it('does not retry a refusal: a create-only write of an existing object is one request', async () => {
    proxy.failNext = 0;
    const before = proxy.requests;
    await expect(log.store.write('forecasts/m/2030-01/a', Buffer.from('two\n'), { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectConflictError);
    expect(proxy.requests - before).toBe(1);
    expect(retries).toEqual([]);
  });

  describe('in the booted service', () => {
    let service: RunningService;
    afterAll(async () => {
      await service?.close();
    });

    it('counts them in demand_forecast_forecast_log_retries_total and still answers the actuals', async () => {
      const { blobEndpoint, connectionString } = azuriteAddress(proxy.port);
      service = await startService({ FORECAST_LOG_URL: `${blobEndpoint}/service-log`, AZURE_STORAGE_CONNECTION_STRING: connectionString });
      expect((await waitForReadiness(service.url)).status).toBe(200);
      proxy.failNext = 1;
      const answer = await fetch(`${service.url}/v1/actuals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ actuals: [{ country: 'DE', sku: 'SKU-1', month: '2030-01', value: 5 }] }),
      });
      expect(answer.status).toBe(200);
      expect(proxy.failNext).toBe(0);
      const text = await fetchMetrics(Number(new URL(service.metricsUrl).port));
      const counted = ['prepare', 'list', 'read', 'write'].reduce((n, operation) => n + (sampleValue(text, 'demand_forecast_forecast_log_retries_total', { operation }) ?? 0), 0);
      expect(counted).toBe(1);
      promtoolCheckMetrics(text);
    });
  });
});
