// Project configs cannot set testTimeout when run from the root multi-project jest (global-only option).
jest.setTimeout(30_000);
