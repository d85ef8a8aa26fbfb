import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZhiduError } from './errors.js';
import { ViolationSchema, violation } from './violation.js';

/** What zod makes of the same fields (the reference `violation()` must agree with). */
function viaZod(module: string, cite: { rule: string; clause?: string }, fields: Record<string, unknown>) {
  const source =
    cite.clause === undefined
      ? { module, rule: cite.rule }
      : { module, rule: cite.rule, clause: cite.clause };
  const r = ViolationSchema.safeParse({ ...fields, source });
  return r.success ? { ok: true as const, value: r.data } : { ok: false as const };
}

function viaViolation(
  module: string,
  cite: { rule: string; clause?: string },
  fields: Record<string, unknown>,
) {
  try {
    return { ok: true as const, value: violation(module, cite, fields as never) };
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return { ok: false as const };
  }
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const text = fc.constantFrom('', 'x', 'records.access.unauthorised', 'u1', '__proto__', '😀');
const instant = fc.constantFrom(
  '2024-03-08T10:00:00+08:00',
  '2024-03-08T02:00:00.000Z',
  '2024-02-30T10:00:00+08:00',
  '2024-03-08',
  '9999-12-31T23:59:59+14:00',
  'x',
);
const num = fc.constantFrom(0, 1, 2, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER, 2 ** 60, 1e308);
const anyValue = fc.oneof(
  text,
  num,
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({}),
);
const fieldsArb = fc.record(
  {
    code: fc.oneof(text, anyValue),
    personId: fc.oneof(text, anyValue),
    role: maybe(fc.oneof(text, anyValue)),
    departmentId: maybe(text),
    occurredAt: fc.oneof(instant, num, anyValue),
    quantity: maybe(fc.oneof(num, anyValue)),
    lateBy: maybe(
      fc.oneof(
        fc.record(
          {
            unit: fc.constantFrom('minutes', 'hours', 'workingDays', 'calendarDays', 'weeks', 'x'),
            units: num,
            ms: maybe(num),
            extra: maybe(text),
          },
          { requiredKeys: ['unit', 'units'] },
        ),
        anyValue,
      ),
    ),
    subject: maybe(
      fc.oneof(
        fc.record({ kind: text, id: text, extra: maybe(text) }, { requiredKeys: ['kind', 'id'] }),
        anyValue,
      ),
    ),
    correctedAt: maybe(fc.oneof(instant, num)),
    data: maybe(fc.oneof(fc.dictionary(text, anyValue, { maxKeys: 3 }), anyValue)),
    unknownKey: maybe(text),
  },
  { requiredKeys: [] },
);

describe('violation() builds plainly valid violations without zod, exactly as zod would', () => {
  it('agrees with ViolationSchema on arbitrary fields: same value, or both refuse (seeded)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('records.access-log', 'sla.timers', 'acme.probation'),
        fc.record(
          { rule: fc.constantFrom('R1', ''), clause: maybe(fc.constantFrom('L1', '')) },
          { requiredKeys: ['rule'] },
        ),
        fieldsArb,
        (module, cite, fields) => {
          const expected = viaZod(module, cite, fields);
          const got = viaViolation(module, cite, fields);
          expect(got.ok).toBe(expected.ok);
          if (got.ok && expected.ok) {
            expect(got.value).toStrictEqual(expected.value);
            // The same plain objects as zod's, keys in the same order (JSON), prototype Object.prototype.
            expect(JSON.stringify(got.value)).toBe(JSON.stringify(expected.value));
            for (const o of [got.value, got.value.source, got.value.lateBy, got.value.subject]) {
              if (o === undefined) continue;
              expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
              expect(o.constructor).toBe(Object);
            }
          }
        },
      ),
      { seed: 20261204, numRuns: 1000 },
    );
  });

  it('a typical breach: normalised instant, copied subject and data (the caller keeps its objects)', () => {
    const subject = { kind: 'file', id: 'F1' };
    const data = { action: 'view', missing: ['nda'] };
    const v = violation(
      'records.access-log',
      { rule: 'S000-ARCHIVE-03', clause: '000 L12' },
      {
        code: 'records.access.unauthorised',
        personId: 'u1',
        occurredAt: '2024-03-05T10:00:00+08:00',
        quantity: 1,
        subject,
        data,
      },
    );
    expect(v).toStrictEqual({
      code: 'records.access.unauthorised',
      personId: 'u1',
      occurredAt: '2024-03-05T02:00:00.000Z',
      quantity: 1,
      subject: { kind: 'file', id: 'F1' },
      source: { module: 'records.access-log', rule: 'S000-ARCHIVE-03', clause: '000 L12' },
      data: { action: 'view', missing: ['nda'] },
    });
    expect(v.subject).not.toBe(subject);
    expect(v.data).not.toBe(data);
  });

  it('a malformed field is still refused by zod with its path (lateBy with a negative count)', () => {
    let e: unknown;
    try {
      violation(
        'sla.timers',
        { rule: 'R' },
        {
          code: 'sla.late',
          personId: 'p',
          occurredAt: '2024-03-08T10:00:00+08:00',
          lateBy: { unit: 'hours', units: -1 },
        },
      );
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ZhiduError);
    expect((e as ZhiduError).path).toEqual(['violation', 'lateBy', 'units']);
  });
});

describe('violation() stamps source.module with a module id, never a package name', () => {
  const fields = { code: 'records.handover.late', personId: 'u1', occurredAt: '2024-03-08T10:00:00+08:00' };

  it('source.module is the module id given (records.handover), the same form as provenance.module', () => {
    expect(violation('records.handover', { rule: 'S000-ARCHIVE-07' }, fields).source).toStrictEqual({
      module: 'records.handover',
      rule: 'S000-ARCHIVE-07',
    });
  });

  it.each([
    ['records', 'a package name'],
    ['@zhidu/attribution', 'a scoped package name'],
    ['', 'empty'],
    ['Records.handover', 'an upper-case package'],
    ['records.', 'no name'],
    [42, 'not a string'],
  ])('refuses %j (%s) with invalid_input at module', (module, _why) => {
    let e: unknown;
    try {
      violation(module as string, { rule: 'S000-ARCHIVE-07' }, fields);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ZhiduError);
    expect([(e as ZhiduError).code, (e as ZhiduError).path]).toEqual(['invalid_input', ['module']]);
    expect((e as ZhiduError).message).toContain('<package>.<name>');
  });

  it('any well-formed module id is stamped as given (seeded)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
        fc.stringMatching(/^[a-z][a-zA-Z0-9-]{0,8}$/),
        (pkg, name) => {
          const id = `${pkg}.${name}`;
          expect(violation(id, { rule: 'R' }, fields).source.module).toBe(id);
        },
      ),
      { seed: 20261204, numRuns: 200 },
    );
  });
});
