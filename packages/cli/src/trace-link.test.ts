import { describe, expect, it } from 'vitest';
import { traceLine } from './format.js';

const entry = (rule: string) => ({
  rule,
  clause: '000 L363',
  message: { zh: '评审会逾期', en: 'review meeting late' },
});

describe('a rendered trace line links a catalog rule id to its entry in the rule catalog', () => {
  it('links to the Chinese catalog in zh-CN (and with no lang), to the English one in en', () => {
    expect(traceLine(entry('S000-MILESTONE-03'), 'zh-CN')).toBe(
      '  S000-MILESTONE-03 [000 L363]  评审会逾期  → docs/zh/catalog.md#s000-milestone-03',
    );
    expect(traceLine(entry('S000-MILESTONE-03'), 'en')).toBe(
      '  S000-MILESTONE-03 [000 L363]  review meeting late  → docs/catalog.md#s000-milestone-03',
    );
    expect(traceLine(entry('S001B-MEMBER-11'), undefined)).toBe(
      '  S001B-MEMBER-11 [000 L363]  评审会逾期 / review meeting late  → docs/zh/catalog.md#s001b-member-11',
    );
  });

  it('a rule name that is not a catalog id gets no link', () => {
    expect(traceLine(entry('custom.late-fee'), 'en')).toBe(
      '  custom.late-fee [000 L363]  review meeting late',
    );
    expect(traceLine(entry('S000-MILESTONE-03x'), 'en')).not.toContain('→');
  });
});
