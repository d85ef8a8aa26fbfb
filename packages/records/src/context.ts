import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  assertZone,
  DEFAULT_ZONE,
  describeValue,
  errorAt,
  expectObject,
  type Instant,
  type InstantInput,
  localDateOf,
  localTimeOf,
  nearestKey,
  toInstant,
  type Violation,
  type WorkCalendar,
  ZhiduError,
} from '@zhidu/core';
import { asRecordsPolicy, type RecordsPolicy } from './policy.js';
import type { FileType } from './schemas.js';

/** A core `Violation` (the currency @zhidu/penalty prices). */
export type { Violation };

/**
 * The time context the records checks need. An `EvalContext` from core fits; when no calendar is
 * given the PRC statutory calendar is used, because every working-day deadline in the seeds says 工作日.
 */
export type RecordsContext = {
  now: InstantInput;
  zone?: string;
  calendar?: WorkCalendar;
};

/** The resolved context used inside the checks. */
export type ResolvedContext = { now: Instant; zone: string; calendar: WorkCalendar };

/**
 * Resolves a context: the instant `now`, the zone (policy zone, else Asia/Shanghai) and the calendar
 * (PRC statutory by default).
 *
 * @param ctx - caller's context
 * @param policy - the policy whose zone applies when the context names none
 * @returns the resolved context
 * @throws ZhiduError `invalid_input` when `ctx` is not an object or its calendar not a work calendar,
 *   `invalid_zone` / `invalid_instant` for a bad `zone` / `now`, and the policy's own refusal when
 *   `policy` is not a records policy
 * @example
 * resolveContext({ now: '2024-03-04T02:00:00Z' }).zone; //=> 'Asia/Shanghai'
 */
export function resolveContext(ctx: RecordsContext, policy?: RecordsPolicy): ResolvedContext {
  expectObject(ctx, ['ctx']);
  const policyZone = policy === undefined ? undefined : asRecordsPolicy(policy).zone;
  const zone = ctx.zone === undefined ? (policyZone ?? DEFAULT_ZONE) : assertZone(ctx.zone, ['ctx', 'zone']);
  const given = ctx.calendar as { isWorkday?: unknown } | null | undefined;
  if (
    given !== undefined &&
    (given === null || typeof given !== 'object' || typeof given.isWorkday !== 'function')
  ) {
    throw new ZhiduError(
      'invalid_input',
      ['ctx', 'calendar'],
      `须为工作日历（含 isWorkday） / expected a work calendar (with isWorkday), got ${describeValue(given)}`,
    );
  }
  // chinaCalendar() with no options returns one shared instance, so no cache is needed here.
  const calendar = ctx.calendar ?? chinaCalendar();
  return { now: toInstant(ctx.now, ['ctx', 'now']), zone, calendar };
}

/** Whether `path` is a JSON path (an array of keys and integer indices), as error paths need. */
function isJsonPath(path: unknown): path is (string | number)[] {
  return (
    Array.isArray(path) &&
    path.length <= 64 &&
    path.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k)))
  );
}

/**
 * Refuses a `path` argument that is not a JSON path.
 *
 * @internal
 */
export function expectJsonPath(path: unknown, name: string): asserts path is (string | number)[] {
  if (!isJsonPath(path)) {
    throw new ZhiduError(
      'invalid_input',
      [name],
      `须为 JSON 路径（键与下标的数组） / expected a JSON path (an array of keys and indices), got ${describeValue(path)}`,
    );
  }
}

/**
 * Looks a file type up in a policy.
 *
 * @param policy - the records policy
 * @param fileTypeId - id of the file type
 * @param path - JSON path of the id in the caller's input (for the error)
 * @returns the file type
 * @throws ZhiduError `unknown_reference` when the policy has no such file type; `invalid_input` when
 *   the policy is not a records policy, the id not a string or `path` not a JSON path
 * @example
 * findFileType(dealerFilesPreset, 'newCarSalesFile', ['fileTypeId']).documents.length; //=> 12
 */
export function findFileType(policy: RecordsPolicy, fileTypeId: string, path: (string | number)[]): FileType {
  expectJsonPath(path, 'path');
  // A policy from defineRecordsPolicy or a records module is trusted as is; anything else is validated.
  const valid = asRecordsPolicy(policy);
  if (typeof fileTypeId !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须为档案类型编号 / expected a file type id, got ${describeValue(fileTypeId)}`,
    );
  }
  const found = valid.params.fileTypes.find((t) => t.id === fileTypeId);
  if (!found) {
    const known = valid.params.fileTypes.map((t) => t.id).join(', ');
    throw new ZhiduError(
      'unknown_reference',
      path,
      `制度 ${valid.id} 中没有档案类型 ${describeValue(fileTypeId)}；已有：${known} / unknown file type ${describeValue(fileTypeId)} in policy ${valid.id}; known: ${known}`,
    );
  }
  return found;
}

/**
 * Refuses a copy whose holder the file type does not name (a typo such as `custmer` counted for no one,
 * and the holder meant was reported short): `unknown_reference` at `copies[i].holder`, naming the
 * holder meant. The completeness check and its reference implementation both read copies through it.
 * @internal
 */
export function refuseUnknownHolders(copies: readonly { holder: string }[], fileType: FileType): void {
  const holders = fileType.copies.map((c) => c.holder);
  copies.forEach((copy, i) => {
    if (holders.includes(copy.holder)) return;
    const near = nearestKey(copy.holder, holders);
    throw new ZhiduError(
      'unknown_reference',
      ['copies', i, 'holder'],
      `"${copy.holder}" 不是${fileType.id}的份数持有方${near ? `；是否应为 \`${near}\`？` : ''}（现有：${holders.join('、') || '无'}） / "${copy.holder}" is not a holder of copies of ${fileType.id} (known: ${holders.join(', ') || 'none'})${near ? `; did you mean \`${near}\`?` : ''}`,
    );
  });
}

/**
 * The answerable person's fields of a violation: `personId`, plus `role` and `departmentId` only when
 * they are known (an absent key, never `undefined`, so the violation serialises cleanly).
 *
 * @param who - the person a check holds responsible
 * @returns the person fields to spread into a `Violation`
 * @example
 * answerable({ personId: 'u1', role: 'archiveAdmin' }); //=> { personId: 'u1', role: 'archiveAdmin' }
 */
export function answerable(who: {
  personId: string;
  role?: string | undefined;
  departmentId?: string | undefined;
}): Pick<Violation, 'personId' | 'role' | 'departmentId'> {
  return {
    personId: who.personId,
    ...(who.role ? { role: who.role } : {}),
    ...(who.departmentId ? { departmentId: who.departmentId } : {}),
  };
}

/**
 * Formats an instant as local wall time for trace messages: `2024-03-07 23:59`.
 *
 * @param instant - the instant
 * @param zone - the IANA zone
 * @returns `YYYY-MM-DD HH:mm` in that zone
 * @example
 * formatLocal('2024-03-07T15:59:59.999Z', 'Asia/Shanghai'); //=> '2024-03-07 23:59'
 */
export function formatLocal(instant: Instant, zone: string): string {
  return `${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}`;
}

const TRIGGER_LABELS: Record<string, string> = {
  delivery: '交车',
  sale: '销售',
  firstContact: '首次接触',
  dealClosed: '成交',
  collected: '信息收集',
};

/**
 * The Chinese name of a triggering event, for trace messages.
 *
 * @param trigger - event name, e.g. `delivery`
 * @returns `交车` for `delivery`; the name itself when unknown
 * @example
 * triggerLabel('delivery'); //=> '交车'
 */
export function triggerLabel(trigger: string): string {
  return TRIGGER_LABELS[trigger] ?? trigger;
}

/**
 * Runs `fn` and moves the path of any input error it throws under `prefix` (e.g. `['input']` inside a
 * module, `['log', 3]` for one entry of a log), so the path names the value in the caller's arguments.
 * Errors about the policy (`['policy', …]`) or the context (`['ctx', …]`) keep their path.
 *
 * @param prefix - where the checked value sits in the caller's arguments
 * @param fn - the check
 * @returns what `fn` returns
 * @throws ZhiduError the error `fn` threw, its path prefixed
 * @example
 * underPath(['input'], () => findFileType(dealerFilesPreset, 'nope', ['fileTypeId']));
 * // throws unknown_reference at input.fileTypeId
 */
export function underPath<T>(prefix: readonly (string | number)[], fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof ZhiduError) || e.path[0] === 'policy' || e.path[0] === 'ctx') throw e;
    throw errorAt(e, [...prefix, ...e.path]);
  }
}
