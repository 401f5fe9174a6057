import type { Config } from 'jest';

const config: Config = {
  displayName: 'connectors',
  preset: 'ts-jest',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-timeout.ts'],
  moduleNameMapper: {
    '^@hrlink/shared$': '<rootDir>/../shared/src',
    '^@hrlink/sandbox$': '<rootDir>/../../apps/sandbox/src',
  },
};

export default config;
