import type { ServerResponse } from 'node:http';

/**
 * Aborted when the response's connection closes before the response was sent: its client left, and the slices of
 * its forecast not yet started need not be scored (prediction/forecaster.ts).
 */
export function clientGoneSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  if (response.destroyed && !response.writableFinished) controller.abort();
  else response.once('close', () => !response.writableFinished && controller.abort());
  return controller.signal;
}
