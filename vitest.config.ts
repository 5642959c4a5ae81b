import {defineConfig, type TestProjectInlineConfiguration} from 'vitest/config'

// Leaving the emulator suites out is a conscious choice outside CI, never a silent skip: under CI=true they run.
const skipEmulators = process.env.WHY403_SKIP_EMULATORS === '1' && process.env.CI !== 'true'

const unit: TestProjectInlineConfiguration = {
  extends: true,
  test: {name: 'unit', include: ['test/{unit,cases,differential,property}/**/*.test.ts']},
}

// Real emulators over HTTP, started by test/emulators/*/setup.ts when none is running.
const localstack: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'localstack',
    include: ['test/emulators/aws/**/*.test.ts'],
    globalSetup: ['test/emulators/aws/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
}

export default defineConfig({
  test: {
    // oclif's runCommand captures stdout only when vitest does not intercept the console
    // (https://github.com/oclif/test/issues/655).
    disableConsoleIntercept: true,
    testTimeout: 20_000,
    pool: 'forks',
    projects: skipEmulators ? [unit] : [unit, localstack],
  },
})
