import type { Config } from 'jest';

// One jest run over every workspace that has unit or integration tests.
// Browser (e2e) tests live in apps/e2e and run with `pnpm test:e2e`.
const config: Config = {
  // Global option: per-project testTimeout is ignored when jest runs projects from the root.
  // Integration tests start real processes and make real HTTP calls.
  testTimeout: 60_000,
  projects: [
    '<rootDir>/packages/shared',
    '<rootDir>/packages/connectors',
    '<rootDir>/apps/sandbox',
    '<rootDir>/server',
    '<rootDir>/apps/admin',
    '<rootDir>/miniprogram',
  ],
};

export default config;
