import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full collection, so heap figures count what is retained rather than what the collector had not reached yet.
 * Jest's workers do not run with --expose-gc; the flag set at run time gives a fresh context a `gc` function.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // Twice: objects with finalizers (sockets, weak references) are freed only on the collection after the first.
  gc();
  gc();
}

/** Heap in use after a full collection. */
export function retainedHeapBytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
