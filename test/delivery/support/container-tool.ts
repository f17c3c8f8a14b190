import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, run } from './commands';

/**
 * The container engine named by CONTAINER_TOOL: `docker` (default) or any docker-compatible CLI, or a
 * directory holding `base-image`, `build TAG [DIR]` and `run TAG [-e NAME=VALUE...]` scripts (as
 * ../shared/tools/container does with buildah, where no daemon runs).
 */
export class ContainerTool {
  readonly setting = process.env.CONTAINER_TOOL ?? 'docker';
  private readonly scriptsDir = this.isDirectory() ? path.resolve(repoRoot, this.setting) : undefined;

  private isDirectory(): boolean {
    const resolved = path.resolve(repoRoot, this.setting);
    return this.setting.includes('/') && fs.existsSync(resolved) && fs.statSync(resolved).isDirectory();
  }

  build(tag: string): void {
    if (this.scriptsDir) {
      run(path.join(this.scriptsDir, 'base-image'), []);
      run(path.join(this.scriptsDir, 'build'), [tag, repoRoot]);
    } else {
      run(this.setting, ['build', '-t', tag, repoRoot]);
    }
  }

  /** Starts the image's own command on the host network; SIGTERM to the returned process reaches the app. */
  start(tag: string, env: Record<string, string>): ChildProcess {
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    return this.scriptsDir
      ? spawn(path.join(this.scriptsDir, 'run'), [tag, ...envArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(this.setting, ['run', '--rm', '--network', 'host', ...envArgs, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** The image's configured user and its size in bytes. */
  inspect(tag: string): { user: string; sizeBytes: number } {
    if (this.scriptsDir) {
      const user = run('buildah', ['inspect', '--type', 'image', '--format', '{{.OCIv1.Config.User}}', tag]).stdout.trim();
      const size = run('buildah', ['images', '--json', tag]).stdout;
      return { user, sizeBytes: Number(JSON.parse(size)[0].size) };
    }
    const [user, size] = run(this.setting, ['image', 'inspect', '--format', '{{.Config.User}} {{.Size}}', tag]).stdout.trim().split(' ');
    return { user, sizeBytes: Number(size) };
  }

  remove(tag: string): void {
    if (this.scriptsDir) run('buildah', ['rmi', tag], { allowFailure: true });
    else run(this.setting, ['image', 'rm', tag], { allowFailure: true });
  }
}
