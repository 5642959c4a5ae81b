#!/usr/bin/env node
// The AWS SDK warns on every run that releases after January 2027 need Node 22; why403 pins an SDK that supports
// Node 20, so the warning says nothing to its users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
const {execute} = await import('@oclif/core')

await execute({dir: import.meta.url})
