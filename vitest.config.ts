import {defineConfig} from 'vitest/config'

const skipEmulators = process.env.WHY403_SKIP_EMULATORS === '1' && process.env.CI !== 'true'

export default defineConfig({
  test: {
    // oclif's runCommand captures stdout only when vitest does not intercept the console
    // (https://github.com/oclif/test/issues/655).
    disableConsoleIntercept: true,
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {name: 'unit', include: ['test/{unit,cases,differential,property}/**/*.test.ts']},
      },
      // Real emulators over HTTP. They start from test/emulators/*/setup.ts; CI never skips them.
      ...(skipEmulators
        ? []
        : [
            {
              extends: true,
              test: {
                name: 'localstack',
                include: ['test/emulators/aws/**/*.test.ts'],
                globalSetup: ['test/emulators/aws/setup.ts'],
                testTimeout: 60_000,
                hookTimeout: 600_000,
              },
            },
          ]),
    ],
  },
})
