import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { maskPhone, Trace, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { forget, leaks, observed } from '../test/pii-guard.js';
import { auditAccessLog } from './access.js';
import { maskValue, readFile } from './masking.js';
import { recordsCompleteness, recordsHandover } from './modules.js';
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

  it('records the decisions of the records modules, whose traces are built without Trace.add', () => {
    forget();
    // A file id that is a mobile number in clear: the decisions echo it, so the guard must see it
    // in the handover's trace (built by its own entry constructor) and in both modules' violations.
    const fileId = '13912345678';
    const handover = recordsHandover.evaluate(
      {
        fileTypeId: 'newCarSalesFile',
        fileId,
        responsible: { personId: 'sc1', role: 'salesConsultant' },
        events: { delivery: '2024-03-04T10:00:00+08:00' },
        handedOverAt: '2024-03-11T10:00:00+08:00',
      },
      dealerFilesPreset,
      { now: '2024-03-12T00:00:00+08:00', calendar: chinaCalendar() },
    );
    expect(handover.value.result.outcomes[0]?.status).toBe('late');
    const seen = observed();
    expect(seen.entries).toBe(handover.trace.length);
    expect(seen.violations).toBe(1);
    expect(leaks().filter((t) => t.startsWith('violation:'))).toHaveLength(1);
    forget();
    // The completeness module's fast path (its decision assembled from shared parts).
    const file = {
      fileTypeId: 'afterSalesMaintenanceFile',
      fileId,
      responsible: { personId: 'sa1' },
      documents: [{ id: 'receptionSheet', signatures: { customer: 'ok' as const, staff: 'ok' as const } }],
    };
    const completeness = recordsCompleteness.evaluate(file, dealerFilesPreset, ctx);
    expect(completeness.value.result.complete).toBe(false);
    expect(observed().entries).toBe(completeness.trace.length);
    expect(observed().violations).toBe(completeness.value.violations.length);
    expect(leaks().filter((t) => t.startsWith('violation:')).length).toBe(
      completeness.value.violations.length,
    );
    forget();
    expect(leaks()).toEqual([]);
  });

  it('maskValue masks a landline in a phone field without building an error that names it', () => {
    forget();
    expect(maskValue('029-88886666', 'phone')).toBe('029*****6666');
    expect(maskValue('+8613912345678', 'phone')).toBe('+86*******5678');
    expect(observed().errors).toBe(0);
  });
});
