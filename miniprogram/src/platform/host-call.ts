import { HostAuthError } from '../services/errors';

/** Promisify a host API that takes {success, fail}. */
export function callHost<T>(
  name: string,
  invoke: (cb: { success: (res: T) => void; fail: (err: unknown) => void }) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke({ success: resolve, fail: (err) => reject(new HostAuthError(name, err)) });
    } catch (err) {
      reject(new HostAuthError(name, err));
    }
  });
}
