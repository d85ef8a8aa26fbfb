import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { auditAccessLog } from './access.js';
import { recordsAccessLog } from './modules.js';
import { salesCompanyFilesPreset } from './presets/index.js';

const ctx = { now: '2024-03-06T00:00:00+08:00' };
const policy = recordsAccessLog.preset('sales-company-files');
const entry = {
  actor: { id: 'u1', roles: ['salesperson'], departmentId: 'sales' },
  action: 'view',
  proofs: ['slip'],
  recordId: 'R-1',
  file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
  at: '2024-03-05T10:00:00+08:00',
  approvals: [{ approverId: 'gm', role: 'generalManager', at: '2024-03-05T09:30:00+08:00' }],
};
// Bad entries on purpose: typed as the module's input so the refusals, not the compiler, judge them.
const log = (n: number, patch: Record<number, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => (i in patch ? patch[i] : entry)) as (typeof entry)[];

// pnpm fuzz (seed 12): records.access-log with 10^5 entries naming a file type the policy lacks took
// over a second — the whole log was parsed before entry 0 was refused. A large log is now searched for
// unknown names first and refused at the first one, with the refusal the audit gives there.
describe('records.access-log refuses a large log at its first unknown reference before parsing it', () => {
  it('10^5 entries naming an unknown file type: unknown_reference at input.log[0].file.fileTypeId', () => {
    const bad = { ...entry, file: { id: 'F1', fileTypeId: 'buyerFile' } };
    const e = refusal(() =>
      recordsAccessLog.evaluate({ log: log(100_000, { 0: bad }).fill(bad) }, policy, ctx),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['input', 'log', 0, 'file', 'fileTypeId']);
    expect(e.message).toContain('unknown file type "buyerFile"');
  });

  it('the refusal at entry 1500 of a 2,000-entry log is the one a 3-entry log gives for the same entry', () => {
    const bad = { ...entry, action: 'photocopy' };
    const big = refusal(() => recordsAccessLog.evaluate({ log: log(2000, { 1500: bad }) }, policy, ctx));
    const small = refusal(() => recordsAccessLog.evaluate({ log: log(3, { 2: bad }) }, policy, ctx));
    expect(big.code).toBe('invalid_input');
    expect(big.path).toEqual(['input', 'log', 1500, 'action']);
    expect(small.path).toEqual(['input', 'log', 2, 'action']);
    expect(big.message.replace('log[1500]', 'log[2]')).toBe(small.message);
  });

  it('an unknown place is found the same way', () => {
    const e = refusal(() =>
      recordsAccessLog.evaluate({ log: log(5000, { 4999: { ...entry, place: 'carPark' } }) }, policy, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'log', 4999, 'place']);
    expect(e.message).toContain('defines no place "carPark"');
  });

  it('a malformed entry before the unknown name is still the one named (the full parse decides)', () => {
    const patch = {
      5: { ...entry, at: 'yesterday' },
      10: { ...entry, file: { id: 'F', fileTypeId: 'nope' } },
    };
    const e = refusal(() => recordsAccessLog.evaluate({ log: log(2000, patch) }, policy, ctx));
    expect(e.code).toBe('invalid_instant');
    expect(e.path).toEqual(['input', 'log', 5, 'at']);
  });

  it('a large log naming only known things is audited in full, entry by entry as a short one', () => {
    const one = recordsAccessLog.evaluate({ log: log(1) }, policy, ctx);
    const d = recordsAccessLog.evaluate({ log: log(2000) }, policy, ctx);
    expect(d.value.result.checked).toBe(2000);
    expect(d.value.violations).toHaveLength(2000 * one.value.violations.length);
    const denied = recordsAccessLog.evaluate(
      {
        log: log(2000, {
          1999: {
            actor: { id: 'x', roles: ['salesperson'] },
            action: 'view',
            file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
            at: entry.at,
          },
        }),
      },
      policy,
      ctx,
    );
    expect(denied.value.violations.at(-1)?.code).toBe('records.access.unauthorised');
    expect(denied.value.violations.at(-1)?.personId).toBe('x');
  });

  it('auditAccessLog refuses 10^5 entries naming an unknown file type at log[0] the same way', () => {
    const bad = { ...entry, file: { id: 'F1', fileTypeId: 'buyerFile' } };
    const e = refusal(() => auditAccessLog(new Array(100_000).fill(bad), salesCompanyFilesPreset, ctx));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['log', 0, 'file', 'fileTypeId']);
  });
});
