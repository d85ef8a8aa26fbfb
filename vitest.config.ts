import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@zhidu/source'] },
  ssr: { resolve: { conditions: ['@zhidu/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'fuzz/**/*.test.ts',
      'doctest/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
