import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { parseInput } from './errors.js';
import { StrictDurationSpecSchema } from './strict-duration.js';
import { BilingualText, CitationSchema, TextSchema } from './text.js';
import { violation } from './violation.js';

describe('TextSchema and CitationSchema', () => {
  it('bilingual text needs both languages, non-empty, and no other key', () => {
    expect(TextSchema.parse({ zh: '投诉', en: 'complaint' })).toEqual({ zh: '投诉', en: 'complaint' });
    expect(refusal(() => parseInput(TextSchema, { zh: '投诉', en: '' }, ['title'])).path).toEqual([
      'title',
      'en',
    ]);
    expect(refusal(() => parseInput(TextSchema, { zh: '投诉' }, ['title'])).path).toEqual(['title', 'en']);
    const extra = refusal(() => parseInput(TextSchema, { zh: '投诉', en: 'c', fr: 'plainte' }, ['title']));
    expect([extra.code, extra.path]).toEqual(['unknown_key', ['title', 'fr']]);
  });

  it('a citation needs a rule and a clause', () => {
    expect(CitationSchema.parse({ rule: 'S000-ARCHIVE-07', clause: '000 L257' }).rule).toBe(
      'S000-ARCHIVE-07',
    );
    expect(refusal(() => parseInput(CitationSchema, { rule: 'S000-ARCHIVE-07' }, ['cite'])).path).toEqual([
      'cite',
      'clause',
    ]);
  });

  it('StrictDurationSpecSchema refuses a misspelt key instead of dropping it', () => {
    expect(StrictDurationSpecSchema.parse({ unit: 'minutes', amount: 30 })).toMatchObject({
      unit: 'minutes',
      amount: 30,
    });
    const e = refusal(() => parseInput(StrictDurationSpecSchema, { unit: 'minutes', amout: 30 }, ['within']));
    expect(e.code).toBe('unknown_key');
  });
});

describe('violation()', () => {
  it('stamps source with the module and citation and normalises the instant', () => {
    const v = violation(
      'records.handover',
      { rule: 'S000-ARCHIVE-07', clause: '000 L257' },
      { code: 'records.handover.late', personId: 'u1', occurredAt: '2024-03-08T10:00:00+08:00', quantity: 2 },
    );
    expect(v.source).toEqual({ module: 'records.handover', rule: 'S000-ARCHIVE-07', clause: '000 L257' });
    expect(v.occurredAt).toBe('2024-03-08T02:00:00.000Z');
    expect(v.quantity).toBe(2);
    expect(
      violation(
        'sla.timers',
        { rule: 'R' },
        { code: 'sla.x', personId: 'p', occurredAt: '2024-03-08T10:00:00+08:00' },
      ).source,
    ).toEqual({
      module: 'sla.timers',
      rule: 'R',
    });
  });

  it('refuses a malformed violation with a path under violation', () => {
    const e = refusal(() =>
      violation(
        'sla.timers',
        { rule: 'R' },
        { code: '', personId: 'p', occurredAt: '2024-03-08T10:00:00+08:00' },
      ),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['violation', 'code']]);
    const q = refusal(() =>
      violation('sla.timers', { rule: 'R' }, { code: 'c', personId: 'p', occurredAt: 'x', quantity: 0 }),
    );
    expect(q.path[0]).toBe('violation');
  });
});

describe('BilingualText, built with new', () => {
  it('is the plain object the literal is: prototype, constructor, keys in order, JSON', () => {
    const m = new BilingualText('已逾期', 'overdue');
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
    expect(m.constructor).toBe(Object);
    expect(Object.keys(m)).toEqual(['zh', 'en']);
    expect(JSON.stringify(m)).toBe(JSON.stringify({ zh: '已逾期', en: 'overdue' }));
    expect(m).toStrictEqual({ zh: '已逾期', en: 'overdue' });
    expect(TextSchema.parse(m)).toEqual(m);
  });

  it('instanceof asks for the shape, not the prototype every object shares', () => {
    expect(new BilingualText('中', 'en') instanceof BilingualText).toBe(true);
    expect({ zh: '中', en: 'en' } instanceof BilingualText).toBe(true);
    for (const other of [
      {},
      [],
      new Date(0),
      { zh: '中' },
      { zh: 1, en: 'en' },
      Object.create({ zh: 'a', en: 'b' }),
      null,
      'zh',
    ]) {
      expect(other instanceof BilingualText).toBe(false);
    }
  });

  it('refuses a call without new, and arguments that are not strings', () => {
    const call = BilingualText as unknown as (zh: unknown, en: unknown) => unknown;
    const New = BilingualText as unknown as new (zh: unknown, en: unknown) => unknown;
    const noNew = refusal(() => call('中', 'en'));
    expect([noNew.code, noNew.path]).toEqual(['invalid_input', []]);
    expect(noNew.message).toContain('BilingualText is called with new');
    const zh = refusal(() => new New(undefined, 'en'));
    expect([zh.code, zh.path]).toEqual(['invalid_input', ['zh']]);
    expect(zh.message).toContain('zh must be a string, got undefined');
    const en = refusal(() => new New('中', 42));
    expect([en.code, en.path]).toEqual(['invalid_input', ['en']]);
    expect(en.message).toContain('en must be a string');
  });
});
