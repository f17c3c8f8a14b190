import { ChildProcess, fork } from 'node:child_process';
import { ChildMessage, ParentMessage } from './bench-child';

const START_TIMEOUT_MS = 60_000;

/** A server the benchmark forked: one process per server, so peak RSS and CPU are that server's alone. */
export class BenchServer {
  private constructor(
    readonly label: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(label: string, script: string, env: NodeJS.ProcessEnv, execArgv: string[] = []): Promise<BenchServer> {
    // The service's logs go nowhere, as they would to a collector: their cost is measured, their text is not.
    const child = fork(script, [], { env, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label} did not listen within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      child.once('exit', (code) => reject(new Error(`${label} exited with ${code} before listening`)));
      child.on('message', (message: ChildMessage) => {
        if (message.type !== 'listening') return;
        clearTimeout(timer);
        resolve(message.url);
      });
    });
    const server = new BenchServer(label, url, child);
    await server.waitUntilReady();
    return server;
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.url}/health/ready`);
        last = `${response.status} ${await response.text()}`;
        if (response.ok) return;
      } catch (error) {
        last = String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${this.label} never became ready: ${last}`);
  }

  async stats(): Promise<{ maxRssBytes: number; rssBytes: number; cpuMicros: number }> {
    return new Promise((resolve) => {
      const onMessage = (message: ChildMessage): void => {
        if (message.type !== 'stats') return;
        this.child.off('message', onMessage);
        resolve(message);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'stats' } satisfies ParentMessage);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' } satisfies ParentMessage);
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  }
}
