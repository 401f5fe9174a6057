import type { Config } from 'jest';

// Unit tests for the admin's pure helpers and its API client (against a real local HTTP server).
const config: Config = {
  displayName: 'admin',
  preset: 'ts-jest',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: { '^@hrlink/shared$': '<rootDir>/../../packages/shared/src/index.ts' },
};

export default config;
