import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { STORAGE_KEY_PATTERN, StoragePort } from './storage.port';

/** Files under one folder (UPLOAD_DIR, default data/uploads). Writes go to a temp name first, then rename. */
export class LocalFolderStorage implements StoragePort {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    if (!STORAGE_KEY_PATTERN.test(key)) throw new Error(`bad storage key ${key}`);
    const p = resolve(this.root, key);
    if (!p.startsWith(resolve(this.root) + sep)) throw new Error(`storage key escapes the root: ${key}`);
    return p;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    const tmp = join(dirname(p), `.${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`);
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, p);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
