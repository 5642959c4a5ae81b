import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // oclif's runCommand captures stdout only when vitest does not intercept the console
    // (https://github.com/oclif/test/issues/655).
    disableConsoleIntercept: true,
    testTimeout: 20_000,
    pool: 'forks',
  },
})
