import { createHash } from 'node:crypto';
import { canonicalJson, ZhiduError } from '@zhidu/core';

/** An event as the store writes it: canonical UTC instant and the payload's JSON text. */
export interface EventRecord {
  type: string;
  occurredAt: string;
  payload: unknown;
}

/**
 * The JSON text a payload is stored as. Refuses, as `invalid_input` at `path`, a payload that JSON
 * cannot hold (a BigInt, a cycle) instead of letting a `TypeError` escape.
 */
export function payloadJson(payload: unknown, path: readonly (string | number)[]): string {
  try {
    return JSON.stringify(payload ?? {});
  } catch (e) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `事件载荷无法表示为 JSON（${(e as Error).message}） / the event payload cannot be stored as JSON (${(e as Error).message})`,
    );
  }
}

/** Canonical text of a list of events: type, UTC instant and payload with sorted keys (core's `canonicalJson`). */
export function canonicalEvents(events: readonly EventRecord[]): string {
  return canonicalJson(events.map((e) => ({ type: e.type, occurredAt: e.occurredAt, payload: e.payload })));
}

/**
 * The fingerprint stored with an idempotency key: SHA-256 (hex) of the canonical request — stream id,
 * expected version (`null` when omitted) and the events as they will be stored. Two calls with the
 * same key are the same request exactly when their fingerprints are equal.
 *
 * @example
 * requestFingerprint('customer:c-1', 0, [{ type: 'registered', occurredAt: '2025-03-01T02:00:00.000Z', payload: {} }]);
 * //=> 64 hex digits
 */
export function requestFingerprint(
  streamId: string,
  expectedVersion: number | undefined,
  events: readonly EventRecord[],
): string {
  const text = `zhidu-append-v1:${canonicalJson(streamId)}:${expectedVersion ?? 'null'}:${canonicalEvents(events)}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
