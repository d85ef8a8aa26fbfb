#!/usr/bin/env node
import { run } from './index.js';

// A reader that stops early (`zhidu calendar year 2027 | head`) closes the pipe: that is not an
// error, so end quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // Any other failure of the stream itself (ENOSPC, EBADF …): one line where possible, no stack.
    if (stream !== process.stderr)
      process.stderr.write(`error [internal_error]: cannot write: ${e.code ?? e.name}\n`);
    process.exit(2);
  });
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (e) {
  // run() reports every failure itself; this is the last guard against a stack trace.
  process.stderr.write(`error [internal_error]: ${e instanceof Error ? e.name : typeof e}\n`);
  process.exitCode = 2;
}
