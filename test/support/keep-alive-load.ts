import * as http from 'node:http';

export interface LoadTally {
  statuses: Record<number, number>;
  errors: Record<string, number>;
}

/**
 * `connections` keep-alive clients each sending `body` to POST `path` back to back until stop() (or until the
 * server refuses new connections: what a client sees once the listener has closed, before a request is sent).
 */
export function keepAliveLoad(url: string, path: string, body: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const tally: LoadTally = { statuses: {}, errors: {} };
  let stopped = false;
  const one = () =>
    new Promise<string | undefined>((resolve) => {
      const req = http.request(`${url}${path}`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          tally.statuses[res.statusCode ?? 0] = (tally.statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve(undefined);
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? error.message;
        tally.errors[code] = (tally.errors[code] ?? 0) + 1;
        resolve(code);
      });
      req.end(body);
    });
  const workers = Array.from({ length: connections }, async () => {
    while (!stopped) if ((await one()) === 'ECONNREFUSED') return;
  });
  return {
    tally,
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
      agent.destroy();
    },
    done: () => Promise.all(workers),
  };
}
