import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // chDB is one engine per process; each test file gets its own process.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
