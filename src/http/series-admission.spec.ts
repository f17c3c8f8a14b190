import { SeriesAdmission } from './series-admission';

const settled = async <T>(promise: Promise<T>): Promise<'admitted' | string> => {
  const state = await Promise.race([promise.then(() => 'admitted', (e: string) => e), new Promise<string>((r) => setImmediate(() => r('waiting')))]);
  return state;
};

describe('SeriesAdmission', () => {
  it('admits while the series fit, queues the rest in order, and admits them as work is released', async () => {
    const admission = new SeriesAdmission(10, 4, 10_000);
    const first = await admission.admit(6);
    const second = admission.admit(5);
    const third = admission.admit(1);
    expect(await settled(second)).toBe('waiting');
    // First in, first out: the light request does not overtake the heavy one.
    expect(await settled(third)).toBe('waiting');
    expect(admission.seriesInFlight).toBe(6);
    first();
    expect(await settled(second)).toBe('admitted');
    expect(await settled(third)).toBe('admitted');
    expect(admission.seriesInFlight).toBe(6);
    first();
    expect(admission.seriesInFlight).toBe(6);
  });

  it('refuses at once when the queue is full', async () => {
    const admission = new SeriesAdmission(1, 1, 10_000);
    await admission.admit(1);
    void admission.admit(1).catch(() => undefined);
    await expect(admission.admit(1)).rejects.toBe('queue_full');
  });

  it('refuses a request that waited longer than the queue timeout', async () => {
    const admission = new SeriesAdmission(1, 5, 20);
    await admission.admit(1);
    await expect(admission.admit(1)).rejects.toBe('queue_timeout');
    expect(admission.queued).toBe(0);
  });

  it('lets a request heavier than the bound run alone rather than never', async () => {
    const admission = new SeriesAdmission(10, 5, 10_000);
    const release = await admission.admit(50);
    expect(admission.seriesInFlight).toBe(50);
    release();
    expect(admission.seriesInFlight).toBe(0);
  });

  it('reads no more body bytes at once than its bound while work is in flight, so a burst is refused from its headers', async () => {
    const admission = new SeriesAdmission(10, 16, 10_000, 1000);
    // Nothing in flight: a body is read whatever is pending, so work can always start.
    const idle = [admission.reserve(800), admission.reserve(800)];
    expect(idle.every((p) => p !== undefined)).toBe(true);
    idle.forEach((give) => give!());
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
    // With nothing in flight again, one more body is read even beyond the bound.
    expect(admission.reserve(5000)).toBeDefined();
  });
});
