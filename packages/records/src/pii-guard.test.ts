import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { maskPhone, Trace, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { forget, leaks, observed } from '../test/pii-guard.js';
import { auditAccessLog } from './access.js';
import { maskValue, readFile } from './masking.js';
import { dealerFilesPreset, salesCompanyFilesPreset } from './presets/index.js';

const ctx = { now: '2024-03-06T02:00:00Z' };

describe('the PII guard of the records tests', () => {
  it('is imported by every records test file, so it scans all their outputs', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(10);
    // The patches act on core's prototypes at run time, so where the import sits does not matter.
    const without = files.filter(
      (f) =>
        !/from '\.\.\/test\/pii-guard\.js'|import '\.\.\/test\/pii-guard\.js'/.test(
          readFileSync(`${dir}${f}`, 'utf8'),
        ),
    );
    expect(without).toEqual([]);
  });

  it('catches a number in clear in an error message, a trace entry or a violation', () => {
    forget();
    new ZhiduError('invalid_input', ['phone'], '号码 13912345678 无效');
    new Trace().add('R', undefined, '已核对', `checked ID 11010519491231002X`);
    new Trace().decide({
      violations: [
        {
          code: 'records.x',
          source: { module: 'records.completeness' },
          data: { card: '6222021234567890128' },
        },
      ],
    });
    const found = leaks();
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('error: 号码 13912345678 无效 (at phone)');
    expect(found[1]).toContain('trace R:');
    expect(found[2]).toContain('violation:');
    forget();
    expect(leaks()).toEqual([]);
  });

  it('records errors thrown and caught inside the package and the traces and violations it produces', () => {
    forget();
    expect(() =>
      readFile(
        { actor: { id: 'u1' }, action: 'view', file: { id: 'F', fileTypeId: 'nope' } },
        {},
        dealerFilesPreset,
        ctx,
      ),
    ).toThrowError(expect.objectContaining({ code: 'unknown_reference' }));
    expect(() => maskPhone('+8613912345678')).toThrowError(ZhiduError);
    const audit = auditAccessLog(
      [
        {
          actor: { id: 'u1', roles: ['salesperson'] },
          action: 'view',
          file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
        },
      ],
      salesCompanyFilesPreset,
      ctx,
    );
    expect(audit.value).toHaveLength(1);
    expect(observed()).toMatchObject({ errors: 2, violations: 1 });
    expect(observed().entries).toBeGreaterThan(0);
    expect(leaks()).toEqual([]);
  });

  it('maskValue masks a landline in a phone field without building an error that names it', () => {
    forget();
    expect(maskValue('029-88886666', 'phone')).toBe('029*****6666');
    expect(maskValue('+8613912345678', 'phone')).toBe('+86*******5678');
    expect(observed().errors).toBe(0);
  });
});
