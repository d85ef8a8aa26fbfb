import '../test/pii-guard.js';
import { isZhiduError, type ZhiduError } from '@zhidu/core';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFileType, resolveContext } from './context.js';
import { partnerArchivePreset } from './index.js';
import { maskPiiDeep, readFile, redactRecord } from './masking.js';
import type { RecordsPolicy } from './policy.js';

/** The ZhiduError a call throws (fails the test when it throws anything else or nothing). */
function refusal(call: () => unknown): ZhiduError {
  try {
    call();
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError, got a value');
}

const policy = partnerArchivePreset as RecordsPolicy;
const partnerType = findFileType(policy, 'partnerArchive', []);
const NOW = '2024-03-06T02:00:00Z';

describe('findFileType refuses what is not a policy, an id and a path', () => {
  it('refuses an undefined or malformed policy with invalid_input at policy (was reading fileTypes of undefined)', () => {
    for (const bad of [undefined, null, {}, { params: {} }, { params: { fileTypes: 'x' } }]) {
      const e = refusal(() =>
        findFileType(bad as unknown as RecordsPolicy, 'partnerArchive', ['fileTypeId']),
      );
      expect(e.code === 'invalid_input' || e.code === 'unknown_key').toBe(true);
      expect(e.path[0]).toBe('policy');
    }
  });

  it('refuses a file type id that is not a string at the given path', () => {
    const e = refusal(() => findFileType(policy, Object.create(null) as string, ['fileTypeId']));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['fileTypeId']);
  });

  it('refuses a path that is not a JSON path with invalid_input at path', () => {
    for (const bad of [undefined, 3, 'fileTypeId', [{}]]) {
      const e = refusal(() => findFileType(policy, 'partnerArchive', bad as unknown as string[]));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['path']);
    }
  });

  it('still finds a known file type and names an unknown one', () => {
    expect(partnerType.id).toBe('partnerArchive');
    const e = refusal(() => findFileType(policy, 'nope', ['fileTypeId']));
    expect(e.code).toBe('unknown_reference');
    expect(e.message).toContain('unknown file type "nope"');
  });
});

describe('resolveContext refuses what is not a context', () => {
  it('refuses a null or non-object context with invalid_input at ctx (was reading zone of null)', () => {
    for (const bad of [null, undefined, 5, 'now', []]) {
      const e = refusal(() => resolveContext(bad as never));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['ctx']);
    }
  });

  it('refuses a zone that is not a time zone at ctx.zone (was passed through)', () => {
    for (const bad of [5, '', 'Mars/Olympus']) {
      const e = refusal(() => resolveContext({ now: NOW, zone: bad as string }));
      expect(e.code).toBe('invalid_zone');
      expect(e.path).toEqual(['ctx', 'zone']);
    }
  });

  it('refuses a calendar without isWorkday at ctx.calendar (was passed through)', () => {
    for (const bad of [5, null, {}]) {
      const e = refusal(() => resolveContext({ now: NOW, calendar: bad as never }));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['ctx', 'calendar']);
    }
  });

  it('refuses a policy that is not a records policy at policy', () => {
    const e = refusal(() => resolveContext({ now: NOW }, 5 as unknown as RecordsPolicy));
    expect(e.path[0]).toBe('policy');
  });

  it('still resolves the default zone and the policy zone', () => {
    expect(resolveContext({ now: NOW }).zone).toBe('Asia/Shanghai');
    expect(resolveContext({ now: NOW, zone: 'Europe/Paris' }, policy).zone).toBe('Europe/Paris');
    expect(resolveContext({ now: NOW }, policy).now).toBe('2024-03-06T02:00:00.000Z');
  });
});

describe('redactRecord refuses what is not a record, a file type and a reader', () => {
  it('refuses a null record with invalid_input at record (was reading fields of null)', () => {
    const e = refusal(() => redactRecord(null as never, partnerType, 'partner', []));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['record']);
  });

  it('refuses a file type that is not one at fileType (was reading map of undefined)', () => {
    for (const bad of [null, {}, { id: 'x' }]) {
      const e = refusal(() => redactRecord({ a: 1 }, bad as never, 'partner', []));
      expect(e.code === 'invalid_input' || e.code === 'unknown_key').toBe(true);
      expect(e.path[0]).toBe('fileType');
    }
  });

  it('refuses an unknown readership, non-array unmaskedFields and null options', () => {
    expect(refusal(() => redactRecord({}, partnerType, 'public' as never, [])).path).toEqual(['readership']);
    expect(refusal(() => redactRecord({}, partnerType, 'partner', null as never)).path).toEqual([
      'unmaskedFields',
    ]);
    expect(refusal(() => redactRecord({}, partnerType, 'partner', ['a', 3 as never])).path).toEqual([
      'unmaskedFields',
      1,
    ]);
    expect(refusal(() => redactRecord({}, partnerType, 'partner', [], null as never)).path).toEqual([
      'options',
    ]);
  });

  it('still redacts for a partner (grade internal only, undeclared mobile withheld)', () => {
    expect(
      redactRecord({ partnerName: 'X', grade: 'B', mobile: '13912345678' }, partnerType, 'partner', []),
    ).toEqual({
      partnerName: 'X',
    });
  });

  it('any JSON value as record or file type is a ZhiduError or a record (seeded property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (record, fileType) => {
        for (const call of [
          () => redactRecord(record as never, partnerType, 'internal', []),
          () => redactRecord({}, fileType as never, 'internal', []),
        ]) {
          try {
            call();
          } catch (e) {
            if (!isZhiduError(e)) return false;
          }
        }
        return true;
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});

describe('maskPiiDeep and readFile refuse bad arguments', () => {
  it('refuses a path that is not a JSON path with invalid_input at path (was path is not iterable)', () => {
    const e = refusal(() => maskPiiDeep({ a: '13912345678' }, 7 as never));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['path']);
    expect(maskPiiDeep({ a: '13912345678' }, ['x'])).toEqual({ a: '139****5678' });
  });

  it('readFile refuses a record that is not an object at record', () => {
    const request = {
      actor: { id: 'u1', roles: ['archiveAdmin'] },
      action: 'view',
      file: { id: 'P1', fileTypeId: 'partnerArchive' },
    };
    const e = refusal(() => readFile(request as never, null as never, policy, { now: NOW }));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['record']);
  });
});
