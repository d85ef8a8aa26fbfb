import { canonicalJson, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadJson, requestFingerprint } from './request.js';

const at = '2025-03-01T02:00:00.000Z';

describe('request fingerprints for idempotency keys', () => {
  it('canonicalJson sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: null, u: undefined })).toBe(
      '{"a":null,"b":[1,{"c":3,"d":2}]}',
    );
    expect(canonicalJson('流')).toBe('"流"');
  });

  it('property: the canonical text of JSON data is the one the store wrote with its own walk before (fingerprints unchanged)', () => {
    // The store's own canonical JSON before it took core's: the fingerprints of stored idempotency
    // keys were made with it.
    const storeWalk = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(storeWalk).join(',')}]`;
      if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${storeWalk(v)}`).join(',')}}`;
      }
      return JSON.stringify(value);
    };
    let reordered = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(storeWalk(value));
        if (text !== JSON.stringify(value)) reordered++;
      }),
      { seed: 2173, numRuns: 2000 },
    );
    expect(reordered).toBeGreaterThan(100);
  });

  it('property: the fingerprint ignores key order and changes with stream, expected version or events', () => {
    const payloadArb = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 4,
    });
    fc.assert(
      fc.property(payloadArb, fc.string({ minLength: 1, maxLength: 6 }), (payload, stream) => {
        const shuffled = Object.fromEntries(Object.entries(payload).reverse());
        const fp = requestFingerprint(stream, 0, [{ type: 'a', occurredAt: at, payload }]);
        expect(fp).toMatch(/^[0-9a-f]{64}$/);
        expect(requestFingerprint(stream, 0, [{ type: 'a', occurredAt: at, payload: shuffled }])).toBe(fp);
        expect(requestFingerprint(`${stream}x`, 0, [{ type: 'a', occurredAt: at, payload }])).not.toBe(fp);
        expect(requestFingerprint(stream, undefined, [{ type: 'a', occurredAt: at, payload }])).not.toBe(fp);
        expect(requestFingerprint(stream, 0, [{ type: 'b', occurredAt: at, payload }])).not.toBe(fp);
        expect(
          requestFingerprint(stream, 0, [{ type: 'a', occurredAt: at, payload: { ...payload, extra: 1 } }]),
        ).not.toBe(fp);
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('does not let a stream id that contains separators collide with another request', () => {
    const events = [{ type: 'a', occurredAt: at, payload: {} }];
    expect(requestFingerprint('s:0', undefined, events)).not.toBe(requestFingerprint('s', 0, events));
  });

  it('payloadJson refuses a payload JSON cannot hold with invalid_input at its path', () => {
    expect(payloadJson({ fen: 1 }, ['events', 0, 'payload'])).toBe('{"fen":1}');
    const e = (() => {
      try {
        payloadJson({ fen: 1n }, ['events', 2, 'payload']);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(ZhiduError);
    expect(e).toMatchObject({ code: 'invalid_input', path: ['events', 2, 'payload'] });
  });
});
