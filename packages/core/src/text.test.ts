import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { parseInput } from './errors.js';
import { StrictDurationSpecSchema } from './strict-duration.js';
import { CitationSchema, TextSchema } from './text.js';
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
