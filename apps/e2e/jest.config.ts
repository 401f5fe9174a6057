import type { Config } from 'jest';

// Browser tests against the running product. `pnpm test:e2e` from the repo root.
const config: Config = {
  displayName: 'e2e',
  rootDir: __dirname,
  preset: 'ts-jest',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  globalSetup: '<rootDir>/src/global-setup.ts',
  globalTeardown: '<rootDir>/src/global-teardown.ts',
  testTimeout: 90_000,
  moduleNameMapper: { '^@hrlink/shared$': '<rootDir>/../../packages/shared/src' },
};

export default config;
