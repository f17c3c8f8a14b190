import { performance } from 'node:perf_hooks';
import { seededRandom } from '../../core/seeded-random';
import { trainGbdt } from './train-gbdt';

/**
 * Micro benchmark of trainGbdt on a synthetic matrix shaped like the default training data:
 * `node dist/training/gbdt/benchmark-gbdt.js [rows=500000] [columns=27] [trees=20] [maxDepth=6]`.
 */
function main(): void {
  const [rowCount = 500_000, columnCount = 27, trees = 20, maxDepth = 6] = process.argv.slice(2).map(Number);
  const random = seededRandom(1);
  const data = new Float32Array(rowCount * columnCount);
  const targets = new Float64Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    for (let f = 0; f < columnCount; f++) {
      // A few integer-coded columns, a few with missing values, the rest continuous.
      const value = f < 3 ? Math.floor(random() * 18) : f % 7 === 0 && random() < 0.1 ? Number.NaN : random() * 3;
      data[row * columnCount + f] = value;
    }
    const x = (f: number) => data[row * columnCount + f];
    targets[row] = (x(3) > 1.5 ? 1 : 0.5) * x(4) + 0.02 * x(0) + (Number.isNaN(x(7)) ? 0.3 : 0) + 0.1 * (random() - 0.5);
  }

  const started = performance.now();
  trainGbdt(data, rowCount, columnCount, targets, {
    trees: 1,
    learningRate: 0.1,
    maxDepth,
    minSamplesLeaf: 20,
    l2: 1,
    rowSubsample: 1,
    colSubsample: 1,
    bins: 255,
    seed: 7,
  });
  const oneTree = performance.now() - started;

  const treeTimes: number[] = [];
  const treeCpu: number[] = [];
  let lastCpu = process.cpuUsage();
  let last = performance.now();
  const begun = last;
  const cpuBefore = process.cpuUsage();
  trainGbdt(data, rowCount, columnCount, targets, {
    trees,
    learningRate: 0.1,
    maxDepth,
    minSamplesLeaf: 20,
    l2: 1,
    rowSubsample: 0.8,
    colSubsample: 0.8,
    bins: 255,
    seed: 7,
    onProgress: () => {
      const now = performance.now();
      treeTimes.push(now - last);
      last = now;
      const cpuNow = process.cpuUsage();
      treeCpu.push((cpuNow.user + cpuNow.system - lastCpu.user - lastCpu.system) / 1000);
      lastCpu = cpuNow;
    },
  });
  const total = performance.now() - begun;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time is the fairer number on a shared machine; wall time is what a user waits.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const firstTree = treeTimes[0];
  const mean = (values: number[]) => values.slice(1).reduce((a, b) => a + b, 0) / Math.max(1, values.length - 1);
  const perTree = mean(treeTimes);
  console.log(
    JSON.stringify({
      rowCount,
      columnCount,
      maxDepth,
      trees,
      binningPlusOneTreeSeconds: +(oneTree / 1000).toFixed(3),
      firstTreeIncludingBinningSeconds: +(firstTree / 1000).toFixed(3),
      secondsPerTree: +(perTree / 1000).toFixed(4),
      cpuSecondsPerTree: +(mean(treeCpu) / 1000).toFixed(4),
      totalSeconds: +(total / 1000).toFixed(2),
      totalCpuSeconds: +cpuSeconds.toFixed(2),
    }),
  );
}

main();
