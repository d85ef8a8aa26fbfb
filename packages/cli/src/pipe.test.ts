import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe('the zhidu process', () => {
  it('ends quietly with status 0 when its reader has closed the pipe (`zhidu calendar year 2025 | head -1`)', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=@zhidu/source', '--import', 'tsx', cli, 'calendar', 'year', '2025'],
      { env: { ...process.env, ZHIDU_HOME: mkdtempSync(join(tmpdir(), 'zhidu-pipe-')) } },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    // The reader is gone before the process starts writing: every write meets a closed pipe.
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).not.toContain('EPIPE');
    expect(status).toBe(0);
  }, 30_000);
});
