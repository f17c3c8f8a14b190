import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Registry } from 'prom-client';
import { AppConfig } from '../../config/app-config';

/** A management route's answer: computed on each GET, JSON-encoded. */
export type ManagementRoute = () => { status: number; body: unknown };

/**
 * The management port: GET /metrics from this app's own registry, and the routes the layers above register
 * (the health probes), kept off the API port so public traffic never reaches them, and so a flood of API
 * connections never stands between the kubelet and a probe. Listens during module init (port 0 picks a free
 * port, read back from `port`).
 */
@Injectable()
export class MetricsServer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;
  private boundPort = -1;
  private readonly routes = new Map<string, ManagementRoute>();

  constructor(
    private readonly registry: Registry,
    private readonly config: AppConfig,
  ) {}

  /** The port actually listened on; -1 before listening. */
  get port(): number {
    return this.boundPort;
  }

  /** Answers GET `path` on the management port (the health module registers its probes here). */
  route(path: string, answer: ManagementRoute): void {
    this.routes.set(path, answer);
  }

  async onModuleInit(): Promise<void> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const route = this.routes.get(path);
      if (route && (req.method === 'GET' || req.method === 'HEAD')) {
        const { status, body } = route();
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text);
        return;
      }
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: metrics are at GET /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(req.method === 'HEAD' ? undefined : body),
        (error: unknown) => {
          this.logger.error(`metrics collection failed: ${error instanceof Error ? error.message : String(error)}`);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
        },
      );
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    this.logger.log(`metrics on http://${this.config.host}:${this.boundPort}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
