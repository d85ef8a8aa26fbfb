#!/usr/bin/env node
import { run } from './index.js';

// A reader that stops early (`zhidu calendar year 2027 | head`) closes the pipe: that is not an
// error, so end quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await run(process.argv.slice(2));
