/**
 * The fast input path of the `attribution.ownership-batch` module (issue 21): reads a well-formed
 * `{ departmentId?, staff, events }` log in one pass — each registration, follow-up, visit, lookup
 * and deal checked by hand (keys, types, enums, non-empty names, known salespeople), its instant made
 * canonical as `EventInstantSchema` makes it, the time order within each customer (and each departing
 * salesperson), a deal after the customer's first contact — and builds the parsed events the rule
 * code reads, each one as the general path (`parseInput` on `SalesLogSchema`, core's order check,
 * `validateLog`, `inTimeOrder`) would build it: the schema's keys in the schema's order, defaults
 * filled, lists copied. Events of the other kinds (and the roster) are parsed by their own zod
 * schema, which gives the very value the whole log's parse gives them.
 *
 * It never refuses: on anything it does not accept (a wrong type, a missing or unknown key, a bad
 * instant, an event out of order, an unknown salesperson, an inherited or symbol key, a class
 * instance, an `undefined` value…) it answers `undefined`, and the general path then parses the log
 * and builds the refusal (code, path and bilingual message) exactly as before.
 */
import { recordShaped, toInstant } from '@zhidu/core';
import { z } from 'zod';
import {
  type CustomerEvent,
  type SalesEvent,
  SalesEventSchema,
  type SalesHistory,
  StaffMemberSchema,
} from './events.js';
import { canonicalMs } from './kernel.js';
import { validateLog } from './validate-log.js';

/**
 * A log read by {@link readSalesLogFast}: the parsed input and its events in time order, or — for a
 * log in time order of the kinds read by hand, when asked for — its events grouped by customer,
 * checked but not yet built (each customer's are built by {@link parseGroup} when it is resolved, so
 * they die with its resolution instead of living through the whole batch).
 */
export type FastLog =
  | {
      readonly grouped: false;
      /** the parsed input, as `SalesLogSchema` parses it (events in the order given) */
      readonly log: Omit<SalesHistory, 'customerId'>;
      /** the same events in time order across customers (stable: same-instant events keep their order) */
      readonly ordered: SalesEvent[];
    }
  | {
      readonly grouped: true;
      readonly departmentId: string;
      /** the roster, as the log's parse gives it */
      readonly staff: Omit<SalesHistory, 'customerId'>['staff'];
      /** the roster's ids */
      readonly ids: Set<string>;
      /** each customer's events as given (in time order), customers in order of their first event */
      readonly groups: Map<string, Record<string, unknown>[]>;
    };

/**
 * Reads a sales log in one pass, or steps aside.
 *
 * @param input - the module's raw input
 * @param grouped - group a log in time order by customer instead of building every event at once
 * @returns the read log, or `undefined` to let the general path run
 * @example
 * const read = readSalesLogFast({ staff: [{ id: 'B' }], events: [
 *   { type: 'registration', at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B', channel: 'walkIn' },
 * ] });
 * read?.grouped === false && read.ordered[0];
 * //=> { type: 'registration', at: '2024-03-01T02:05:00.000Z', customerId: 'c1', salespersonId: 'B', channel: 'walkIn', fields: {}, eveningRecord: true }
 * readSalesLogFast({ staff: [{ id: 'B' }], events: [{ type: 'visit', at: 'yesterday' }] }); //=> undefined
 */
export function readSalesLogFast(input: unknown, grouped = false): FastLog | undefined {
  try {
    return readLog(input, grouped);
  } catch {
    // A throwing getter or proxy, a bad instant, a refusal of the log checks: the general path decides.
    return undefined;
  }
}

const OBJECT_PROTO = Object.prototype;

/** A plain object (prototype `Object.prototype` or null), not an array. */
function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === OBJECT_PROTO || proto === null;
}

/** A non-empty string (zod's `.min(1)`: one code unit is at least one code point). */
function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

const CHANNELS = new Set(['phoneCall', 'walkIn', 'online', 'referral', 'event', 'selfDeveloped']);
const METHODS = new Set(['phoneCall', 'visit', 'message', 'homeVisit']);
const VISITED = new Set(['no', 'yes', 'forgot']);
const CONTEXTS = new Set(['normal', 'propertyExpo', 'launch', 'otherEvent']);
const FOLLOW_UP_BY = new Set(['receiver', 'previous']);
const STAGES = new Set(['smallDeposit', 'bigDeposit', 'contract']);

const StaffListSchema = z.array(StaffMemberSchema).min(1);

/** Each kind's own keys (beside type, at, customerId, attrs), in slots a, b, c … of `readEvent`. */
const SLOTS: Record<string, Map<string, number>> = {
  registration: slots('salespersonId', 'channel', 'fields', 'eveningRecord', 'renewal'),
  followUp: slots('salespersonId', 'reached', 'method'),
  visit: slots(
    'onTurnId',
    'designatedOnEntry',
    'intake',
    'presentIds',
    'context',
    'discountApproachTo',
    'neglectedBy',
  ),
  lookup: slots('foundSalespersonId', 'followUpBy'),
  deal: slots('stage', 'closerId', 'unitId'),
};

function slots(...keys: string[]): Map<string, number> {
  return new Map(keys.map((k, i) => [k, i]));
}

/** Each kind's own keys by slot (a key `for…in` did not show is read by name: it must be absent). */
const SLOT_KEYS: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(SLOTS).map(([type, m]) => [type, [...m.keys()]]),
);

/** Thrown inside the reader to step aside (caught by {@link readSalesLogFast}). */
const ASIDE = new Error('aside');

function aside(): never {
  throw ASIDE;
}

/** The event's instant as `EventInstantSchema` gives it, and its epoch ms. */
let instantMs = 0;
function instantOf(at: unknown): string {
  if (typeof at === 'string') {
    const ms = canonicalMs(at);
    if (!Number.isNaN(ms)) {
      instantMs = ms;
      return at;
    }
  } else if (typeof at !== 'number') aside();
  // What core's InstantSchema returns (it runs `toInstant`); a bad instant throws: stepped aside.
  const instant = toInstant(at as string | number);
  const ms = canonicalMs(instant);
  if (Number.isNaN(ms)) aside();
  instantMs = ms;
  return instant;
}

/** What a check (no `build`) gives instead of a value it does not build. */
const CHECKED: never = Object.freeze({}) as never;

/** A record of strings, finite numbers and booleans (`fields`, `attrs`), copied (checked only without `build`). */
function readRecord(v: unknown, build: boolean): Record<string, string | number | boolean> {
  // A record to zod (core's recordShaped: no `constructor` but Object's). Symbol keys are not data:
  // core's recordOf leaves them out, and so does this copy (for…in does not see them).
  if (!recordShaped(v)) aside();
  const out: Record<string, string | number | boolean> = build ? {} : CHECKED;
  for (const k in v) {
    // Own keys only (an inherited enumerable key: the general path reads it).
    if (!Object.hasOwn(v, k) || k === '__proto__' || k === 'constructor') aside();
    const x = v[k];
    if (typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))) {
      if (build) out[k] = x;
    } else aside();
  }
  return out;
}

/** A list of known salespeople (non-empty names on the roster), copied (checked only without `build`). */
function readIds(v: unknown, staff: Set<string>, build: boolean): string[] {
  if (!Array.isArray(v)) aside();
  const n = v.length;
  const out: string[] = build ? new Array(n) : CHECKED;
  for (let i = 0; i < n; i++) {
    const s = v[i];
    if (!isName(s) || !staff.has(s)) aside();
    if (build) out[i] = s;
  }
  return out;
}

/** A known salesperson. */
function known(v: unknown, staff: Set<string>): string {
  if (!isName(v) || !staff.has(v)) aside();
  return v;
}

/** The visit's intake: `{ visitedBefore, named?, refusesPrevious?, complaintAgainstPrevious? }`, strict. */
function readIntake(v: unknown, staff: Set<string>, build: boolean): Record<string, unknown> {
  if (!isPlain(v)) aside();
  let visitedBefore: unknown;
  let named: unknown;
  let refuses: unknown = false;
  let complaint: unknown = false;
  let hasNamed = false;
  let shown = 0; // the keys for…in showed (bits: named 1, refusesPrevious 2, complaintAgainstPrevious 4)
  for (const k in v) {
    if (!Object.hasOwn(v, k)) aside();
    const x = v[k];
    if (x === undefined) aside();
    switch (k) {
      case 'visitedBefore':
        visitedBefore = x;
        break;
      case 'named':
        named = x;
        hasNamed = true;
        shown |= 1;
        break;
      case 'refusesPrevious':
        refuses = x;
        shown |= 2;
        break;
      case 'complaintAgainstPrevious':
        complaint = x;
        shown |= 4;
        break;
      default:
        aside();
    }
  }
  // An optional key for…in did not show (hidden or inherited) is read by zod by name: it must be absent.
  if (
    ((shown & 1) === 0 && v.named !== undefined) ||
    ((shown & 2) === 0 && v.refusesPrevious !== undefined) ||
    ((shown & 4) === 0 && v.complaintAgainstPrevious !== undefined)
  )
    aside();
  if (typeof visitedBefore !== 'string' || !VISITED.has(visitedBefore)) aside();
  if (typeof refuses !== 'boolean' || typeof complaint !== 'boolean') aside();
  if (!build) {
    if (hasNamed) readIds(named, staff, false);
    return CHECKED;
  }
  return {
    visitedBefore,
    named: hasNamed ? readIds(named, staff, true) : [],
    refusesPrevious: refuses,
    complaintAgainstPrevious: complaint,
  };
}

/**
 * One event of a kind read by hand (registration, follow-up, visit, lookup, deal), parsed (only
 * checked without `build`); `null` for an event of another kind (parsed by its schema). Sets
 * `instantMs` to the event's epoch milliseconds.
 */
function readEvent(e: Record<string, unknown>, staff: Set<string>, build: boolean): CustomerEvent | null {
  const type = e.type;
  if (
    type !== 'visit' &&
    type !== 'registration' &&
    type !== 'followUp' &&
    type !== 'deal' &&
    type !== 'lookup'
  )
    return null;
  // The keys every kind has, and each kind's own (read below by kind).
  let at: unknown;
  let customerId: unknown;
  let attrs: unknown;
  let hasAttrs = false;
  let a: unknown; // salespersonId, onTurnId, foundSalespersonId, stage
  let b: unknown; // channel, reached, designatedOnEntry, followUpBy, closerId
  let c: unknown; // fields, method, intake, unitId
  let d: unknown; // eveningRecord, presentIds
  let f: unknown; // renewal, context
  let g: unknown; // discountApproachTo
  let h: unknown; // neglectedBy
  let has = 0; // bit i: slot i given (a 1, b 2, c 4, d 8, f 16, g 32, h 64)
  for (const k in e) {
    if (!Object.hasOwn(e, k)) aside();
    const v = e[k];
    // An optional key given as `undefined`: the general path reads it.
    if (v === undefined) aside();
    if (k === 'type') continue;
    if (k === 'at') {
      at = v;
      continue;
    }
    if (k === 'customerId') {
      customerId = v;
      continue;
    }
    if (k === 'attrs') {
      attrs = v;
      hasAttrs = true;
      continue;
    }
    // The kind's own key: its slot (a, b, c …), or none (an unknown key: refused by the general path).
    const slot = (SLOTS[type] as Map<string, number>).get(k);
    if (slot === undefined) aside();
    has |= 1 << slot;
    if (slot === 0) a = v;
    else if (slot === 1) b = v;
    else if (slot === 2) c = v;
    else if (slot === 3) d = v;
    else if (slot === 4) f = v;
    else if (slot === 5) g = v;
    else h = v;
  }
  // zod reads each key of the schema by name: one `for…in` did not show (a hidden or inherited one)
  // must hold nothing, or the general path reads it.
  if (!hasAttrs && e.attrs !== undefined) aside();
  const own = SLOT_KEYS[type] as readonly string[];
  for (let i = 0; i < own.length; i++) {
    if ((has & (1 << i)) === 0 && e[own[i] as string] !== undefined) aside();
  }
  const instant = instantOf(at);
  if (!isName(customerId)) aside();
  const attrsOut = hasAttrs ? readRecord(attrs, build) : undefined;
  // The parsed event: the schema's keys in the schema's order (written to a scratch object when
  // only checked: the values are checked either way).
  const out: Record<string, unknown> = build ? { type, at: instant, customerId } : SCRATCH;
  if (hasAttrs) out.attrs = attrsOut;
  switch (type) {
    case 'registration': {
      if ((has & 3) !== 3) aside();
      out.salespersonId = known(a, staff);
      if (typeof b !== 'string' || !CHANNELS.has(b)) aside();
      out.channel = b;
      out.fields = has & 4 ? readRecord(c, build) : build ? {} : CHECKED;
      if (has & 8 && typeof d !== 'boolean') aside();
      out.eveningRecord = has & 8 ? d : true;
      if (has & 16) {
        if (!isPlain(f)) aside();
        let keys = 0;
        for (const k in f) {
          if (k !== 'managerApproved' || !Object.hasOwn(f, k)) aside();
          keys++;
        }
        const approved = f.managerApproved;
        if (keys !== 1 || typeof approved !== 'boolean') aside();
        out.renewal = build ? { managerApproved: approved } : CHECKED;
      }
      break;
    }
    case 'followUp': {
      if ((has & 3) !== 3) aside();
      out.salespersonId = known(a, staff);
      if (typeof b !== 'boolean') aside();
      out.reached = b;
      if (has & 4 && (typeof c !== 'string' || !METHODS.has(c))) aside();
      out.method = has & 4 ? c : 'phoneCall';
      break;
    }
    case 'visit': {
      if ((has & 13) !== 13) aside();
      out.onTurnId = known(a, staff);
      if (has & 2) out.designatedOnEntry = known(b, staff);
      out.intake = readIntake(c, staff, build);
      out.presentIds = readIds(d, staff, build);
      if (has & 16 && (typeof f !== 'string' || !CONTEXTS.has(f))) aside();
      out.context = has & 16 ? f : 'normal';
      if (has & 32) out.discountApproachTo = known(g, staff);
      out.neglectedBy = has & 64 ? readIds(h, staff, build) : build ? [] : CHECKED;
      break;
    }
    case 'lookup': {
      if ((has & 1) !== 1) aside();
      out.foundSalespersonId = a === null ? null : known(a, staff);
      if (has & 2 && (typeof b !== 'string' || !FOLLOW_UP_BY.has(b))) aside();
      out.followUpBy = has & 2 ? b : 'receiver';
      break;
    }
    default: {
      if ((has & 3) !== 3) aside();
      if (typeof a !== 'string' || !STAGES.has(a)) aside();
      out.stage = a;
      out.closerId = known(b, staff);
      if (has & 4) {
        if (!isName(c)) aside();
        out.unitId = c;
      }
    }
  }
  return build ? (out as unknown as CustomerEvent) : CHECKED;
}

/** Where a check writes the values it does not keep (one object for the whole log, never read). */
const SCRATCH: Record<string, unknown> = {};

function readLog(input: unknown, grouped: boolean): FastLog | undefined {
  if (!isPlain(input)) return undefined;
  // `{ departmentId?, staff, events }` and nothing else (strict: own enumerable keys, none inherited).
  let departmentId: unknown = 'salesDepartment';
  let staffIn: unknown;
  let eventsIn: unknown;
  for (const k in input) {
    if (!Object.hasOwn(input, k)) return undefined;
    const v = input[k];
    if (v === undefined) return undefined;
    if (k === 'departmentId') departmentId = v;
    else if (k === 'staff') staffIn = v;
    else if (k === 'events') eventsIn = v;
    else return undefined;
  }
  if (!isName(departmentId) || staffIn === undefined || !Array.isArray(eventsIn)) return undefined;
  // The roster is short: its own schema parses it (the value the log's parse gives it).
  const roster = StaffListSchema.safeParse(staffIn);
  if (!roster.success) return undefined;
  const staff = roster.data;
  const ids = new Set<string>();
  for (let i = 0; i < staff.length; i++) {
    const id = (staff[i] as (typeof staff)[number]).id;
    if (ids.has(id)) return undefined; // a duplicate: refused by the log checks
    ids.add(id);
  }
  if (grouped) {
    const groups = groupLog(eventsIn, ids);
    if (groups === null) return undefined;
    if (groups !== undefined) return { grouped: true, departmentId, staff, ids, groups };
  }
  return readAll(departmentId, staff, ids, eventsIn);
}

/**
 * Checks every event of a log of the kinds read by hand, in time order, and groups the events by
 * customer without building them: `null` for a log the general path refuses, `undefined` for a log
 * read whole instead (an event of another kind, a log out of time order across customers).
 */
function groupLog(
  events: unknown[],
  ids: Set<string>,
): Map<string, Record<string, unknown>[]> | null | undefined {
  // Per customer: its events (the input's own objects). A log in time order is in time order within
  // each customer too (core's order rule).
  const groups = new Map<string, Record<string, unknown>[]>();
  let tailMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!isPlain(e)) return null;
    if (readEvent(e, ids, false) === null) return undefined; // another kind: read whole
    const ms = instantMs;
    if (ms < tailMs) return undefined; // out of time order across customers: read whole
    tailMs = ms;
    const id = e.customerId as string;
    const list = groups.get(id);
    if (list === undefined) {
      // The customer's first event: a deal before any contact is refused.
      if (e.type === 'deal') return null;
      groups.set(id, [e]);
    } else {
      // In time order across customers, so within each too; a deal needs an earlier contact.
      if (e.type === 'deal' && !list.some(isContact)) return null;
      list.push(e);
    }
  }
  return groups;
}

/** A registration, follow-up or visit (a contact a deal must come after). */
function isContact(e: Record<string, unknown>): boolean {
  return e.type === 'registration' || e.type === 'followUp' || e.type === 'visit';
}

/**
 * A customer's events of a grouped log, parsed as the log's parse gives them (they were checked
 * when grouped). What the grouping checked on its read is checked again on this one (a getter may
 * answer otherwise): every event is the customer's, in time order, and a deal comes after a contact;
 * anything else steps aside (the general path then reads the log).
 *
 * @param events - the customer's events as given
 * @param ids - the roster's ids
 * @param customerId - the customer the events were grouped under (when given)
 * @returns the parsed events, in the same order
 */
export function parseGroup(
  events: readonly Record<string, unknown>[],
  ids: Set<string>,
  customerId?: string,
): CustomerEvent[] {
  const out: CustomerEvent[] = new Array(events.length);
  let lastMs = Number.NEGATIVE_INFINITY;
  let contacted = false;
  for (let i = 0; i < events.length; i++) {
    const parsed = readEvent(events[i] as Record<string, unknown>, ids, true);
    // Checked when grouped: only a value that changed since (a getter) can fail here.
    if (parsed === null) aside();
    if (instantMs < lastMs) aside();
    lastMs = instantMs;
    if (customerId !== undefined && parsed.customerId !== customerId) aside();
    if (parsed.type === 'deal') {
      if (!contacted) aside();
    } else if (parsed.type === 'registration' || parsed.type === 'followUp' || parsed.type === 'visit')
      contacted = true;
    out[i] = parsed;
  }
  return out;
}

/** The whole log read and built in one pass, then put in time order. */
function readAll(
  departmentId: string,
  staff: Omit<SalesHistory, 'customerId'>['staff'],
  ids: Set<string>,
  eventsIn: unknown[],
): FastLog | undefined {
  const n = eventsIn.length;
  const events: SalesEvent[] = new Array(n);
  const times = new Float64Array(n);
  // The last instant per customer and per departing salesperson (core's order rule), the customers
  // contacted so far (a deal before any contact is refused), and whether the log is in time order.
  const lastOfCustomer = new Map<string, number>();
  const lastOfSalesperson = new Map<string, number>();
  const contacted = new Set<string>();
  let sorted = true;
  let other = false;
  for (let i = 0; i < n; i++) {
    const e = eventsIn[i];
    if (!isPlain(e)) return undefined;
    let parsed: SalesEvent | null = readEvent(e, ids, true);
    if (parsed === null) {
      // Another kind: its own schema (one element of the log's parse), and the log checks run below.
      const r = SalesEventSchema.safeParse(e);
      if (!r.success) return undefined;
      parsed = r.data;
      other = true;
      instantMs = canonicalMs(parsed.at);
      if (Number.isNaN(instantMs)) return undefined;
    }
    const ms = instantMs;
    if (parsed.type === 'departure') {
      const prev = lastOfSalesperson.get(parsed.salespersonId);
      if (prev !== undefined && ms < prev) return undefined;
      lastOfSalesperson.set(parsed.salespersonId, ms);
    } else {
      const id = parsed.customerId;
      const prev = lastOfCustomer.get(id);
      if (prev !== undefined && ms < prev) return undefined;
      lastOfCustomer.set(id, ms);
      const type = parsed.type;
      if (type === 'registration' || type === 'followUp' || type === 'visit') contacted.add(id);
      else if (type === 'deal' && !contacted.has(id)) return undefined;
    }
    events[i] = parsed;
    times[i] = ms;
    if (i > 0 && ms < (times[i - 1] as number)) sorted = false;
  }
  const log = { departmentId, staff, events };
  // Events of other kinds name salespeople too: the log checks read the whole log (and refuse: aside).
  if (other) validateLog({ ...log, customerId: '*' }, ['input'], false);
  let ordered: SalesEvent[];
  if (sorted) ordered = events;
  else {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((x, y) => (times[x] as number) - (times[y] as number) || x - y);
    ordered = order.map((i) => events[i] as SalesEvent);
  }
  return { grouped: false, log, ordered };
}
