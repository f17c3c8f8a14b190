import { SingleBar } from 'cli-progress';

/** Where the pipeline reports what it is doing: a bar on a terminal, plain lines in CI logs. */
export interface TrainingProgress {
  /** Starts a stage of `total` units (trees, series …). */
  stage(label: string, total: number): void;
  update(done: number): void;
  log(message: string): void;
  stop(): void;
}

class TerminalProgress implements TrainingProgress {
  private readonly bar = new SingleBar({
    format: '{label} [{bar}] {value}/{total} | {duration_formatted}',
    hideCursor: true,
    clearOnComplete: false,
    stream: process.stderr,
  });
  private active = false;

  stage(label: string, total: number): void {
    this.stop();
    this.bar.start(total, 0, { label: label.padEnd(34) });
    this.active = true;
  }

  update(done: number): void {
    if (this.active) this.bar.update(done);
  }

  log(message: string): void {
    this.stop();
    process.stderr.write(`${message}\n`);
  }

  stop(): void {
    if (this.active) this.bar.stop();
    this.active = false;
  }
}

/** One line when a stage starts and at each quarter, so CI logs stay short and still show liveness. */
export class LineProgress implements TrainingProgress {
  private label = '';
  private total = 0;
  private nextQuarter = 1;
  private started = 0;

  constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  stage(label: string, total: number): void {
    this.label = label;
    this.total = total;
    this.nextQuarter = 1;
    this.started = Date.now();
    this.write(`[train] ${label}: 0/${total}`);
  }

  update(done: number): void {
    while (this.total > 0 && done >= (this.nextQuarter * this.total) / 4 && this.nextQuarter <= 4) {
      this.write(`[train] ${this.label}: ${done}/${this.total} (${((Date.now() - this.started) / 1000).toFixed(1)} s)`);
      this.nextQuarter++;
    }
  }

  log(message: string): void {
    this.write(`[train] ${message}`);
  }

  stop(): void {}
}

export function createTrainingProgress(stream: NodeJS.WriteStream = process.stderr): TrainingProgress {
  return stream.isTTY ? new TerminalProgress() : new LineProgress();
}
