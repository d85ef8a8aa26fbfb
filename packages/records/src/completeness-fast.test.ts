import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  compareInstants,
  isLate,
  makeContext,
  PolicyHistory,
  parseInput,
  toInstant,
  ZhiduError,
} from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompletenessInput, CompletenessInputSchema, completenessModuleParts } from './completeness.js';
import { assembledCompleteness } from './completeness-fast.js';
import { underPath } from './context.js';
import { before, HandoverInputSchema, handoverModuleParts, lateAt } from './handover.js';
import {
  checkCompleteness,
  checkHandover,
  completenessBatch,
  dealerFilesPreset,
  handoverBatch,
  recordsCompleteness,
  recordsHandover,
} from './index.js';
import { completenessBatch as completenessBatchBefore } from './oracle/batch.js';
import { completenessOf as completenessBefore } from './oracle/completeness.js';
import { assembledCompleteness as assembledBefore } from './oracle/completeness-fast.js';
import { handoverOf as handoverBefore } from './oracle/handover.js';
import type { RecordsPolicy } from './policy.js';
import { recordsPresets } from './presets/index.js';

const calendar = chinaCalendar();
const ctx = { now: '2025-01-01T00:00:00Z', calendar };
const NOW = '2025-01-01T00:00:00.000Z';
const SEED = 2121;

/** What a call returns or throws, as comparable data (a refusal: code, path and message). */
function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { error: { code: e.code, path: e.path, message: e.message } };
  }
}

/** The module's decision without its provenance. */
function moduleNow(file: unknown, policy: RecordsPolicy): unknown {
  const o = outcome(() => recordsCompleteness.evaluate(file as never, policy, ctx)) as {
    ok?: { value: unknown; trace: unknown };
    error?: unknown;
  };
  return o.ok === undefined ? o : { ok: { value: o.ok.value, trace: o.ok.trace } };
}

/**
 * The implementation before issue 21 (the oracle) as a module decision: the value split into
 * `{ result, violations }` in the same key order; a refusal as its code and path under `input`.
 */
function moduleBefore(file: unknown, policy: RecordsPolicy): unknown {
  const o = outcome(() => completenessBefore(file as CompletenessInput, policy, ctx)) as {
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

/** A refusal as code and path only (the oracle's message names the direct call's path). */
const codeAndPath = (o: unknown): unknown => {
  const e = (o as { error?: { code: string; path: unknown } }).error;
  return e === undefined ? o : { error: { code: e.code, path: e.path } };
};

/** The module's general path (zod parse, then the rule), without its fast path: what refuses bad input. */
function generalPath(file: unknown, policy: RecordsPolicy): unknown {
  return outcome(() => {
    const parsed = parseInput(CompletenessInputSchema, file, ['input']);
    const j = underPath(['input'], () => completenessModuleParts(parsed, policy, { now: NOW, calendar }));
    return { value: { result: j.result, violations: j.violations }, trace: j.trace };
  });
}

// Every file type of every shipped preset.
const policies = Object.values(recordsPresets);
const fileTypes = policies.flatMap((policy) => policy.params.fileTypes.map((t) => ({ policy, t })));

const status = fc.constantFrom('ok', 'missing', 'wrong');
const fieldValue = fc.constantFrom('13912345678', '021-12345678', '张三', '上海', '');

/**
 * Files the assembled path reads (documents of the file type with signatures and valid-looking
 * fields, known flags, media, instants, a department), with now and then one slip of the kinds a
 * caller makes (a defect, a file-level field, copies, an unknown or repeated document, a typo).
 */
const fileArb = fc
  .record({
    k: fc.nat(fileTypes.length - 1),
    docs: fc.array(
      fc.record({
        pick: fc.nat(60),
        customer: fc.option(status, { nil: undefined }),
        staff: fc.option(status, { nil: undefined }),
        fill: fc.option(fc.array(fieldValue, { minLength: 6, maxLength: 6 }), { nil: undefined }),
      }),
      { maxLength: 16 },
    ),
    paper: fc.option(fc.boolean(), { nil: undefined }),
    electronic: fc.option(fc.boolean(), { nil: undefined }),
    flagValues: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    flagCount: fc.nat(3),
    checkedAt: fc.option(fc.constantFrom<unknown>('2024-05-01T10:00:00+08:00', 1714528800000), {
      nil: undefined,
    }),
    correctedAt: fc.option(fc.constant('2024-05-03T10:00:00+08:00'), { nil: undefined }),
    departmentId: fc.option(fc.constant('D1'), { nil: undefined }),
    role: fc.option(fc.constantFrom('salesConsultant', 'archiveAdmin'), { nil: undefined }),
    slip: fc.option(
      fc.constantFrom(
        'defect',
        'fileField',
        'copies',
        'unknownDoc',
        'repeat',
        'docKey',
        'flagTypo',
        'fieldTypo',
        'badStatus',
        'badInstant',
        'undefinedKey',
      ),
      { freq: 6, nil: undefined },
    ),
  })
  .map((r) => {
    const { policy, t } = fileTypes[r.k] as (typeof fileTypes)[number];
    const defs = t.documents.flatMap((d) => [d.id, ...d.acceptedAs].map((id) => ({ id, def: d })));
    const seen = new Set<string>();
    const documents: Record<string, unknown>[] = [];
    for (const d of r.docs) {
      const slot = defs[d.pick % Math.max(defs.length, 1)];
      if (slot === undefined || seen.has(slot.id)) continue;
      seen.add(slot.id);
      const doc: Record<string, unknown> = { id: slot.id };
      if (d.customer !== undefined || d.staff !== undefined) {
        doc.signatures = {
          ...(d.customer === undefined ? {} : { customer: d.customer }),
          ...(d.staff === undefined ? {} : { staff: d.staff }),
        };
      }
      if (d.fill !== undefined && slot.def.fields.length > 0) {
        const fields: Record<string, string> = {};
        slot.def.fields.forEach((f, i) => {
          const v = d.fill?.[i % 6] as string;
          if (v !== '') fields[f.id] = f.id === 'mobile' ? '13912345678' : v;
        });
        doc.fields = fields;
      }
      documents.push(doc);
    }
    const known = [...new Set(t.documents.flatMap((d) => (d.when ? [d.when.flag] : [])))];
    const flags: Record<string, boolean> = {};
    known.slice(0, r.flagCount).forEach((f, i) => {
      flags[f] = r.flagValues[i] as boolean;
    });
    const file: Record<string, unknown> = {
      fileTypeId: t.id,
      fileId: `F-${r.k}-${documents.length}`,
      responsible: {
        personId: 'p1',
        ...(r.role === undefined ? {} : { role: r.role }),
        ...(r.departmentId === undefined ? {} : { departmentId: r.departmentId }),
      },
      documents,
    };
    if (Object.keys(flags).length > 0) file.flags = flags;
    if (r.paper !== undefined || r.electronic !== undefined) {
      file.media = {
        ...(r.paper === undefined ? {} : { paper: r.paper }),
        ...(r.electronic === undefined ? {} : { electronic: r.electronic }),
      };
    }
    if (r.checkedAt !== undefined) file.checkedAt = r.checkedAt;
    if (r.correctedAt !== undefined) file.correctedAt = r.correctedAt;
    const first = documents[0];
    switch (r.slip) {
      case 'defect':
        if (first) first.defects = ['incomplete'];
        break;
      case 'fileField':
        file.fields = { price: 3 };
        break;
      case 'copies':
        file.copies = [{ holder: 'customer', count: 1 }];
        break;
      case 'unknownDoc':
        documents.push({ id: 'receipt' });
        break;
      case 'repeat':
        if (first) documents.push({ id: first.id });
        break;
      case 'docKey':
        if (first) first.note = 'x';
        break;
      case 'flagTypo':
        file.flags = { organisation: true };
        break;
      case 'fieldTypo':
        if (first) first.fields = { mobil: '1' };
        break;
      case 'badStatus':
        if (first) first.signatures = { customer: 'yes' };
        break;
      case 'badInstant':
        file.checkedAt = '2024-02-30T10:00:00+08:00';
        break;
      case 'undefinedKey':
        file.media = undefined;
        break;
    }
    return { policy, file };
  });

describe('records.completeness assembled decisions (issue 21): per (file type, state) shared parts, same decisions (S000-ARCHIVE-08)', () => {
  it('property: the module decides and refuses every file of every preset as the implementation before, value, trace and JSON key order (S000-ARCHIVE-08)', () => {
    let assembled = 0;
    let runs = 0;
    fc.assert(
      fc.property(fileArb, ({ policy, file }) => {
        runs++;
        if (assembledCompleteness(file, policy, NOW) !== undefined) assembled++;
        const now = moduleNow(file, policy);
        const before = moduleBefore(file, policy);
        expect(codeAndPath(now)).toEqual(before);
        expect(JSON.stringify(codeAndPath(now))).toBe(JSON.stringify(before));
        // A second call (its state's parts now shared) gives the same decision.
        expect(JSON.stringify(moduleNow(file, policy))).toBe(JSON.stringify(now));
      }),
      { seed: SEED, numRuns: 600 },
    );
    // Most generated files are read by the assembled path (the slips are the rest).
    expect(assembled).toBeGreaterThan(runs / 2);
  });

  it('property: a file the assembled path steps aside from is refused by the module with the general path’s code, path and message', () => {
    let refused = 0;
    fc.assert(
      fc.property(fileArb, ({ policy, file }) => {
        const now = moduleNow(file, policy) as { error?: unknown };
        if (now.error === undefined) return;
        refused++;
        expect(assembledCompleteness(file, policy, NOW)).toBeUndefined();
        expect(now).toEqual(generalPath(file, policy));
      }),
      { seed: SEED + 1, numRuns: 600 },
    );
    expect(refused).toBeGreaterThan(20);
  });

  it('property: completenessBatch (a loop over the module) equals checkCompleteness per file (S000-ARCHIVE-08)', () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 5 }), (xs) => {
        const policy = (xs[0] as { policy: RecordsPolicy }).policy;
        const files = xs.filter((x) => x.policy === policy).map((x) => x.file as CompletenessInput);
        const batch = outcome(() => completenessBatch(files, policy, ctx)) as { ok?: unknown[] };
        if (batch.ok === undefined) return;
        expect(JSON.stringify(batch.ok)).toBe(
          JSON.stringify(files.map((f) => checkCompleteness(f, policy, ctx))),
        );
      }),
      { seed: SEED + 2, numRuns: 200 },
    );
  });
});

const newCar = (fileId: string, electronic: boolean): CompletenessInput => ({
  fileTypeId: 'newCarSalesFile',
  fileId,
  responsible: { personId: 'sc1', role: 'salesConsultant' },
  media: { paper: true, electronic },
  documents: [
    {
      id: 'greenCard',
      fields: { customerName: '张三', contactPerson: '张三', mobile: '13912345678', address: '上海' },
    },
    { id: 'invoiceCopy' },
    { id: 'deliveryChecklist', signatures: { customer: 'ok' } },
    { id: 'pdiChecklist', signatures: { customer: 'missing' } },
  ],
});

describe('records.completeness sealed reads of the flags and of a document’s fields (issue 21): assembled as before (S000-ARCHIVE-08)', () => {
  it('property: every file of every preset is assembled exactly as by the path before (value and trace deep- and JSON-equal), or left to the previous path as before', () => {
    let assembled = 0;
    fc.assert(
      fc.property(fileArb, ({ policy, file }) => {
        const now = assembledCompleteness(file, policy, NOW);
        const before = assembledBefore(file, policy, NOW);
        expect(now === undefined).toBe(before === undefined);
        expect(now).toEqual(before);
        expect(JSON.stringify(now)).toBe(JSON.stringify(before));
        if (now !== undefined) assembled++;
      }),
      { seed: SEED + 3, numRuns: 600 },
    );
    expect(assembled).toBeGreaterThan(250);
  });

  it('property: an assembled decision is plain data as the path before builds it: every object’s prototype, own keys (undefined values included) and key order the same, strictly equal', () => {
    /** Each object's prototype and own keys, recursively (what JSON and deep equality may not see). */
    const shape = (x: unknown): unknown => {
      if (x === null || typeof x !== 'object') return typeof x;
      const proto = Object.getPrototypeOf(x);
      return {
        proto: proto === Object.prototype ? 'Object' : proto === Array.prototype ? 'Array' : 'other',
        keys: Reflect.ownKeys(x).map(String),
        of: Reflect.ownKeys(x).map((k) => shape((x as Record<PropertyKey, unknown>)[k])),
      };
    };
    const provenance = recordsCompleteness.evaluate(newCar('VIN-P', true), dealerFilesPreset, ctx).provenance;
    let assembled = 0;
    fc.assert(
      fc.property(fileArb, ({ policy, file }) => {
        for (const now of [
          assembledCompleteness(file, policy, NOW),
          assembledCompleteness(file, policy, NOW, provenance),
        ]) {
          const before = assembledBefore(file, policy, NOW);
          if (now === undefined) {
            expect(before).toBeUndefined();
            continue;
          }
          const whole = before === undefined ? undefined : { ...before, provenance };
          const expected = (now as { provenance?: unknown }).provenance === undefined ? before : whole;
          expect(now).toStrictEqual(expected);
          expect(shape(now)).toEqual(shape(expected));
          expect(JSON.stringify(now)).toBe(JSON.stringify(expected));
          assembled++;
        }
      }),
      { seed: SEED + 30, numRuns: 400 },
    );
    expect(assembled).toBeGreaterThan(300);
  });

  it('property: the module’s whole decision (value, trace, provenance) equals the one of the judged path (the same file with an empty copies list, which the assembled path leaves to it)', () => {
    let compared = 0;
    fc.assert(
      fc.property(fileArb, ({ policy, file }) => {
        if (file.copies !== undefined) return;
        const now = outcome(() => recordsCompleteness.evaluate(file as never, policy, ctx)) as {
          ok?: unknown;
          error?: { code: string; path: unknown[] };
        };
        const judged = outcome(() =>
          recordsCompleteness.evaluate({ ...file, copies: [] } as never, policy, ctx),
        ) as { ok?: unknown; error?: { code: string; path: unknown[] } };
        if (now.ok === undefined) {
          expect(judged.error?.code).toBe(now.error?.code);
          return;
        }
        compared++;
        expect(now.ok).toEqual(judged.ok);
        expect(JSON.stringify(now.ok)).toBe(JSON.stringify(judged.ok));
      }),
      { seed: SEED + 4, numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  const greenCard = {
    customerName: '张三',
    contactPerson: '张三',
    mobile: '13912345678',
    address: '上海',
  };
  const withCard = (fields: unknown, flags?: unknown): Record<string, unknown> => ({
    ...newCar('VIN-S', true),
    ...(flags === undefined ? {} : { flags }),
    documents: [{ id: 'greenCard', fields }, { id: 'invoiceCopy' }],
  });
  const hiddenSymbol = (): Record<string, unknown> => {
    const fields: Record<string, unknown> = { ...greenCard };
    Object.defineProperty(fields, Symbol('x'), { value: 'x', enumerable: false });
    return fields;
  };
  const cases: [string, () => unknown][] = [
    [
      'a value that is not a string among a document’s fields',
      () => withCard({ ...greenCard, mobile: true }),
    ],
    ['an undefined value among a document’s fields', () => withCard({ ...greenCard, landline: undefined })],
    ['an empty key among a document’s fields', () => withCard({ ...greenCard, '': 'x' })],
    [
      'an own __proto__ key among a document’s fields',
      () =>
        withCard(
          JSON.parse(
            '{"__proto__":"x","customerName":"张三","contactPerson":"张三","mobile":"13912345678","address":"上海"}',
          ),
        ),
    ],
    // (zod skips a non-enumerable key, and so does the sealed read: now assembled, the same decision)
    ['a non-enumerable symbol key among a document’s fields', () => withCard(hiddenSymbol())],
    ['fields with a null prototype', () => withCard(Object.assign(Object.create(null), greenCard))],
    ['a mobile number the pattern refuses', () => withCard({ ...greenCard, mobile: '12345' })],
    ['a required field left empty', () => withCard({ ...greenCard, address: '' })],
    ['a flag that is not a boolean', () => withCard(greenCard, { requiresExtraDocs: 1 })],
    ['an undefined flag', () => withCard(greenCard, { requiresExtraDocs: undefined })],
    ['an unknown flag', () => withCard(greenCard, { organisation: true })],
    ['a symbol key among the flags', () => withCard(greenCard, { [Symbol('x')]: true })],
    ['a known flag set', () => withCard(greenCard, { requiresExtraDocs: true })],
  ];
  for (const [what, make] of cases) {
    it(`${what}: the same decision or refusal as the general path and the implementation before (code, path, message); the next file is not affected`, () => {
      const file = make();
      const now = moduleNow(file, dealerFilesPreset);
      expect(now).toEqual(generalPath(file, dealerFilesPreset));
      expect(codeAndPath(now)).toEqual(moduleBefore(file, dealerFilesPreset));
      const before = assembledBefore(file, dealerFilesPreset, NOW);
      if (before !== undefined) {
        expect(JSON.stringify(assembledCompleteness(file, dealerFilesPreset, NOW))).toBe(
          JSON.stringify(before),
        );
      }
      // The seals' values are cleared: a good file read next is decided as before.
      const good = withCard(greenCard);
      expect(moduleNow(good, dealerFilesPreset)).toEqual(generalPath(good, dealerFilesPreset));
    });
  }

  it('a getter among a document’s fields that calls the check again gets the same decisions as before', () => {
    const inner = withCard({ ...greenCard, mobile: '13800000000' });
    let innerDecision: unknown;
    const fields: Record<string, unknown> = { ...greenCard };
    Object.defineProperty(fields, 'address', {
      enumerable: true,
      get() {
        innerDecision ??= moduleNow(inner, dealerFilesPreset);
        return '上海';
      },
    });
    const outer = withCard(fields);
    expect(codeAndPath(moduleNow(outer, dealerFilesPreset))).toEqual(moduleBefore(outer, dealerFilesPreset));
    expect(codeAndPath(innerDecision)).toEqual(moduleBefore(inner, dealerFilesPreset));
  });

  it('a getter among a document’s fields that throws is a ZhiduError, as on the general path', () => {
    const fields: Record<string, unknown> = { ...greenCard };
    Object.defineProperty(fields, 'address', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const file = withCard(fields);
    expect(assembledCompleteness(file, dealerFilesPreset, NOW)).toBeUndefined();
    const now = moduleNow(file, dealerFilesPreset) as { error?: { code: string } };
    expect(now.error?.code).toMatch(/^[a-z_]+$/);
    // The judged path (an empty copies list: not assembled) refuses it alike.
    expect(now).toEqual(moduleNow({ ...file, copies: [] }, dealerFilesPreset));
  });
});

describe('records.completeness assembled decisions: sharing and echoes (S000-ARCHIVE-08)', () => {
  it('two files in the same state share the frozen lists and trace; each echoes its own file id (S000-ARCHIVE-08)', () => {
    const a = checkCompleteness(newCar('VIN-A', false), dealerFilesPreset, ctx);
    const b = checkCompleteness(newCar('VIN-B', false), dealerFilesPreset, ctx);
    expect(a.value.result.fileId).toBe('VIN-A');
    expect(b.value.result.fileId).toBe('VIN-B');
    expect(a.value.violations.map((v) => v.subject?.id)).toEqual(['VIN-A', 'VIN-A', 'VIN-A']);
    expect(b.value.violations.map((v) => v.subject?.id)).toEqual(['VIN-B', 'VIN-B', 'VIN-B']);
    expect(a.value.result.missingDocuments).toBe(b.value.result.missingDocuments);
    expect(a.value.result.missingDocuments).toEqual([
      'salesContract',
      'idCardCopy',
      'drivingLicenceCopy',
      'insuranceCopy',
      'derivativeServices',
      'conformityCertCopy',
      'deliveryPhotos',
    ]);
    expect(a.value.result.missingCustomerSignatures).toEqual(['pdiChecklist']);
    expect(a.value.result.missingMedia).toEqual(['electronic']);
    expect(a.trace).toBe(b.trace);
    expect(Object.isFrozen(a.trace)).toBe(true);
    expect(Object.isFrozen(a.value.result.missingDocuments)).toBe(true);
    expect(a.trace.map((t) => t.message.zh)).toContain('新车PDI检查表无用户签名');
    expect(() => (a.value.result.missingDocuments as string[]).push('x')).toThrow(TypeError);
    expect(b.value.result.missingDocuments).toHaveLength(7);
  });

  it('a file changed between two calls is decided on its new content (nothing is keyed by the input object)', () => {
    const file = newCar('VIN-C', false) as { media: { electronic: boolean }; documents: unknown[] };
    const first = checkCompleteness(file as CompletenessInput, dealerFilesPreset, ctx);
    expect(first.value.result.missingMedia).toEqual(['electronic']);
    file.media.electronic = true;
    (file.documents[3] as { signatures: { customer: string } }).signatures.customer = 'ok';
    const second = checkCompleteness(file as CompletenessInput, dealerFilesPreset, ctx);
    expect(second.value.result.missingMedia).toEqual([]);
    expect(second.value.result.missingCustomerSignatures).toEqual([]);
    expect(second.value.violations.map((v) => v.code)).toEqual(['records.item.missing']);
    expect(codeAndPath(moduleNow(file, dealerFilesPreset))).toEqual(moduleBefore(file, dealerFilesPreset));
  });

  it('echoes the department, the check and correction instants into each violation, as before (S000-PENALTY-09)', () => {
    const file = {
      ...newCar('VIN-D', true),
      responsible: { personId: 'sc2', departmentId: 'D7' },
      checkedAt: '2024-05-01T10:00:00+08:00',
      correctedAt: '2024-05-03T10:00:00+08:00',
    };
    const d = checkCompleteness(file, dealerFilesPreset, ctx);
    expect(d.value.violations[0]).toMatchObject({
      personId: 'sc2',
      role: 'salesConsultant',
      departmentId: 'D7',
      occurredAt: '2024-05-01T02:00:00.000Z',
      correctedAt: '2024-05-03T02:00:00.000Z',
      subject: { kind: 'file', id: 'VIN-D' },
    });
    expect(JSON.stringify(codeAndPath(moduleNow(file, dealerFilesPreset)))).toBe(
      JSON.stringify(moduleBefore(file, dealerFilesPreset)),
    );
  });

  it('a getter that calls the check again while the documents are read gets the same decisions as before', () => {
    const inner = newCar('VIN-IN', true);
    let innerDecision: unknown;
    const doc: Record<string, unknown> = {};
    Object.defineProperty(doc, 'id', {
      enumerable: true,
      get() {
        innerDecision ??= moduleNow(inner, dealerFilesPreset);
        return 'invoiceCopy';
      },
    });
    const outer = { ...newCar('VIN-OUT', false), documents: [doc, { id: 'greenCard' }] };
    const d = moduleNow(outer, dealerFilesPreset);
    expect(codeAndPath(d)).toEqual(moduleBefore(outer, dealerFilesPreset));
    expect(codeAndPath(innerDecision)).toEqual(moduleBefore(inner, dealerFilesPreset));
  });
});

describe('records.completeness assembled path: bad input steps aside and is refused exactly as the general path refuses it (S000-ARCHIVE-08)', () => {
  const base = newCar('VIN-1', true);
  const bad: [string, unknown][] = [
    ['an unknown key', { ...base, note: 'x' }],
    ['an undefined document key', { ...base, documents: [{ id: 'invoiceCopy', signatures: undefined }] }],
    ['a document that is not an object', { ...base, documents: ['greenCard'] }],
    ['an unknown document key', { ...base, documents: [{ id: 'invoiceCopy', note: 1 }] }],
    ['an empty document id', { ...base, documents: [{ id: '' }] }],
    [
      'a wrong signature status',
      { ...base, documents: [{ id: 'pdiChecklist', signatures: { customer: 'yes' } }] },
    ],
    ['an unknown signer', { ...base, documents: [{ id: 'pdiChecklist', signatures: { owner: 'ok' } }] }],
    ['an unknown document', { ...base, documents: [{ id: 'receipt' }] }],
    ['a document listed twice', { ...base, documents: [{ id: 'invoiceCopy' }, { id: 'invoiceCopy' }] }],
    ['a flag typo', { ...base, flags: { requiresExtraDoc: true } }],
    ['a flag that is not a boolean', { ...base, flags: { requiresExtraDocs: 'yes' } }],
    ['a field typo in a document', { ...base, documents: [{ id: 'greenCard', fields: { mobil: '1' } }] }],
    [
      'a field value that is not a string',
      { ...base, documents: [{ id: 'greenCard', fields: { mobile: 1 } }] },
    ],
    ['defects that are not a list', { ...base, documents: [{ id: 'invoiceCopy', defects: 'error' }] }],
    ['a medium that is not a boolean', { ...base, media: { paper: 'yes' } }],
    ['an unknown medium', { ...base, media: { microfilm: true } }],
    ['an instant that does not exist', { ...base, checkedAt: '2024-02-30T10:00:00+08:00' }],
    ['an empty person id', { ...base, responsible: { personId: '' } }],
    ['an unknown key of the responsible person', { ...base, responsible: { personId: 'p', team: 'x' } }],
    ['an empty file id', { ...base, fileId: '' }],
    ['an unknown file type', { ...base, fileTypeId: 'boatFile' }],
    ['a file that is an array', [base]],
    // Records with a symbol key: not data (core's recordOf ignores it), so the general path decides
    // the file as without it; the assembled path leaves such a record to it.
    ['a symbol key among the flags', { ...base, flags: { requiresExtraDocs: true, [Symbol('x')]: true } }],
    [
      'a symbol key among a document’s fields',
      {
        ...base,
        documents: [
          {
            id: 'greenCard',
            fields: {
              customerName: '张三',
              contactPerson: '张三',
              mobile: '13912345678',
              address: '上海',
              [Symbol('x')]: 'x',
            },
          },
        ],
      },
    ],
    ['a symbol key among the file’s fields', { ...base, fields: { [Symbol('x')]: 1 } }],
  ];
  // Files the schema accepts although the hand-written check does not: decided by the general path.
  const decided = new Set([
    'an undefined document key',
    'a symbol key among the flags',
    'a symbol key among a document’s fields',
    'a symbol key among the file’s fields',
  ]);
  for (const [what, file] of bad) {
    it(`${what}: no assembled decision, and the module ${decided.has(what) ? 'decides it' : 'refuses it'} as the general path does (code, path, message)`, () => {
      expect(assembledCompleteness(file, dealerFilesPreset, NOW)).toBeUndefined();
      const now = moduleNow(file, dealerFilesPreset) as { error?: { code: string }; ok?: unknown };
      if (decided.has(what)) expect(now.ok).toBeDefined();
      else expect(now.error?.code).toMatch(/^[a-z_]+$/);
      expect(now).toEqual(generalPath(file, dealerFilesPreset));
      expect(codeAndPath(now)).toEqual(moduleBefore(file, dealerFilesPreset));
      // A symbol key changes nothing: the decision of the same file without it (JSON drops it).
      if (what.startsWith('a symbol key'))
        expect(now).toEqual(moduleNow(JSON.parse(JSON.stringify(file)), dealerFilesPreset));
    });
  }
});

describe('records.handover fast path: a symbol key among the events is not data, on either path (S000-ARCHIVE-07)', () => {
  it('decides { events: { delivery, [Symbol()]: … } } as the general path does, and as the same events without it', () => {
    const events = { delivery: '2024-03-04T10:00:00+08:00' };
    const file = {
      fileTypeId: 'newCarSalesFile',
      fileId: 'V',
      responsible: { personId: 'p' },
      events: { ...events, [Symbol('x')]: 'x' },
    };
    const now = outcome(() => recordsHandover.evaluate(file as never, dealerFilesPreset, ctx));
    const general = (f: unknown) =>
      outcome(() => {
        const parsed = parseInput(HandoverInputSchema, f, ['input']);
        return underPath(['input'], () =>
          handoverModuleParts(parsed, dealerFilesPreset, { now: NOW, calendar }),
        );
      });
    expect('ok' in (now as object)).toBe(true);
    expect(now).toEqual(outcome(() => recordsHandover.evaluate({ ...file, events }, dealerFilesPreset, ctx)));
    expect('ok' in (general(file) as object)).toBe(true);
    expect(general(file)).toEqual(general({ ...file, events }));
  });
});

describe('records.handover fast path: a class instance goes the general way before any getter runs (S000-ARCHIVE-07)', () => {
  it('a getter that answers differently on its second read is read once, and the file is decided as the general path decides it', () => {
    const make = () => {
      const reads = { fileId: 0, personId: 0 };
      const file = new (class File {
        fileTypeId = 'newCarSalesFile';
        responsible = new (class Person {
          get personId() {
            reads.personId++;
            return reads.personId === 1 ? 'p' : '';
          }
        })();
        events = { delivery: '2024-03-04T10:00:00+08:00' };
        get fileId() {
          reads.fileId++;
          return reads.fileId === 1 ? 'V1' : '';
        }
      })();
      return { file, reads };
    };
    const a = make();
    const now = outcome(() => recordsHandover.evaluate(a.file as never, dealerFilesPreset, ctx));
    expect(a.reads).toEqual({ fileId: 1, personId: 1 });
    expect((now as { ok?: unknown }).ok).toBeDefined();
    // The same file as plain data, read once: the same decision.
    const plain = {
      fileTypeId: 'newCarSalesFile',
      fileId: 'V1',
      responsible: { personId: 'p' },
      events: { delivery: '2024-03-04T10:00:00+08:00' },
    };
    expect(now).toEqual(outcome(() => recordsHandover.evaluate(plain, dealerFilesPreset, ctx)));
  });
});

describe('records.handover order checks without parsing (S000-ARCHIVE-07)', () => {
  it('property: before(a, b) is compareInstants(a, b) < 0 for canonical instants of any year core accepts', () => {
    const ms = fc.oneof(
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
    );
    fc.assert(
      fc.property(ms, ms, (x, y) => {
        const a = toInstant(x);
        const b = toInstant(y);
        expect(before(a, b)).toBe(compareInstants(a, b) < 0);
        expect(before(a, a)).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
    expect(before('2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.001Z')).toBe(true);
  });
});

describe('records.handover late check and violations written directly (issue 21): as before, key for key (S000-ARCHIVE-07)', () => {
  const at = fc
    .record({ day: fc.integer({ min: 0, max: 500 }), minute: fc.integer({ min: 0, max: 1439 }) })
    .map(({ day, minute }) =>
      new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + minute * 60_000).toISOString(),
    );
  const file = fc
    .record({
      fileTypeId: fc.constantFrom('newCarSalesFile', 'afterSalesMaintenanceFile', 'usedCarFile'),
      delivery: at,
      sale: fc.option(at, { nil: undefined }),
      lag: fc.integer({ min: 0, max: 12 * 86_400_000 }),
      handedOver: fc.boolean(),
      completedLag: fc.option(fc.integer({ min: 0, max: 5 * 86_400_000 }), { nil: undefined }),
      quantity: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      role: fc.option(fc.constantFrom('salesConsultant', 'serviceAdvisor'), { nil: undefined }),
      departmentId: fc.option(fc.constant('D1'), { nil: undefined }),
      offset: fc.boolean(),
    })
    .map((r) => {
      const handed = Date.parse(r.delivery) + r.lag;
      const events: Record<string, string> = { delivery: r.delivery };
      if (r.sale !== undefined) events.sale = r.sale;
      const f: Record<string, unknown> = {
        fileTypeId: r.fileTypeId,
        fileId: 'VIN-H',
        responsible: {
          personId: 'sc1',
          ...(r.role === undefined ? {} : { role: r.role }),
          ...(r.departmentId === undefined ? {} : { departmentId: r.departmentId }),
        },
        events,
      };
      if (r.handedOver) {
        // (now and then an instant with an offset, made canonical by the reading)
        f.handedOverAt = r.offset
          ? new Date(handed + 8 * 3_600_000).toISOString().replace('Z', '+08:00').replace('.000', '')
          : new Date(handed).toISOString();
        if (r.completedLag !== undefined) f.completedAt = new Date(handed + r.completedLag).toISOString();
      }
      if (r.quantity !== undefined) f.quantity = r.quantity;
      return f;
    });

  it('property: the module’s handover decision is plain data as the implementation before builds it: every object’s prototype, own keys (undefined values included) and key order the same, strictly equal', () => {
    const shape = (x: unknown): unknown => {
      if (x === null || typeof x !== 'object') return typeof x;
      const proto = Object.getPrototypeOf(x);
      return {
        proto: proto === Object.prototype ? 'Object' : proto === Array.prototype ? 'Array' : 'other',
        keys: Reflect.ownKeys(x).map(String),
        of: Reflect.ownKeys(x).map((k) => shape((x as Record<PropertyKey, unknown>)[k])),
      };
    };
    fc.assert(
      fc.property(file, fc.boolean(), (f, viaBatch) => {
        const o = outcome(() =>
          viaBatch
            ? handoverBatch([f, f] as never, dealerFilesPreset, ctx)[1]
            : recordsHandover.evaluate(f as never, dealerFilesPreset, ctx),
        ) as { ok?: { value: unknown; trace: unknown } };
        const b = outcome(() => handoverBefore(f as never, dealerFilesPreset, ctx)) as {
          ok?: { value: { violations: unknown[] }; trace: unknown };
        };
        if (b.ok === undefined || o.ok === undefined) {
          expect(o.ok === undefined).toBe(b.ok === undefined);
          return;
        }
        const { violations, ...result } = b.ok.value;
        const before = { value: { result, violations }, trace: b.ok.trace };
        const now = { value: o.ok.value, trace: o.ok.trace };
        expect(now).toStrictEqual(before);
        expect(shape(now)).toEqual(shape(before));
      }),
      { seed: SEED + 34, numRuns: 300 },
    );
  });

  it('property: the module decides every file as the implementation before, value and trace deep- and JSON-equal (key order of the violations included)', () => {
    let late = 0;
    fc.assert(
      fc.property(file, (f) => {
        const o = outcome(() => recordsHandover.evaluate(f as never, dealerFilesPreset, ctx)) as {
          ok?: { value: { result: unknown; violations: unknown[] }; trace: unknown };
          error?: { code: string; path: unknown[] };
        };
        const b = outcome(() => handoverBefore(f as never, dealerFilesPreset, ctx)) as {
          ok?: { value: { violations: unknown[] }; trace: unknown };
          error?: { code: string; path: unknown[] };
        };
        if (b.error !== undefined) {
          expect(o.error?.code).toBe(b.error.code);
          return;
        }
        const { violations, ...result } = (b.ok as { value: { violations: unknown[] } }).value;
        const before = { value: { result, violations }, trace: b.ok?.trace };
        const now = { value: o.ok?.value, trace: o.ok?.trace };
        expect(now).toEqual(before);
        expect(JSON.stringify(now)).toBe(JSON.stringify(before));
        late += violations.length;
      }),
      { seed: SEED + 5, numRuns: 500 },
    );
    expect(late).toBeGreaterThan(50);
  });

  it('property: lateAt(due, actual) is isLate(due, actual) for canonical instants, inclusive or not, of any year core accepts', () => {
    const ms = fc.oneof(
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
    );
    fc.assert(
      fc.property(ms, ms, fc.boolean(), (x, y, inclusive) => {
        const due = { at: toInstant(x), inclusive };
        const actual = toInstant(y);
        expect(lateAt(due, actual)).toBe(isLate(due, actual));
        expect(lateAt(due, due.at)).toBe(isLate(due, due.at));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('records.handover fast path read by name and key count: odd files step aside and are refused or decided as the general path does (S000-ARCHIVE-07)', () => {
  const base = {
    fileTypeId: 'newCarSalesFile',
    fileId: 'V',
    responsible: { personId: 'p', role: 'salesConsultant' },
    events: { delivery: '2024-03-04T10:00:00+08:00' },
    handedOverAt: '2024-03-11T10:00:00+08:00',
  };
  const general = (file: unknown): unknown =>
    outcome(() => {
      const parsed = parseInput(HandoverInputSchema, file, ['input']);
      const j = underPath(['input'], () =>
        handoverModuleParts(parsed, dealerFilesPreset, { now: NOW, calendar }),
      );
      return { value: { result: j.result, violations: j.violations }, trace: j.trace };
    });
  const cases: [string, unknown][] = [
    ['a well-formed file', base],
    ['an unknown key', { ...base, note: 'x' }],
    ['an undefined optional key', { ...base, completedAt: undefined }],
    ['no events', { ...base, events: undefined }],
    ['an unknown key of the responsible person', { ...base, responsible: { personId: 'p', team: 'x' } }],
    ['an undefined role', { ...base, responsible: { personId: 'p', role: undefined } }],
    ['an empty department', { ...base, responsible: { personId: 'p', departmentId: '' } }],
    [
      'a responsible person with a null prototype',
      { ...base, responsible: Object.assign(Object.create(null), { personId: 'p' }) },
    ],
    ['a file with a null prototype', Object.assign(Object.create(null), base)],
    ['a quantity of 0', { ...base, quantity: 0 }],
    [
      'a quantity of 2 and a department',
      { ...base, quantity: 2, responsible: { personId: 'p', departmentId: 'D1' } },
    ],
  ];
  for (const [what, file] of cases) {
    it(`${what}: the module's decision or refusal (code, path, message) is the general path's`, () => {
      const now = outcome(() => recordsHandover.evaluate(file as never, dealerFilesPreset, ctx)) as {
        ok?: { value: unknown; trace: unknown };
        error?: unknown;
      };
      const bare = now.ok === undefined ? now : { ok: { value: now.ok.value, trace: now.ok.trace } };
      expect(bare).toEqual(general(file));
      expect(JSON.stringify(bare)).toBe(JSON.stringify(general(file)));
    });
  }
});

/** What a call returns or throws, message included, provenance included (comparable data). */
function whole(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { error: { code: e.code, path: e.path, message: e.message } };
  }
}

describe('records named checks and batches on the compiled policy and the context made once (issue 21): the module’s decisions and refusals (S000-ARCHIVE-08)', () => {
  // Contexts a caller passes: the same plain object call after call, one naming a zone (made
  // each time by the module), a plain object naming its zone and a calendar (taken as it is, its
  // now not made canonical), an EvalContext, a seeded one, one without a calendar, a fresh object
  // per call, and one whose now a getter moves on every read.
  const zoned = { now: '2025-01-01T08:00:00+08:00', zone: 'Asia/Shanghai', calendar };
  const evalCtx = makeContext({ now: '2025-03-01T00:00:00Z', calendar });
  const seeded = { now: '2025-01-01T00:00:00Z', calendar, seed: 7 };
  const bare = { now: '2025-01-01T00:00:00Z' };
  let ticks = 0;
  const moving = {
    get now() {
      ticks++;
      return ticks % 3 === 0 ? '2026-06-01T00:00:00Z' : '2025-01-01T00:00:00Z';
    },
    calendar,
  };
  const contexts: (() => unknown)[] = [
    () => ctx,
    () => zoned,
    () => evalCtx,
    () => seeded,
    () => bare,
    () => ({ now: '2025-01-01T00:00:00Z', calendar }),
    () => moving,
    () => ({ calendar }),
  ];
  const history = new PolicyHistory(recordsCompleteness.schemas.params as never, [dealerFilesPreset]);
  const policyChoices: (() => unknown)[] = [
    () => dealerFilesPreset,
    () => recordsCompleteness.compile(dealerFilesPreset),
    () => history,
  ];
  const call = fc.record({
    k: fc.nat(contexts.length - 1),
    p: fc.nat(policyChoices.length - 1),
    repeat: fc.integer({ min: 1, max: 6 }),
  });

  it('property: checkCompleteness over runs of calls (same or changing policy and context objects) decides and refuses each file as recordsCompleteness.evaluate does, provenance included, deep- and JSON-equal', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fileArb, call), { minLength: 1, maxLength: 12 }), (calls) => {
        for (const [{ file }, c] of calls) {
          const policy = (policyChoices[c.p] as () => unknown)();
          for (let r = 0; r < c.repeat; r++) {
            const x = (contexts[c.k] as () => unknown)();
            const now = whole(() => checkCompleteness(file as never, policy as never, x as never));
            const before = whole(() =>
              recordsCompleteness.evaluate(file as never, policy as never, x as never),
            );
            if (x === moving) {
              // (the getter moves between the two calls: compare the codes and the now they read)
              expect((now as { error?: { code: string } }).error?.code).toBe(
                (before as { error?: { code: string } }).error?.code,
              );
              continue;
            }
            expect(now).toEqual(before);
            expect(JSON.stringify(now)).toBe(JSON.stringify(before));
          }
        }
      }),
      { seed: SEED + 20, numRuns: 150 },
    );
  });

  it('property: checkHandover over runs of calls decides and refuses each file as recordsHandover.evaluate does, provenance included', () => {
    const files = [
      {
        fileTypeId: 'newCarSalesFile',
        fileId: 'VIN1',
        responsible: { personId: 'sc1', role: 'salesConsultant' },
        events: { delivery: '2024-03-04T10:00:00+08:00' },
        handedOverAt: '2024-03-11T10:00:00+08:00',
      },
      {
        fileTypeId: 'newCarSalesFile',
        fileId: 'VIN2',
        responsible: { personId: 'sc1' },
        events: { delivery: '2024-03-04T10:00:00+08:00' },
      },
      { fileTypeId: 'newCarSalesFile', fileId: 'VIN3', responsible: { personId: '' } },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(files.length - 1), call), { minLength: 1, maxLength: 12 }),
        (calls) => {
          for (const [f, c] of calls) {
            const policy = c.p === 1 ? recordsHandover.compile(dealerFilesPreset) : dealerFilesPreset;
            for (let r = 0; r < c.repeat; r++) {
              const x = (contexts[c.k] as () => unknown)();
              if (x === moving) continue;
              const file = files[f];
              const now = whole(() => checkHandover(file as never, policy as never, x as never));
              const before = whole(() =>
                recordsHandover.evaluate(file as never, policy as never, x as never),
              );
              expect(now).toEqual(before);
              expect(JSON.stringify(now)).toBe(JSON.stringify(before));
            }
          }
        },
      ),
      { seed: SEED + 21, numRuns: 150 },
    );
  });

  it('property: checkCompleteness with one policy and context object for many files (each well-formed file assembled with the provenance of the one before) decides each as recordsCompleteness.evaluate does', () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 20 }), fc.nat(2), (xs, k) => {
        const x = [ctx, zoned, evalCtx][k] as never;
        for (const { policy, file } of xs) {
          const now = whole(() => checkCompleteness(file as never, policy, x));
          const before = whole(() => recordsCompleteness.evaluate(file as never, policy, x));
          expect(now).toEqual(before);
          expect(JSON.stringify(now)).toBe(JSON.stringify(before));
        }
        // (the same files again, under one policy: the pair stays prepared)
        const policy = (xs[0] as { policy: RecordsPolicy }).policy;
        for (const { file } of xs) {
          const now = whole(() => checkCompleteness(file as never, policy, x));
          const before = whole(() => recordsCompleteness.evaluate(file as never, policy, x));
          expect(now).toEqual(before);
          expect(JSON.stringify(now)).toBe(JSON.stringify(before));
        }
      }),
      { seed: SEED + 23, numRuns: 150 },
    );
  });

  it('a context changed between two calls (now, zone, calendar) and a calendar that loses its isWorkday are read as the module reads them', () => {
    const file = newCar('VIN-C', true);
    const x: { now: string; zone?: string; calendar?: unknown } = { now: '2025-01-01T00:00:00Z', calendar };
    const same = () => {
      const now = whole(() => checkCompleteness(file, dealerFilesPreset, x as never));
      const before = whole(() => recordsCompleteness.evaluate(file, dealerFilesPreset, x as never));
      expect(now).toEqual(before);
      expect(JSON.stringify(now)).toBe(JSON.stringify(before));
      return now;
    };
    same();
    same();
    same();
    x.now = '2026-02-01T00:00:00Z';
    expect(JSON.stringify(same())).toContain('2026-02-01T00:00:00.000Z');
    x.zone = 'Asia/Urumqi';
    expect(JSON.stringify(same())).toContain('Asia/Urumqi');
    x.calendar = undefined;
    same();
    same();
    const odd = { isWorkday: calendar.isWorkday.bind(calendar), zone: 'Asia/Shanghai' } as {
      isWorkday?: unknown;
      zone: string;
    };
    x.calendar = odd;
    same();
    same();
    odd.isWorkday = undefined;
    same();
  });

  it('property: completenessBatch returns the decisions (provenance included) and refusals of the batch loop before, deep- and JSON-equal, under every kind of policy and context', () => {
    let long = 0;
    fc.assert(
      fc.property(
        fc.array(fileArb, { minLength: 0, maxLength: 16 }),
        fc.nat(contexts.length - 1),
        fc.nat(2),
        fc.boolean(),
        (xs, k, p, clean) => {
          const base = xs[0]?.policy ?? dealerFilesPreset;
          const policy =
            p === 0
              ? base
              : p === 1
                ? recordsCompleteness.compile(base)
                : new PolicyHistory(recordsCompleteness.schemas.params as never, [base]);
          // (now and then only the files a single call decides: long batches with no refusal)
          const files = xs
            .filter((x) => x.policy === base)
            .map((x) => x.file)
            .filter(
              (f) =>
                !clean || (outcome(() => checkCompleteness(f as never, base, ctx)) as { ok?: unknown }).ok,
            );
          const x = (contexts[k] as () => unknown)();
          if (x === moving) return;
          const now = whole(() => completenessBatch(files as never, policy as never, x as never));
          const before = whole(() => completenessBatchBefore(files as never, policy as never, x as never));
          expect(now).toEqual(before);
          expect(JSON.stringify(now)).toBe(JSON.stringify(before));
          if (((now as { ok?: unknown[] }).ok?.length ?? 0) >= 3) long++;
        },
      ),
      { seed: SEED + 22, numRuns: 400 },
    );
    // (batches of three files or more decided: the files after the second take the assembled decision)
    expect(long).toBeGreaterThan(30);
  });

  it('a batch whose context a getter moves mid-batch and back equals the loop before (each file under the now it reads)', () => {
    const c: Record<string, unknown> = { now: '2025-01-01T00:00:00Z', calendar };
    const moved = (to: string) => {
      const doc: Record<string, unknown> = {};
      Object.defineProperty(doc, 'id', {
        enumerable: true,
        get() {
          c.now = to;
          return 'invoiceCopy';
        },
      });
      return { ...newCar('VIN-X', false), documents: [doc] };
    };
    const files = () => [
      newCar('VIN-0', true),
      newCar('VIN-1', false),
      newCar('VIN-2', true),
      moved('2025-06-01T00:00:00Z'),
      newCar('VIN-4', true),
      moved('2025-01-01T00:00:00Z'),
      newCar('VIN-6', false),
      newCar('VIN-7', true),
    ];
    c.now = '2025-01-01T00:00:00Z';
    const now = whole(() => completenessBatch(files() as never, dealerFilesPreset, c as never));
    c.now = '2025-01-01T00:00:00Z';
    const before = whole(() => completenessBatchBefore(files() as never, dealerFilesPreset, c as never));
    expect(now).toEqual(before);
    expect(JSON.stringify(now)).toBe(JSON.stringify(before));
    const ds = (now as { ok: { value: { violations: { occurredAt: string }[] } }[] }).ok;
    expect(ds.map((d) => d.value.violations[0]?.occurredAt.slice(0, 7))).toEqual([
      '2025-01',
      '2025-01',
      '2025-01',
      '2025-01',
      '2025-06',
      '2025-06',
      '2025-01',
      '2025-01',
    ]);
  });

  it('a batch file the assembled path leaves to the module (copies, a defect, a bad document) is decided or refused by the module, index in the path', () => {
    const good = newCar('VIN-G', true);
    const cases: unknown[] = [
      { ...good, copies: [{ holder: 'customer', count: 1 }] },
      { ...good, documents: [{ id: 'greenCard', defects: ['incomplete'] }] },
      { ...good, documents: [{ id: 'receipt' }] },
      { ...good, fileId: '' },
    ];
    for (const odd of cases) {
      const files = [good, good, odd, good];
      const now = whole(() => completenessBatch(files as never, dealerFilesPreset, ctx));
      const before = whole(() => completenessBatchBefore(files as never, dealerFilesPreset, ctx));
      expect(now).toEqual(before);
      expect(JSON.stringify(now)).toBe(JSON.stringify(before));
    }
    // A refusal names the file's index.
    const refused = whole(() =>
      completenessBatch([good, good, { ...good, fileId: '' }] as never, dealerFilesPreset, ctx),
    ) as { error?: { path: unknown[] } };
    expect(refused.error?.path.slice(0, 2)).toEqual(['input', 2]);
  });

  it('handoverBatch under a context naming its zone and calendar (taken as it is) equals checkHandover per file', () => {
    const files = [0, 1, 2].map((i) => ({
      fileTypeId: 'newCarSalesFile',
      fileId: `VIN-Z${i}`,
      responsible: { personId: 'sc1', role: 'salesConsultant' },
      events: { delivery: '2024-03-04T10:00:00+08:00' },
      handedOverAt: `2024-03-${['06', '08', '11'][i]}T10:00:00+08:00`,
    }));
    const ds = handoverBatch(files, dealerFilesPreset, zoned);
    expect(JSON.stringify(ds)).toBe(
      JSON.stringify(files.map((f) => checkHandover(f, dealerFilesPreset, zoned))),
    );
    expect(ds.map((d) => d.value.result.outcomes[0]?.status)).toEqual(['onTime', 'late', 'late']);
  });
});

describe('records.completeness assembled ahead of the module: a file is read as often as the module reads it (S000-ARCHIVE-08)', () => {
  // Files whose getters answer by how often they were read (a stateful getter): the decision must
  // be the module's, so the assembled path tried ahead of the module must not add a read of its own.
  const counted = (make: (read: () => number) => Record<string, unknown>): (() => unknown) => {
    return () => {
      let n = 0;
      return make(() => ++n);
    };
  };
  const withId = (
    extra: Record<string, unknown>,
    id: (n: number) => string = (n) => `F${n}`,
  ): (() => unknown) =>
    counted((read) => {
      const f: Record<string, unknown> = { ...newCar('unused', true), ...extra };
      Object.defineProperty(f, 'fileId', { enumerable: true, get: () => id(read()) });
      return f;
    });
  const cases: [string, () => unknown][] = [
    // (left to the module by the assembled path: a copies list, a document with a defect)
    ['a copies list', withId({ copies: [{ holder: 'customer', count: 1 }] })],
    ['a defective document', withId({ documents: [{ id: 'greenCard', defects: ['incomplete'] }] })],
    ['an unknown key', withId({ note: 'x' })],
    // (a getter that throws on its first read: the assembled path throws, the module reads on)
    [
      'a getter that throws first',
      withId({}, (n) => {
        if (n === 1) throw new Error('not yet');
        return `F${n}`;
      }),
    ],
    ['a read file', withId({})],
  ];
  const warm = (x: unknown) => {
    for (let i = 0; i < 4; i++) checkCompleteness(newCar('VIN-W', true), dealerFilesPreset, x as never);
  };

  for (const [name, make] of cases) {
    it(`checkCompleteness under its prepared pair, ${name}: the module's decision or refusal`, () => {
      for (const x of [ctx, { now: '2025-01-01T08:00:00+08:00', zone: 'Asia/Shanghai', calendar }]) {
        warm(x);
        const now = whole(() => checkCompleteness(make() as never, dealerFilesPreset, x as never));
        const before = whole(() =>
          recordsCompleteness.evaluate(make() as never, dealerFilesPreset, x as never),
        );
        expect(now).toEqual(before);
        expect(JSON.stringify(now)).toBe(JSON.stringify(before));
        // (and again, the pair still prepared)
        const again = whole(() => checkCompleteness(make() as never, dealerFilesPreset, x as never));
        expect(JSON.stringify(again)).toBe(JSON.stringify(before));
      }
    });

    it(`completenessBatch, ${name} after well-formed files: the loop before's decisions or refusal`, () => {
      const files = () => [
        newCar('VIN-0', true),
        newCar('VIN-1', false),
        newCar('VIN-2', true),
        make(),
        newCar('VIN-4', true),
        make(),
      ];
      const now = whole(() => completenessBatch(files() as never, dealerFilesPreset, ctx));
      const before = whole(() => completenessBatchBefore(files() as never, dealerFilesPreset, ctx));
      expect(now).toEqual(before);
      expect(JSON.stringify(now)).toBe(JSON.stringify(before));
    });
  }
});

describe('records fast paths: one reader of the responsible person, every object’s prototype checked before it is read (S000-ARCHIVE-07, S000-ARCHIVE-08)', () => {
  /**
   * `o` as a class instance whose values are getters on its prototype (what zod reads by name and
   * a strict object does not count as keys): each answers its value on its first read and another
   * on any later read, so a file read twice gets another decision than a file read once.
   */
  const instanceOf = (o: Record<string, unknown>): object => {
    const reads = new Map<string, number>();
    const moved = (v: unknown): unknown =>
      typeof v === 'string' ? `${v}~` : typeof v === 'boolean' ? !v : v;
    class Instance {}
    for (const k of Object.keys(o)) {
      Object.defineProperty(Instance.prototype, k, {
        get() {
          const n = (reads.get(k) ?? 0) + 1;
          reads.set(k, n);
          return n === 1 ? o[k] : moved(o[k]);
        },
      });
    }
    return new Instance();
  };
  type Where = 'file' | 'responsible' | 'media' | 'document' | 'signatures';
  /** A fresh copy of `file` with the object at `where` made a class instance (`undefined`: none there). */
  const withInstance = (file: Record<string, unknown>, where: Where): unknown => {
    const f = { ...file };
    const docs = Array.isArray(f.documents) ? [...(f.documents as Record<string, unknown>[])] : undefined;
    if (where === 'file') return instanceOf(f);
    if (where === 'responsible' || where === 'media') {
      const o = f[where];
      if (o === null || typeof o !== 'object') return undefined;
      f[where] = instanceOf(o as Record<string, unknown>);
      return f;
    }
    const d = docs?.[0];
    if (docs === undefined || d === null || typeof d !== 'object') return undefined;
    if (where === 'document') docs[0] = instanceOf(d) as Record<string, unknown>;
    else {
      const s = d.signatures;
      if (s === null || typeof s !== 'object') return undefined;
      docs[0] = { ...d, signatures: instanceOf(s as Record<string, unknown>) };
    }
    f.documents = docs;
    return f;
  };
  const bare = (o: unknown): unknown => {
    const x = o as { ok?: { value: unknown; trace: unknown }; error?: unknown };
    return x.ok === undefined ? x : { ok: { value: x.ok.value, trace: x.ok.trace } };
  };
  const where = fc.constantFrom<Where>('file', 'responsible', 'media', 'document', 'signatures');

  it('property: a completeness file with a class instance anywhere (getters answering by how often they are read) is decided or refused as the general path alone decides it: through the module, checkCompleteness under a kept policy and context, and a batch', () => {
    let decided = 0;
    fc.assert(
      fc.property(fileArb, where, ({ policy, file }, w) => {
        const make = () => withInstance(file as Record<string, unknown>, w);
        if (make() === undefined) return;
        const general = generalPath(make(), policy);
        const module = bare(outcome(() => recordsCompleteness.evaluate(make() as never, policy, ctx)));
        expect(module).toEqual(general);
        expect(JSON.stringify(module)).toBe(JSON.stringify(general));
        // (three calls with the same policy and context: the last one under the kept pair)
        for (let r = 0; r < 3; r++) {
          const named = bare(outcome(() => checkCompleteness(make() as never, policy, ctx)));
          expect(named).toEqual(general);
          expect(JSON.stringify(named)).toBe(JSON.stringify(general));
        }
        // (a batch: the file after two plain copies of itself, the last one under the kept pair)
        if ((generalPath(file, policy) as { ok?: unknown }).ok === undefined) return;
        const batch = outcome(() => completenessBatch([file, file, make()] as never, policy, ctx)) as {
          ok?: unknown[];
          error?: { code: string; path: unknown[]; message: string };
        };
        const g = general as { ok?: unknown; error?: { code: string; path: unknown[] } };
        if (g.ok !== undefined) {
          expect(bare({ ok: batch.ok?.[2] })).toEqual(general);
          decided++;
        } else {
          expect(batch.error?.code).toBe(g.error?.code);
          expect(batch.error?.path).toEqual(['input', 2, ...(g.error?.path ?? []).slice(1)]);
        }
      }),
      { seed: SEED + 31, numRuns: 300 },
    );
    expect(decided).toBeGreaterThan(100);
  });

  it('a Proxy file whose get trap throws on a symbol key is decided as the same file as plain data (the fast paths step aside), checks and batches alike', () => {
    const noSymbols = <T extends object>(o: T): T =>
      new Proxy(o, {
        get(t, k, r) {
          if (typeof k === 'symbol') throw new TypeError('no symbol keys');
          return Reflect.get(t, k, r);
        },
      });
    const handover = {
      fileTypeId: 'newCarSalesFile',
      fileId: 'VIN1',
      responsible: { personId: 'sc1' },
      events: { delivery: '2024-03-04T10:00:00+08:00' },
      handedOverAt: '2024-03-11T10:00:00+08:00',
    };
    const file = newCar('VIN-1', true);
    const plain = [0, 1, 2, 3].map(() => [
      whole(() => checkCompleteness(file, dealerFilesPreset, ctx)),
      whole(() => checkHandover(handover, dealerFilesPreset, ctx)),
    ]);
    const proxied = [0, 1, 2, 3].map(() => [
      whole(() => checkCompleteness(noSymbols(file), dealerFilesPreset, ctx)),
      whole(() =>
        checkHandover(
          noSymbols({ ...handover, responsible: noSymbols(handover.responsible) }),
          dealerFilesPreset,
          ctx,
        ),
      ),
    ]);
    expect(proxied).toEqual(plain);
    expect(JSON.stringify(proxied)).toBe(JSON.stringify(plain));
    expect(whole(() => completenessBatch([noSymbols(file), file], dealerFilesPreset, ctx))).toEqual(
      whole(() => completenessBatch([file, file], dealerFilesPreset, ctx)),
    );
    expect(whole(() => handoverBatch([noSymbols(handover), handover], dealerFilesPreset, ctx))).toEqual(
      whole(() => handoverBatch([handover, handover], dealerFilesPreset, ctx)),
    );
  });

  it('a class instance file whose fileId answers differently on its second read is read once and decided as the same file as plain data', () => {
    const plain = newCar('VIN-I', true) as unknown as Record<string, unknown>;
    for (const w of ['file', 'responsible', 'media', 'document'] as const) {
      const d = outcome(() => checkCompleteness(withInstance(plain, w) as never, dealerFilesPreset, ctx));
      expect(bare(d)).toEqual(bare(outcome(() => checkCompleteness(plain as never, dealerFilesPreset, ctx))));
    }
  });

  it('property: a handover file with a class instance as the file or the responsible person is decided or refused as the general path alone decides it', () => {
    const files = [
      {
        fileTypeId: 'newCarSalesFile',
        fileId: 'VIN1',
        responsible: { personId: 'sc1', role: 'salesConsultant', departmentId: 'D1' },
        events: { delivery: '2024-03-04T10:00:00+08:00' },
        handedOverAt: '2024-03-11T10:00:00+08:00',
      },
      {
        fileTypeId: 'newCarSalesFile',
        fileId: 'VIN2',
        responsible: { personId: 'sc1' },
        events: { delivery: '2024-03-04T10:00:00+08:00' },
      },
      { fileTypeId: 'newCarSalesFile', fileId: 'VIN3', responsible: { personId: '' }, events: {} },
    ];
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.constantFrom<Where>('file', 'responsible'), (k, w) => {
        const make = () => withInstance(files[k] as Record<string, unknown>, w);
        const general = outcome(() => {
          const parsed = parseInput(HandoverInputSchema, make(), ['input']);
          const j = underPath(['input'], () =>
            handoverModuleParts(parsed, dealerFilesPreset, { now: NOW, calendar }),
          );
          return { value: { result: j.result, violations: j.violations }, trace: j.trace };
        });
        for (let r = 0; r < 3; r++) {
          const named = bare(outcome(() => checkHandover(make() as never, dealerFilesPreset, ctx)));
          expect(named).toEqual(general);
          expect(JSON.stringify(named)).toBe(JSON.stringify(general));
        }
      }),
      { seed: SEED + 32, numRuns: 60 },
    );
  });
});

describe('records named checks and batches with a context whose now is a getter (issue 21): read as often as the module reads it (S000-ARCHIVE-08)', () => {
  /** A context whose `now` answers by how often it has been read (a counter of its own). */
  const counting = (period: number, key: 'now' | 'zone' = 'now') => {
    let reads = 0;
    const moving = () => {
      reads++;
      return reads % period === 0;
    };
    return key === 'now'
      ? {
          get now() {
            return moving() ? '2026-06-01T00:00:00Z' : '2025-01-01T00:00:00Z';
          },
          calendar,
        }
      : {
          now: '2025-01-01T00:00:00Z',
          get zone() {
            return moving() ? 'Asia/Urumqi' : 'Asia/Shanghai';
          },
          calendar,
        };
  };
  /** A run of calls from the same starting point (core's last context set by a plain call first). */
  const run = <T>(calls: (c: object) => T): ((c: object) => T) => {
    recordsCompleteness.evaluate(newCar('VIN-0', true), dealerFilesPreset, {
      now: '2024-01-01T00:00:00Z',
      calendar,
    });
    return calls;
  };
  const files = [newCar('VIN-1', true), newCar('VIN-2', false), newCar('VIN-3', true)];

  it('property: checkCompleteness, checkHandover and both batches with a counting getter give what the module gives for a twin context (the same getter, its own counter), deep- and JSON-equal', () => {
    const handovers = [
      {
        fileTypeId: 'newCarSalesFile',
        fileId: 'VIN1',
        responsible: { personId: 'sc1' },
        events: { delivery: '2024-03-04T10:00:00+08:00' },
        handedOverAt: '2024-03-11T10:00:00+08:00',
      },
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom<'now' | 'zone'>('now', 'zone'),
        fc.integer({ min: 1, max: 8 }),
        (period, key, repeat) => {
          const twice = <T>(named: (c: object) => T, module: (c: object) => T) => {
            // (once first: the caches a first call fills are filled for both runs)
            run(module)(counting(period, key));
            const a = run(named)(counting(period, key));
            const b = run(module)(counting(period, key));
            expect(a).toEqual(b);
            expect(JSON.stringify(a)).toBe(JSON.stringify(b));
          };
          const each =
            <F>(xs: F[], check: (f: F, c: object) => unknown) =>
            (c: object) => {
              const out: unknown[] = [];
              for (let r = 0; r < repeat; r++) for (const f of xs) out.push(whole(() => check(f, c)));
              return out;
            };
          twice(
            each(files, (f, c) => checkCompleteness(f, dealerFilesPreset, c as never)),
            each(files, (f, c) => recordsCompleteness.evaluate(f, dealerFilesPreset, c as never)),
          );
          twice(
            each(handovers, (f, c) => checkHandover(f, dealerFilesPreset, c as never)),
            each(handovers, (f, c) => recordsHandover.evaluate(f, dealerFilesPreset, c as never)),
          );
          const many = Array.from({ length: repeat }, () => files).flat();
          twice(
            (c) => whole(() => completenessBatch(many, dealerFilesPreset, c as never)),
            (c) =>
              whole(() => many.map((f) => recordsCompleteness.evaluate(f, dealerFilesPreset, c as never))),
          );
          const hs = Array.from({ length: repeat }, () => handovers).flat();
          twice(
            (c) => whole(() => handoverBatch(hs, dealerFilesPreset, c as never)),
            (c) => whole(() => hs.map((f) => recordsHandover.evaluate(f, dealerFilesPreset, c as never))),
          );
        },
      ),
      { seed: SEED + 33, numRuns: 60 },
    );
  });

  it('property: a context without a zone whose calendar’s zone is a getter on its class prototype (answering by read count; the module reads it when it makes the context) gives what the module gives for a twin context, checks and batches alike', () => {
    /** A context without a zone whose calendar (a class instance over `calendar`) answers its zone by read count. */
    const moving = (period: number): object => {
      let reads = 0;
      class MovingZone {
        get zone(): string {
          reads++;
          return reads % period === 0 ? 'Asia/Urumqi' : 'Asia/Shanghai';
        }
      }
      Object.setPrototypeOf(MovingZone.prototype, calendar);
      return { now: '2025-01-01T00:00:00Z', calendar: new MovingZone() };
    };
    const handover = {
      fileTypeId: 'newCarSalesFile',
      fileId: 'VIN1',
      responsible: { personId: 'sc1' },
      events: { delivery: '2024-03-04T10:00:00+08:00' },
      handedOverAt: '2024-03-11T10:00:00+08:00',
    };
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 6 }), (period, repeat) => {
        const twice = <T>(named: (c: object) => T, module: (c: object) => T) => {
          run(module)(moving(period));
          const a = run(named)(moving(period));
          const b = run(module)(moving(period));
          expect(a).toEqual(b);
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        };
        const calls =
          (check: (f: unknown, c: object) => unknown, f: unknown) =>
          (c: object): unknown[] =>
            Array.from({ length: repeat }, () => whole(() => check(f, c)));
        twice(
          calls((f, c) => checkCompleteness(f as never, dealerFilesPreset, c as never), files[0]),
          calls((f, c) => recordsCompleteness.evaluate(f as never, dealerFilesPreset, c as never), files[0]),
        );
        twice(
          calls((f, c) => checkHandover(f as never, dealerFilesPreset, c as never), handover),
          calls((f, c) => recordsHandover.evaluate(f as never, dealerFilesPreset, c as never), handover),
        );
        const many = Array.from({ length: repeat }, () => files).flat();
        twice(
          (c) => whole(() => completenessBatch(many, dealerFilesPreset, c as never)),
          (c) => whole(() => many.map((f) => recordsCompleteness.evaluate(f, dealerFilesPreset, c as never))),
        );
        const hs = Array.from({ length: repeat }, () => handover);
        twice(
          (c) => whole(() => handoverBatch(hs, dealerFilesPreset, c as never)),
          (c) => whole(() => hs.map((f) => recordsHandover.evaluate(f, dealerFilesPreset, c as never))),
        );
      }),
      { seed: SEED + 34, numRuns: 40 },
    );
  });

  it('a Proxy context whose descriptor or prototype traps throw (its values read as usual) is decided as the module decides it, call after call, checks and batches alike', () => {
    const handover = {
      fileTypeId: 'newCarSalesFile',
      fileId: 'VIN1',
      responsible: { personId: 'sc1' },
      events: { delivery: '2024-03-04T10:00:00+08:00' },
      handedOverAt: '2024-03-11T10:00:00+08:00',
    };
    for (const trap of ['getOwnPropertyDescriptor', 'getPrototypeOf'] as const) {
      const guarded = (): object =>
        new Proxy(
          { now: '2025-01-01T00:00:00Z', calendar },
          {
            [trap]: () => {
              throw new TypeError(`no ${trap}`);
            },
          },
        );
      const c = guarded();
      const named = [0, 1, 2, 3].map(() => [
        whole(() => checkCompleteness(files[0] as never, dealerFilesPreset, c as never)),
        whole(() => checkHandover(handover, dealerFilesPreset, c as never)),
      ]);
      const m = guarded();
      const module = [0, 1, 2, 3].map(() => [
        whole(() => recordsCompleteness.evaluate(files[0] as never, dealerFilesPreset, m as never)),
        whole(() => recordsHandover.evaluate(handover, dealerFilesPreset, m as never)),
      ]);
      expect(named).toEqual(module);
      expect(JSON.stringify(named)).toBe(JSON.stringify(module));
      const batches = [
        whole(() => completenessBatch(files, dealerFilesPreset, guarded() as never)),
        whole(() => handoverBatch([handover, handover], dealerFilesPreset, guarded() as never)),
      ];
      const loops = [
        whole(() => files.map((f) => recordsCompleteness.evaluate(f, dealerFilesPreset, m as never))),
        whole(() =>
          [handover, handover].map((f) => recordsHandover.evaluate(f, dealerFilesPreset, m as never)),
        ),
      ];
      expect(batches).toEqual(loops);
      expect(JSON.stringify(batches)).toBe(JSON.stringify(loops));
    }
  });
});

describe('records fast paths: a hidden key, a getter and an own __proto__ flag are read as the general path reads them (S000-ARCHIVE-07, S000-ARCHIVE-08)', () => {
  const hide = <T extends object>(o: T, k: string, v: unknown): T =>
    Object.defineProperty(o, k, { value: v, enumerable: false });
  const salesSite = recordsPresets.salesSite as RecordsPolicy;

  it('a hidden known key does not make room for an unknown one: refused as the general path refuses it (S000-ARCHIVE-08)', () => {
    const files = [
      () =>
        hide(
          {
            fileTypeId: 'afterSalesMaintenanceFile',
            fileId: 'RO-1',
            responsible: { personId: 'sa1' },
            bogus: 1,
          },
          'media',
          { paper: true },
        ),
      () => ({
        fileTypeId: 'afterSalesMaintenanceFile',
        fileId: 'RO-1',
        responsible: { personId: 'sa1' },
        media: hide({ bogus: true }, 'paper', true),
      }),
      () => ({
        fileTypeId: 'afterSalesMaintenanceFile',
        fileId: 'RO-1',
        responsible: { personId: 'sa1' },
        documents: [hide({ id: 'receptionSheet', bogus: 1 }, 'signatures', { customer: 'ok', staff: 'ok' })],
      }),
      () => ({
        fileTypeId: 'afterSalesMaintenanceFile',
        fileId: 'RO-1',
        responsible: hide({ personId: 'sa1', bogus: 'x' }, 'role', 'serviceAdvisor'),
      }),
    ];
    for (const f of files) {
      const general = generalPath(f(), dealerFilesPreset);
      expect((general as { error?: { code: string } }).error?.code).toBe('unknown_key');
      expect(moduleNow(f(), dealerFilesPreset)).toEqual(general);
      expect(assembledCompleteness(f(), dealerFilesPreset, NOW)).toBeUndefined();
    }
    const handover = () => ({
      fileTypeId: 'newCarSalesFile',
      fileId: 'VIN1',
      responsible: hide({ personId: 'sc1', bogus: 'x' }, 'role', 'salesConsultant'),
      events: { delivery: '2024-03-04T10:00:00+08:00' },
    });
    expect(() => recordsHandover.evaluate(handover() as never, dealerFilesPreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'unknown_key', path: ['input', 'responsible', 'bogus'] }),
    );
  });

  it('a hidden media key does not hide the file-level fields the assembled path does not read: decided as before (S000-ARCHIVE-08)', () => {
    const fields = { customerId: 'c1', closedAt: '2024-01-01', purchaseWithUs: 'yes' };
    const file = () =>
      hide(
        { fileTypeId: 'closedDealArchive', fileId: 'C1', responsible: { personId: 'p1' }, fields },
        'media',
        {
          electronic: true,
        },
      );
    expect(moduleNow(file(), salesSite)).toEqual(generalPath(file(), salesSite));
    const result = (moduleNow(file(), salesSite) as { ok: { value: { result: { missingFields: unknown } } } })
      .ok.value.result;
    expect(result.missingFields).toEqual([]);
    // …and the state it is in is not spoiled for an ordinary file after it.
    const plain = {
      fileTypeId: 'closedDealArchive',
      fileId: 'C2',
      responsible: { personId: 'p1' },
      media: { electronic: true },
    };
    expect(moduleNow(structuredClone(plain), salesSite)).toEqual(
      generalPath(structuredClone(plain), salesSite),
    );
  });

  it('the shared parts of a new state come from the values its key was read from, not a second read of a getter (S000-ARCHIVE-08)', () => {
    // The first read of `documents` gives the signed reception sheet, every later read none: the
    // parts of the first state may not be built from the second answer.
    const policy = structuredClone(dealerFilesPreset) as RecordsPolicy;
    (policy as { version: string }).version = 'getter-state';
    let reads = 0;
    const tricky = {
      fileTypeId: 'afterSalesMaintenanceFile',
      fileId: 'RO-1',
      responsible: { personId: 'sa1' },
      get documents() {
        reads++;
        return reads === 1 ? [{ id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } }] : [];
      },
    };
    recordsCompleteness.evaluate(tricky as never, policy, ctx);
    const ordinary = {
      fileTypeId: 'afterSalesMaintenanceFile',
      fileId: 'RO-2',
      responsible: { personId: 'sa1' },
      documents: [{ id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } }],
    };
    const got = moduleNow(structuredClone(ordinary), policy) as {
      ok: { value: { result: { missingDocuments: string[] } } };
    };
    expect(got).toEqual(generalPath(structuredClone(ordinary), policy));
    expect(got.ok.value.result.missingDocuments).not.toContain('receptionSheet');
    expect(
      checkCompleteness(structuredClone(ordinary) as never, policy, ctx).value.result.missingDocuments,
    ).toEqual(got.ok.value.result.missingDocuments);
  });

  it('one decision echoes one answer of a fileId getter, in its result and its violations (S000-ARCHIVE-08)', () => {
    // A file with copies is judged by the rule (not assembled): the rule reads a copy of it.
    const salesOffice = recordsPresets.salesOffice as RecordsPolicy;
    let n = 0;
    const file = {
      fileTypeId: 'customerTransactionCard',
      get fileId() {
        n++;
        return `F${n}`;
      },
      responsible: { personId: 'p1' },
      copies: [{ holder: 'company', count: 1 }],
    };
    const d = recordsCompleteness.evaluate(file as never, salesOffice, ctx);
    const ids = new Set([d.value.result.fileId, ...d.value.violations.map((v) => v.subject?.id)]);
    expect(d.value.violations.length).toBeGreaterThan(0);
    expect(ids.size).toBe(1);
  });

  it('the handover rule reads the responsible person as it was read, not the caller’s getter again (S000-ARCHIVE-07)', () => {
    let n = 0;
    const file = {
      fileTypeId: 'newCarSalesFile',
      fileId: 'VIN1',
      responsible: {
        get personId() {
          n++;
          return `sc${n}`;
        },
        role: 'salesConsultant',
      },
      events: { delivery: '2024-03-04T10:00:00+08:00' },
      handedOverAt: '2024-03-11T10:00:00+08:00',
    };
    const d = recordsHandover.evaluate(file as never, dealerFilesPreset, ctx);
    expect(d.value.violations[0]?.personId).toBe('sc1');
  });

  it('hidden file-level fields or copies are read as zod reads them, and leave no wrong parts for the next file (S000-ARCHIVE-08)', () => {
    const salesOffice = recordsPresets.salesOffice as RecordsPolicy;
    const fieldsFile = () => ({
      fileTypeId: 'closedDealArchive',
      fileId: 'X',
      responsible: { personId: 'p1' },
      media: { electronic: true },
    });
    const fields = { customerId: 'c1', closedAt: '2024-01-01', purchaseWithUs: 'yes' };
    // The hidden-fields file first, then an ordinary one in the same state; and the other order.
    for (const order of [0, 1]) {
      const policy = structuredClone(salesSite) as RecordsPolicy;
      (policy as { version: string }).version = `hidden-fields-${order}`;
      const files = [() => hide(fieldsFile(), 'fields', fields), fieldsFile];
      if (order === 1) files.reverse();
      for (const file of files) expect(moduleNow(file(), policy)).toEqual(generalPath(file(), policy));
    }
    const copiesFile = () => ({
      fileTypeId: 'subscriptionAgreement',
      fileId: 'S1',
      responsible: { personId: 'p1' },
    });
    const copies = [
      { holder: 'customer', count: 1 },
      { holder: 'company', count: 1 },
      { holder: 'bank', count: 1 },
    ];
    const policy = structuredClone(salesOffice) as RecordsPolicy;
    (policy as { version: string }).version = 'hidden-copies';
    for (const file of [() => hide(copiesFile(), 'copies', copies), copiesFile])
      expect(moduleNow(file(), policy)).toEqual(generalPath(file(), policy));
  });

  it('flags, document fields and handover events with a hidden class-like constructor are refused as zod refuses them (S000-ARCHIVE-07, S000-ARCHIVE-08)', () => {
    const cls = <T extends object>(o: T): T =>
      Object.defineProperty(o, 'constructor', { value: class X {}, enumerable: false });
    const base = { fileTypeId: 'newCarSalesFile', fileId: 'V1', responsible: { personId: 'sc1' } };
    const withFlags = () => ({ ...base, flags: cls({}) });
    const withFields = () => ({
      ...base,
      documents: [{ id: 'greenCard', fields: cls({ customerName: '张三' }) }],
    });
    for (const file of [withFlags, withFields]) {
      const general = generalPath(file(), dealerFilesPreset);
      expect((general as { error?: { code: string } }).error?.code).toBe('invalid_input');
      expect(moduleNow(file(), dealerFilesPreset)).toEqual(general);
      expect(assembledCompleteness(file(), dealerFilesPreset, NOW)).toBeUndefined();
    }
    const handover = () => ({
      ...base,
      responsible: { personId: 'sc1', role: 'salesConsultant' },
      events: cls({ delivery: '2024-03-04T10:00:00+08:00' }),
    });
    expect(() => recordsHandover.evaluate(handover() as never, dealerFilesPreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'events'] }),
    );
  });

  it('a medium or a field is read by its own key only: not through Object.prototype (S000-ARCHIVE-08)', () => {
    const file = () => ({
      fileTypeId: 'afterSalesMaintenanceFile',
      fileId: 'RO-1',
      responsible: { personId: 'sa1' },
    });
    const missingMedia = (o: unknown) =>
      (o as { ok: { value: { result: { missingMedia: string[] } } } }).ok.value.result.missingMedia;
    const before = missingMedia(generalPath(file(), dealerFilesPreset));
    Object.defineProperty(Object.prototype, 'paper', { value: true, configurable: true });
    try {
      expect(missingMedia(generalPath(file(), dealerFilesPreset))).toEqual(before);
      expect(missingMedia(moduleNow(file(), dealerFilesPreset))).toEqual(before);
    } finally {
      delete (Object.prototype as { paper?: unknown }).paper;
    }
    expect(before).toContain('paper');
    // A declared field named `toString`, absent from the document: missing, not a bad format.
    const policy = structuredClone(dealerFilesPreset) as RecordsPolicy & {
      params: { fileTypes: { id: string; documents: { id: string; fields?: unknown[] }[] }[] };
    };
    (policy as { version: string }).version = 'to-string-field';
    const sheet = policy.params.fileTypes
      .find((t) => t.id === 'afterSalesMaintenanceFile')
      ?.documents.find((d) => d.id === 'receptionSheet');
    if (sheet === undefined) throw new Error('the preset changed: receptionSheet');
    sheet.fields = [{ id: 'toString', name: { zh: '备注', en: 'Note' }, required: false, pattern: '^\\d+$' }];
    const withFields = (fields: object) => ({
      ...file(),
      documents: [{ id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' }, fields }],
    });
    const defective = (o: unknown) =>
      (o as { ok: { value: { result: { defectiveDocuments: unknown[] } } } }).ok.value.result
        .defectiveDocuments;
    expect(defective(generalPath(withFields({}), policy))).toEqual([]);
    expect(defective(moduleNow(withFields({ toString: '123' }), policy))).toEqual([]);
    expect(defective(moduleNow(withFields({}), policy))).toEqual([]);
    expect(defective(moduleNow(withFields({ toString: 'x' }), policy))).toEqual([
      { id: 'receptionSheet', defects: ['toString:format'] },
    ]);
  });

  it('an own __proto__ flag is refused and a hidden flag is not read, as the general path does (S000-ARCHIVE-08)', () => {
    const policy = structuredClone(dealerFilesPreset) as RecordsPolicy & {
      params: { fileTypes: { id: string; documents: { id: string; when?: unknown }[] }[] };
    };
    (policy as { version: string }).version = 'proto-flag';
    const type = policy.params.fileTypes.find((t) => t.id === 'newCarSalesFile');
    const doc = type?.documents.find((d) => d.id === 'otherProofs');
    if (doc === undefined) throw new Error('the preset changed: otherProofs of newCarSalesFile');
    doc.when = { flag: '__proto__', equals: true };
    const file = () => ({
      fileTypeId: 'newCarSalesFile',
      fileId: 'V1',
      responsible: { personId: 'sc1' },
      flags: JSON.parse('{"__proto__": true}'),
    });
    // The flags record refuses the key (zod's own record dropped it, and otherProofs went unasked).
    const general = generalPath(file(), policy);
    expect(moduleNow(file(), policy)).toEqual(general);
    expect(general).toMatchObject({
      error: { code: 'invalid_input', path: ['input', 'flags', '__proto__'] },
    });
    // A hidden flag (zod's record reads own enumerable keys only) is not read either: with a
    // `__proto__` flag known, the flags are read by `for…in`, not through a seal.
    // (a new policy object: a policy is compiled once per object)
    const policy2 = structuredClone(policy);
    (policy2 as { version: string }).version = 'proto-and-hidden-flag';
    const insurance = policy2.params.fileTypes
      .find((t) => t.id === 'newCarSalesFile')
      ?.documents.find((d) => d.id === 'insuranceCopy');
    if (insurance === undefined) throw new Error('the preset changed: insuranceCopy of newCarSalesFile');
    insurance.when = { flag: 'extra', equals: true };
    const hidden = () => ({
      ...file(),
      flags: Object.defineProperty({}, 'extra', { value: true, enumerable: false }),
    });
    const generalHidden = generalPath(hidden(), policy2);
    expect(moduleNow(hidden(), policy2)).toEqual(generalHidden);
    expect(
      (generalHidden as { ok: { value: { result: { missingDocuments: string[] } } } }).ok.value.result
        .missingDocuments,
    ).not.toContain('insuranceCopy');
  });
});

describe('records fast paths read the context as the general path does (S000-ARCHIVE-08)', () => {
  it('reads a getter now once: the violation carries the now the decision was made at', () => {
    const file = () => ({
      fileTypeId: 'afterSalesMaintenanceFile',
      fileId: 'RO-1',
      responsible: { personId: 'sa1' },
    });
    recordsCompleteness.evaluate(file() as never, dealerFilesPreset, {
      now: '2024-01-01T00:00:00Z',
      calendar,
    });
    let reads = 0;
    const moving = {
      zone: 'Asia/Shanghai',
      calendar,
      get now() {
        reads++;
        return reads <= 2 ? '2025-01-01T00:00:00Z' : '2025-06-01T00:00:00Z';
      },
    };
    const d = recordsCompleteness.evaluate(file() as never, dealerFilesPreset, moving as never);
    expect(d.value.violations[0]?.occurredAt).toBe('2025-01-01T00:00:00.000Z');
  });
});
