/** Where file bytes live. Keys are server-generated (`<tenant>/<yyyy-mm>/<id>.<ext>`), never client input. */
export interface StoragePort {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when the key holds nothing. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

export const STORAGE = Symbol('StoragePort');

export const STORAGE_KEY_PATTERN = /^[A-Za-z0-9-]{1,64}\/\d{4}-\d{2}\/[A-Za-z0-9-]{1,64}\.[a-z]{2,5}$/;
