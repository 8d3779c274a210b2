import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/integration/**/*.test.ts', 'tests/reliability/**/*.test.ts'],
    environment: 'node',
    // Integration tests build real encrypted files (a whole demo clinic in some hooks) and hash
    // passwords with scrypt: deadlines, not speed targets (npm run bench measures speed). A busy
    // two-core machine took 25 s for the demo build, so leave room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A cheap password hash cost for tests (the app's is OWASP's N=2^17): see the file.
    setupFiles: ['tests/support/fastPasswords.ts'],
  },
});
