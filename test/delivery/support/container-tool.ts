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

  /**
   * Sends SIGTERM to the container's main process, as `docker stop` does. docker run's signal proxy passes it
   * on; `buildah run` (chroot isolation) answers SIGTERM by SIGKILLing its child, so with the scripts folder
   * the signal goes straight to the process buildah-chroot-exec started: the image's command.
   */
  stop(child: ChildProcess): void {
    const target = this.scriptsDir ? containerMainProcess(child.pid!) : undefined;
    if (target) process.kill(target, 'SIGTERM');
    else child.kill('SIGTERM');
  }

  /** The image's configured user and its size in bytes. */
  inspect(tag: string): { user: string; sizeBytes: number } {
    if (this.scriptsDir) {
      const user = run('buildah', ['inspect', '--type', 'image', '--format', '{{.OCIv1.Config.User}}', tag]).stdout.trim();
      // buildah reports only a rounded, human-readable size ("509 MB").
      const [value, unit] = run('buildah', ['images', '--format', '{{.Size}}', tag]).stdout.trim().split(' ');
      const scale: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };
      return { user, sizeBytes: Number(value) * (scale[unit] ?? NaN) };
    }
    const [user, size] = run(this.setting, ['image', 'inspect', '--format', '{{.Config.User}} {{.Size}}', tag]).stdout.trim().split(' ');
    return { user, sizeBytes: Number(size) };
  }

  /** Whether the local image store holds `tag`. */
  exists(tag: string): boolean {
    const result = this.scriptsDir
      ? run('buildah', ['inspect', '--type', 'image', '--format', '{{.FromImageID}}', tag], { allowFailure: true })
      : run(this.setting, ['image', 'inspect', '--format', '{{.Id}}', tag], { allowFailure: true });
    return result.status === 0;
  }

  /** Local image tags that start with `repository:` (e.g. `localhost/demand-forecast`). */
  tags(repository: string): string[] {
    const lines = this.scriptsDir
      ? run('buildah', ['images', '--format', '{{.Name}}:{{.Tag}}']).stdout
      : run(this.setting, ['images', '--format', '{{.Repository}}:{{.Tag}}']).stdout;
    return lines.split('\n').map((l) => l.trim()).filter((l) => l.startsWith(`${repository}:`));
  }

  /** Runs `command` in a fresh container of the image (instead of its CMD) and returns its standard output. */
  exec(tag: string, command: string[]): string {
    return this.scriptsDir
      ? run(path.join(this.scriptsDir, 'run'), [tag, '--', ...command]).stdout
      : run(this.setting, ['run', '--rm', '--entrypoint', command[0], tag, ...command.slice(1)]).stdout;
  }

  remove(tag: string): void {
    if (this.scriptsDir) run('buildah', ['rmi', tag], { allowFailure: true });
    else run(this.setting, ['image', 'rm', tag], { allowFailure: true });
  }
}

function processTable(): { pid: number; ppid: number; argv0: string }[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // buildah re-executes itself from memory, so the command name is useless; argv[0] names the role.
      const argv0 = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0')[0];
      return [{ pid: Number(d), ppid, argv0 }];
    } catch {
      return [];
    }
  });
}

function containerMainProcess(root: number): number | undefined {
  const table = processTable();
  const descendants = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (descendants.has(p.ppid) && !descendants.has(p.pid)) {
        descendants.add(p.pid);
        grew = true;
      }
    }
  }
  const exec = table.find((p) => descendants.has(p.pid) && p.argv0 === 'buildah-chroot-exec');
  return exec && table.find((p) => p.ppid === exec.pid)?.pid;
}
