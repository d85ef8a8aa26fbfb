import type { RulePipeline, StepContext } from '@zhidu/core';
import type {
  CustomerEvent,
  DepartureEvent,
  RegistrationEvent,
  Relation,
  SalesHistory,
  VisitEvent,
} from './events.js';
import type { EvalContext, Trace, TraceEntry } from './kernel.js';
import type { ClaimBasis, DealAttribution, VisitOutcome } from './ownership.js';
import { defineSalesOfficePolicy, type SalesOfficeParams, type SalesOfficePolicy } from './policy.js';
import type { ClaimWalk, RegistrationCheck } from './protection.js';
import type { AttributionState } from './steps.js';

export const C = {
  firstVisit: '001 L154 客户首访原则',
  validity: '001 L158 建档有效期2个月',
  deal: '001 L160 以成交为准',
  wishes: '001 L162 以客户意愿为主',
  c1: '001 L166 criterion (1)',
  c2: '001 L168 criterion (2)',
  c3: '001 L170 criterion (3)',
  c4: '001 L172 criterion (4)',
  c5: '001 L174 criterion (5)',
  c6: '001 L176 criterion (6)',
  c7: '001 L178 criterion (7)',
  c8: '001 L180 criterion (8)',
  c9: '001 L182 criterion (9)',
  c10: '001 L184 criterion (10)',
  c11: '001 L186 criterion (11)',
  c12: '001 L188 criterion (12)',
  c13: '001 L190 criterion (13)',
  crossover: '001 L192 客户交叉',
  l108: '001 L108 returning customer',
  l110: '001 L110 first-visit designation',
  b1119: '000 L1119 登记时间判断归属',
  b1121: '000 L1121 不能说出客户经理视为新客户',
  b1123: '000 L1123 指定原招商经理',
} as const;

export type Prior = {
  id: string | null;
  basis: ClaimBasis | null;
  expiresOn: string | null;
  needsManagerReview: boolean;
};

export type State = {
  history: SalesHistory;
  params: SalesOfficeParams;
  zone: string;
  departures: DepartureEvent[];
  byCustomer: Map<string, CustomerEvent[]>;
  drawBase: number | null;
  staffIds: Set<string>;
  eligible: string[];
  memo: Map<string, Evaluation>;
  visiting: Set<string>;
  /**
   * While the customers a departing salesperson held at a departure are found (lotteryMode
   * `shuffleRoundRobin`): the departure's instant, the hand-overs of departures at or after it
   * withheld. `null` otherwise.
   */
  cutoff: string | null;
  /** each departure's shuffled round-robin deal, made once (lotteryMode `shuffleRoundRobin`) */
  deals: Map<DepartureEvent, LotteryDeal>;
  /**
   * By departure instant: the customers each salesperson leaving at it held then (their owner at the
   * instant before the hand-overs of the departures at it), in customer id order, found once per
   * instant
   */
  heldAt: Map<string, Map<string, string[]>>;
  /** household links indexed both ways, so a batch never scans the log per customer */
  households: Map<string, Set<string>>;
  /** the relation of each household link (`a|b`, both ways), when the link names one */
  linkRelations: Map<string, Relation>;
  /** the three step pipelines (catalog steps plus the company's own rules) */
  pipelines: Pipelines;
  /** the caller's evaluation context */
  ctx: EvalContext;
};

/**
 * A departing salesperson's customers dealt together (lotteryMode `shuffleRoundRobin`,
 * S001-ATTR-28): `customers` (those the salesperson held at the departure without a recorded
 * assignment, in customer id order) dealt round-robin over `order` (the salespeople `eligible` at
 * the departure, shuffled from the draw's seed), as `drawHeirs(customers, eligible, seed,
 * 'shuffleRoundRobin')` deals them.
 */
export type LotteryDeal = {
  customers: string[];
  eligible: string[];
  order: string[];
  /** customer id → heir */
  heirs: Record<string, string>;
  /** customer id → index in `customers` */
  position: Map<string, number>;
};

/**
 * The step pipelines of one resolution: who the prior owner is at an instant (Procedure II step 1),
 * how a visit is classified (step 2), how a deal splits (step 3). `custom` tells whether a company
 * rule is in any of them (its states are then re-validated).
 */
export type Pipelines = {
  owner: RulePipeline<AttributionState>;
  visit: RulePipeline<AttributionState>;
  deal: RulePipeline<AttributionState>;
  custom: boolean;
};

/**
 * One customer's evaluation as the built-in steps see it, beside the public state: the engine
 * state, the customer's events, and where trace entries go.
 */
export type Scope = {
  state: State;
  customerId: string;
  all: CustomerEvent[];
  firstContactAt: string | null;
  /** a "cannot name the earlier manager" visit resets registration claims from this instant */
  claimsResetAt: string | null;
  /** the customer's trace, or null while another customer is evaluated for a referral or household */
  trace: Trace | null;
  /**
   * entries recorded as they come (a departed owner's heir), not once per rule and message; `null`
   * until the first (most customers have none)
   */
  repeatable: Set<TraceEntry> | null;
  /**
   * The registration the "registered first" entry was last written for (salesperson and instant): the
   * same entry at a later visit or deal would be dropped as a repeat, so it is not built again.
   */
  notedFirst?: { id: string; at: string };
  /** whether `all` is in time order (the carried paths need it; a log is, once checked) */
  ordered: boolean;
  /** which kinds of event the customer has (a step whose kind is absent has nothing to find) */
  has: EventKinds;
  /** registration checks of this customer, once each (carried path) */
  checks?: Map<RegistrationEvent, RegistrationCheck>;
  /** invalid registrations whose entry was written (carried path) */
  notedInvalid?: Set<object>;
  /** each registration's claim walk, carried from instant to instant (carried path) */
  walks?: Map<RegistrationEvent, ClaimWalk>;
  /**
   * The first valid registration of each salesperson among the customer's first `scanned` events,
   * with the index each was found at, kept as later instants read further (carried path); built
   * again when the claims' reset or the reassignment before the instant moves.
   */
  firsts?: CarriedFirsts;
};

/** See {@link Scope.firsts}. */
export type CarriedFirsts = {
  resetAt: string | null;
  reassignedAt: string | null;
  scanned: number;
  list: RegistrationEvent[];
  /** the index in the customer's events of each registration in `list` */
  at: number[];
};

/** The kinds of event a customer's events hold, found in one pass. */
export type EventKinds = {
  reassignment: boolean;
  referral: boolean;
  complaintVerification: boolean;
  dispute: boolean;
  managerDecision: boolean;
};

/**
 * Whether the steps that look for one kind of event pass over a customer without it (on; with the
 * catalog steps alone) or read the events for it (off: the previous path, for the tests): the deal's
 * crossover and manager-decision step, and the owner rows for a reassignment, a referral and a
 * verified complaint. @internal
 */
export const kindSwitch = { skipAbsent: true };

/** The evaluation context a built-in step runs under: the caller's, plus the customer's scope. */
export interface EngineContext extends EvalContext {
  readonly scope: Scope;
}

/** The scope of the customer a built-in step is judging. */
export function scopeOf(step: StepContext): Scope {
  return (step.eval as EngineContext).scope;
}

/**
 * A {@link Note} that records into a pipeline step's trace (kept in step order with the company's
 * own rules), or nowhere when the customer is evaluated only for a link.
 */
export function stepNote(step: StepContext): Note {
  // The one context of a customer's catalog steps carries its note (no weak-map entry per customer).
  const own = (step as { [OWN_NOTE]?: Note })[OWN_NOTE];
  if (own !== undefined) return own;
  const cached = notes.get(step);
  if (cached) return cached;
  const scope = scopeOf(step);
  const note: Note = (rule, clause, zh, en, data) => {
    if (scope.trace === null) return;
    step.record(traceEntry(rule, clause, zh, en, data));
  };
  notes.set(step, note);
  return note;
}

const notes = new WeakMap<StepContext, Note>();

/** Where a step context built by {@link directStepContext} keeps its note. */
const OWN_NOTE: unique symbol = Symbol('note');

/**
 * The step context every catalog step of one customer shares when no company rule is in the
 * pipelines: entries go to `record`, and its {@link stepNote} is built once, with it.
 */
export function directStepContext(
  scope: Scope,
  record: (entries: readonly TraceEntry[]) => void,
  evalCtx: EngineContext,
): StepContext {
  const step: StepContext & { [OWN_NOTE]?: Note } = {
    note: () => {},
    record: (...entries) => record(entries),
    eval: evalCtx,
  };
  step[OWN_NOTE] = (rule, clause, zh, en, data) => {
    if (scope.trace === null) return;
    record([traceEntry(rule, clause, zh, en, data)]);
  };
  return step;
}

/** A trace entry exactly as `Trace.add` builds it. */
export function traceEntry(
  rule: string,
  clause: string | undefined,
  zh: string,
  en: string,
  data?: Record<string, unknown>,
): TraceEntry {
  const entry: TraceEntry = { rule, message: { zh, en } };
  if (clause !== undefined) entry.clause = clause;
  if (data !== undefined) entry.data = data;
  return entry;
}

export type Evaluation = {
  prior: Prior;
  visits: (VisitOutcome & { event: VisitEvent })[];
  deals: DealAttribution[];
  firstContactAt: string | null;
  followUp: string | null;
};

export const NONE: Prior = { id: null, basis: null, expiresOn: null, needsManagerReview: false };

/** Records a trace entry once per rule and message. */
export type Note = (
  rule: string,
  clause: string,
  zh: string,
  en: string,
  data?: Record<string, unknown>,
) => void;

const validatedPolicies = new WeakMap<object, SalesOfficePolicy>();

/**
 * A sales-office policy as the entry points take it: validated once per object identity (a raw
 * object that never went through `defineSalesOfficePolicy` is refused with a `ZhiduError`, never a
 * `TypeError` deep inside), then reused on the hot path.
 */
export function salesOfficePolicyOf(input: unknown): SalesOfficePolicy {
  if (input === null || typeof input !== 'object') return defineSalesOfficePolicy(input);
  const cached = validatedPolicies.get(input);
  if (cached) return cached;
  const parsed = defineSalesOfficePolicy(input);
  validatedPolicies.set(input, parsed);
  validatedPolicies.set(parsed, parsed);
  return parsed;
}

/**
 * Whether {@link SiteTexts} hand out the texts they built before (on) or build them at every call
 * (off: the previous path, for the tests that hold the shared texts to it). @internal
 */
export const textSwitch = { shared: true };

/** Distinct values a {@link SiteTexts} keeps per level before it starts again. */
const SITE_TEXTS_LIMIT = 256;

/**
 * Texts a {@link SiteTexts} keeps in all before it starts again: the per-level limit alone allows
 * 256 × 256 per site (about 2.6 M pairs over the batch's 40 sites, held across calls); an office's
 * salespeople and pairs fit well within this.
 */
export const SITE_TEXTS_TOTAL = 4096;

/**
 * The Chinese and English texts of one trace-writing site whose words vary only with one or two
 * values (salesperson ids, mostly), built once per pair of values and handed out again: a batch
 * then writes the same string objects for the same text (no string built and joined per entry, and
 * the batch's shared texts find them by a hash the strings already carry). Bounded per level.
 * @internal
 */
export class SiteTexts<A, B = null, X = null> {
  private readonly byA = new Map<A, Map<B, readonly [string, string]>>();
  private context: X | null = null;
  private held = 0;

  constructor(private readonly build: (a: A, b: B, context: X) => readonly [string, string]) {}

  /**
   * The texts for `a` and `b`: `[zh, en]`. A site whose words also read the policy passes the
   * policy's object as `context`: another object starts the texts again.
   */
  of(a: A, b: B, context: X = null as X): readonly [string, string] {
    if (!textSwitch.shared) return this.build(a, b, context);
    if (context !== this.context || this.held >= SITE_TEXTS_TOTAL) {
      this.byA.clear();
      this.held = 0;
      this.context = context;
    }
    let inner = this.byA.get(a);
    if (inner === undefined) {
      if (this.byA.size >= SITE_TEXTS_LIMIT) {
        this.byA.clear();
        this.held = 0;
      }
      inner = new Map();
      this.byA.set(a, inner);
    }
    let t = inner.get(b);
    if (t === undefined) {
      if (inner.size >= SITE_TEXTS_LIMIT) {
        this.held -= inner.size;
        inner.clear();
      }
      t = this.build(a, b, context);
      inner.set(b, t);
      this.held += 1;
    }
    return t;
  }
}
