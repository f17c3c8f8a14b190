import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './commands';
import { ContainerTool } from './container-tool';

export const IMAGE_REPOSITORY = 'localhost/demand-forecast';

// What .dockerignore admits into the build context: the image is a function of these files alone.
const CONTEXT = ['Dockerfile', '.dockerignore', '.npmrc', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.image.json', 'src', 'registry'];

function filesUnder(entry: string): string[] {
  const full = path.join(repoRoot, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(repoRoot, path.join(d.parentPath, d.name)))
    .filter((f) => !f.endsWith('.spec.ts'));
}

/** A digest of the build context, so an image built from the same files is found again instead of rebuilt. */
export function contextDigest(): string {
  const hash = createHash('sha256');
  for (const file of CONTEXT.flatMap(filesUnder).sort()) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(repoRoot, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The image of this checkout, built at most once per content and shared by every suite that needs it (a
 * build takes minutes). Earlier test images of other content are removed, so one is kept at most.
 */
export function builtImage(tool: ContainerTool = new ContainerTool()): string {
  const tag = `${IMAGE_REPOSITORY}:e2e-${contextDigest()}`;
  for (const stale of tool.tags(IMAGE_REPOSITORY)) if (stale !== tag && /:e2e-/.test(stale)) tool.remove(stale);
  if (!tool.exists(tag)) tool.build(tag);
  return tag;
}
