import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './support/commands';
import { Instruction, parseDockerfile } from './support/dockerfile';

describe('Dockerfile', () => {
  const all = parseDockerfile(fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8'));
  const lastStage = Math.max(...all.map((i) => i.stage));
  const final = all.filter((i) => i.stage === lastStage);
  const build = all.filter((i) => i.stage === 0);
  const index = (list: Instruction[], keyword: string, pattern: RegExp) => list.findIndex((i) => i.keyword === keyword && pattern.test(i.args));

  it('is multi-stage, every stage from node:20-bookworm-slim', () => {
    expect(lastStage).toBeGreaterThanOrEqual(1);
    const defaultImage = all.find((i) => i.keyword === 'ARG' && i.args.startsWith('NODE_IMAGE='))?.args.split('=')[1];
    for (const from of all.filter((i) => i.keyword === 'FROM')) {
      const image = from.args.split(' ')[0].replace('${NODE_IMAGE}', defaultImage ?? '');
      expect(image).toBe('node:20-bookworm-slim');
    }
  });

  it('copies .npmrc (onnxruntime-node-install=skip) before npm ci', () => {
    const copy = index(build, 'COPY', /\.npmrc/);
    const ci = index(build, 'RUN', /\bnpm ci\b/);
    expect(copy).toBeGreaterThanOrEqual(0);
    expect(ci).toBeGreaterThan(copy);
    expect(index(build, 'COPY', /package-lock\.json/)).toBeLessThan(ci);
    expect(fs.readFileSync(path.join(repoRoot, '.npmrc'), 'utf8')).toMatch(/^onnxruntime-node-install=skip$/m);
  });

  it('installs production dependencies only, then prunes the onnxruntime binaries of other platforms and TypeScript', () => {
    expect(index(build, 'RUN', /\bnpm ci --omit=dev\b/)).toBeGreaterThanOrEqual(0);
    expect(build.some((i) => i.keyword === 'RUN' && /\bnpm (ci|install)\b(?!.*--omit=dev)/.test(i.args))).toBe(false);
    const prune = build.find((i) => i.keyword === 'RUN' && /onnxruntime-node\/bin/.test(i.args));
    expect(prune).toBeDefined();
    expect(prune!.args).toContain(`node -p 'process.platform + "/" + process.arch'`);
    expect(prune!.args).toMatch(/find onnxruntime-node\/bin\/napi-v6 .* ! -path "\*\/napi-v6\/\$platform" -exec rm -rf/);
    expect(prune!.args).toMatch(/rm -rf typescript /);
  });

  it("compiles only src/main.ts's module graph, so bench/ and training/ never reach dist", () => {
    expect(build.some((i) => i.keyword === 'RUN' && /tsc -p tsconfig\.image\.json/.test(i.args))).toBe(true);
    const image = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tsconfig.image.json'), 'utf8'));
    expect(image).toEqual({ extends: './tsconfig.build.json', include: [], files: ['src/main.ts'] });
  });

  it('training-only packages are not production dependencies', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    for (const name of ['onnx-proto', 'csv-parse', 'cli-progress', 'typescript']) expect(Object.keys(pkg.dependencies)).not.toContain(name);
  });

  it('final stage: production env, numeric non-root user, exec-form node command', () => {
    const env = final.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
    expect(env).toMatch(/MODEL_REGISTRY_URL=file:\/app\/registry/);
    expect(env).toMatch(/MODEL_CACHE_DIR=\/var\/cache\/model/);
    const user = final.filter((i) => i.keyword === 'USER').pop()!.args;
    expect(user).toMatch(/^[0-9]+(:[0-9]+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    const cmd = final.filter((i) => i.keyword === 'CMD').pop()!.args;
    expect(JSON.parse(cmd)).toEqual(['node', 'dist/main.js']);
    expect(final.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
  });

  it('final stage holds only dist/, production node_modules, registry/ and package.json', () => {
    const copied = final.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').map((i) => {
      const parts = i.args.split(' ').filter((p) => !p.startsWith('--'));
      return { from: /--from=/.test(i.args), sources: parts.slice(0, -1) };
    });
    expect(copied.flatMap((c) => c.sources).sort()).toEqual(['/app/dist', '/app/node_modules', '/app/package.json', 'registry']);
    expect(copied.filter((c) => !c.from).flatMap((c) => c.sources)).toEqual(['registry']);
    expect(final.some((i) => i.keyword === 'ADD')).toBe(false);
  });

  it('.dockerignore admits only what the image is built from', () => {
    const lines = fs.readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    const admitted = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, '')).sort();
    expect(admitted).toEqual(['.npmrc', 'package-lock.json', 'package.json', 'registry', 'src', 'tsconfig.build.json', 'tsconfig.image.json', 'tsconfig.json']);
  });
});
