import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// The project root from this module's own place (src/training/manifest or dist/training/manifest), not the
// working directory: a run started elsewhere otherwise failed only after all the training work was done.
const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The git commit of the project (with `-dirty` when its src/ has changes), else the package version. */
export function codeVersion(root = PROJECT_ROOT): string {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    try {
      const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
      return `${pkg.name}@${pkg.version}`;
    } catch {
      return 'unknown';
    }
  }
}
