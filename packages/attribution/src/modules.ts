/**
 * The attribution package as modules of the core contract (`defineModule`): one strict policy
 * schema, one strict input schema, `evaluate(input, policy, ctx)` → `{ result, violations }` with a
 * trace and its provenance, presets by kebab-case name. Each module calls the package's existing
 * rule code, so its result is what the 0.x entry point computes.
 */
import {
  type Decision,
  defineModule,
  errorAt,
  freshRng,
  isZhiduError,
  type ModuleResult,
  setOwn,
  type WorkCalendar,
} from '@zhidu/core';
import { z } from 'zod';
import { contactCoverageOf } from './accounts.js';
import {
  allocateOutreachFiles,
  auditParsedSharedBox,
  ClaimSchema,
  ConferenceParamsSchema,
  claimsRulingParsed,
  DivisionSchema,
  duplicatesParsed,
  JointEventSchema,
  reassignmentOf,
  refuseRepeatedDivisions,
  ServiceAdequacyInputSchema,
  SubmissionSchema,
  serviceInadequacyOf,
} from './conference.js';
import {
  AttrsSchema,
  RegistrationEventSchema,
  type SalesEvent,
  SalesHistorySchema,
  SalesLogSchema,
} from './events.js';
import { parseGroup, readSalesLogFast } from './fast-log.js';
import { JointEventCaseSchema, judgeJointEvent } from './joint-event.js';
import {
  canonicalMs,
  InstantSchema,
  localDateOf,
  Trace,
  type TraceEntry,
  type Violation,
  ZhiduError,
} from './kernel.js';
import { refusalsAtEvents, withPeriodBasis } from './lifecycle.js';
import type { Ownership } from './ownership.js';
import { SalesOfficeParamsSchema } from './policy.js';
import { attributionPresetJson } from './presets.js';
import { registrationCheck } from './protection.js';
import { VenuePolicySchema, venueAllowedParsed } from './reception.js';
import {
  checkResolveOptions,
  engineSwitches,
  type ResolveOptions,
  resolveGroupedLog,
  resolveParsedHistory,
  resolveParsedLog,
  resolveReadLog,
} from './resolve.js';
import {
  type Assignment,
  createRotationParsed,
  DeskStatusSchema,
  ReceptionKindSchema,
  type RotationOptions,
  RotationParamsSchema,
  RotationStateSchema,
  restoreRotationParsed,
} from './rotation.js';

const P = attributionPresetJson;
/** The sales-office presets (the files `presets/sales-office-001.json`, `presets/dealer-registration-000b.json`). */
const salesOfficePresets = {
  'sales-office-001': P['sales-office-001'],
  'dealer-registration-000b': P['dealer-registration-000b'],
  // Fictitious offices written with the office vocabulary (docs/attribution.md, "Writing your office's rules").
  'example-lanting-realty': P['example-lanting-realty'],
  'example-haiancheng-marketing-center': P['example-haiancheng-marketing-center'],
  'example-beichen-property': P['example-beichen-property'],
};

/** Seed 001 篇1 conference marketing (the file `presets/conference-marketing-001.json`). */
const conferencePresets = { 'conference-marketing-001': P['conference-marketing-001'] };

const subjectOfSalesEvent = (e: unknown): string => {
  const ev = e as SalesEvent;
  return ev.type === 'departure' ? `salesperson:${ev.salespersonId}` : `customer:${ev.customerId}`;
};

/**
 * Policy history: a customer's claim is judged under the version in force at its first registration
 * (a customer registered before a 60 → 90 day change keeps 60 days); a customer never registered in
 * the log, at its first event. The index of that event in `events`, or `undefined` when there is none.
 */
function claimAnchor(events: readonly SalesEvent[], customerId?: string): number | undefined {
  let first: number | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as SalesEvent;
    if (e.type === 'departure' || (customerId !== undefined && e.customerId !== customerId)) continue;
    if (e.type === 'registration') return i;
    first ??= i;
  }
  return first;
}

/** `attribution.ownership`: one decision, judged at the customer's first registration. */
const ownershipHistory = {
  kind: 'judgedAt' as const,
  at: (input: { events: readonly SalesEvent[] }) => {
    const i = claimAnchor(input.events);
    const e = i === undefined ? undefined : input.events[i];
    return e === undefined || i === undefined ? undefined : { at: e.at, path: ['events', i, 'at'] };
  },
};

/**
 * `attribution.ownership` — who owns a customer at `ctx.now`, each visit classified, each deal's
 * performance and bonus split (seed 001 篇2 Procedure II; seed 000-b with its preset). The result is
 * the `Ownership` that `resolveOwnership` computes; its violations are also the module's `violations`.
 * Events must be in time order within each customer (and each departing salesperson); customers may
 * interleave.
 *
 * @example
 * const d = attributionOwnership.evaluate(
 *   { customerId: 'c1', staff: [{ id: 'B' }], events: [
 *     { type: 'registration', at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B', channel: 'walkIn', fields: { name: '王', phone: '13800000000' } },
 *   ] },
 *   attributionOwnership.preset('sales-office-001'),
 *   { now: '2024-03-10T00:00+08:00' },
 * );
 * d.value.result.owner; //=> 'B'
 */
export const attributionOwnership = ownershipModule({});

/**
 * `attribution.ownership` run with a company's own rules (functions, so not part of the JSON policy):
 * the same module id, schemas and presets, its evaluation placing `stepRules` beside single catalog
 * steps and `customRules` around the whole procedure exactly as `resolveOwnership` does. The rules are
 * checked when the module is built.
 *
 * @param options - the company's rules
 * @returns the module
 * @throws ZhiduError `unknown_reference` (naming the nearest step id), `invalid_input`, `duplicate`
 * @example
 * // ACME: a registration by a salesperson on probation (B) counts for the mentor (C).
 * const probation: CustomRule = {
 *   after: 'S001-ATTR-11',
 *   step: {
 *     id: 'acme.probation',
 *     clause: 'ACME 试用期销售员办法 §2',
 *     run: (state) =>
 *       state.phase === 'owner' && state.prior.id === 'B' ? { ...state, prior: { ...state.prior, id: 'C' } } : state,
 *   },
 * };
 * const history = {
 *   customerId: 'c1',
 *   staff: [{ id: 'B' }, { id: 'C' }],
 *   events: [{ type: 'registration', at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B',
 *     channel: 'walkIn', fields: { name: '王先生', phone: '13800000000' } }],
 * };
 * const acme = attributionOwnershipWith({ stepRules: [probation] });
 * acme.evaluate(history, acme.preset('sales-office-001'), { now: '2024-03-10T00:00+08:00' }).value.result.owner; //=> 'C'
 * acme.id; //=> 'attribution.ownership'
 * attributionOwnershipWith({ stepRules: [{ ...probation, after: 'S001-ATR-11' }] }); // throws ZhiduError unknown_reference
 */
export function attributionOwnershipWith(options: ResolveOptions) {
  checkResolveOptions(options, false);
  return ownershipModule(options);
}

function ownershipModule(options: ResolveOptions) {
  return defineModule({
    id: 'attribution.ownership',
    title: { zh: '客户归属与业绩分配（售楼处）', en: 'Customer ownership and deal splits (sales office)' },
    params: SalesOfficeParamsSchema,
    input: SalesHistorySchema,
    presets: salesOfficePresets,
    history: ownershipHistory,
    order: {
      path: ['events'],
      events: (input) => input.events,
      subject: subjectOfSalesEvent,
      at: (e) => (e as SalesEvent).at,
    },
    evaluate: (input, policy, ctx) => {
      // Periods counted on working days beyond the calendar's data are named first (provenance).
      // A missing attrs fact is cited at its event: events[i].attrs.fact.
      const { value: d, basis } = withPeriodBasis(ctx.calendar, () =>
        refusalsAtEvents(input.events, ['events'], () => resolveParsedHistory(input, policy, ctx, options)),
      );
      return new Trace()
        .append(basis)
        .append(d.trace)
        .decide({ result: d.value, violations: d.value.violations });
    },
  });
}

/**
 * `attribution.ownership-batch` — every customer of an event log in one pass (a nightly batch),
 * each resolved exactly as `attribution.ownership` would. Each trace entry names its customer in
 * `data.customerId`; `violations` are all customers' violations, in customer order.
 *
 * @example
 * const staff = [{ id: 'A' }, { id: 'B' }];
 * const events = [
 *   { type: 'registration', at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B', channel: 'walkIn',
 *     fields: { name: '王先生', phone: '13800000000' } },
 *   { type: 'registration', at: '2024-03-02T15:00+08:00', customerId: 'c2', salespersonId: 'A', channel: 'walkIn',
 *     fields: { name: '李女士', phone: '13900000000' } },
 * ];
 * const d = attributionOwnershipBatch.evaluate({ staff, events }, attributionOwnershipBatch.preset('sales-office-001'),
 *   { now: '2024-03-10T00:00+08:00' });
 * d.value.result.customers.c1?.owner; //=> 'B'
 * d.value.result.customers.c2?.owner; //=> 'A'
 */
export const attributionOwnershipBatch = ownershipBatchModule({});

/**
 * `attribution.ownership-batch` run with a company's own rules: the same module, every customer
 * resolved with the `stepRules` (and `customRules` coming `after` the whole procedure) as
 * `resolveAllOwnership` does. The rules are checked when the module is built.
 *
 * @param options - the company's rules
 * @returns the module
 * @throws ZhiduError as {@link attributionOwnershipWith}; `invalid_input` for a whole-procedure rule
 *   that is not `after` it
 * @example
 * // ACME: a registration by a salesperson on probation (B) counts for the mentor (A).
 * const probation: CustomRule = {
 *   after: 'S001-ATTR-11',
 *   step: {
 *     id: 'acme.probation',
 *     clause: 'ACME 试用期销售员办法 §2',
 *     run: (state) =>
 *       state.phase === 'owner' && state.prior.id === 'B' ? { ...state, prior: { ...state.prior, id: 'A' } } : state,
 *   },
 * };
 * const staff = [{ id: 'A' }, { id: 'B' }];
 * const events = [
 *   { type: 'registration', at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B', channel: 'walkIn',
 *     fields: { name: '王先生', phone: '13800000000' } },
 *   { type: 'registration', at: '2024-03-02T15:00+08:00', customerId: 'c2', salespersonId: 'A', channel: 'walkIn',
 *     fields: { name: '李女士', phone: '13900000000' } },
 * ];
 * const acme = attributionOwnershipBatchWith({ stepRules: [probation] });
 * const d = acme.evaluate({ staff, events }, acme.preset('sales-office-001'), { now: '2024-03-10T00:00+08:00' });
 * d.value.result.customers.c1?.owner; //=> 'A'
 * d.value.result.customers.c2?.owner; //=> 'A'
 * // a rule around the whole procedure can only come after it in a batch
 * attributionOwnershipBatchWith({ customRules: [{ before: OWNERSHIP_RULE_ID, step: { id: 'acme.x', run: (s) => s } }] }); // throws ZhiduError invalid_input
 */
export function attributionOwnershipBatchWith(options: ResolveOptions) {
  checkResolveOptions(options, true);
  return ownershipBatchModule(options);
}

/**
 * A batch trace entry: the customer's entry with `customerId` added to its data (a copy; the
 * entry itself is left as it is). An entry the catalog steps wrote (rule, message, clause?, data?)
 * is copied key by key; any other (a company's own rule's) is spread, as before.
 */
function tagEntry(t: TraceEntry, customerId: string, plain: boolean): TraceEntry {
  if (!plain) return { ...t, data: { ...t.data, customerId } };
  const out: TraceEntry = { rule: t.rule, message: t.message };
  if ('clause' in t) out.clause = t.clause;
  out.data = t.data === undefined ? { customerId } : { ...t.data, customerId };
  return out;
}

/**
 * The texts of a batch's trace, each written once: a catalog entry's message (`{ zh, en }`) that an
 * earlier customer's entry already carries is that entry's frozen message object, so a batch of 10^5
 * customers holds each common sentence once instead of once per customer (the steps still build it;
 * the copy dies young). Bounded: past {@link TEXTS_LIMIT} distinct texts it starts again.
 */
class BatchTexts {
  private readonly byEn = new Map<string, TraceEntry['message']>();

  /** The shared frozen message equal to `m` (same zh and en), or `m` itself when the English is taken. */
  of(m: TraceEntry['message']): TraceEntry['message'] {
    const hit = this.byEn.get(m.en);
    if (hit !== undefined) return hit.zh === m.zh ? hit : m;
    if (this.byEn.size >= TEXTS_LIMIT) this.byEn.clear();
    const shared = Object.freeze({ zh: m.zh, en: m.en });
    this.byEn.set(m.en, shared);
    return shared;
  }
}

/** Distinct texts a batch remembers before it starts again. */
const TEXTS_LIMIT = 8192;

/**
 * `tagEntry` for a catalog entry in a batch: its message shared through `texts` (a frozen object
 * equal to the one written), and without data of its own, the customer's frozen `{ customerId }`.
 * The tagged entry is equal to the one `tagEntry` makes.
 */
function tagPlain(
  t: TraceEntry,
  customerId: string,
  texts: BatchTexts,
  customerData: Readonly<Record<string, unknown>>,
): TraceEntry {
  const m = t.message;
  const out: TraceEntry = {
    rule: t.rule,
    // Catalog entries are written as { zh, en } (core's Trace.add, traceEntry), in that key order.
    message: typeof m.zh === 'string' && typeof m.en === 'string' ? texts.of(m) : m,
  };
  if ('clause' in t) out.clause = t.clause;
  // An entry without data of its own gets the customer's one frozen `{ customerId }`.
  out.data = t.data === undefined ? customerData : { ...t.data, customerId };
  return out;
}

/**
 * `tagPlain` without the copy: the catalog entry itself gets the shared message and the customer's
 * data (a key it lacked is added last, where `tagPlain` writes it), and is returned. Only for an
 * entry that belongs to a customer's decision about to be dropped (the batch's own use).
 */
function tagInPlace(
  t: TraceEntry,
  customerId: string,
  texts: BatchTexts,
  customerData: Readonly<Record<string, unknown>>,
): TraceEntry {
  const m = t.message;
  if (typeof m.zh === 'string' && typeof m.en === 'string') t.message = texts.of(m);
  const data = t.data;
  t.data = data === undefined ? customerData : { ...data, customerId };
  return t;
}

/**
 * The batch decision: each customer's decision, handed over by `resolve` as it is made, taken apart
 * at once (streamed, not collected: its own trace array and decision object are short-lived
 * garbage) into the combined result, violations and tagged trace.
 */
function batchDecision(
  plain: boolean,
  calendar: WorkCalendar,
  resolve: (visit: (customerId: string, d: Decision<Ownership>) => void) => void,
): Decision<ModuleResult<{ customers: Record<string, Ownership> }>> {
  const trace = new Trace();
  const customers: Record<string, Ownership> = {};
  const violations: Violation[] = [];
  const texts = new BatchTexts();
  const into = trace.entries;
  const { basis } = withPeriodBasis(calendar, () =>
    resolve((customerId, d) => {
      // An own key also for a customer `__proto__` (assigned, it became the record's prototype).
      setOwn(customers, customerId, d.value);
      for (const v of d.value.violations) violations.push(v);
      const entries = d.trace;
      const shared = plain && engineSwitches.carried;
      const customerData = shared ? Object.freeze({ customerId }) : undefined;
      if (customerData !== undefined && engineSwitches.tagInPlace) {
        // The customer's decision is taken apart here and dropped: its entries (each built for it
        // alone) are tagged as they are instead of copied.
        for (let i = 0; i < entries.length; i++)
          into.push(tagInPlace(entries[i] as TraceEntry, customerId, texts, customerData));
        return;
      }
      for (let i = 0; i < entries.length; i++) {
        const t = entries[i] as TraceEntry;
        into.push(
          customerData !== undefined
            ? tagPlain(t, customerId, texts, customerData)
            : tagEntry(t, customerId, plain),
        );
      }
    }),
  );
  // Periods counted on working days beyond the calendar's data are named first (provenance).
  if (basis.length > 0) into.unshift(...basis);
  return trace.decide({ result: { customers }, violations });
}

function ownershipBatchModule(options: ResolveOptions) {
  // Without a company's rules every trace entry comes from the catalog steps (rule, message,
  // clause?, data?, in that order).
  const plain =
    (options?.stepRules === undefined || options.stepRules.length === 0) &&
    (options?.customRules === undefined || options.customRules.length === 0);
  return defineModule({
    id: 'attribution.ownership-batch',
    title: { zh: '全部客户归属（批量）', en: 'Ownership of every customer of a log (batch)' },
    params: SalesOfficeParamsSchema,
    input: SalesLogSchema,
    presets: salesOfficePresets,
    order: {
      path: ['events'],
      events: (input) => input.events,
      subject: subjectOfSalesEvent,
      at: (e) => (e as SalesEvent).at,
    },
    evaluate: (input, policy, ctx) =>
      batchDecision(plain, ctx.calendar, (visit) =>
        refusalsAtEvents(input.events, ['events'], () =>
          resolveParsedLog(input, policy, ctx, options, visit),
        ),
      ),
    // Issue 21: a well-formed log read in one pass (readSalesLogFast), the catalog steps run on it;
    // anything else (and any refusal) goes the general way. Not with a company's own rules: they
    // would run twice on a refused input.
    fast: plain
      ? (input, policy, ctx) => {
          if (!engineSwitches.fastLog) return undefined;
          // A log in time order is grouped by customer (each customer's events built when it is
          // resolved) when `now` is canonical, so the events up to it are each customer's first ones.
          const grouped = engineSwitches.groupedLog && !Number.isNaN(canonicalMs(ctx.now));
          const read = readSalesLogFast(input, grouped);
          if (read === undefined) return undefined;
          try {
            return batchDecision(true, ctx.calendar, (visit) => {
              if (read.grouped) {
                const ids = read.ids;
                resolveGroupedLog(
                  read,
                  read.groups,
                  (raw, customerId) => parseGroup(raw as never, ids, customerId),
                  policy,
                  ctx,
                  visit,
                );
              } else resolveReadLog(read.log, read.ordered, policy, ctx, visit);
            });
          } catch {
            return undefined;
          }
        }
      : undefined,
    // Each customer's claim under the version in force at its first registration.
    history: {
      kind: 'anchored',
      keep: (value, trace, inWindow, input) => {
        const customers: Record<string, Ownership> = {};
        const violations: Violation[] = [];
        for (const [customerId, ownership] of Object.entries(value.result.customers)) {
          const i = claimAnchor(input.events, customerId);
          const e = i === undefined ? undefined : input.events[i];
          if (e === undefined || !inWindow(e.at)) continue;
          setOwn(customers, customerId, ownership);
          violations.push(...ownership.violations);
        }
        return {
          value: { result: { customers }, violations },
          trace: trace.filter(
            (t) => typeof t.data?.customerId !== 'string' || Object.hasOwn(customers, t.data.customerId),
          ),
        };
      },
      merge: (parts) => {
        const customers: Record<string, Ownership> = {};
        for (const p of parts)
          for (const [customerId, ownership] of Object.entries(p.result.customers))
            setOwn(customers, customerId, ownership);
        return { result: { customers }, violations: parts.flatMap((p) => p.violations) };
      },
    },
  });
}

/**
 * `attribution.joint-event` — one customer at a joint event (seed 001 篇1 Procedure I): the CRM
 * owner and the poaching window, the divisions' claims against their shared-box lists, the sale.
 * The result is what `resolveJointEvent` computes. Invitations must be in time order.
 *
 * @example
 * const caseInput = {
 *   customerId: 'X',
 *   event: { id: 'J2', date: '2024-06-15', start: '19:00' },
 *   divisions: [{ id: 'division1', headId: 'H1' }, { id: 'division2', headId: 'H2' }],
 *   staff: [{ id: 'E1', divisionId: 'division1' }, { id: 'E2', divisionId: 'division2' }],
 *   crmOwner: { employeeId: 'E1', since: '2024-05-01T10:00+08:00' },
 *   invitations: [
 *     { at: '2024-06-10T14:00+08:00', employeeId: 'E1', confirmed: true },
 *     { at: '2024-06-11T10:00+08:00', employeeId: 'E2', confirmed: true },
 *   ],
 *   submissions: [
 *     { divisionId: 'division1', headId: 'H1', day: '2024-06-10', kind: 'confirmed',
 *       submittedAt: '2024-06-10T17:00+08:00', entries: [{ customerId: 'X', employeeId: 'E1' }] },
 *   ],
 *   sale: { at: '2024-06-15T20:00+08:00' },
 * };
 * const d = attributionJointEvent.evaluate(caseInput, attributionJointEvent.preset('conference-marketing-001'), { now: '2024-06-16T00:00+08:00' });
 * d.value.result.performance; //=> { E1: 100 }
 */
export const attributionJointEvent = defineModule({
  id: 'attribution.joint-event',
  title: { zh: '联合会议的顾客归属', en: 'Customer attribution at a joint event' },
  params: ConferenceParamsSchema,
  input: JointEventCaseSchema,
  history: { kind: 'judgedAt', at: (input) => ({ date: input.event.date, path: ['event', 'date'] }) },
  presets: conferencePresets,
  order: {
    path: ['invitations'],
    events: (input) => input.invitations,
    subject: () => 'customer',
    at: (e) => (e as { at: string }).at,
  },
  evaluate: (input, policy, ctx) => {
    const d = judgeJointEvent(input, policy.params, ctx);
    return new Trace().append(d.trace).decide({ result: d.value, violations: d.value.violations });
  },
});

/** Input of `attribution.shared-box`: the event, the divisions with their heads, the lists submitted. */
export const SharedBoxInputSchema = z.strictObject({
  event: JointEventSchema,
  divisions: z.array(DivisionSchema).min(1),
  submissions: z.array(SubmissionSchema),
});

/**
 * `attribution.shared-box` — every list owed to the shared box before a joint event, checked against
 * what was submitted (S001-ATTR-02, -04); late and missing lists are violations of the division head.
 * The result is what `auditSharedBox` computes.
 *
 * @example
 * const event = { id: 'expo-0615', date: '2024-06-15', start: '14:00' };
 * const d = attributionSharedBox.evaluate({ event, divisions: [{ id: 'division1', headId: 'H1' }], submissions: [] },
 *   attributionSharedBox.preset('conference-marketing-001'), { now: '2024-06-16T00:00+08:00' });
 * d.value.violations[0]?.code; //=> 'attribution.sharedBox.missing'
 */
export const attributionSharedBox = defineModule({
  id: 'attribution.shared-box',
  title: { zh: '资源共享箱名单', en: 'Shared-box lists before a joint event' },
  params: ConferenceParamsSchema,
  input: SharedBoxInputSchema,
  history: { kind: 'judgedAt', at: (input) => ({ date: input.event.date, path: ['event', 'date'] }) },
  presets: conferencePresets,
  evaluate: (input, policy, ctx) => {
    // The module parsed the event and the lists, and the policy is validated: none read again.
    refuseRepeatedDivisions(input.divisions, ['input', 'divisions']);
    const d = auditParsedSharedBox(input, input.submissions, policy.params, ctx.zone);
    return new Trace().append(d.trace).decide({ result: d.value, violations: d.value.violations });
  },
});

/** Input of `attribution.claims`: the divisions' claims on one customer. */
export const ClaimsInputSchema = z.strictObject({ claims: z.array(ClaimSchema) });

/**
 * `attribution.claims` — the ruling between divisions' claims on one customer (S001-ATTR-05, -06,
 * -07): the result is what `resolveClaims` computes (a winner with its reason, an escalation to the
 * General Manager, or `null` when nobody claims).
 *
 * @example
 * const claim = (divisionId: string, employeeId: string, effectiveDate: string) =>
 *   ({ divisionId, employeeId, effectiveDate, listed: true, role: 'invitee', confirmed: true });
 * const claims = [claim('division2', 'E2', '2024-06-11'), claim('division1', 'E1', '2024-06-10')];
 * const d = attributionClaims.evaluate({ claims }, attributionClaims.preset('conference-marketing-001'), { now: '2024-06-16T00:00+08:00' });
 * d.value.result; //=> { winner: claims[1], reason: 'earliest' } (division 1 confirmed a day earlier)
 */
export const attributionClaims = defineModule({
  id: 'attribution.claims',
  title: { zh: '部门间的顾客邀约争议', en: 'Claims of several divisions on one customer' },
  params: ConferenceParamsSchema,
  input: ClaimsInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '争议按裁决时的制度裁决',
      en: 'a dispute between claims is ruled under the rules of the day it is ruled',
    },
  },
  presets: conferencePresets,
  evaluate: (input, policy) => {
    // The policy is validated: its params are not checked again.
    const d = claimsRulingParsed(input.claims, policy.params);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] as Violation[] });
  },
});

/**
 * `attribution.service-adequacy` — inadequate service over the trailing window (S001-ATTR-09) and
 * whether the company may therefore reassign the customer (S001-ATTR-10): the result joins what
 * `isServiceInadequate` and `canCompanyReassign` compute.
 *
 * @example
 * attributionServiceAdequacy.evaluate({ ownerSince: '2023-12-01T00:00+08:00', asOf: '2024-04-01T00:00+08:00', activities: [] }, attributionServiceAdequacy.preset('conference-marketing-001'), { now: '2024-04-01T00:00+08:00' }).value.result
 * //=> { inadequate: true, reasons: ['noInvitation', 'noHomeVisit'], companyMayReassign: true }
 */
export const attributionServiceAdequacy = defineModule({
  id: 'attribution.service-adequacy',
  title: { zh: '服务不到位与公司重新分配', en: 'Inadequate service and company reassignment' },
  params: ConferenceParamsSchema,
  input: ServiceAdequacyInputSchema,
  history: { kind: 'judgedAt', at: (input) => ({ at: input.asOf, path: ['asOf'] }) },
  presets: conferencePresets,
  evaluate: (input, policy, ctx) => {
    // The module parsed the instants and the activities, and the policy is validated: the
    // inadequacy is judged once, on them, for both answers.
    const inadequacy = serviceInadequacyOf(
      input.ownerSince,
      input.asOf,
      input.activities,
      policy.params,
      ctx.zone,
    );
    const reassign = reassignmentOf(inadequacy);
    return new Trace().append(reassign.trace).decide({
      result: { ...inadequacy.value, companyMayReassign: reassign.value },
      violations: [] as Violation[],
    });
  },
});

/** Input of `attribution.duplicates`: the lists of one evening. */
export const DuplicatesInputSchema = z.strictObject({ submissions: z.array(SubmissionSchema) });

/**
 * `attribution.duplicates` — customers on the lists of two or more divisions (S001-ATTR-07), each
 * entry with its effective invitation date (S001-ATTR-03: at or after the cut-off counts for the next
 * day). The result is what `detectDuplicates` computes.
 *
 * @example
 * const list = (divisionId: string, headId: string, employeeId: string) => ({
 *   divisionId, headId, day: '2024-06-14', kind: 'confirmed', submittedAt: '2024-06-14T17:30+08:00',
 *   entries: [{ customerId: 'c9', employeeId }],
 * });
 * const submissions = [list('division1', 'H1', 'E1'), list('division2', 'H2', 'E2')];
 * const d = attributionDuplicates.evaluate({ submissions }, attributionDuplicates.preset('conference-marketing-001'), { now: '2024-06-15T00:00+08:00' });
 * d.value.result.map((x) => x.customerId); //=> ['c9'] (on both divisions' lists for the same evening)
 */
export const attributionDuplicates = defineModule({
  id: 'attribution.duplicates',
  title: { zh: '协调助理的重复名单检查', en: "The coordinator's duplicate check" },
  params: ConferenceParamsSchema,
  input: DuplicatesInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '重复检查按检查时的制度进行',
      en: 'the duplicate check is made under the rules of the day it is made',
    },
  },
  presets: conferencePresets,
  evaluate: (input, policy, ctx) => {
    // The module parsed the lists, and the policy is validated: neither read again.
    const duplicates = duplicatesParsed(input.submissions, policy.params, ctx.zone);
    return new Trace()
      .add(
        'S001-ATTR-07',
        '001 L46 協調助理',
        `${duplicates.length}位顾客出现在两个以上部门的名单上`,
        `${duplicates.length} customer(s) on the lists of two or more divisions`,
        { customers: duplicates.map((x) => x.customerId) },
      )
      .decide({ result: duplicates, violations: [] as Violation[] });
  },
});

/** Input of `attribution.outreach-allocation`: the files and the participants, in order. */
export const OutreachInputSchema = z.strictObject({
  files: z.array(z.string().min(1)),
  participants: z.array(z.string().min(1)).min(1),
});

/**
 * `attribution.outreach-allocation` — a department's outreach files split evenly among the
 * participants (S001-ATTR-01); with `allocationRemainder: 'seededRandom'` the draw uses the
 * context's seeded rng (`seed` in the context). The result is what `allocateOutreachFiles` computes.
 *
 * @example
 * attributionOutreach.evaluate({ files: ['f1', 'f2', 'f3', 'f4'], participants: ['E1', 'E2', 'E3'] }, attributionOutreach.preset('conference-marketing-001'), { now: '2024-06-01T00:00+08:00' }).value.result
 * //=> { E1: ['f1', 'f4'], E2: ['f2'], E3: ['f3'] }
 */
export const attributionOutreach = defineModule({
  id: 'attribution.outreach-allocation',
  title: { zh: '科普档案平均分配', en: 'Even allocation of outreach files' },
  params: ConferenceParamsSchema,
  input: OutreachInputSchema,
  history: { kind: 'now', reason: { zh: '档案分配不含时间', en: 'an allocation of files carries no time' } },
  presets: conferencePresets,
  evaluate: (input, policy, ctx) => {
    // From the start of the seed's stream: the same context allocates the same way every time.
    const rng = ctx.rng === undefined ? undefined : freshRng(ctx.rng);
    const d = allocateOutreachFiles(input.files, input.participants, policy.params, rng);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] as Violation[] });
  },
});

const rotationEvent = { at: InstantSchema, attrs: AttrsSchema.optional() };

/** One event at the reception desk, for `attribution.rotation`. */
export const RotationEventSchema = z.discriminatedUnion('type', [
  /** a salesperson's desk status changes (out on company business, back, busy, off duty) */
  z.strictObject({
    type: z.literal('status'),
    ...rotationEvent,
    salespersonId: z.string().min(1),
    status: DeskStatusSchema,
  }),
  /** a new walk-in with no designation arrives: the rotation names its receiver */
  z.strictObject({
    type: z.literal('walkIn'),
    ...rotationEvent,
    /** the contact kind (来电 `phoneCall`, 来访 `walkIn` …), required when the policy keeps queues per kind */
    contact: z.string().min(1).optional(),
  }),
  /** a reception happened: who actually received, and of what kind (grabbing is flagged) */
  z.strictObject({
    type: z.literal('reception'),
    ...rotationEvent,
    kind: ReceptionKindSchema,
    receiverId: z.string().min(1),
    contact: z.string().min(1).optional(),
  }),
  /** an event a `counter` ordering counts (成交、带看 …): `kind` as the policy's `counts` names it */
  z.strictObject({
    type: z.literal('tally'),
    ...rotationEvent,
    salespersonId: z.string().min(1),
    kind: z.string().min(1),
    count: z.number().int().min(1).max(1_000_000).default(1),
  }),
  /** make-up turns granted (补位), in a queue when the policy keeps queues per contact kind */
  z.strictObject({
    type: z.literal('makeUpGrant'),
    ...rotationEvent,
    salespersonId: z.string().min(1),
    turns: z.number().int().min(1).max(1000).default(1),
    queue: z.string().min(1).optional(),
  }),
]);

/** Input of `attribution.rotation`: the order table (or a stored state) and the desk's events. */
export const RotationInputSchema = z.strictObject({
  /** the order table set by the manager, for a fresh rotation */
  order: z.array(z.string().min(1)).min(1).optional(),
  /** a stored rotation state (`ReceptionRotation#toJSON()`), instead of `order` */
  state: RotationStateSchema.optional(),
  events: z.array(RotationEventSchema),
});

/** What happened at one desk event. */
export type RotationOutcome =
  | { type: 'status'; at: string; salespersonId: string; status: z.output<typeof DeskStatusSchema> }
  | ({ type: 'walkIn'; at: string; queue?: string } & Assignment)
  | { type: 'tally'; at: string; salespersonId: string; kind: string; total: number }
  | { type: 'makeUpGrant'; at: string; salespersonId: string; turns: number; queue?: string }
  | { type: 'reception'; at: string; receiverId: string; expected: string | null; consumesTurn: boolean };

/**
 * `attribution.rotation` — the front-desk rotation (S001-RECEP-01…04) over a day's events: strict
 * order, skips with make-up turns, which receptions use a turn, grabbing as a violation. Each
 * event's day is its local date in `ctx.zone` (with `resets: 'daily'` the order table restarts on a
 * new day). The result is each event's outcome and the state to store.
 *
 * @example
 * const d = attributionRotation.evaluate(
 *   { order: ['A', 'B'], events: [{ type: 'walkIn', at: '2024-03-01T09:00+08:00' }] },
 *   attributionRotation.preset('rotation-001'),
 *   { now: '2024-03-01T18:00+08:00' },
 * );
 * d.value.result.outcomes[0]; //=> { type: 'walkIn', at: …, receiver: 'A', makeUp: false, skipped: [] }
 */
export const attributionRotation = rotationModule({});

/**
 * `attribution.rotation` with a company's own orderings: a strategy `{ kind: 'custom', rule }` runs
 * the function supplied under that name (the module without it refuses such a policy at
 * `policy.params.strategy.ordering.rule`).
 *
 * @param options - custom orderings by name
 * @returns the module
 * @example
 * const seniorFirst = attributionRotationWith({ orderings: { seniority: (v) => [...v.order].reverse() } });
 * const policy = { ...seniorFirst.preset('rotation-001'), params: { ...seniorFirst.preset('rotation-001').params,
 *   strategy: { ordering: { kind: 'custom', rule: 'seniority' } } } };
 * seniorFirst.evaluate({ order: ['A', 'B', 'C'], events: [{ type: 'walkIn', at: '2024-03-01T09:00+08:00' }] },
 *   policy, { now: '2024-03-01T18:00+08:00' }).value.result.outcomes[0]; //=> { type: 'walkIn', receiver: 'C', … }
 */
export function attributionRotationWith(options: RotationOptions) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { orderings? } / options must be an object { orderings? }',
    );
  }
  for (const [name, fn] of Object.entries(options.orderings ?? {})) {
    if (typeof fn !== 'function') {
      throw new ZhiduError(
        'invalid_input',
        ['options', 'orderings', name],
        `自定义轮序 ${name} 须为函数 / the custom ordering ${name} must be a function`,
      );
    }
  }
  return rotationModule(options);
}

function rotationModule(options: RotationOptions) {
  return defineModule({
    id: 'attribution.rotation',
    title: { zh: '轮流接待', en: 'Reception rotation' },
    params: RotationParamsSchema,
    input: RotationInputSchema,
    // The rotation's day: the order in force at its first event.
    history: {
      kind: 'judgedAt',
      at: (input) =>
        input.events[0] === undefined ? undefined : { at: input.events[0].at, path: ['events', 0, 'at'] },
    },
    presets: { 'rotation-001': P['rotation-001'] },
    order: {
      path: ['events'],
      events: (input) => input.events,
      subject: () => 'desk',
      at: (e) => (e as { at: string }).at,
    },
    evaluate: (input, policy, ctx) => {
      if ((input.order === undefined) === (input.state === undefined)) {
        throw new ZhiduError(
          'invalid_input',
          ['input', input.order === undefined ? 'order' : 'state'],
          '须给出 order（新的轮值表）或 state（已存状态）之一，且只能给一个 / give exactly one of `order` (a fresh order table) or `state` (a stored rotation)',
        );
      }
      // The module parsed the order or the state, and the policy is validated: neither read again.
      let r =
        input.state !== undefined
          ? restoreRotationParsed(input.state, policy.params, options)
          : createRotationParsed(input.order ?? [], policy.params, options);
      /** A refusal from the rotation, re-pathed to the event (or the policy) it concerns. */
      const at = <T>(i: number, run: () => T): T => {
        try {
          return run();
        } catch (err) {
          if (
            isZhiduError(err) &&
            ['contact', 'queue', 'id', 'turns', 'count'].includes(String(err.path[0]))
          ) {
            const field = err.path[0] === 'id' ? 'salespersonId' : String(err.path[0]);
            throw errorAt(err, ['input', 'events', i, field]);
          }
          throw err;
        }
      };
      const trace = new Trace();
      const outcomes: RotationOutcome[] = [];
      const violations: Violation[] = [];
      input.events.forEach((e, i) => {
        r = r.startDay(localDateOf(e.at, ctx.zone));
        if (e.type === 'status') {
          if (!r.state.order.includes(e.salespersonId)) {
            throw new ZhiduError(
              'unknown_reference',
              ['input', 'events', i, 'salespersonId'],
              `${e.salespersonId} 不在轮值表中 / ${e.salespersonId} is not in the rotation`,
            );
          }
          r = r.setStatus(e.salespersonId, e.status);
          outcomes.push({ type: 'status', at: e.at, salespersonId: e.salespersonId, status: e.status });
        } else if (e.type === 'tally') {
          r = at(i, () => r.tally(e.salespersonId, e.kind, e.count));
          const total = r.state.counters?.[e.salespersonId]?.[e.kind] ?? 0;
          trace.add(
            'S001-RECEP-01',
            '公司轮流接待细则（计数） / the office’s rotation counter',
            `${e.salespersonId}计入${e.kind} ${e.count} 次,累计 ${total}`,
            `${e.salespersonId}: ${e.kind} +${e.count}, ${total} in all`,
            { at: e.at, kind: e.kind, total },
          );
          outcomes.push({ type: 'tally', at: e.at, salespersonId: e.salespersonId, kind: e.kind, total });
        } else if (e.type === 'makeUpGrant') {
          r = at(i, () => r.grantMakeUp(e.salespersonId, e.turns, e.queue));
          trace.add(
            'S001-RECEP-03',
            '公司轮流接待细则（补位） / the office’s make-up rule',
            `${e.salespersonId}获补位 ${e.turns} 次${e.queue ? `(${e.queue})` : ''}`,
            `${e.salespersonId} is granted ${e.turns} make-up turn(s)${e.queue ? ` in queue ${e.queue}` : ''}`,
            { at: e.at, turns: e.turns, ...(e.queue ? { queue: e.queue } : {}) },
          );
          outcomes.push({
            type: 'makeUpGrant',
            at: e.at,
            salespersonId: e.salespersonId,
            turns: e.turns,
            ...(e.queue ? { queue: e.queue } : {}),
          });
        } else if (e.type === 'walkIn') {
          const queue = at(i, () => r.queueOf(e.contact));
          const { assignment, rotation } = at(i, () => r.assignNewWalkIn(e.contact));
          r = rotation;
          trace.add(
            assignment.makeUp ? 'S001-RECEP-03' : 'S001-RECEP-01',
            assignment.makeUp ? '001 L104 公事外出…回來後補接' : '001 L102 按順序輪流接待',
            assignment.receiver === null
              ? '无人可接待'
              : assignment.makeUp
                ? `${assignment.receiver}补接待`
                : `按顺序由${assignment.receiver}接待`,
            assignment.receiver === null
              ? 'Nobody is available to receive'
              : assignment.makeUp
                ? `${assignment.receiver} takes a make-up turn`
                : `${assignment.receiver} receives in turn`,
            { at: e.at, skipped: assignment.skipped },
          );
          outcomes.push({ type: 'walkIn', at: e.at, ...(queue !== null ? { queue } : {}), ...assignment });
        } else {
          const out = at(i, () =>
            r.record({
              kind: e.kind,
              receiverId: e.receiverId,
              at: e.at,
              ...(e.contact !== undefined ? { contact: e.contact } : {}),
            }),
          );
          r = out.rotation;
          trace.append(out.trace.entries);
          violations.push(...out.violations);
          outcomes.push({
            type: 'reception',
            at: e.at,
            receiverId: e.receiverId,
            expected: out.expected,
            consumesTurn: r.consumesTurn(e.kind),
          });
        }
      });
      return trace.decide({ result: { outcomes, state: r.toJSON() }, violations });
    },
  });
}

/** Input of `attribution.venue`: the reception category and the venue asked for. */
export const VenueInputSchema = z.strictObject({
  category: z.enum(['vip', 'business', 'general']),
  venue: z.string().min(1),
});

/**
 * `attribution.venue` — whether a reception category may use a venue (S001-RECEP-06): its mapped
 * venue or one allowed for any. The result is what `isVenueAllowed` computes.
 *
 * @example
 * attributionVenue.evaluate({ category: 'general', venue: 'cultureHall' }, attributionVenue.preset('venues-001'), { now: '2024-06-01T00:00+08:00' }).value.result; //=> false
 */
export const attributionVenue = defineModule({
  id: 'attribution.venue',
  title: { zh: '接待场所', en: 'Reception venues' },
  params: VenuePolicySchema,
  input: VenueInputSchema,
  history: { kind: 'now', reason: { zh: '接待场所规则不含时间', en: 'a venue question carries no time' } },
  presets: { 'venues-001': P['venues-001'] },
  evaluate: (input, policy) => {
    // The policy is validated: its params are not parsed again (the category is checked against them).
    const d = venueAllowedParsed(input.category, input.venue, policy.params);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] as Violation[] });
  },
});

/**
 * `attribution.registration` — whether one registration form carries every required field and an
 * allowed channel (S000B-ATTR-01, S001-ATTR-11). The result is what `checkRegistration` computes;
 * an invalid registration is not a violation of anyone by itself (it simply gives no claim), so
 * `violations` is empty.
 *
 * @example
 * attributionRegistration.evaluate(
 *   { type: 'registration', at: '2024-03-01T10:00+08:00', customerId: 'c1', salespersonId: 'B', channel: 'walkIn', fields: { name: '王' } },
 *   attributionRegistration.preset('dealer-registration-000b'),
 *   { now: '2024-03-01T12:00+08:00' },
 * ).value.result; //=> { valid: false, missing: ['phone', 'hasAgent'], badChannel: false }
 */
export const attributionRegistration = defineModule({
  id: 'attribution.registration',
  title: { zh: '客户登记表的有效性', en: 'Validity of a registration form' },
  params: SalesOfficeParamsSchema,
  input: RegistrationEventSchema,
  history: { kind: 'judgedAt', at: (input) => ({ at: input.at, path: ['at'] }) },
  presets: salesOfficePresets,
  evaluate: (input, policy) => {
    const result = registrationCheck(input, policy.params);
    return new Trace()
      .add(
        'S000B-ATTR-01',
        '000 L1115–L1117, L1125 客户信息登记表',
        result.valid
          ? `${input.salespersonId}的登记有效`
          : `${input.salespersonId}的登记无效：${[...result.missing.map((f) => `缺少${f}`), ...(result.badChannel ? [`渠道${input.channel}不允许`] : [])].join('、')}`,
        result.valid
          ? `${input.salespersonId}'s registration is valid`
          : `${input.salespersonId}'s registration is invalid: ${[...result.missing.map((f) => `missing ${f}`), ...(result.badChannel ? [`channel ${input.channel} not allowed`] : [])].join(', ')}`,
        { at: input.at, customerId: input.customerId },
      )
      .decide({ result, violations: [] as Violation[] });
  },
});

/** Parameters of `attribution.contact-coverage`. */
export const ContactCoverageParamsSchema = z.strictObject({
  /** "两名以上" — at least this many distinct contact persons (000 L1481) */
  minContacts: z.number().int().min(1),
});

/** Input of `attribution.contact-coverage`. */
export const ContactCoverageInputSchema = z.strictObject({
  isImportant: z.boolean(),
  isHighPotential: z.boolean(),
  contacts: z.array(z.string().min(1)),
  contactReportingEnabled: z.boolean(),
});

/**
 * `attribution.contact-coverage` — an important, high-potential customer needs two or more contact
 * persons and a contact-reporting system (S000B-ATTR-06). The result is what `checkContactCoverage`
 * computes (the seed names no one to blame, so `violations` is empty).
 *
 * @example
 * attributionContactCoverage.evaluate(
 *   { isImportant: true, isHighPotential: true, contacts: ['e1'], contactReportingEnabled: true },
 *   attributionContactCoverage.preset('customer-management-000b'),
 *   { now: '2024-03-01T12:00+08:00' },
 * ).value.result; //=> { compliant: false, issues: ['needsMoreContacts'] }
 */
export const attributionContactCoverage = defineModule({
  id: 'attribution.contact-coverage',
  title: { zh: '重要客户的联系人与报告制度', en: 'Contact coverage of important customers' },
  params: ContactCoverageParamsSchema,
  input: ContactCoverageInputSchema,
  history: { kind: 'now', reason: { zh: '联系人覆盖不含时间', en: 'contact coverage carries no time' } },
  presets: { 'customer-management-000b': P['customer-management-000b'] },
  evaluate: (input, policy) => {
    const d = contactCoverageOf(input, policy.params.minContacts);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] as Violation[] });
  },
});

/** Every module of `@zhidu/attribution`, for the registry. */
export const attributionModules = [
  attributionOwnership,
  attributionOwnershipBatch,
  attributionJointEvent,
  attributionSharedBox,
  attributionClaims,
  attributionServiceAdequacy,
  attributionDuplicates,
  attributionOutreach,
  attributionRotation,
  attributionVenue,
  attributionRegistration,
  attributionContactCoverage,
] as const;
