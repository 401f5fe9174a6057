import type { Config } from 'jest';

// Unit tests live next to the code (src/**/*.spec.ts); integration tests in test/*.spec.ts boot the real
// app over HTTP against a real database (SQLite in memory, or MySQL/MariaDB when DATABASE_URL is set)
// and a real sandbox child process.
const config: Config = {
  displayName: 'server',
  preset: 'ts-jest',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/setup-timeout.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@hrlink/shared$': '<rootDir>/../packages/shared/src',
    '^@hrlink/connectors$': '<rootDir>/../packages/connectors/src',
    '^@hrlink/sandbox$': '<rootDir>/../apps/sandbox/src',
  },
};

export default config;
