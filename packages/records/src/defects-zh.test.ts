import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { checkCompleteness } from './entry-points.js';
import { dealerFilesPreset } from './presets/index.js';

describe('a defective document said in Chinese (S000-ARCHIVE-08)', () => {
  it('S000-ARCHIVE-08: the zh trace names a blank or malformed green-card field by its Chinese name; codes stay in the value', () => {
    const d = checkCompleteness(
      {
        fileTypeId: 'newCarSalesFile',
        fileId: 'VIN-1',
        responsible: { personId: 'sc1', role: 'salesConsultant' },
        documents: [
          {
            id: 'greenCard',
            fields: { customerName: '', contactPerson: '张三', mobile: '123', address: '上海' },
          },
        ],
      },
      dealerFilesPreset,
      { now: '2025-01-01T00:00:00Z' },
    );
    expect(d.value.result.defectiveDocuments).toEqual([
      { id: 'greenCard', defects: ['customerName:missing', 'mobile:format'] },
    ]);
    const entry = d.trace.find((e) => (e.data as { item?: string } | undefined)?.item === 'greenCard');
    expect(entry?.message.zh).toBe('绿卡不完整或有误: 客户名称缺失、联系手机格式不符');
    expect(entry?.message.en).toBe(
      'Green card (customer information card) is defective: customerName:missing, mobile:format',
    );
    expect(entry?.data).toEqual({ item: 'greenCard', defects: ['customerName:missing', 'mobile:format'] });
  });
});
