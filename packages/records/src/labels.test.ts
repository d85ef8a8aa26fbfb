import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { MISSING_ZH, missingZh } from './labels.js';

describe('records: what an access request lacks, said in Chinese', () => {
  it('names each missing requirement in Chinese and keeps the company name after the colon', () => {
    expect(missingZh('approval:fileKeeper')).toBe('审批:fileKeeper');
    expect(missingZh('place:archiveRoom')).toBe('指定地点:archiveRoom');
    expect(missingZh('record')).toBe('登记记录');
    expect(missingZh('ndaBeforeAccess')).toBe('事先签署保密协议');
    expect(missingZh('forbidden')).toBe('禁止');
  });

  it('has a Chinese name for every key access.ts produces (no English word left in the zh trace)', () => {
    for (const key of [
      'authenticated',
      'approval',
      'role',
      'department',
      'sameDepartment',
      'purpose',
      'lawfulBasis',
      'customerAuthorization',
      'ndaBeforeAccess',
      'participant',
      'recusal',
      'fileState',
      'self',
      'onLoan',
      'permission',
      'place',
      'proof',
      'record',
      'forbidden',
    ])
      expect(MISSING_ZH[key], key).toMatch(/[\u4e00-\u9fff]/);
  });

  it('leaves an unknown key as it is rather than guessing', () => {
    expect(missingZh('somethingNew:x')).toBe('somethingNew:x');
  });
});
