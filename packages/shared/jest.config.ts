import type { Config } from 'jest';

const config: Config = {
  displayName: 'shared',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    // The package's own tsconfig has no ambient types (it ships to browsers); tests need jest's.
    '^.+\\.ts$': ['ts-jest', { tsconfig: { types: ['jest', 'node'] } }],
  },
};

export default config;
