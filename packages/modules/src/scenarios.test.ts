import { fileURLToPath } from 'node:url';
import { isZhiduError, runScenario } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  findScenarioFiles,
  readScenarioFile,
  runScenarioFile,
  runScenarios,
  scenarioResolver,
} from './index.js';

const dir = fileURLToPath(new URL('../test/fixtures/scenarios', import.meta.url));

describe('scenarios over the registry', () => {
  it('finds *.scenario.json files recursively, sorted, and only those', () => {
    const files = findScenarioFiles([dir]).map((f) => f.slice(dir.length + 1));
    expect(files).toEqual(['nested/retail-close.scenario.json', 'typo.scenario.json']);
  });

  it('S000-COMPLAINT-17 a retail complaint closed on day 9 is breached by 2 days, on the PRC calendar', () => {
    const o = runScenarioFile(`${dir}/nested/retail-close.scenario.json`);
    expect(o.mismatches).toEqual([]);
    expect(o.ok).toBe(true);
    expect(o.decision?.provenance.module).toBe('sla.timers');
  });

  it('a malformed file does not stop the run: its outcome names the file and the JSON path', () => {
    const outcomes = runScenarios([dir]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false]);
    const typo = outcomes[1];
    expect(typo?.error?.code).toBe('unknown_key');
    expect(typo?.error?.path).toEqual(['expected', 'result', '$contains', 0, 'statuss']);
    expect(typo?.error?.message).toContain('typo.scenario.json');
    expect(typo?.error?.message).toContain('did you mean "status"');
  });

  it('refuses a path that does not exist', () => {
    try {
      runScenarios([`${dir}/nope`]);
      expect.unreachable();
    } catch (e) {
      expect(isZhiduError(e) && e.code).toBe('unknown_reference');
    }
  });

  it('an unknown module is refused with the nearest id', () => {
    try {
      runScenario(
        {
          name: 'x',
          rules: ['S000-COMPLAINT-17'],
          module: 'sla.timer',
          preset: 'retail-000',
          context: { now: '2024-04-20T00:00:00+08:00' },
          input: { events: [] },
          expected: { result: {} },
        },
        scenarioResolver(),
      );
      expect.unreachable();
    } catch (e) {
      expect(isZhiduError(e) && [e.code, e.path]).toEqual(['unknown_reference', ['module']]);
      expect((e as Error).message).toContain('did you mean sla.timers');
    }
  });
});

describe('scenario files: bad paths are refused, never read blindly', () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : `not a ZhiduError: ${String(e)}`;
    }
    return undefined;
  };
  it('a path that is not a string, empty, or holds NUL', () => {
    expect(code(() => readScenarioFile(42 as unknown as string))).toBe('invalid_input file');
    expect(code(() => readScenarioFile(''))).toBe('invalid_input file');
    expect(code(() => readScenarioFile('a\u0000b'))).toBe('invalid_input file');
    expect(code(() => findScenarioFiles('packages' as unknown as string[]))).toBe('invalid_input paths');
  });
  it('a directory, a missing file, and a non-JSON file', () => {
    expect(code(() => readScenarioFile(dir))).toBe('invalid_input file');
    expect(code(() => readScenarioFile(`${dir}/missing.scenario.json`))).toBe('unknown_reference file');
    expect(code(() => readScenarioFile(`${dir}/notes.txt`))).toBe('invalid_input ');
  });
  it('a file with a key written twice in one object (an expected value copied and edited)', () => {
    // JSON.parse alone keeps the second `result` and checks only it.
    const file = fileURLToPath(
      new URL('../test/fixtures/scenarios-twice/twice.scenario.json', import.meta.url),
    );
    expect(code(() => readScenarioFile(file))).toBe('invalid_input expected.result');
    try {
      readScenarioFile(file);
    } catch (e) {
      expect((e as Error).message).toContain(
        'twice.scenario.json: line 11, column 5: the key "result" appears twice',
      );
      expect(isZhiduError(e) && e.details).toMatchObject({ file, line: 11, column: 5 });
    }
  });
  it('a registry without getModule', () => {
    expect(code(() => scenarioResolver({} as never))).toBe('invalid_input registry');
    expect(code(() => runScenarioFile(`${dir}/typo.scenario.json`, {} as never))).toBe(
      'invalid_input registry',
    );
  });
});
