import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';

/** How long after the listener closes idle keep-alive sockets are left alone, so requests in transit land. */
export const IDLE_CLOSE_DELAY_MS = 500;

/**
 * Makes `server.close()` stop listening without destroying idle connections at once. Node's own close destroys
 * every connection without a request in progress, and that includes one just accepted whose request bytes are
 * still in the kernel: the client sees ECONNRESET for a request it had sent (16-17 per rollout under 16
 * keep-alive connections). Here the listener closes, requests in transit are parsed and served, each answer from
 * then on says `Connection: close` (onListenerClosed) so every keep-alive client leaves after its next answer,
 * and only connections that stayed idle are closed. Measured: telling clients to close from SIGTERM instead made
 * them reconnect during the drain, and connections still in the accept backlog when the listener closed were
 * reset by the kernel (14 of 16 runs' worth).
 */
export function closeListenerGracefully(server: Server, onListenerClosed: () => void): void {
  server.close = function close(callback?: (error?: Error) => void): Server {
    onListenerClosed();
    NetServer.prototype.close.call(server, callback);
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_CLOSE_DELAY_MS);
    sweep.unref();
    server.once('close', () => clearInterval(sweep));
    return server;
  };
}
