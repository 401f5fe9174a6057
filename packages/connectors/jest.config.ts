import type { Config } from 'jest';

const config: Config = {
  displayName: 'connectors',
  preset: 'ts-jest',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Contract specs spawn a real sandbox process and run fetchOrg under a rate limit.
  testTimeout: 90_000,
  moduleNameMapper: {
    '^@hrlink/shared$': '<rootDir>/../shared/src',
    '^@hrlink/sandbox$': '<rootDir>/../../apps/sandbox/src',
  },
};

export default config;
