import { describe, expect, it } from 'vitest';
import { citationAnchor, citationHref } from './citation-href.js';
import { isZhiduError } from './errors.js';

function refusal(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (isZhiduError(e)) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('citationHref: a clause citation links to its catalog entry', () => {
  it('a rule id links to the Chinese catalog by default and to the English one with lang en', () => {
    expect(citationHref('S000-MILESTONE-03')).toBe('docs/zh/catalog.md#s000-milestone-03');
    expect(citationHref('S000-MILESTONE-03', { lang: 'zh-CN' })).toBe('docs/zh/catalog.md#s000-milestone-03');
    expect(citationHref('S000-MILESTONE-03', { lang: 'en' })).toBe('docs/catalog.md#s000-milestone-03');
    expect(citationHref('S000-MILESTONE-03', { lang: 'en-US' })).toBe('docs/catalog.md#s000-milestone-03');
  });

  it('a base prefix makes the link relative to a page inside docs/', () => {
    expect(citationHref('S001B-MEMBER-11', { lang: 'en', base: '' })).toBe('catalog.md#s001b-member-11');
    expect(citationHref('S001B-MEMBER-11', { base: '../' })).toBe('../zh/catalog.md#s001b-member-11');
    expect(citationAnchor('S002-FLOW-01')).toBe('s002-flow-01');
  });

  it('refuses a value that is not a rule id, at ruleId, in both languages', () => {
    // (a BigInt threw a bare TypeError while the refusal's message was written)
    for (const bad of [
      '000 L355',
      's000-core-01',
      '',
      'S000-CORE-',
      42,
      10n,
      Symbol('S000-CORE-01'),
    ] as string[]) {
      const r = refusal(() => citationHref(bad));
      expect(r.code).toBe('invalid_input');
      expect(r.path).toEqual(['ruleId']);
      expect(r.message).toMatch(/规则目录编号.* \/ not a catalog rule id/);
    }
  });

  it('refuses an unsupported language at lang, naming the supported ones', () => {
    const r = refusal(() => citationHref('S000-CORE-01', { lang: 'fr' }));
    expect(r.code).toBe('invalid_input');
    expect(r.path).toEqual(['lang']);
    expect(r.message).toContain('zh-CN');
  });
});
