import { EventEmitter } from 'node:events';
import { ScoringAdmission, STALLED_READ_MS } from './scoring-admission';

const settled = async <T>(promise: Promise<T>): Promise<'admitted' | string> => {
  const state = await Promise.race([promise.then(() => 'admitted', (e: string) => e), new Promise<string>((r) => setImmediate(() => r('waiting')))]);
  return state;
};

describe('ScoringAdmission', () => {
  it('admits while the work fits, queues the rest in order, and admits them as work is released', async () => {
    const admission = new ScoringAdmission(10, 4, 10_000);
    const first = await admission.admit(6);
    const second = admission.admit(5);
    const third = admission.admit(1);
    expect(await settled(second)).toBe('waiting');
    // First in, first out: the light request does not overtake the heavy one.
    expect(await settled(third)).toBe('waiting');
    expect(admission.scoringMsInFlight).toBe(6);
    first();
    expect(await settled(second)).toBe('admitted');
    expect(await settled(third)).toBe('admitted');
    expect(admission.scoringMsInFlight).toBe(6);
    first();
    expect(admission.scoringMsInFlight).toBe(6);
  });

  it('refuses at once when the queue is full', async () => {
    const admission = new ScoringAdmission(1, 1, 10_000);
    await admission.admit(1);
    void admission.admit(1).catch(() => undefined);
    await expect(admission.admit(1)).rejects.toBe('queue_full');
  });

  it('refuses a request that waited longer than the queue timeout', async () => {
    const admission = new ScoringAdmission(1, 5, 20);
    await admission.admit(1);
    await expect(admission.admit(1)).rejects.toBe('queue_timeout');
    expect(admission.queued).toBe(0);
  });

  it('takes a waiter out of the queue as soon as its client leaves, so it holds no place until its timeout', async () => {
    const admission = new ScoringAdmission(1, 1, 60_000);
    await admission.admit(1);
    const connection = new EventEmitter();
    const waiting = admission.admit(1, connection);
    await expect(admission.admit(1)).rejects.toBe('queue_full');
    connection.emit('close');
    await expect(waiting).rejects.toBe('client_gone');
    expect(admission.queued).toBe(0);
    expect(connection.listenerCount('close')).toBe(0);
    expect(await settled(admission.admit(1))).toBe('waiting');
  });

  it.each(['its client leaves', 'it times out'])('lets lighter waiters in when a heavy one at the head of the queue leaves because %s', async (why) => {
    const admission = new ScoringAdmission(10, 4, why === 'it times out' ? 20 : 60_000);
    await admission.admit(6);
    const connection = new EventEmitter();
    const heavy = admission.admit(8, connection).catch((refusal: string) => refusal);
    const light = admission.admit(2);
    expect(await settled(light)).toBe('waiting');
    if (why === 'its client leaves') connection.emit('close');
    expect(await heavy).toBe(why === 'it times out' ? 'queue_timeout' : 'client_gone');
    expect(await settled(light)).toBe('admitted');
  });

  it('stops listening to a connection once its request is admitted', async () => {
    const admission = new ScoringAdmission(1, 2, 60_000);
    const first = await admission.admit(1);
    const connection = new EventEmitter();
    const second = admission.admit(1, connection);
    expect(connection.listenerCount('close')).toBe(1);
    first();
    await second;
    expect(connection.listenerCount('close')).toBe(0);
  });

  it('lets a request heavier than the bound run alone rather than never', async () => {
    const admission = new ScoringAdmission(10, 5, 10_000);
    const release = await admission.admit(50);
    expect(admission.scoringMsInFlight).toBe(50);
    release();
    expect(admission.scoringMsInFlight).toBe(0);
  });

  it('counts fractional costs without drift: once all is released a heavy request runs alone again', async () => {
    const admission = new ScoringAdmission(1, 4, 10_000);
    // 0.1 + 0.2 - 0.1 - 0.2 is not 0 in floating point; "nothing in flight" must not depend on it.
    const releases = await Promise.all([0.1, 0.2, 0.3].map((ms) => admission.admit(ms)));
    releases.forEach((release) => release());
    expect(admission.scoringMsInFlight).toBe(0);
    expect(await settled(admission.admit(4000))).toBe('admitted');
  });

  it('reads no more body bytes at once than its bound, so a burst is refused from its headers', async () => {
    let now = 0;
    const admission = new ScoringAdmission(10, 16, 10_000, 1000, () => now);
    // A burst arriving together while nothing is scored yet: the first body always, then up to the bound.
    const burst = [admission.reserve(800), admission.reserve(800), admission.reserve(100)];
    expect(burst.map((p) => p !== undefined)).toEqual([true, false, true]);
    burst.forEach((give) => give?.());
    const release = await admission.admit(5);
    const first = admission.reserve(600);
    expect(first).toBeDefined();
    expect(admission.reserve(600)).toBeUndefined();
    expect(admission.reserve(400)).toBeDefined();
    first!();
    first!(); // idempotent: its bytes back once, not twice
    expect(admission.reserve(500)).toBeDefined();
    expect(admission.reserve(200)).toBeUndefined();
    release();
    // Nothing in flight, but the bodies being read are fresh: still bounded.
    now += STALLED_READ_MS - 1;
    expect(admission.reserve(5000)).toBeUndefined();
  });

  it('lets another body in while nothing is scored and every body being read has stalled, so slow clients shut nobody out', () => {
    let now = 0;
    const admission = new ScoringAdmission(10, 16, 10_000, 1000, () => now);
    const slow = [admission.reserve(900), admission.reserve(100)];
    expect(slow.every((p) => p !== undefined)).toBe(true);
    expect(admission.reserve(500)).toBeUndefined();
    now += STALLED_READ_MS;
    const next = admission.reserve(500);
    expect(next).toBeDefined();
    // That one is fresh: the one after it waits for it, or for it to stall too.
    expect(admission.reserve(500)).toBeUndefined();
    now += STALLED_READ_MS;
    expect(admission.reserve(500)).toBeDefined();
  });
});
