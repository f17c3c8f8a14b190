/** Messages between the benchmark and a server it forked (IPC), so each server's memory is its own process's. */
export type ParentMessage = { type: 'stats' } | { type: 'stop' };
export type ChildMessage = { type: 'listening'; url: string } | { type: 'stats'; maxRssBytes: number; rssBytes: number; cpuMicros: number };

/** Child side: announce the URL, answer stats requests, stop on request. */
export function serveBenchChild(url: string, stop: () => Promise<void>): void {
  const send = (message: ChildMessage): void => {
    process.send?.(message);
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') {
      const usage = process.resourceUsage();
      // maxRSS is in kilobytes: the process's peak resident set since it started.
      send({ type: 'stats', maxRssBytes: usage.maxRSS * 1024, rssBytes: process.memoryUsage.rss(), cpuMicros: usage.userCPUTime + usage.systemCPUTime });
    } else if (message.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
  send({ type: 'listening', url });
}
