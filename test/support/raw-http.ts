import * as net from 'node:net';

export interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Writes `chunks` to a fresh socket (pausing `gapMs` between them) and reads until the server closes it. */
export function rawRequest(url: string, chunks: string[], gapMs = 0): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body: rest.join('\r\n\r\n') });
    });
    socket.on('connect', async () => {
      for (const [i, chunk] of chunks.entries()) {
        if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        if (!socket.writable) return;
        socket.write(chunk);
      }
    });
  });
}
