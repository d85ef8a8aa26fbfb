import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { checkCompleteness, checkHandover, dealerFilesPreset, readFile, recordsHandover } from './index.js';

// The 30-second example of README.md, line for line.
describe('README example', () => {
  it('reports the late handover and the gaps of the maintenance file (S000-ARCHIVE-07, S000-ARCHIVE-10)', () => {
    const handover = checkHandover(
      {
        fileTypeId: 'newCarSalesFile',
        fileId: 'LSV-0001',
        responsible: { personId: 'sc-wang', role: 'salesConsultant' },
        events: { delivery: '2024-03-04T16:00:00+08:00' },
        handedOverAt: '2024-03-11T10:00:00+08:00',
      },
      dealerFilesPreset,
      { now: '2024-03-12T00:00:00+08:00', calendar: chinaCalendar() },
    );
    expect(handover.value.result.outcomes[0]?.status).toBe('late');
    expect(handover.value.violations[0]?.code).toBe('records.handover.late');
    expect(handover.trace[0]?.message.zh).toBe(
      '交车于2024-03-04 16:00,期限2024-03-07 23:59,实际2024-03-11 10:00,超期2个工作日',
    );

    const file = checkCompleteness(
      {
        fileTypeId: 'afterSalesMaintenanceFile',
        fileId: 'RO-1',
        responsible: { personId: 'sa-zhao', role: 'serviceAdvisor' },
        media: { paper: true, electronic: true },
        documents: [
          { id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } },
          { id: 'taskOrder', signatures: { customer: 'missing', staff: 'ok' } },
          { id: 'settlementSheet', signatures: { customer: 'ok', staff: 'ok' } },
        ],
      },
      dealerFilesPreset,
      { now: '2024-03-06T10:00:00+08:00' },
    );
    expect(file.value.violations.map((v) => `${v.code} ×${v.quantity}`)).toEqual([
      'records.item.missing ×1',
      'records.signature.missing ×1',
    ]);
  });

  it('shares the new-car file with a third party without the undeclared ID number and with the mobile masked (default deny)', () => {
    const shared = readFile(
      {
        actor: { id: 'sa-1', roles: ['serviceAdvisor'], authenticated: true },
        action: 'share',
        file: { id: 'VIN-1', fileTypeId: 'newCarSalesFile' },
        recipient: { id: 'insurer', kind: 'thirdParty' },
      },
      { customerName: '张三', mobile: '13912345678', idNumber: '11010519491231002X' },
      dealerFilesPreset,
      { now: '2024-03-06T10:00:00+08:00' },
    );
    expect(shared.value.record).toEqual({ customerName: '张三', mobile: '139****5678' });
  });
});

// The "Modules" example of README.md, line for line.
describe('README modules example', () => {
  it('evaluates the late handover through records.handover with violations in the result (S000-ARCHIVE-07)', () => {
    const d = recordsHandover.evaluate(
      {
        fileTypeId: 'newCarSalesFile',
        fileId: 'LSV-0001',
        responsible: { personId: 'sc-wang', role: 'salesConsultant' },
        events: { delivery: '2024-03-04T16:00:00+08:00' },
        handedOverAt: '2024-03-11T10:00:00+08:00',
      },
      recordsHandover.preset('dealer-files'),
      { now: '2024-03-12T00:00:00+08:00', calendar: chinaCalendar() },
    );
    expect(d.value.result.outcomes[0]?.workingDaysLate).toBe(2);
    expect(d.value.violations[0]?.code).toBe('records.handover.late');
    expect(d.provenance.module).toBe('records.handover');
  });
});
