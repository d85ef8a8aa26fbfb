import { isZhiduError, ZhiduError } from '@zhidu/core';

// What a database failure means for the caller. A dropped connection, a server restarting or
// shutting down, or a pool that cannot connect is `unavailable` (retryable, HTTP 503); any other
// database error is a bug or a broken schema and becomes `internal_error` with its SQLSTATE, so no
// raw driver error leaves the store.

/** SQLSTATEs of a server that is going away or not there yet, or a connection that broke. */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
]);

/** Node socket error codes of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOENT', // a unix socket that is gone while the server restarts
]);

/**
 * Messages of node-postgres for a connection that ended or a pool that gave up waiting, and of a
 * pool or PGlite database already closed (`Cannot use a pool after calling end`, `PGlite is closed`).
 */
const UNAVAILABLE_MESSAGES =
  /Cannot use a pool after calling end|PGlite is closed|Connection terminated|connection error and is not queryable|Client was closed|timeout exceeded when trying to connect|Connection ended|server closed the connection|the database system is (starting up|shutting down|in recovery mode)|not queryable/i;

function fieldOf(e: unknown, key: string): unknown {
  try {
    return e !== null && typeof e === 'object' ? (e as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `e` says the database could not be reached or the connection broke. */
export function isUnavailable(e: unknown): boolean {
  const code = fieldOf(e, 'code');
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code))
  )
    return true;
  const message = fieldOf(e, 'message');
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  // AggregateError from a connect() that tried several addresses (IPv4 and IPv6 localhost).
  const errors = fieldOf(e, 'errors');
  return Array.isArray(errors) && errors.length > 0 && errors.every(isUnavailable);
}

/** Whether `e` came from the database (a SQLSTATE) rather than from the caller's own code. */
function isDatabaseError(e: unknown): boolean {
  const code = fieldOf(e, 'code');
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && fieldOf(e, 'severity') !== undefined;
}

/**
 * The `ZhiduError` a failed store call reports: `unavailable` (with `details.retryable: true`) when
 * the database could not be reached or the connection broke — the call's transaction was not
 * committed, or its commit was not confirmed: retry with the same idempotency key —,
 * `internal_error` with the SQLSTATE for any other database error. A `ZhiduError`, or an error
 * thrown by the caller's own `project` callback, passes through unchanged.
 *
 * @param e - what the driver threw
 * @param operation - what was being done, e.g. `append to customer:c-1`
 * @returns the error to throw
 * @example
 * storeError(Object.assign(new Error('Connection terminated unexpectedly'), {}), 'append').code; //=> 'unavailable'
 */
export function storeError(e: unknown, operation: string): unknown {
  if (isZhiduError(e)) return e;
  const message = String(fieldOf(e, 'message') ?? e);
  const code = fieldOf(e, 'code');
  if (isUnavailable(e)) {
    return new ZhiduError(
      'unavailable',
      [],
      `数据库暂时不可用（${message}）：${operation} 未完成或未获确认；稍候以相同的幂等键重试，已写入的不会重复 / the database is temporarily unavailable (${message}): ${operation} did not complete or its commit was not confirmed; retry after a pause with the same idempotency key — what was written is never written twice`,
      { retryable: true, cause: message, ...(typeof code === 'string' ? { sqlstate: code } : {}) },
    );
  }
  if (isDatabaseError(e)) {
    return new ZhiduError(
      'internal_error',
      [],
      `数据库拒绝了请求（SQLSTATE ${String(code)}：${message}） / the database refused the request (SQLSTATE ${String(code)}: ${message}) during ${operation}`,
      { retryable: false, sqlstate: code, cause: message },
    );
  }
  return e;
}
