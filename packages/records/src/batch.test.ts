import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completenessBatch, handoverBatch } from './batch.js';
import { type CompletenessInput, completenessOf } from './completeness.js';
import { type HandoverInput, handoverOf } from './handover.js';
import {
  checkCompleteness,
  checkHandover,
  dealerFilesPreset,
  recordsCompleteness,
  recordsHandover,
  salesOfficePreset,
} from './index.js';
import { completenessOf as completenessBefore } from './oracle/completeness.js';
import { handoverOf as handoverBefore } from './oracle/handover.js';

const calendar = chinaCalendar();
const ctx = { now: '2025-01-01T00:00:00Z', calendar };
const SEED = 2121;

/** What a call returns or throws, as comparable data. */
function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { error: { code: e.code, path: e.path, message: e.message } };
  }
}

/** A single call's refusal as the batch reports it for file `i`: `input…` → `input[i]…`. */
function atIndex(single: unknown, i: number): unknown {
  const o = single as { error?: { code: string; path: (string | number)[]; message: string } };
  if (o.error === undefined || o.error.path[0] !== 'input') return single;
  const path = ['input', i, ...o.error.path.slice(1)];
  return { error: { ...o.error, path, message: new ZhiduError(o.error.code, path, strip(o.error)).message } };
}
const strip = (e: { path: (string | number)[]; message: string }) =>
  e.message.slice(0, e.message.lastIndexOf(' (at '));

/** A batch's answer compared with the single calls: the decisions, or the first refusal. */
function singles<F>(files: readonly F[], one: (f: F) => unknown): unknown {
  const out: unknown[] = [];
  for (let i = 0; i < files.length; i++) {
    const o = outcome(() => one(files[i] as F));
    if ('error' in (o as object)) return atIndex(o, i);
    out.push((o as { ok: unknown }).ok);
  }
  return { ok: out };
}

/**
 * The implementation before, as its module decision (value split; a refusal as its code and path
 * under `input`: its message names the path the way the direct call did, without `input`).
 */
function moduleBefore(f: () => { value: { violations: unknown }; trace: unknown }): unknown {
  const o = outcome(f) as {
    ok?: { value: { violations: unknown }; trace: unknown };
    error?: { code: string; path: (string | number)[] };
  };
  if (o.error !== undefined) {
    const top = o.error.path[0] === 'policy' || o.error.path[0] === 'ctx';
    return { error: { code: o.error.code, path: top ? o.error.path : ['input', ...o.error.path] } };
  }
  const { violations, ...result } = (o.ok as { value: { violations: unknown } }).value;
  return { ok: { value: { result, violations }, trace: (o.ok as { trace: unknown }).trace } };
}
/** A module decision without its provenance; a refusal as its code and path. */
function bare(f: () => { value: unknown; trace: unknown }): unknown {
  const o = outcome(f) as {
    ok?: { value: unknown; trace: unknown };
    error?: { code: string; path: unknown };
  };
  if (o.error !== undefined) return { error: { code: o.error.code, path: o.error.path } };
  return { ok: { value: o.ok?.value, trace: o.ok?.trace } };
}

// ---------------------------------------------------------------------------------------------
// Arbitrary files: mostly well-formed for the dealer and sales-office file types, with every kind
// of slip a caller makes (unknown or duplicate documents, typos in flags and fields, wrong types,
// extra or undefined keys, bad instants, negative counts).
// ---------------------------------------------------------------------------------------------
const policies = [dealerFilesPreset, salesOfficePreset];
const fileTypes = policies.flatMap((p, pi) => p.params.fileTypes.map((t) => ({ pi, t })));

const signature = fc.constantFrom('ok', 'missing', 'wrong', 'bad');
const junk = fc.constantFrom<unknown>(undefined, null, 1, '', 'x', [], {}, Number.NaN, true);

const fileArb = fc
  .record({
    k: fc.nat(fileTypes.length - 1),
    docs: fc.array(
      fc.record({
        pick: fc.nat(40),
        defects: fc.option(fc.subarray(['incomplete', 'error', 'nonconforming', 'typo']), { nil: undefined }),
        customer: fc.option(signature, { nil: undefined }),
        staff: fc.option(signature, { nil: undefined }),
        fields: fc.option(
          fc.dictionary(
            fc.constantFrom('mobile', 'customerName', 'address', 'landlne'),
            fc.constantFrom('13912345678', '', 'x', '张三'),
          ),
          { nil: undefined },
        ),
      }),
      { maxLength: 14 },
    ),
    media: fc.option(
      fc.record(
        {
          paper: fc.option(fc.boolean(), { nil: undefined }),
          electronic: fc.option(fc.boolean(), { nil: undefined }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    flags: fc.option(
      fc.dictionary(fc.constantFrom('requiresExtraDocs', 'organization', 'organisation'), fc.boolean()),
      { nil: undefined },
    ),
    fields: fc.option(
      fc.dictionary(
        fc.constantFrom('price', 'deposit', 'balance', 'name', 'phone', 'nope'),
        fc.oneof(
          fc.integer({ min: 0, max: 9 }),
          fc.constantFrom('13912345678', 'declined', '', 'x'),
          fc.constant(null),
        ),
      ),
      { nil: undefined },
    ),
    copies: fc.option(
      fc.array(
        fc.record({
          holder: fc.constantFrom('customer', 'company', 'finance', ''),
          count: fc.integer({ min: -1, max: 3 }),
        }),
        { maxLength: 3 },
      ),
      { nil: undefined },
    ),
    checkedAt: fc.option(
      fc.constantFrom<unknown>('2024-05-01T10:00:00+08:00', 1714528800000, '2024-02-30T00:00:00Z'),
      { nil: undefined },
    ),
    correctedAt: fc.option(fc.constantFrom<unknown>('2024-05-03T10:00:00+08:00', 'soon'), { nil: undefined }),
    departmentId: fc.option(fc.constantFrom('D1', ''), { nil: undefined }),
    slip: fc.option(
      fc.tuple(
        fc.constantFrom('extra', 'undefinedKey', 'fileId', 'documents', 'responsible', 'docKey', 'proto'),
        junk,
      ),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const { t } = fileTypes[r.k] as (typeof fileTypes)[number];
    const ids = t.documents.flatMap((d) => [d.id, ...d.acceptedAs]);
    const file: Record<string, unknown> = {
      fileTypeId: t.id,
      fileId: `F-${r.k}`,
      responsible: {
        personId: 'p1',
        ...(r.departmentId === undefined ? {} : { departmentId: r.departmentId }),
      },
      documents: r.docs.map((d) => ({
        id: ids[d.pick] ?? (d.pick > 38 ? 'unknownDoc' : (ids[d.pick % Math.max(ids.length, 1)] ?? 'x')),
        ...(d.defects === undefined ? {} : { defects: d.defects }),
        ...(d.customer === undefined && d.staff === undefined
          ? {}
          : {
              signatures: {
                ...(d.customer === undefined ? {} : { customer: d.customer }),
                ...(d.staff === undefined ? {} : { staff: d.staff }),
              },
            }),
        ...(d.fields === undefined ? {} : { fields: d.fields }),
      })),
    };
    for (const key of ['media', 'flags', 'fields', 'copies', 'checkedAt', 'correctedAt'] as const) {
      if (r[key] !== undefined) file[key] = r[key];
    }
    if (r.slip !== undefined) {
      const [where, value] = r.slip;
      if (where === 'extra') file.extra = value;
      if (where === 'undefinedKey') file.media = undefined;
      if (where === 'fileId') file.fileId = value;
      if (where === 'documents') file.documents = value;
      if (where === 'responsible') file.responsible = { personId: value };
      if (where === 'docKey')
        (file.documents as Record<string, unknown>[]).push({ id: ids[0] ?? 'x', note: value });
      if (where === 'proto') file.fields = JSON.parse('{"__proto__": "x"}');
    }
    return { pi: r.k === undefined ? 0 : (fileTypes[r.k] as (typeof fileTypes)[number]).pi, file };
  });

describe('records.completeness prepared file types (issue 21): same decisions as before (S000-ARCHIVE-08)', () => {
  it('property: completenessOf decides every file exactly as the implementation before it (value, trace, refusal)', () => {
    fc.assert(
      fc.property(fileArb, ({ pi, file }) => {
        const policy = policies[pi] as typeof dealerFilesPreset;
        const now = outcome(() => completenessOf(file as CompletenessInput, policy, ctx));
        const before = outcome(() => completenessBefore(file as CompletenessInput, policy, ctx));
        expect(now).toEqual(before);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('property: the module (its fast path, else the general path) decides and refuses every file as the implementation before', () => {
    fc.assert(
      fc.property(fileArb, ({ pi, file }) => {
        const policy = policies[pi] as typeof dealerFilesPreset;
        expect(bare(() => recordsCompleteness.evaluate(file as never, policy, ctx))).toEqual(
          moduleBefore(() => completenessBefore(file as CompletenessInput, policy, ctx)),
        );
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('property: completenessBatch returns checkCompleteness per file, or its first refusal with the file index in the path', () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 6 }), fc.nat(1), (xs, pi) => {
        const policy = policies[pi] as typeof dealerFilesPreset;
        const files = xs.map((x) => x.file as CompletenessInput);
        const batch = outcome(() => completenessBatch(files, policy, ctx));
        expect(batch).toEqual(singles(files, (f) => checkCompleteness(f, policy, ctx)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

const good = (i: number): CompletenessInput => ({
  fileTypeId: 'newCarSalesFile',
  fileId: `VIN-${i}`,
  responsible: { personId: 'sc1', role: 'salesConsultant' },
  media: { paper: true },
  documents: [
    {
      id: 'greenCard',
      fields: { customerName: '张三', contactPerson: '张三', mobile: '1391234567', address: '上海' },
    },
    { id: 'pdiChecklist', signatures: { customer: 'wrong' } },
  ],
});

/** A document list with a hole at 0. */
function holey(): unknown[] {
  const docs: unknown[] = [];
  docs[1] = { id: 'greenCard' };
  return docs;
}

describe('completenessBatch: bad files get the refusal of a single call, naming the file (S000-ARCHIVE-08)', () => {
  const bad: [string, unknown][] = [
    ['an unknown key', { ...good(1), note: 'x' }],
    ['an undefined value', { ...good(1), media: undefined }],
    ['a document that is not an object', { ...good(1), documents: ['greenCard'] }],
    ['a hole in the document list', { ...good(1), documents: holey() }],
    [
      'a wrong signature status',
      { ...good(1), documents: [{ id: 'pdiChecklist', signatures: { customer: 'yes' } }] },
    ],
    ['an unknown document', { ...good(1), documents: [{ id: 'receipt' }] }],
    ['a document listed twice', { ...good(1), documents: [{ id: 'greenCard' }, { id: 'greenCard' }] }],
    ['a flag typo', { ...good(1), flags: { requiresExtraDoc: true } }],
    ['a field typo in a document', { ...good(1), documents: [{ id: 'greenCard', fields: { mobil: '1' } }] }],
    ['a NaN field value', { ...good(1), fields: { x: Number.NaN } }],
    ['a negative copy count', { ...good(1), copies: [{ holder: 'customer', count: -1 }] }],
    ['an instant that does not exist', { ...good(1), checkedAt: '2024-02-30T10:00:00+08:00' }],
    ['an empty file id', { ...good(1), fileId: '' }],
    ['an unknown file type', { ...good(1), fileTypeId: 'boatFile' }],
    ['an object with a null prototype', Object.assign(Object.create(null), good(1))],
    [
      'a class instance',
      new (class File {
        fileTypeId = 'newCarSalesFile';
        fileId = 'V';
        responsible = { personId: 'p' };
      })(),
    ],
  ];
  // Files the schema accepts although the hand-written check does not (it sends them to the module).
  const decided = new Set(['an undefined value', 'an object with a null prototype', 'a class instance']);
  for (const [what, file] of bad) {
    it(`${decided.has(what) ? 'decides' : 'refuses'} ${what} exactly as checkCompleteness does, at input[2]`, () => {
      const files = [good(0), good(1), file as CompletenessInput];
      const batch = outcome(() => completenessBatch(files, dealerFilesPreset, ctx));
      expect(batch).toEqual(singles(files, (f) => checkCompleteness(f, dealerFilesPreset, ctx)));
      if (decided.has(what)) expect((batch as { ok: unknown[] }).ok).toHaveLength(3);
      else expect((batch as { error: { path: unknown[] } }).error.path.slice(0, 2)).toEqual(['input', 2]);
    });
  }

  it('a file that is not an object fails at its index, the others before it are not returned', () => {
    expect(() => completenessBatch([good(0), 'x' as never], dealerFilesPreset, ctx)).toThrow(/input\[1\]/);
  });

  it('a file whose field getter throws is refused with a ZhiduError by a single call and by a batch, never a raw error', () => {
    const file = { ...good(1) };
    Object.defineProperty(file, 'fileId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(() => checkCompleteness(file, dealerFilesPreset, ctx)).toThrow(ZhiduError);
    expect(() => completenessBatch([good(0), file], dealerFilesPreset, ctx)).toThrow(ZhiduError);
  });

  it('refuses a batch that is not an array with invalid_input at input', () => {
    const e = outcome(() => completenessBatch({} as never, dealerFilesPreset, ctx)) as {
      error: { code: string; path: unknown[] };
    };
    expect(e.error.code).toBe('invalid_input');
    expect(e.error.path).toEqual(['input']);
  });

  it('an empty batch is [] and still refuses a bad policy or context', () => {
    expect(completenessBatch([], dealerFilesPreset, ctx)).toEqual([]);
    expect(() => completenessBatch([], { id: 'x' }, ctx)).toThrow(ZhiduError);
    expect(() => completenessBatch([], dealerFilesPreset, { now: 'yesterday' })).toThrow(ZhiduError);
  });

  it('decides the files of a batch as single calls do: the gaps, the trace and the shared provenance', () => {
    const files = [good(0), good(1), { ...good(2), media: { paper: true, electronic: true } }];
    const ds = completenessBatch(files, dealerFilesPreset, ctx);
    expect(ds).toEqual(files.map((f) => checkCompleteness(f, dealerFilesPreset, ctx)));
    expect(ds.map((d) => d.value.result.missingMedia)).toEqual([['electronic'], ['electronic'], []]);
    expect(ds[0]?.value.result.missingCustomerSignatures).toEqual(['pdiChecklist']);
    expect(ds[0]?.value.result.defectiveDocuments).toEqual([{ id: 'greenCard', defects: ['mobile:format'] }]);
    expect(ds[1]?.provenance).toEqual(
      recordsCompleteness.evaluate(files[1] as never, dealerFilesPreset, ctx).provenance,
    );
    expect(ds[2]?.trace.some((t) => t.message.zh === '新车PDI检查表签名错误')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Handover (S000-ARCHIVE-07): deadlines cached per triggering instant, same decisions.
// ---------------------------------------------------------------------------------------------
const instant = fc
  .record({ day: fc.integer({ min: 0, max: 800 }), minute: fc.integer({ min: 0, max: 1439 }) })
  .map(({ day, minute }) =>
    new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + minute * 60_000).toISOString(),
  );
const handoverArb = fc
  .record({
    fileTypeId: fc.constantFrom('newCarSalesFile', 'afterSalesMaintenanceFile', 'usedCarFile', 'nope'),
    delivery: fc.option(instant, { nil: undefined }),
    sale: fc.option(instant, { nil: undefined }),
    other: fc.option(fc.constantFrom('delivry', 'firstContact'), { nil: undefined }),
    handedOverAt: fc.option(fc.oneof(instant, fc.constantFrom<unknown>('2024-13-01T00:00:00Z', 5)), {
      nil: undefined,
    }),
    completedAt: fc.option(instant, { nil: undefined }),
    quantity: fc.option(fc.constantFrom<unknown>(1, 2, 0, 1.5, '2'), { nil: undefined }),
    role: fc.option(fc.constantFrom('salesConsultant', ''), { nil: undefined }),
  })
  .map((r) => {
    const events: Record<string, unknown> = {};
    if (r.delivery !== undefined) events.delivery = r.delivery;
    if (r.sale !== undefined) events.sale = r.sale;
    if (r.other !== undefined) events[r.other] = r.delivery ?? '2024-03-01T00:00:00Z';
    const file: Record<string, unknown> = {
      fileTypeId: r.fileTypeId,
      fileId: 'VIN',
      responsible: { personId: 'sc1', ...(r.role === undefined ? {} : { role: r.role }) },
      events,
    };
    if (r.handedOverAt !== undefined) file.handedOverAt = r.handedOverAt;
    if (r.completedAt !== undefined) file.completedAt = r.completedAt;
    if (r.quantity !== undefined) file.quantity = r.quantity;
    return file as HandoverInput;
  });

describe('records.handover deadlines once per triggering instant (issue 21): same decisions as before (S000-ARCHIVE-07)', () => {
  it('property: handoverOf decides every file exactly as the implementation before it (value, trace, refusal)', () => {
    fc.assert(
      fc.property(handoverArb, (file) => {
        expect(outcome(() => handoverOf(file, dealerFilesPreset, ctx))).toEqual(
          outcome(() => handoverBefore(file, dealerFilesPreset, ctx)),
        );
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('property: the module (its fast path, else the general path) decides and refuses every file as the implementation before', () => {
    fc.assert(
      fc.property(handoverArb, (file) => {
        expect(bare(() => recordsHandover.evaluate(file, dealerFilesPreset, ctx))).toEqual(
          moduleBefore(() => handoverBefore(file, dealerFilesPreset, ctx)),
        );
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('property: handoverBatch returns checkHandover per file, or its first refusal with the file index in the path', () => {
    fc.assert(
      fc.property(fc.array(handoverArb, { minLength: 1, maxLength: 6 }), (files) => {
        expect(outcome(() => handoverBatch(files, dealerFilesPreset, ctx))).toEqual(
          singles(files, (f) => checkHandover(f, dealerFilesPreset, ctx)),
        );
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a deadline shared by two files of a batch is the same frozen value: 3 PRC working days after Fri 2024-09-27 end on 2024-10-08 (Sun 09-29 is a working day, 10-01–10-07 a holiday)', () => {
    const file = (id: string, at: string): HandoverInput => ({
      fileTypeId: 'newCarSalesFile',
      fileId: id,
      responsible: { personId: 'sc1' },
      events: { delivery: '2024-09-27T10:00:00+08:00' },
      handedOverAt: at,
    });
    const ds = handoverBatch(
      [file('A', '2024-10-08T10:00:00+08:00'), file('B', '2024-10-09T10:00:00+08:00')],
      dealerFilesPreset,
      ctx,
    );
    const [a, b] = ds.map((d) => d.value.result.outcomes[0]);
    expect(a?.due?.at).toBe('2024-10-08T15:59:59.999Z');
    expect(a?.due).toBe(b?.due);
    expect(a?.status).toBe('onTime');
    expect(b?.status).toBe('late');
    expect(b?.workingDaysLate).toBe(1);
    expect(Object.isFrozen(a?.due)).toBe(true);
    expect(ds[1]?.value.violations[0]?.code).toBe('records.handover.late');
  });

  it('handoverBatch without a calendar is refused with calendar_required, like a single call', () => {
    const f = {
      fileTypeId: 'newCarSalesFile',
      fileId: 'V',
      responsible: { personId: 'p' },
      events: { delivery: '2024-03-04T10:00:00+08:00' },
    };
    const e = outcome(() => handoverBatch([f], dealerFilesPreset, { now: '2024-03-12T00:00:00Z' })) as {
      error: { code: string };
    };
    expect(e.error.code).toBe('calendar_required');
    expect(recordsHandover.needsCalendar).toBe(true);
  });
});

describe('completenessBatch and handoverBatch after the first file: the compiled policy and one made context (issue 21), the same decisions as single calls (S000-ARCHIVE-08)', () => {
  const file = (fileId: string, electronic: boolean): CompletenessInput => ({
    fileTypeId: 'newCarSalesFile',
    fileId,
    responsible: { personId: 'sc1', role: 'salesConsultant' },
    media: { paper: true, electronic },
    documents: [{ id: 'invoiceCopy' }, { id: 'pdiChecklist', signatures: { customer: 'missing' } }],
  });
  const files = [file('A', true), file('B', false), file('C', true)];
  const contexts: [string, () => Record<string, unknown>][] = [
    ['a plain context with a calendar', () => ({ now: '2025-01-01T00:00:00Z', calendar })],
    ['a plain context without a calendar', () => ({ now: '2025-01-01T10:00:00+08:00' })],
    [
      'a context naming its zone and calendar',
      () => ({ now: '2025-01-01T00:00:00Z', zone: 'Asia/Shanghai', calendar }),
    ],
    ['a context with a seed', () => ({ now: '2025-01-01T00:00:00Z', calendar, seed: 7 })],
    ['a context without now (refused alike)', () => ({ calendar })],
  ];
  for (const [what, make] of contexts) {
    it(`${what}: each decision (value, trace, provenance) or the refusal equals the single call's, JSON too`, () => {
      const c = make();
      const batch = outcome(() => completenessBatch(files, dealerFilesPreset, c as never)) as {
        ok?: unknown[];
      };
      const single = singles(files, (f) => checkCompleteness(f, dealerFilesPreset, c as never)) as {
        ok?: unknown[];
      };
      expect(batch).toEqual(single);
      expect(JSON.stringify(batch)).toBe(JSON.stringify(single));
    });
  }

  it('a context changed by a getter while a file is read: the files after it are decided under the new now, as single calls are', () => {
    const c: Record<string, unknown> = { now: '2025-01-01T00:00:00Z', calendar };
    const changing = (): CompletenessInput[] => {
      const doc: Record<string, unknown> = {};
      Object.defineProperty(doc, 'id', {
        enumerable: true,
        get() {
          c.now = '2025-06-01T00:00:00Z';
          return 'invoiceCopy';
        },
      });
      return [file('A', true), { ...file('B', false), documents: [doc as never] }, file('C', false)];
    };
    c.now = '2025-01-01T00:00:00Z';
    const batch = completenessBatch(changing(), dealerFilesPreset, c as never);
    c.now = '2025-01-01T00:00:00Z';
    const single = changing().map((f) => checkCompleteness(f, dealerFilesPreset, c as never));
    expect(JSON.stringify(batch)).toBe(JSON.stringify(single));
    expect(batch[2]?.value.violations[0]?.occurredAt).toBe('2025-06-01T00:00:00.000Z');
  });

  it('handoverBatch under a plain context: each decision equals the single call’s, JSON too', () => {
    const hs: HandoverInput[] = ['07', '08', '09', '11'].map((d) => ({
      fileTypeId: 'newCarSalesFile',
      fileId: `V${d}`,
      responsible: { personId: 'sc1', departmentId: 'D1' },
      events: { delivery: '2024-09-27T10:00:00+08:00' },
      handedOverAt: `2024-10-${d}T10:00:00+08:00`,
    }));
    const c = { now: '2024-12-01T00:00:00Z', calendar };
    const batch = handoverBatch(hs, dealerFilesPreset, c);
    expect(JSON.stringify(batch)).toBe(JSON.stringify(hs.map((h) => checkHandover(h, dealerFilesPreset, c))));
    expect(batch.map((d) => d.value.result.outcomes[0]?.status)).toEqual([
      'onTime',
      'onTime',
      'late',
      'late',
    ]);
  });
});
