import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { accessDecision, auditAccessLog } from './access.js';
import { backupState } from './entries.js';
import { filingOf } from './filing.js';
import { loanRegisterOf } from './loan-register.js';
import { recordsFiling, recordsLoanRegister } from './modules.js';
import { defineRecordsPolicy } from './policy.js';
import { customerArchivePreset, dealerFilesPreset, exampleLantingRealtyPreset } from './presets/index.js';

const calendar = chinaCalendar();
const ctx = { now: '2025-03-14T09:00:00+08:00', calendar };
const lanting = exampleLantingRealtyPreset;
const clerk = { id: 'zhou', roles: ['salesConsultant'] };
const file = { id: 'HT-2025-031', fileTypeId: 'buyerFile' };
const withParams = (params: Record<string, unknown>) => ({
  ...JSON.parse(JSON.stringify(lanting)),
  params: { ...JSON.parse(JSON.stringify(lanting.params)), ...params },
});

describe('access actions and places as data (issue 17 point 1, S003-ACCESS-01)', () => {
  it('S003-ACCESS-01: a copy needs the file keeper, the archive room and a written record, each named when missing', () => {
    const refused = accessDecision({ actor: clerk, action: 'copy', file }, lanting, ctx).value;
    expect(refused.allowed).toBe(false);
    expect(refused.missing).toEqual(['approval:fileKeeper', 'place:archiveRoom', 'record']);
    const allowed = accessDecision(
      {
        actor: clerk,
        action: 'copy',
        place: 'archiveRoom',
        recordId: 'FY-1',
        file,
        approvals: [{ approverId: 'keeper', role: 'fileKeeper', at: '2025-03-14T08:00:00+08:00' }],
      },
      lanting,
      ctx,
    ).value;
    expect(allowed).toMatchObject({ allowed: true, missing: [], returnBy: null });
  });

  it('S000-ACCESS-02: annotating is forbidden to every role, the custodian included, cited by the company clause', () => {
    const d = accessDecision(
      { actor: { id: 'keeper', roles: ['fileKeeper'] }, action: 'annotate', place: 'archiveRoom', file },
      lanting,
      ctx,
    );
    expect(d.value.allowed).toBe(false);
    expect(d.value.verdicts).toEqual([
      expect.objectContaining({ rule: 'S000-ACCESS-02', via: 'deny', missing: ['forbidden'] }),
    ]);
    expect(d.value.verdicts[0]?.clause).toContain('兰亭置业');
  });

  it('taking a file out needs every proof; the return deadline is 2 working days from the access', () => {
    const req = {
      actor: clerk,
      action: 'takeOut',
      recordId: 'JY-1',
      file,
      at: '2025-03-06T10:00:00+08:00',
      approvals: [{ approverId: 'gao', role: 'salesDirector', at: '2025-03-06T09:00:00+08:00' }],
    };
    expect(accessDecision(req, lanting, ctx).value.missing).toEqual(['proof:borrowSlip']);
    const ok = accessDecision({ ...req, proofs: ['borrowSlip'] }, lanting, ctx).value;
    expect(ok.allowed).toBe(true);
    expect(ok.returnBy).toEqual({ at: '2025-03-10T15:59:59.999Z', inclusive: true });
  });

  it('an access log reports a file still out after its return deadline, and does not count it as a denial', () => {
    const d = auditAccessLog(
      [
        {
          actor: clerk,
          action: 'takeOut',
          proofs: ['borrowSlip'],
          recordId: 'JY-1',
          file,
          at: '2025-03-06T10:00:00+08:00',
          approvals: [{ approverId: 'gao', role: 'salesDirector', at: '2025-03-06T09:00:00+08:00' }],
        },
      ],
      lanting,
      ctx,
    );
    expect(d.value.map((v) => [v.code, v.personId, v.lateBy?.units])).toEqual([
      ['records.access.returnLate', 'zhou', 4],
    ]);
  });

  it('refuses an action the policy does not define, with its path and the nearest action', () => {
    const e = zhiduError(() => accessDecision({ actor: clerk, action: 'cpoy', file }, lanting, ctx));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['action']);
    expect(e.message).toContain('did you mean "copy"?');
    // A built-in action is not known to a policy that names its own.
    expect(
      zhiduError(() => accessDecision({ actor: clerk, action: 'view', file }, lanting, ctx)).path,
    ).toEqual(['action']);
  });

  it('refuses a place the policy does not define, with its path', () => {
    const e = zhiduError(() =>
      accessDecision({ actor: clerk, action: 'readInRoom', place: 'lobby', file }, lanting, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['place']);
  });

  it('refuses a policy whose access rule or action names an undefined action or place, with the path', () => {
    const badRule = zhiduError(() =>
      defineRecordsPolicy(
        withParams({
          accessRules: [{ ...lanting.params.accessRules[0], actions: ['readInRoom', 'view'] }],
        }),
      ),
    );
    expect(badRule.path).toEqual(['policy', 'params', 'accessRules', 0, 'actions', 1]);
    const badPlace = zhiduError(() =>
      defineRecordsPolicy(withParams({ actions: [{ ...lanting.params.actions[0], places: ['basement'] }] })),
    );
    expect(badPlace.path).toEqual(['policy', 'params', 'actions', 0, 'places', 0]);
  });

  it('keeps the built-in actions for a policy that names none (dealer files: view still decided by its rules)', () => {
    const d = accessDecision(
      {
        actor: { id: 'u1', roles: ['salesConsultant'] },
        action: 'view',
        file: { id: 'V', fileTypeId: 'newCarSalesFile' },
      },
      dealerFilesPreset,
      ctx,
    );
    expect(d.value.returnBy).toBeNull();
    expect(typeof d.value.allowed).toBe('boolean');
    expect(
      zhiduError(() =>
        accessDecision(
          { actor: clerk, action: 'annotate', file: { id: 'V', fileTypeId: 'newCarSalesFile' } },
          dealerFilesPreset,
          ctx,
        ),
      ).path,
    ).toEqual(['action']);
  });
});

describe('one-party filing duties (issue 17 point 2, S003-ARCHIVE-10)', () => {
  const row = (id: string, triggeredAt: string, filedAt?: string, personId?: string) => ({
    id,
    triggeredAt,
    ...(filedAt ? { filedAt } : {}),
    ...(personId ? { personId } : {}),
  });

  it('S003-ARCHIVE-10: files contract papers into the cabinet within 3 working days; a row with no person answers by the role', () => {
    const d = filingOf(
      {
        duty: 'contractIntoCabinet',
        rows: [
          row('A', '2025-03-06T10:00:00+08:00', '2025-03-11T23:00:00+08:00', 'zhou'),
          row('B', '2025-03-06T10:00:00+08:00'),
        ],
      },
      lanting,
      ctx,
    );
    expect(d.value.rows.map((r) => r.status)).toEqual(['filed', 'overdue']);
    expect(d.value.violations).toEqual([
      expect.objectContaining({
        code: 'records.filing.missing',
        personId: 'role:salesConsultant',
        role: 'salesConsultant',
        departmentId: 'salesDept',
        data: expect.objectContaining({ row: 1, attributedTo: 'role' }),
      }),
    ]);
    expect(d.trace.some((t) => t.message.en.includes('attributed to the role salesConsultant'))).toBe(true);
  });

  it('S003-ARCHIVE-10: refuses a row listed twice (duplicate at its id), which was filed and found missing twice', () => {
    const missing = row('HT-2025-035', '2025-03-06T10:00:00+08:00');
    const rows = [
      row('HT-2025-034', '2025-03-06T10:00:00+08:00', '2025-03-11T23:00:00+08:00', 'zhou'),
      missing,
    ];
    const twice = { duty: 'contractIntoCabinet', rows: [...rows, missing] };
    const viaModule = zhiduError(() =>
      recordsFiling.evaluate(twice, recordsFiling.preset('example-lanting-realty'), ctx),
    );
    expect([viaModule.code, viaModule.path, viaModule.message]).toEqual([
      'duplicate',
      ['input', 'rows', 2, 'id'],
      '登记行 HT-2025-035 重复列出 / row HT-2025-035 is listed twice (at input.rows[2].id)',
    ]);
    const viaFunction = zhiduError(() => filingOf(twice, lanting, ctx));
    expect([viaFunction.code, viaFunction.path]).toEqual(['duplicate', ['rows', 2, 'id']]);
    // The same rows listed once: one line each, one finding.
    const once = recordsFiling.evaluate(
      { duty: 'contractIntoCabinet', rows },
      recordsFiling.preset('example-lanting-realty'),
      ctx,
    ).value;
    expect(once.result.rows.map((r) => [r.id, r.status])).toEqual([
      ['HT-2025-034', 'filed'],
      ['HT-2025-035', 'overdue'],
    ]);
    expect(once.violations.map((v) => [v.code, v.subject?.id])).toEqual([
      ['records.filing.missing', 'HT-2025-035'],
    ]);
  });

  it('refuses a duty the policy does not define (unknown_reference at duty) and a duty naming an unknown register', () => {
    const e = zhiduError(() => filingOf({ duty: 'contractIntoCabnet', rows: [] }, lanting, ctx));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['duty']);
    expect(e.message).toContain('contractIntoCabinet');
    const bad = zhiduError(() =>
      defineRecordsPolicy(
        withParams({ filingDuties: [{ ...lanting.params.filingDuties[0], register: 'safe' }] }),
      ),
    );
    expect(bad.path).toEqual(['policy', 'params', 'filingDuties', 0, 'register']);
  });

  it('refuses a malformed row (a wrong type) with its path, through the module', () => {
    const e = zhiduError(() =>
      recordsFiling.evaluate(
        { duty: 'visitIntoSystem', rows: [{ id: 'x', triggeredAt: true }] } as never,
        recordsFiling.preset('example-lanting-realty'),
        ctx,
      ),
    );
    expect(e.path).toEqual(['input', 'rows', 0, 'triggeredAt']);
  });

  it('a row is on time exactly when it is filed by the end of its due day (seeded property)', () => {
    const base = Date.parse('2025-03-06T02:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 24 * 60 }), (minutes) => {
        const filedAt = new Date(base + minutes * 60_000).toISOString();
        const d = filingOf(
          { duty: 'visitIntoSystem', rows: [row('R', '2025-03-06T10:00:00+08:00', filedAt, 'li')] },
          lanting,
          ctx,
        );
        const due = Date.parse('2025-03-07T15:59:59.999Z');
        expect(d.value.rows[0]?.status).toBe(Date.parse(filedAt) <= due ? 'filed' : 'filedLate');
        expect(d.value.violations.length).toBe(Date.parse(filedAt) <= due ? 0 : 1);
      }),
      { seed: 17, numRuns: 60 },
    );
  });
});

describe('audits that report (issue 17 point 3): a loan register with good and bad rows', () => {
  const loan = (fileId: string, over: Record<string, unknown> = {}) => ({
    fileTypeId: 'buyerFile',
    fileId,
    borrower: { personId: 'zhou' },
    lentAt: '2025-03-06T10:00:00+08:00',
    piecesOut: 4,
    ...over,
  });

  it('S000-ACCESS-02: a row with no due time (no loan period) is a finding with its row, the other rows are judged', () => {
    const d = loanRegisterOf(
      {
        rows: [
          loan('OK', {
            fileTypeId: 'newCarSalesFile',
            dueAt: '2025-03-10T18:00:00+08:00',
            returnedAt: '2025-03-10T09:00:00+08:00',
            piecesReturned: 4,
          }),
          loan('NO-DUE', { fileTypeId: 'newCarSalesFile' }),
          loan('LATE', { fileTypeId: 'newCarSalesFile', dueAt: '2025-03-07T18:00:00+08:00' }),
        ],
      },
      dealerFilesPreset,
      ctx,
    );
    expect(d.value.rows.map((r) => (r.valid ? r.status : `invalid:${r.path.join('.')}`))).toEqual([
      'returned',
      'invalid:dueAt',
      'overdue',
    ]);
    expect(d.value.violations.map((v) => [v.code, v.data?.row])).toEqual([
      ['records.register.rowInvalid', 1],
      ['records.loan.overdue', 2],
    ]);
    expect(d.value.violations.every((v) => v.source.module === 'records.loan-register')).toBe(true);
  });

  it('refuses a register with a wrong type (only malformed input is refused), naming the row', () => {
    const e = zhiduError(() =>
      recordsLoanRegister.evaluate(
        { rows: [loan('A'), loan('B', { piecesOut: 'four' })] } as never,
        recordsLoanRegister.preset('example-lanting-realty'),
        ctx,
      ),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'rows', 1, 'piecesOut']);
  });

  it('refuses a row naming a file type the policy does not have (a policy reference, not a finding)', () => {
    const e = zhiduError(() => loanRegisterOf({ rows: [loan('A', { fileTypeId: 'nope' })] }, lanting, ctx));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['rows', 0, 'fileTypeId']);
  });
});

describe('citations follow the policy (issue 17 point 6, S003-ARCHIVE-09)', () => {
  const at = { now: '2025-03-12T02:30:00+08:00' };
  it("S003-ARCHIVE-09: checkBackup cites the policy's backupRule, else its citation of the value, else its source", () => {
    expect(backupState('2025-03-05T02:00:00+08:00', lanting, at).trace[0]).toMatchObject({
      rule: 'S003-ARCHIVE-09',
      clause: expect.stringContaining('兰亭置业'),
    });
    const cited = defineRecordsPolicy({
      ...withParams({ backupRule: null }),
      citations: { '/params/backupIntervalHours': { rule: 'S003-ARCHIVE-09', clause: '本司制度 第3条' } },
    });
    expect(backupState('2025-03-05T02:00:00+08:00', cited, at).trace[0]?.clause).toBe('本司制度 第3条');
    const { citations: _own, ...uncited } = withParams({ backupRule: null });
    const bare = defineRecordsPolicy(uncited);
    expect(backupState('2025-03-05T02:00:00+08:00', bare, at).trace[0]).toMatchObject({
      rule: 'records.backup',
      clause: '兰亭置业客户档案管理办法(虚构示例) 第一条至第十二条',
    });
    // The seed-003 preset states its own backup rule, so its derived policies cite it as before.
    const seed = defineRecordsPolicy({
      ...customerArchivePreset,
      params: { ...customerArchivePreset.params, backupIntervalHours: 24 },
    });
    expect(backupState('2025-03-05T02:00:00+08:00', seed, at).trace[0]?.rule).toBe('S003-ARCHIVE-09');
  });
});
