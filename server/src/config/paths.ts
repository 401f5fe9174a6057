import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder above this file holding pnpm-workspace.yaml (falls back to cwd). */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return process.cwd();
}

/** Resolves a configured path: absolute as is, relative to the repository root. */
export function fromRoot(p: string): string {
  return resolve(repoRoot(), p);
}
