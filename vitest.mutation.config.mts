import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.mjs';

/**
 * The suite StrykerJS runs against each mutant (stryker.config.mjs): the tests of main/domain
 * and main/services, without those that need `npm run build` first (the command line, the
 * Electron entry, the database worker), which do not exercise those folders' rules anyway.
 * MUTATION_TESTS=unit keeps only tests/unit (enough for main/domain, and much faster).
 */
const unitOnly = process.env.MUTATION_TESTS === 'unit';
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: unitOnly ? ['tests/unit/**/*.test.ts'] : ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
      exclude: [
        'tests/unit/electron-*.test.ts',
        'tests/unit/builder-config.test.ts',
        'tests/integration/cli*.test.ts',
        'tests/integration/app-log.test.ts',
        'tests/integration/restore-crash.test.ts',
        'tests/integration/db-worker.test.ts',
        'node_modules/**',
      ],
    },
  }),
);
