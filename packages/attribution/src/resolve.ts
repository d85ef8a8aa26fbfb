/**
 * `resolveOwnership`: who owns a customer at a sales office, who gets each deal and how the
 * performance credit and bonus split, following the catalog's Procedure II for seed 001 篇2
 * (客户的分配确认, lines 152–192) with every ambiguity behind a policy switch.
 */

import {
  type CustomRule as CoreCustomRule,
  expectKnownKeys,
  freshRng,
  ownValue,
  RulePipeline,
  type StepContext,
  violation,
} from '@zhidu/core';
import { VISIT_STEPS } from './classify.js';
import { referrerRecord, relatedRuleFor, staffRelativeOf, withinRelatedWindow } from './customer-scope.js';
import { DEAL_STEPS, governingVisit } from './deal-attribution.js';
import { applyDealChecks, applySplitMatrix } from './deal-rules.js';
import { dealOrder, drawHeirs } from './draw.js';
import {
  C,
  directStepContext,
  type EngineContext,
  type Evaluation,
  type EventKinds,
  kindSwitch,
  type LotteryDeal,
  NONE,
  type Note,
  type Pipelines,
  type Prior,
  type Scope,
  SiteTexts,
  type State,
  salesOfficePolicyOf,
  scopeOf,
  stepNote,
  traceEntry,
} from './engine-state.js';
import {
  type CustomerEvent,
  type DealEvent,
  type DepartureEvent,
  type RegistrationEvent,
  type Relation,
  type SalesEvent,
  type SalesHistory,
  type SalesHistoryInput,
  SalesHistorySchema,
  type SalesLogInput,
  SalesLogSchema,
  type VisitEvent,
} from './events.js';
import {
  atLocal,
  type Decision,
  type EvalContext,
  localDateOf,
  localStamp,
  parseInput,
  Trace,
  type TraceEntry,
  type Violation,
  ZhiduError,
} from './kernel.js';
import { refusalsAtEvents, walkClaim } from './lifecycle.js';
import { type DealAttribution, type Ownership, OwnershipSchema, type VisitOutcome } from './ownership.js';
import type { SalesOfficeParams, SalesOfficePolicy, SalesOfficePolicyInput } from './policy.js';
import {
  advanceClaimWalk,
  type RegistrationClaim as Claim,
  claimOfParsed,
  claimOfWalk,
  isProtectedParsed,
  registrationCheck,
  startClaimWalk,
} from './protection.js';
import {
  type AttributionPhase,
  type AttributionState,
  buildPipelines,
  type CatalogSteps,
  type ClassifiedVisit,
  type CustomRule,
  checkShares,
  checkState,
  type DealState,
  type OwnerState,
  type RuleStep,
  type VisitState,
} from './steps.js';
import { validateLog } from './validate-log.js';

/**
 * Resolves who owns a customer at `ctx.now`, classifies each visit and attributes each deal.
 *
 * The procedure runs as core `RulePipeline`s of catalog steps (see {@link CATALOG_STEP_IDS}): a
 * company's own rule goes before, after or instead of any one of them through `options.stepRules`,
 * and around the whole procedure ({@link OWNERSHIP_RULE_ID}) through `options.customRules`.
 *
 * @param history - the customer id, the staff roster and the event log (may hold other customers' events)
 * @param policy - a sales-office policy (e.g. the `salesOffice001` preset)
 * @param ctx - evaluation context: `now`, `zone`, and a seeded `rng` when a random draw may be needed
 * @param options - a company's own rules
 * @returns the ownership decision with a trace naming each rule applied
 * @example
 * const d = ownershipOf(
 *   { customerId: 'c1', staff: [{ id: 'A' }, { id: 'B' }], events: [
 *     { type: 'registration', at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B', channel: 'walkIn', fields: { name: '王', phone: '13800000000' } },
 *   ] },
 *   salesOffice001,
 *   makeContext({ now: '2024-03-10T00:00+08:00' }),
 * );
 * d.value.owner; //=> 'B'
 */
export function ownershipOf(
  history: SalesHistoryInput,
  policy: SalesOfficePolicyInput | SalesOfficePolicy,
  ctx: EvalContext,
  options: ResolveOptions = {},
): Decision<Ownership> {
  const pol = salesOfficePolicyOf(policy);
  const h = parseInput(SalesHistorySchema, history, ['history']);
  const opts = optionsOf(options);
  const pipes = pipelinesOf(opts);
  // A missing attrs fact is cited at its event: history.events[i].attrs.fact.
  return refusalsAtEvents(h.events, ['history', 'events'], () =>
    withProcedureRules(opts.customRules, h, pol, ctx, (hh, pp, cc) => {
      validateLog(hh);
      return finish(prepare(hh, pp, cc, pipes), hh.customerId, cc, OWNERSHIP);
    }),
  );
}

/**
 * Runs the whole-procedure rules (`customRules`, anchored at {@link OWNERSHIP_RULE_ID}) around one
 * customer's procedure; without them, the procedure alone.
 */
function withProcedureRules(
  customRules: readonly CoreCustomRule<OwnershipStage>[] | undefined,
  h: SalesHistory,
  pol: SalesOfficePolicy,
  ctx: EvalContext,
  run: (h: SalesHistory, pol: SalesOfficePolicy, ctx: EvalContext) => Decision<Ownership>,
): Decision<Ownership> {
  if (!customRules || customRules.length === 0) return run(h, pol, ctx);
  const result = procedurePipeline(run)
    .withCustomRules(customRules)
    .run({ history: h, policy: pol, ownership: null }, ctx, (stage) => {
      // A custom rule's state is held to the same contract as the built-in rule's: re-validated
      // after it runs, and a refusal's path starts at ['customRules', <its id>].
      if (stage.ownership !== null) checkOwnership(stage.ownership, []);
    });
  if (result.value.ownership === null) {
    throw new ZhiduError(
      'invalid_state',
      ['options', 'customRules'],
      '规则链中没有任何规则得出客户归属 / no rule in the pipeline produced an ownership',
    );
  }
  const ownership = checkOwnership(result.value.ownership, ['options', 'customRules']);
  return { value: ownership, trace: result.trace };
}

/** Validates an ownership a custom rule produced: its schema, and shares summing to 100 %. */
function checkOwnership(value: unknown, path: (string | number)[]): Ownership {
  const ownership = parseInput(OwnershipSchema, value, [...path, 'ownership']);
  ownership.deals.forEach((deal, i) => {
    checkShares(deal, [...path, 'deals', i]);
  });
  return ownership;
}

/** What each step of the whole-procedure pipeline ({@link OWNERSHIP_RULE_ID}) sees and returns. */
export interface OwnershipStage {
  /** The customer's validated history; a step before the built-in rule may rewrite it. */
  history: SalesHistory;
  policy: SalesOfficePolicy;
  /** The decision so far: `null` until the built-in rule (or a replacement) has run. */
  ownership: Ownership | null;
}

/** Options for `resolveOwnership` and `resolveAllOwnership`. */
export interface ResolveOptions {
  /**
   * A company's own rules around the whole procedure: before, after or instead of the
   * {@link OWNERSHIP_RULE_ID} step (state {@link OwnershipStage}). Their trace entries appear in the
   * decision like the built-in ones. In a batch only `after` is accepted (the log is indexed once).
   */
  customRules?: readonly CoreCustomRule<OwnershipStage>[];
  /**
   * A company's own rules beside single catalog steps (`{ after: 'S001-ATTR-26', step }`, state
   * {@link AttributionState}); see {@link CATALOG_STEP_IDS} for the steps of each phase. The state a
   * rule returns is re-validated; a refusal's path starts at `['customRules', <its id>]`.
   */
  stepRules?: readonly CustomRule[];
}

/** The id of the step that applies the whole sales-office procedure (seed 001 篇2). */
export const OWNERSHIP_RULE_ID = 'attribution.salesOfficeProcedure';

/**
 * The whole procedure as one core {@link RulePipeline} step ({@link OWNERSHIP_RULE_ID}) that
 * validates the log and runs every catalog step, recording each rule's own trace entries.
 * Extend it through `attributionOwnershipWith({ customRules })`; reach single catalog steps through
 * `stepRules`.
 *
 * @returns a fresh pipeline
 * @example
 * ownershipPipeline().ids; //=> ['attribution.salesOfficeProcedure']
 */
export function ownershipPipeline(): RulePipeline<OwnershipStage> {
  return procedurePipeline((h, pol, ctx) => {
    validateLog(h);
    return finish(prepare(h, pol, ctx, defaults()), h.customerId, ctx, OWNERSHIP);
  });
}

function procedurePipeline(
  run: (h: SalesHistory, pol: SalesOfficePolicy, ctx: EvalContext) => Decision<Ownership>,
): RulePipeline<OwnershipStage> {
  return new RulePipeline<OwnershipStage>([
    {
      id: OWNERSHIP_RULE_ID,
      clause: '001 L152–192 客户的分配确认',
      run: (stage, step) => {
        const decision = run(stage.history, stage.policy, step.eval);
        step.record(...decision.trace);
        return { ...stage, ownership: decision.value };
      },
    },
  ]);
}

/**
 * Resolves every customer of an event log in one pass (a nightly batch over the whole sales office):
 * the log is validated and indexed once, and each customer is resolved exactly as
 * `resolveOwnership` would, with the same `stepRules`; `customRules` may only come `after`
 * {@link OWNERSHIP_RULE_ID}.
 *
 * @param log - staff roster and the shared event log
 * @param policy - a sales-office policy
 * @param ctx - evaluation context (seeded `rng` when departures need a draw)
 * @param options - a company's own rules
 * @returns customer id → ownership decision
 * @example
 * const staff = [{ id: 'A' }, { id: 'B' }];
 * const events = [
 *   { type: 'registration' as const, at: '2024-03-01T10:05+08:00', customerId: 'c1', salespersonId: 'B',
 *     channel: 'walkIn' as const, fields: { name: '王先生', phone: '13800000000' } },
 *   { type: 'registration' as const, at: '2024-03-02T15:00+08:00', customerId: 'c2', salespersonId: 'A',
 *     channel: 'walkIn' as const, fields: { name: '李女士', phone: '13900000000' } },
 * ];
 * const all = ownershipOfAll({ staff, events }, salesOffice001, makeContext({ now: '2024-04-01T00:00+08:00' }));
 * [...all.keys()]; //=> ['c1', 'c2']
 * all.get('c1')?.value.owner; //=> 'B'
 */
export function ownershipOfAll(
  log: SalesLogInput,
  policy: SalesOfficePolicyInput | SalesOfficePolicy,
  ctx: EvalContext,
  options: ResolveOptions = {},
): Map<string, Decision<Ownership>> {
  const pol = salesOfficePolicyOf(policy);
  const parsed = parseInput(SalesLogSchema, log, ['history']);
  const opts = optionsOf(options);
  const pipes = pipelinesOf(opts);
  const after = batchRules(opts.customRules);
  const h: SalesHistory = { ...parsed, customerId: '*' };
  validateLog(h);
  return refusalsAtEvents(h.events, ['history', 'events'], () =>
    resolveEach(prepare(h, pol, ctx, pipes), h, pol, ctx, after),
  );
}

/** Every customer of a prepared log, with the batch's whole-procedure rules. */
function resolveEach(
  state: State,
  h: SalesHistory,
  pol: SalesOfficePolicy,
  ctx: EvalContext,
  after: readonly CoreCustomRule<OwnershipStage>[] | undefined,
  visit?: (customerId: string, decision: Decision<Ownership>) => void,
): Map<string, Decision<Ownership>> {
  const out = new Map<string, Decision<Ownership>>();
  const rules = after !== undefined && after.length > 0;
  for (const customerId of state.byCustomer.keys()) {
    // Without whole-procedure rules the procedure alone runs (no history copy per customer).
    const d = rules
      ? withProcedureRules(after, { ...h, customerId }, pol, ctx, () =>
          finish(state, customerId, ctx, OWNERSHIP_BATCH),
        )
      : finish(state, customerId, ctx, OWNERSHIP_BATCH);
    // Handed over as it is made, a decision is not held until the whole log is done.
    if (visit) visit(customerId, d);
    else out.set(customerId, d);
  }
  return out;
}

/** A batch indexes the log once: a whole-procedure rule may only adjust each decision (`after`). */
function batchRules(
  rules: readonly CoreCustomRule<OwnershipStage>[] | undefined,
): readonly CoreCustomRule<OwnershipStage>[] | undefined {
  rules?.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || !('after' in r)) {
      throw new ZhiduError(
        'invalid_input',
        ['options', 'customRules', i],
        '批量处理中整体流程的自定义规则只能在其后（after）；要改写日志或替换某一步，请用 stepRules / in a batch a whole-procedure rule may only come after it (the log is indexed once); use stepRules to act at a catalog step',
      );
    }
  });
  return rules;
}

/**
 * The catalog steps of each phase of the sales-office procedure, in evaluation order (Procedure II
 * step 1 `owner`, step 2 `visit`, step 3 `deal`). A step named by one id may cover a tight group of
 * ids; each list's TSDoc (`OWNER_STEPS`, `VISIT_STEPS`, `DEAL_STEPS`) and the README name the group.
 *
 * @example
 * CATALOG_STEP_IDS.owner; //=> ['S001-ATTR-10', 'S001-ATTR-13', 'S001-ATTR-26', 'S001-ATTR-27', 'S001-ATTR-11', 'S001-ATTR-28', 'S001-ATTR-20']
 */
export const CATALOG_STEP_IDS: Readonly<Record<AttributionPhase, readonly string[]>> = {
  get owner() {
    return OWNER_STEPS.map((s) => s.id);
  },
  get visit() {
    return VISIT_STEPS.map((s) => s.id);
  },
  get deal() {
    return DEAL_STEPS.map((s) => s.id);
  },
};

/**
 * The three pipelines of the sales-office procedure with a company's `stepRules` placed, checked
 * before anything runs.
 *
 * @param stepRules - rules beside single catalog steps
 * @returns the pipelines by phase, for inspection (`.ids`)
 * @throws ZhiduError `unknown_reference` naming the nearest step id for an unknown anchor
 * @example
 * attributionPipelines([{ after: 'S001-ATTR-26', step: { id: 'acme.vip', run: (s) => s } }]).owner.ids
 * //=> ['S001-ATTR-10', 'S001-ATTR-13', 'S001-ATTR-26', 'acme.vip', 'S001-ATTR-27', …]
 */
export function attributionPipelines(
  stepRules: readonly CustomRule[] = [],
): Record<AttributionPhase, RulePipeline<AttributionState>> {
  const { owner, visit, deal } = buildPipelines(catalog(), stepRules, ['stepRules']);
  return { owner, visit, deal };
}

function catalog(): CatalogSteps {
  return { owner: OWNER_STEPS, visit: VISIT_STEPS, deal: DEAL_STEPS };
}

let defaultPipelines: Pipelines | null = null;

/** The catalog pipelines without company rules (built on first use). */
function defaults(): Pipelines {
  defaultPipelines ??= buildPipelines(catalog(), undefined, ['options', 'stepRules']);
  return defaultPipelines;
}

/**
 * Checks a company's rules before anything runs (the modules' factories call it when built).
 * @internal
 */
export function checkResolveOptions(options: ResolveOptions, batch: boolean): void {
  const opts = optionsOf(options);
  pipelinesOf(opts);
  if (batch) batchRules(opts.customRules);
}

/** The options as given: none, or an object whose `customRules` is a list of rule objects. */
function optionsOf(options: unknown): ResolveOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { stepRules?, customRules? } / options must be an object { stepRules?, customRules? }',
    );
  }
  // A misspelt `customRule` dropped the company's rules without a word.
  expectKnownKeys(options, ['stepRules', 'customRules'], ['options']);
  const rules = (options as ResolveOptions).customRules;
  if (rules !== undefined) {
    if (!Array.isArray(rules)) {
      throw new ZhiduError(
        'invalid_input',
        ['options', 'customRules'],
        '自定义规则须为数组 / customRules must be an array of { before | after | replace, step }',
      );
    }
    rules.forEach((r: unknown, i) => {
      if (r === null || typeof r !== 'object' || Array.isArray(r)) {
        throw new ZhiduError(
          'invalid_input',
          ['options', 'customRules', i],
          '自定义规则须为 { before | after | replace, step } / a custom rule is { before | after | replace, step }',
        );
      }
    });
  }
  return options as ResolveOptions;
}

/** The pipelines of one call: the catalog's, or with the company's `stepRules` placed. */
function pipelinesOf(options: ResolveOptions): Pipelines {
  const rules = options.stepRules;
  if (rules === undefined || (Array.isArray(rules) && rules.length === 0)) return defaults();
  return buildPipelines(catalog(), rules, ['options', 'stepRules']);
}

/**
 * Module path (`attribution.ownership`): the history is already parsed and checked in time order
 * within each customer; it is validated with paths under `input`, then put in time order across
 * customers (a stable sort: events at the same instant keep their order) and resolved.
 * @internal
 */
export function resolveParsedHistory(
  h: SalesHistory,
  pol: SalesOfficePolicy,
  ctx: EvalContext,
  options: ResolveOptions = {},
): Decision<Ownership> {
  const opts = optionsOf(options);
  const pipes = pipelinesOf(opts);
  return withProcedureRules(opts.customRules, h, pol, ctx, (hh, pp, cc) => {
    validateLog(hh, ['input'], false);
    const sorted = { ...hh, events: inTimeOrder(hh.events) };
    return finish(prepare(sorted, pp, cc, pipes), hh.customerId, cc, OWNERSHIP);
  });
}

/**
 * Module path (`attribution.ownership-batch`): every customer of a parsed log. With `visit`, each
 * customer's decision is handed to it as soon as it is made, in the same order, and the returned
 * map stays empty (a batch of 10^5 customers then never holds every per-customer decision at once).
 * @internal
 */
export function resolveParsedLog(
  log: Omit<SalesHistory, 'customerId'>,
  pol: SalesOfficePolicy,
  ctx: EvalContext,
  options: ResolveOptions = {},
  visit?: (customerId: string, decision: Decision<Ownership>) => void,
): Map<string, Decision<Ownership>> {
  const opts = optionsOf(options);
  const pipes = pipelinesOf(opts);
  const after = batchRules(opts.customRules);
  const h: SalesHistory = { ...log, customerId: '*' };
  validateLog(h, ['input'], false);
  const sorted = { ...h, events: inTimeOrder(h.events) };
  return resolveEach(prepare(sorted, pol, ctx, pipes), sorted, pol, ctx, after, visit);
}

/**
 * Module fast path (`attribution.ownership-batch`, catalog steps alone): every customer of a log
 * already read, checked and put in time order by `readSalesLogFast` — what `resolveParsedLog` does
 * after its log checks and its time-order pass.
 * @internal
 */
export function resolveReadLog(
  log: Omit<SalesHistory, 'customerId'>,
  ordered: SalesEvent[],
  pol: SalesOfficePolicy,
  ctx: EvalContext,
  visit: (customerId: string, decision: Decision<Ownership>) => void,
): void {
  const sorted: SalesHistory = { ...log, customerId: '*', events: ordered };
  resolveEach(prepare(sorted, pol, ctx, defaults()), sorted, pol, ctx, undefined, visit);
}

/**
 * Module fast path over a log grouped by customer (`readSalesLogFast` on a log in time order of the
 * kinds it reads by hand: no links, departures or other kinds, so no customer's resolution reads
 * another's events): each customer's events are built by `parse` just before the customer is
 * resolved and dropped after, instead of living through the whole batch. The customers come in the
 * order of their first event, the events after `ctx.now` left out — as `prepare` indexes the log.
 * @internal
 */
export function resolveGroupedLog(
  log: Pick<SalesHistory, 'departmentId' | 'staff'>,
  groups: ReadonlyMap<string, readonly unknown[]>,
  parse: (events: readonly unknown[], customerId: string) => CustomerEvent[],
  pol: SalesOfficePolicy,
  ctx: EvalContext,
  visit: (customerId: string, decision: Decision<Ownership>) => void,
): void {
  const h: SalesHistory = { departmentId: log.departmentId, staff: log.staff, events: [], customerId: '*' };
  const state = prepare(h, pol, ctx, defaults());
  const now = ctx.now;
  for (const [customerId, raw] of groups) {
    const events = parse(raw, customerId);
    // The events up to `now` (prepare's filter, event by event); with `now` canonical, as the fast
    // path asks, those are the first ones, so a customer comes where its first event is.
    let kept = events;
    for (let i = 0; i < events.length; i++) {
      if ((events[i] as CustomerEvent).at > now) {
        kept = events.filter((e) => !(e.at > now));
        break;
      }
    }
    if (kept.length === 0) continue;
    state.byCustomer.set(customerId, kept);
    visit(customerId, finish(state, customerId, ctx, OWNERSHIP_BATCH));
    state.byCustomer.delete(customerId);
  }
}

/**
 * The events in time order across customers (a stable sort: events at the same instant keep their
 * order). Each instant is read once; a log already in time order (the usual case) is not sorted.
 * @internal
 */
export function inTimeOrder(events: readonly SalesEvent[]): SalesEvent[] {
  const n = events.length;
  const t = new Float64Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const ms = Date.parse((events[i] as SalesEvent).at);
    t[i] = ms;
    if (i > 0 && ms < (t[i - 1] as number)) sorted = false;
  }
  if (sorted) return events.slice();
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (t[a] as number) - (t[b] as number) || a - b);
  return order.map((i) => events[i] as SalesEvent);
}

function prepare(h: SalesHistory, pol: SalesOfficePolicy, ctx: EvalContext, pipelines: Pipelines): State {
  const zone = ctx.zone || pol.zone;
  const byCustomer = new Map<string, CustomerEvent[]>();
  const departures: DepartureEvent[] = [];
  const households = new Map<string, Set<string>>();
  const linkRelations = new Map<string, Relation>();
  const link = (a: string, b: string): void => {
    const set = households.get(a);
    if (set) set.add(b);
    else households.set(a, new Set([b]));
  };
  const related = pol.params.customerScope?.related;
  const events = h.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as SalesEvent;
    if (e.at > ctx.now) continue;
    if (e.type === 'link' && e.kind === 'household') {
      if (related !== undefined && e.relation === undefined) {
        // The office's relation rules need the relation: never guessed.
        throw new ZhiduError(
          'invalid_input',
          ['history', 'events', i, 'relation'],
          `家庭关联缺少关系 relation，规则 customerScope.related 需要它 / the household link lacks the fact relation that the rules at customerScope.related need`,
          { fact: 'relation', rule: ['customerScope', 'related'] },
        );
      }
      const counts =
        related !== undefined
          ? related.some((r) => r.relations.includes(e.relation as Relation))
          : !e.relation || pol.params.household.relations.includes(e.relation as never);
      if (counts) {
        link(e.customerId, e.otherCustomerId);
        link(e.otherCustomerId, e.customerId);
        if (e.relation !== undefined) {
          linkRelations.set(`${e.customerId}|${e.otherCustomerId}`, e.relation);
          linkRelations.set(`${e.otherCustomerId}|${e.customerId}`, e.relation);
        }
      }
    }
    if (e.type === 'departure') departures.push(e);
    else {
      const list = byCustomer.get(e.customerId);
      if (list) list.push(e);
      else byCustomer.set(e.customerId, [e]);
    }
  }
  return {
    history: h,
    params: pol.params,
    zone,
    departures,
    byCustomer,
    // The first number of the seed's stream: the same context draws the same heirs in every decision.
    drawBase: ctx.rng ? freshRng(ctx.rng).int(2 ** 31) : null,
    staffIds: new Set(h.staff.map((s) => s.id)),
    eligible: h.staff.filter((s) => s.roles.includes(pol.params.departure.eligibleRole)).map((s) => s.id),
    memo: new Map(),
    visiting: new Set(),
    cutoff: null,
    deals: new Map(),
    heldAt: new Map(),
    households,
    linkRelations,
    pipelines,
    ctx,
  };
}

/** The modules whose violations a procedure emits: one customer's, or every customer's of a log. */
const OWNERSHIP = 'attribution.ownership';
const OWNERSHIP_BATCH = 'attribution.ownership-batch';

/** @param moduleId - the module the decision is for, stamped on its violations' `source.module` */
function finish(state: State, customerId: string, ctx: EvalContext, moduleId: string): Decision<Ownership> {
  const trace = new Trace();
  const ev = evaluate(state, customerId, ctx.now, trace);
  const violations = collectViolations(state, customerId, trace, moduleId);
  const invalidRegistrations: Ownership['invalidRegistrations'] = [];
  const own = state.byCustomer.get(customerId) ?? [];
  for (let i = 0; i < own.length; i++) {
    const e = own[i] as CustomerEvent;
    if (e.type !== 'registration') continue;
    const chk = registrationCheck(e, state.params);
    if (!chk.valid) {
      invalidRegistrations.push({
        at: e.at,
        salespersonId: e.salespersonId,
        missing: chk.missing,
        badChannel: chk.badChannel,
      });
    }
  }
  const lastDeal = lastWhere(ev.deals, (d) => d.status !== 'forfeitedToDepartment');
  let owner = ev.prior.id;
  let basis = ev.prior.basis;
  let protectedUntil =
    ev.prior.id !== null && ev.prior.expiresOn !== null
      ? atLocal(ev.prior.expiresOn, '00:00', state.zone)
      : null;
  if (
    lastDeal &&
    lastDeal.status === 'final' &&
    lastDeal.followUp !== null &&
    ev.prior.basis !== 'reassignment'
  ) {
    owner = lastDeal.followUp;
    basis = 'deal';
    protectedUntil = null;
  }
  if (owner !== null && protectedUntil !== null) {
    trace.add(
      'S001-ATTR-12',
      C.validity,
      `${owner}的建档保护至${localStamp(protectedUntil, state.zone)}(不含)`,
      `${owner}'s file is protected until ${localStamp(protectedUntil, state.zone)} (exclusive)`,
      { protectedUntil },
    );
  }
  const [zh, en] = OWNER_NOW.of(owner, ev.followUp ?? owner);
  trace.add('S001-ATTR-25', C.c9, zh, en, { owner, basis, protectedUntil });
  return trace.decide({
    customerId: customerId,
    owner,
    basis,
    protectedUntil,
    needsManagerReview: ev.prior.needsManagerReview,
    followUp: ev.followUp ?? owner,
    visits: state.pipelines.custom ? ev.visits.map(({ event: _e, ...v }) => v) : ev.visits.map(outcomeOf),
    deals: ev.deals,
    invalidRegistrations,
    violations,
  });
}

/** The texts of the closing entry (S001-ATTR-25), by owner and follow-up, built once per pair. */
const OWNER_NOW = new SiteTexts<string | null, string | null>((owner, followUp) => [
  `当前归属:${owner ?? '无'};后续跟进:${followUp ?? '无'}`,
  `Owner now: ${owner ?? 'none'}; follow-up by ${followUp ?? 'nobody'}`,
]);

/** The texts of a closed deal's entry (S001-ATTR-13), by its follow-up, built once each. */
const DEAL_CLOSED = new SiteTexts<string>((followUp) => [
  `已成交,客户归${followUp}且不再过期`,
  `A deal closed; the customer stays with ${followUp} with no expiry`,
]);

/** A catalog visit's outcome without its event (the keys `out` writes, in its order). */
function outcomeOf(v: ClassifiedVisit): VisitOutcome {
  return {
    at: v.at,
    visitNo: v.visitNo,
    previous: v.previous,
    previousExpiresOn: v.previousExpiresOn,
    case: v.case,
    receiver: v.receiver,
    rotationConsumed: v.rotationConsumed,
  };
}

function qualifies(d: DepartureEvent, params: SalesOfficeParams): boolean {
  if (d.kind !== 'longLeave') return true;
  const min = params.departure.longLeaveDays;
  return min === null || (d.leaveDays !== undefined && d.leaveDays >= min);
}

/**
 * Replaces a departed owner by the heir the manager drew (S001-ATTR-28, S000B-ATTR-05, K11); each
 * hand-over is recorded through `record` (or nowhere).
 *
 * A recorded assignment of the departure stands (its own keys only: a customer id such as
 * `constructor` is not recorded). Otherwise, with lotteryMode `independent` each customer has a draw
 * of its own, from the seed `${customerId}|${drawBase}|${departing}|${departure}` among the
 * salespeople eligible at `at` — `drawHeirs([customerId], eligible, seed, 'independent')`, the same
 * whether the customer is resolved alone or in the batch, and carried in the trace entry for replay;
 * with `shuffleRoundRobin` the customer is dealt with the departing salesperson's other customers at
 * the departure ({@link dealOf}), and only a customer who was not theirs then (who became theirs
 * later) is drawn alone as with `independent`.
 */
function heirOf(
  state: State,
  customerId: string,
  owner: string,
  at: string,
  record: ((entry: TraceEntry) => void) | null,
): string {
  if (state.departures.length === 0) return owner;
  let current = owner;
  const seen = new Set<string>();
  const cutoff = state.cutoff;
  const shuffle = state.params.departure.lotteryMode === 'shuffleRoundRobin';
  for (;;) {
    if (seen.has(current)) return current;
    seen.add(current);
    const dep = state.departures.find(
      (d) =>
        d.salespersonId === current &&
        d.at <= at &&
        (cutoff === null || d.at < cutoff) &&
        qualifies(d, state.params),
    );
    if (!dep) return current;
    const eligible = eligibleAt(state, at);
    const assigned = recordedHeir(dep, customerId);
    let heir = assigned;
    let deal: LotteryDeal | null = null;
    let position: number | undefined;
    let drawSeed: string | undefined;
    if (heir === undefined) {
      if (state.drawBase === null) {
        throw new ZhiduError(
          'invalid_input',
          ['ctx', 'rng'],
          `置业顾问 ${current} 于 ${dep.at} 离职：以随机抽签重新分配其客户，须在上下文中提供带种子的随机数发生器 / salesperson ${current} left on ${dep.at}: reassigning their customers by random draw needs a seeded rng in the context`,
        );
      }
      const seed = `${state.drawBase}|${current}|${dep.at}`;
      if (shuffle) {
        deal = dealOf(state, dep, seed);
        position = deal.position.get(customerId);
      }
      if (deal !== null && position !== undefined) heir = deal.heirs[customerId];
      else {
        // The customer's own draw: its id in the seed, so the customers of one departure are drawn
        // separately and each draw is the same whoever else is resolved. The id leads: the seed's
        // hash (FNV-1a) mixes a character only through the characters after it and the rng's first
        // draw follows the hash closely, so ids differing in their last character at the end of the
        // seed drew correlated heirs (c1, c2, c3 never all to one heir in 3,000 context seeds, where
        // independent draws do so one time in nine).
        drawSeed = `${customerId}|${seed}`;
        const drawn = drawHeirs([customerId], eligible, drawSeed, 'independent');
        heir = drawn[customerId];
      }
      if (heir === undefined) return current;
    }
    if (record !== null) {
      const rule = dep.kind === 'resignation' ? 'S000B-ATTR-05' : 'S001-ATTR-28';
      const clause = dep.kind === 'resignation' ? '000 L1483 员工调离' : C.c12;
      const leftZh = dep.kind === 'longLeave' ? '请长假' : '调离';
      const leftEn = dep.kind === 'longLeave' ? 'is on long leave' : 'left';
      const recorded = assigned !== undefined;
      if (deal !== null && position !== undefined)
        record(
          traceEntry(
            rule,
            clause,
            `${current}${leftZh},其${deal.customers.length}位客户按随机洗牌轮流分配,客户${customerId}(第${position + 1}位)分配给${heir}`,
            `${current} ${leftEn}; their ${deal.customers.length} customers dealt by shuffled round-robin, customer ${customerId} (number ${position + 1}) to ${heir}`,
            {
              from: current,
              to: heir,
              drawnFrom: deal.eligible,
              recorded,
              mode: 'shuffleRoundRobin',
              order: deal.order,
              position,
              dealt: deal.customers.length,
            },
          ),
        );
      else
        record(
          traceEntry(
            rule,
            clause,
            `${current}${leftZh},客户${customerId}由经理随机抽数分配给${heir}`,
            `${current} ${leftEn}; customer ${customerId} drawn for ${heir}`,
            // A drawn customer's entry carries the seed of its draw (drawHeirs([customerId],
            // drawnFrom, seed, 'independent') replays it); under shuffleRoundRobin, a customer drawn
            // alone says so (not theirs at the departure).
            drawSeed === undefined
              ? { from: current, to: heir, drawnFrom: eligible, recorded }
              : shuffle
                ? {
                    from: current,
                    to: heir,
                    drawnFrom: eligible,
                    recorded,
                    seed: drawSeed,
                    mode: 'independent',
                  }
                : { from: current, to: heir, drawnFrom: eligible, recorded, seed: drawSeed },
          ),
        );
    }
    current = heir;
  }
}

/** The salespeople a customer can be drawn for at `at`: the eligible, less everyone who left by then. */
function eligibleAt(state: State, at: string): string[] {
  const gone = new Set(
    state.departures.filter((d) => d.at <= at && qualifies(d, state.params)).map((d) => d.salespersonId),
  );
  return state.eligible.filter((s) => !gone.has(s));
}

/** The heir a departure's `assignments` record for a customer: own keys only (not `constructor`). */
function recordedHeir(dep: DepartureEvent, customerId: string): string | undefined {
  return dep.assignments === undefined ? undefined : ownValue(dep.assignments, customerId);
}

/**
 * The shuffled round-robin deal of a departing salesperson's customers (lotteryMode
 * `shuffleRoundRobin`, S001-ATTR-28), made once per departure: the customers they held at the
 * departure without a recorded assignment, in customer id order (UTF-16 code units, as `<` compares
 * strings), dealt over the salespeople eligible at the departure (every salesperson who left at or
 * before it excluded) in the order the draw's seed shuffles them — `drawHeirs(customers, eligible,
 * seed, 'shuffleRoundRobin')`, which an auditor can replay on the same list.
 */
function dealOf(state: State, dep: DepartureEvent, seed: string): LotteryDeal {
  const made = state.deals.get(dep);
  if (made !== undefined) return made;
  const eligible = eligibleAt(state, dep.at);
  const customers = (heldAt(state, dep.at).get(dep.salespersonId) ?? []).filter(
    (c) => recordedHeir(dep, c) === undefined,
  );
  const heirs: Record<string, string> =
    customers.length === 0 ? Object.create(null) : drawHeirs(customers, eligible, seed, 'shuffleRoundRobin');
  const position = new Map(customers.map((c, i) => [c, i] as const));
  const deal: LotteryDeal = { customers, eligible, order: dealOrder(eligible, seed), heirs, position };
  state.deals.set(dep, deal);
  return deal;
}

/**
 * The customers each salesperson leaving at instant `t` held then, found once per instant: every
 * customer with an event up to `t` is resolved as of `t` (its owner B, the events at `t` included)
 * with the hand-overs of the departures at or after `t` withheld, so that finding them asks only
 * for deals of earlier departures (no cycle, and the same answer whoever asks first). The lookups
 * are remembered apart from the engine's (their answers at `t` differ), and the customers being
 * resolved when this is asked are not in the way.
 */
function heldAt(state: State, t: string): Map<string, string[]> {
  const found = state.heldAt.get(t);
  if (found !== undefined) return found;
  const leaving = new Set<string>();
  for (const d of state.departures)
    if (d.at === t && qualifies(d, state.params)) leaving.add(d.salespersonId);
  const held = new Map<string, string[]>();
  const { memo, visiting, cutoff } = state;
  state.memo = new Map();
  state.visiting = new Set();
  state.cutoff = t;
  try {
    for (const [customerId, own] of state.byCustomer) {
      if (!own.some((e) => e.at <= t)) continue;
      const owner = evaluate(state, customerId, t, null).prior.id;
      if (owner === null || !leaving.has(owner)) continue;
      const list = held.get(owner);
      if (list) list.push(customerId);
      else held.set(owner, [customerId]);
    }
  } finally {
    state.memo = memo;
    state.visiting = visiting;
    state.cutoff = cutoff;
  }
  for (const list of held.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  state.heldAt.set(t, held);
  return held;
}

function evaluate(state: State, customerId: string, asOf: string, trace: Trace | null): Evaluation {
  // A traced evaluation (the customer's own decision) is neither looked up nor kept: no key for it.
  const key = trace === null ? `${customerId}@${asOf}` : '';
  if (trace === null) {
    const cached = state.memo.get(key);
    if (cached) return cached;
  }
  if (state.visiting.has(customerId)) {
    return { prior: NONE, visits: [], deals: [], firstContactAt: null, followUp: null };
  }
  state.visiting.add(customerId);
  try {
    const result = evaluateUncached(state, customerId, asOf, trace);
    // A traced evaluation is the customer's own decision, made once: keeping it would hold every
    // customer's evaluation for the whole batch. Lookups (households, referrals) are remembered.
    if (trace === null) state.memo.set(key, result);
    return result;
  } finally {
    state.visiting.delete(customerId);
  }
}

/** Re-validation of a company rule's state, by phase. */
const CHECKS: Record<AttributionPhase, (s: AttributionState) => void> = {
  owner: checkState('owner'),
  visit: checkState('visit'),
  deal: checkState('deal'),
};

function evaluateUncached(state: State, customerId: string, asOf: string, trace: Trace | null): Evaluation {
  const { params, zone } = state;
  const own = state.byCustomer.get(customerId) ?? [];
  const all: CustomerEvent[] = [];
  // One pass: the events up to `asOf`, the first contact, whether they are in time order, and which
  // kinds of event are there.
  let firstContactAt: string | null = null;
  let ordered = true;
  const has: EventKinds = {
    reassignment: false,
    referral: false,
    complaintVerification: false,
    dispute: false,
    managerDecision: false,
  };
  for (let i = 0; i < own.length; i++) {
    const e = own[i] as CustomerEvent;
    if (!(e.at <= asOf)) continue;
    if (all.length > 0 && e.at < (all[all.length - 1] as CustomerEvent).at) ordered = false;
    all.push(e);
    if (firstContactAt === null && (e.type === 'registration' || e.type === 'visit')) firstContactAt = e.at;
    else if (e.type === 'reassignment') has.reassignment = true;
    else if (e.type === 'link' && e.kind === 'referral') has.referral = true;
    else if (e.type === 'complaintVerification') has.complaintVerification = true;
    else if (e.type === 'dispute') has.dispute = true;
    else if (e.type === 'managerDecision') has.managerDecision = true;
  }
  const visits: ClassifiedVisit[] = [];
  const deals: DealAttribution[] = [];
  const scope: Scope = {
    state,
    customerId,
    all,
    firstContactAt,
    claimsResetAt: null,
    trace,
    repeatable: null,
    ordered,
    has,
  };
  const runCtx: EngineContext = { ...state.ctx, scope };
  // The messages written so far, by rule (no key string built per entry). The catalog's rule ids hold
  // no '|'; with a company's own rules (whose ids may) the key stays the joined `rule|message`.
  // A rule's one message is held as it is; a set only once the rule writes a second one (most rules
  // write one message per customer).
  const reported = new Map<string, string | Set<string>>();
  const joinKeys = state.pipelines.custom || !engineSwitches.carried;
  /** Keeps a pipeline's entries in step order, each rule's message once (a heir's hand-over each time). */
  const keep = (entries: readonly TraceEntry[]): void => {
    if (!trace) return;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] as TraceEntry;
      if (scope.repeatable === null || !scope.repeatable.has(e)) {
        const rule = joinKeys ? '' : e.rule;
        const msg = joinKeys ? `${e.rule}|${e.message.en}` : e.message.en;
        const seen = reported.get(rule);
        if (seen === undefined) reported.set(rule, msg);
        else if (typeof seen === 'string') {
          if (seen === msg) continue;
          reported.set(rule, new Set([seen, msg]));
        } else {
          if (seen.has(msg)) continue;
          seen.add(msg);
        }
      }
      trace.entries.push(e);
    }
  };
  // Every state is built as one literal with the same keys in the same order (no spread of a shared
  // base): the steps then read states of one shape.
  const departmentId = state.history.departmentId;
  /** One step context for every catalog step when no company rule is in the pipelines. */
  const direct: StepContext = directStepContext(scope, keep, runCtx);
  const run = <S extends AttributionState>(phase: AttributionPhase, initial: S): S => {
    const pipeline = state.pipelines[phase];
    if (!state.pipelines.custom) {
      // The catalog steps alone, in the pipeline's order, sharing one context (no per-step
      // contexts and traces to allocate on the hot path of a batch).
      let s: AttributionState = initial;
      const steps = pipeline.steps;
      for (let i = 0; i < steps.length; i++) s = (steps[i] as RuleStep).run(s, direct);
      return s as S;
    }
    const d = pipeline.run(initial, runCtx, CHECKS[phase]);
    keep(d.trace);
    return d.value as S;
  };

  /** Step 1: the prior owner B at instant `t`. */
  const priorAt = (t: string, visit?: VisitEvent, inclusive = false): Prior =>
    run<OwnerState>('owner', {
      customerId,
      asOf,
      events: all,
      params,
      zone,
      departmentId,
      phase: 'owner',
      at: t,
      inclusive,
      visit: visit ?? null,
      deals,
      prior: NONE,
    }).prior;

  const attribute = (e: DealEvent, before: readonly ClassifiedVisit[]): DealAttribution => {
    const s = run<DealState>('deal', {
      customerId,
      asOf,
      events: all,
      params,
      zone,
      departmentId,
      phase: 'deal',
      deal: e,
      visits: before,
      prior: priorAt(e.at),
      governing: governingVisit(before, e.at),
      attribution: null,
    });
    if (s.attribution === null) {
      throw new ZhiduError(
        'invalid_state',
        ['options', 'stepRules'],
        `没有步骤为 ${e.at} 的成交分配业绩 / no step attributed the deal at ${e.at} (a company rule replaced the one that would)`,
      );
    }
    if (params.dealChecks === undefined && params.splitMatrix === undefined) return s.attribution;
    // The office's own deal rules (issue 14): checks at the deal, then the split matrix.
    const facts = {
      deal: e,
      events: all,
      prior: s.prior,
      governing: s.governing,
      params,
      zone,
      calendar: state.ctx.calendar,
      staff: state.history.staff,
    };
    const checked = applyDealChecks(facts, s.attribution);
    keep(checked.entries);
    if (checked.changed) return checked.attribution;
    const split = applySplitMatrix(facts, checked.attribution);
    keep(split.entries);
    return split.attribution;
  };

  let visitNo = 0;
  for (let i = 0; i < all.length; i++) {
    const e = all[i] as CustomerEvent;
    if (e.type === 'visit') {
      visitNo += 1;
      const prior = priorAt(e.at, e);
      const s = run<VisitState>('visit', {
        customerId,
        asOf,
        events: all,
        params,
        zone,
        departmentId,
        phase: 'visit',
        visit: e,
        visitNo,
        prior,
        outcome: null,
      });
      const outcome = s.outcome;
      if (outcome === null) {
        throw new ZhiduError(
          'invalid_state',
          ['options', 'stepRules'],
          `没有步骤为 ${e.at} 的来访定性 / no step classified the visit at ${e.at} (a company rule replaced the one that would)`,
        );
      }
      if (outcome.case === 'NEW_UNNAMED') scope.claimsResetAt = e.at;
      // A catalog step's outcome has the keys `out` writes, in its order: copied key by key (a
      // company rule's outcome is spread, its keys in its own order).
      visits.push(
        state.pipelines.custom
          ? { ...outcome, event: e }
          : {
              at: outcome.at,
              visitNo: outcome.visitNo,
              previous: outcome.previous,
              previousExpiresOn: outcome.previousExpiresOn,
              case: outcome.case,
              receiver: outcome.receiver,
              rotationConsumed: outcome.rotationConsumed,
              event: e,
            },
      );
    } else if (e.type === 'deal') {
      deals.push(attribute(e, visits));
    }
  }
  // Verifications and disputes after a deal still settle it (S001-ATTR-20 example 2, S001-ATTR-30).
  const dealEvents = all.filter((x): x is DealEvent => x.type === 'deal');
  // A deal that is the customer's last event (in time order, no visit at its instant, no departure
  // whose hand-over would be written again) is read the second time with the same visits, deals,
  // claims and events as the first: the answer is the first one, and every entry it would write is
  // already in the trace. With a company's rules every deal is read again.
  const lastEvent = all[all.length - 1];
  const settled =
    engineSwitches.carried && !state.pipelines.custom && scope.ordered && state.departures.length === 0;
  const finalDeals = deals.map((d, i) => {
    const e = dealEvents[i];
    if (!e) return d;
    if (settled && e === lastEvent && !visits.some((v) => v.at === e.at)) return d;
    return attribute(
      e,
      visits.filter((v) => v.at < e.at),
    );
  });
  deals.splice(0, deals.length, ...finalDeals);
  const prior = priorAt(asOf, undefined, true);
  let followUp: string | null = null;
  const lastCase = lastWhere(
    visits,
    (v) => v.case !== 'OWNER' && v.case !== 'HANDBACK' && v.case !== 'DISCOUNT',
  );
  if (
    lastCase &&
    (lastCase.case === 'REFUSED' || lastCase.case === 'NTH_DESIGNATED' || lastCase.case === 'COMPLAINT')
  ) {
    followUp = lastCase.receiver;
  }
  const lastFinal = lastWhere(deals, (d) => d.status === 'final');
  if (lastFinal) followUp = lastFinal.followUp;
  return { prior, visits, deals, firstContactAt, followUp };
}

/**
 * An `owner` step: `decide` gets the state, the customer's scope and the step's note, and returns
 * the next state.
 */
function ownerStep(
  id: string,
  clause: string,
  decide: (s: OwnerState, scope: Scope, note: Note, step: StepContext) => OwnerState,
): RuleStep {
  return {
    id,
    clause,
    run: (s, step) => (s.phase !== 'owner' ? s : decide(s, scopeOf(step), stepNote(step), step)),
  };
}

/**
 * Whether an owner row may pass over the customer for lack of its kind of event: the customer's own
 * events, none of that kind, and the catalog steps alone (a company rule could add one to the events
 * it was handed). Off with `kindSwitch.skipAbsent` (the previous path, for the tests).
 */
function lacks(s: OwnerState, scope: Scope, kind: keyof EventKinds): boolean {
  return kindSwitch.skipAbsent && !scope.state.pipelines.custom && s.events === scope.all && !scope.has[kind];
}

/** Whether an event happened before the instant B is sought at (at it too, when inclusive). */
const beforeOf =
  (s: OwnerState) =>
  (x: string): boolean =>
    s.inclusive ? x <= s.at : x < s.at;

/** The customer's last final deal with a follow-up owner before the instant. */
function lastDealOf(s: OwnerState): DealAttribution | undefined {
  const deals = s.deals;
  for (let i = deals.length - 1; i >= 0; i--) {
    const d = deals[i] as DealAttribution;
    if ((s.inclusive ? d.at <= s.at : d.at < s.at) && d.status === 'final' && d.followUp !== null) return d;
  }
  return undefined;
}

/** The last element matching `pred`, scanning from the end (no reversed copy). */
function lastWhere<T>(list: readonly T[], pred: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const x = list[i] as T;
    if (pred(x)) return x;
  }
  return undefined;
}

/**
 * The catalog steps of step 1 (the prior owner B), in the catalog's precedence (K4: closed deal >
 * referral > household > registration), then the heir and the complaint exclusion:
 *
 * | step | row | also covers |
 * |---|---|---|
 * | `S001-ATTR-10` | a recorded reassignment later than the last deal | S001-ATTR-28, S001-ATTR-30 (the reassignment's reason) |
 * | `S001-ATTR-13` | 1.1 a closed deal: its performance owner, no expiry | |
 * | `S001-ATTR-26` | 1.2 brought by an existing customer: the original receiver | S000B-ATTR-04 (per `referral.mode`) |
 * | `S001-ATTR-27` | 1.3 a household member received earlier | |
 * | `S001-ATTR-11` | 1.4 the earliest valid (corroborated) registration | S001-ATTR-12, S000B-ATTR-01, S000B-ATTR-02 |
 * | `S001-ATTR-28` | 1.5 B left or is on long leave: the drawn heir | S000B-ATTR-05 |
 * | `S001-ATTR-20` | 1.6 a verified complaint against B: no B | |
 *
 * The first four apply while nobody holds the customer; the last two change a B already found.
 */
const OWNER_STEPS: readonly RuleStep[] = [
  ownerStep('S001-ATTR-10', '001 L64', (s, scope, note) => {
    if (s.prior.id !== null) return s;
    // No reassignment among the customer's events: nothing for this row to find.
    if (lacks(s, scope, 'reassignment')) return s;
    const before = beforeOf(s);
    const lastDeal = lastDealOf(s);
    const lastReassign = lastWhere(s.events, (e) => e.type === 'reassignment' && before(e.at));
    if (lastReassign?.type !== 'reassignment' || (lastDeal && lastReassign.at <= lastDeal.at)) return s;
    const byRule = {
      inadequateService: ['S001-ATTR-10', '001 L64 公司有權將該顧客檔案分配給其他部門或員工'],
      departure: ['S001-ATTR-28', C.c12],
      complaintTimeout: ['S001-ATTR-10', '001 L74'],
      managerDecision: ['S001-ATTR-30', C.crossover],
    } as const;
    const [rule, clause] = byRule[lastReassign.reason];
    // Under a lifecycle with `reassignment`, the reassignment is a claim in that phase, which can end.
    const lc = s.params.lifecycle;
    let expiresOn: string | null = null;
    if (lc?.reassignment) {
      const w = walkClaim(
        { salespersonId: lastReassign.toId, at: lastReassign.at, channel: null, eveningRecord: true },
        s.events.filter((e) => e.at > lastReassign.at && before(e.at)),
        { ...lc, initial: lc.reassignment.phase },
        s.zone,
        scope.state.ctx.calendar,
      );
      expiresOn = w.expiresOn;
      if (expiresOn !== null && localDateOf(s.at, s.zone) >= expiresOn) {
        note(
          rule,
          clause,
          `${lastReassign.toId}受让的客户已于${expiresOn}失效`,
          `The reassignment to ${lastReassign.toId} ended on ${expiresOn}; earlier claims do not come back`,
          { to: lastReassign.toId, expiresOn },
        );
        return s;
      }
    }
    note(
      rule,
      clause,
      `客户档案已重新分配给${lastReassign.toId}`,
      `The customer file was reassigned to ${lastReassign.toId} (${lastReassign.reason})`,
    );
    return {
      ...s,
      prior: { id: lastReassign.toId, basis: 'reassignment', expiresOn, needsManagerReview: false },
    };
  }),
  ownerStep('S001-ATTR-13', C.deal, (s, _scope, note) => {
    if (s.prior.id !== null) return s;
    const lastDeal = lastDealOf(s);
    if (!lastDeal?.followUp) return s;
    const [zh, en] = DEAL_CLOSED.of(lastDeal.followUp, null);
    note('S001-ATTR-13', C.deal, zh, en);
    return {
      ...s,
      prior: { id: lastDeal.followUp, basis: 'deal', expiresOn: null, needsManagerReview: false },
    };
  }),
  ownerStep('S001-ATTR-26', C.c10, (s, scope, note) => {
    if (s.prior.id !== null) return s;
    if (lacks(s, scope, 'referral')) return s;
    const referral = s.events.find((e) => e.type === 'link' && e.kind === 'referral' && e.at <= s.at);
    if (referral?.type !== 'link' || s.params.referral.mode === 'off') return s;
    const rule = s.params.customerScope?.referral;
    if (rule !== undefined) {
      const record = referrerRecord(
        rule,
        scope.state.byCustomer.get(referral.otherCustomerId) ?? [],
        referral.at,
        s.zone,
        scope.state.ctx.calendar,
      );
      if (record === null) {
        const what =
          rule.requires === 'deal'
            ? `成交(${rule.stages.join('、')})`
            : rule.requires === 'registration'
              ? '登记'
              : '';
        const age = rule.minAge === null ? '' : `满${rule.minAge.amount}${unitZh(rule.minAge.unit)}`;
        note(
          'S001-ATTR-26',
          C.c10,
          `推荐人${referral.otherCustomerId}于${localStamp(referral.at, s.zone)}推荐时尚无${age}的${what}记录,老带新不成立`,
          `The referrer ${referral.otherCustomerId} had no ${rule.requires} record${rule.minAge === null ? '' : ` at least ${rule.minAge.amount} ${rule.minAge.unit} old`} when referring on ${localStamp(referral.at, s.zone)}: the referral does not count`,
          { referrer: referral.otherCustomerId, requires: rule.requires, minAge: rule.minAge },
        );
        return s;
      }
    }
    const ref = evaluate(scope.state, referral.otherCustomerId, s.at, null);
    const r = ref.prior.id ?? lastWhere(ref.deals, (d) => Boolean(d.followUp))?.followUp ?? null;
    const designatedR = s.visit?.designatedOnEntry !== undefined && s.visit.designatedOnEntry === r;
    if (r !== null && (s.params.referral.mode === 'originalReceiver' || designatedR)) {
      note(
        s.params.referral.mode === 'originalReceiver' ? 'S001-ATTR-26' : 'S000B-ATTR-04',
        s.params.referral.mode === 'originalReceiver' ? C.c10 : C.b1123,
        `老客户${referral.otherCustomerId}带来的新客户,属原始接待者${r}`,
        `Brought by existing customer ${referral.otherCustomerId}: belongs to the original receiver ${r}`,
      );
      return {
        ...s,
        prior: { id: r, basis: 'referral', expiresOn: ref.prior.expiresOn, needsManagerReview: false },
      };
    }
    if (r !== null) {
      note(
        'S000B-ATTR-04',
        C.b1123,
        `未指定原招商经理${r},由当班人员接待`,
        `The new customer did not ask for ${r}; the manager on duty receives them`,
      );
    }
    return s;
  }),
  ownerStep('S001-ATTR-27', C.c11, (s, scope, note) => {
    if (s.prior.id !== null || scope.firstContactAt === null) return s;
    const cs = s.params.customerScope;
    if (cs !== undefined) {
      const staff = staffRelativeOf(
        cs,
        scope.state.history.staff,
        s.customerId,
        scope.firstContactAt,
        s.at,
        s.zone,
        scope.state.ctx.calendar,
      );
      if (staff !== null) {
        note(
          'S001-ATTR-27',
          '公司客户归属细则（员工亲属登记） / the office’s staff-relative rule',
          `客户为${staff.staffId}已登记的亲属(${staff.relation},${localStamp(staff.declaredAt, s.zone)}登记),归${staff.staffId}`,
          `The customer is ${staff.staffId}'s declared relative (${staff.relation}, declared ${localStamp(staff.declaredAt, s.zone)}) and belongs to ${staff.staffId}`,
          { staffId: staff.staffId, relation: staff.relation, rule: staff.rule },
        );
        return {
          ...s,
          prior: { id: staff.staffId, basis: 'staffRelative', expiresOn: null, needsManagerReview: false },
        };
      }
    }
    const enabled = cs?.related !== undefined ? cs.related.length > 0 : s.params.household.enabled;
    if (!enabled) return s;
    const hh = householdFirst(scope.state, s.customerId, scope.firstContactAt);
    if (!hh) return s;
    note(
      'S001-ATTR-27',
      C.c11,
      `${hh.relation ? `关联客户(${hh.relation})` : '家庭成员'}${hh.member}先由${hh.owner}接待,以先接待者为准`,
      `${hh.relation ? `Related customer (${hh.relation})` : 'Household member'} ${hh.member} was received first by ${hh.owner}; the first receiver prevails`,
    );
    return {
      ...s,
      prior: { id: hh.owner, basis: 'household', expiresOn: hh.expiresOn, needsManagerReview: false },
    };
  }),
  ownerStep('S001-ATTR-11', C.firstVisit, (s, scope, note) =>
    s.prior.id !== null ? s : { ...s, prior: registrationPrior(s, scope, note) },
  ),
  ownerStep('S001-ATTR-28', C.c12, (s, scope, _note, step) => {
    if (s.prior.id === null) return s;
    const record =
      scope.trace === null
        ? null
        : (entry: TraceEntry) => {
            scope.repeatable ??= new Set();
            scope.repeatable.add(entry);
            step.record(entry);
          };
    const heir = heirOf(scope.state, s.customerId, s.prior.id, s.at, record);
    if (heir === s.prior.id) return s;
    return { ...s, prior: { ...s.prior, id: heir, basis: s.prior.basis === 'deal' ? 'deal' : 'heir' } };
  }),
  ownerStep('S001-ATTR-20', C.c4, (s, scope) => {
    const b = s.prior.id;
    if (b === null) return s;
    if (lacks(s, scope, 'complaintVerification')) return s;
    const before = beforeOf(s);
    const excluded = s.events.some(
      (e) =>
        e.type === 'complaintVerification' &&
        e.againstId === b &&
        before(e.at) &&
        e.upheld &&
        (e.notifiedSupervisorAndSalesperson || !s.params.complaint.exclusionRequiresNotification),
    );
    return excluded ? { ...s, prior: NONE } : s;
  }),
];

/**
 * Switches of the rule engine's carried paths, of the batch module's one-pass log reader and of its
 * trace tagging in place, for the tests that hold them to the paths they replace. @internal
 */
export const engineSwitches = {
  carried: true,
  fastLog: true,
  groupedLog: true,
  tagInPlace: true,
  carriedOwner: true,
};

/**
 * Whether a catalog step may use the customer's carried state: the catalog steps alone (a company
 * rule may hand on a state with other events), reading the customer's own events, in time order.
 */
function carries(s: OwnerState, scope: Scope): boolean {
  return engineSwitches.carried && !scope.state.pipelines.custom && s.events === scope.all && scope.ordered;
}

/** `registrationCheck` of a registration, once per customer evaluation (a pure function of it). */
function checkOf(scope: Scope, r: RegistrationEvent, params: SalesOfficeParams) {
  let memo = scope.checks;
  if (memo === undefined) {
    memo = new Map();
    scope.checks = memo;
  }
  let chk = memo.get(r);
  if (chk === undefined) {
    chk = registrationCheck(r, params);
    memo.set(r, chk);
  }
  return chk;
}

/** The key of the constant "no registration corroborated" entry in a customer's written entries. */
const UNCORROBORATED = {};

/**
 * True when the entry keyed by `key` (an invalid registration, or a constant entry's key) was
 * already written for this customer; marks it written.
 */
function noteOnce(scope: Scope, key: object): boolean {
  let noted = scope.notedInvalid;
  if (noted === undefined) {
    noted = new Set();
    scope.notedInvalid = noted;
  }
  if (noted.has(key)) return true;
  noted.add(key);
  return false;
}

/**
 * The salesperson's claim over the first `prefix` events of the customer's time-ordered events:
 * the walk kept for the registration carries on from where it stood (an instant earlier than the
 * walk's starts it again), so each event is walked once per claim instead of once per visit and deal.
 */
function carriedClaim(
  scope: Scope,
  r: RegistrationEvent,
  all: readonly CustomerEvent[],
  prefix: number,
  params: SalesOfficeParams,
  zone: string,
): Claim {
  let walks = scope.walks;
  if (walks === undefined) {
    walks = new Map();
    scope.walks = walks;
  }
  let w = walks.get(r);
  if (w === undefined || w.walked > prefix) {
    w = startClaimWalk(r, params, zone);
    walks.set(r, w);
  }
  if (w.walked < prefix) advanceClaimWalk(w, all, w.walked, prefix, params, zone);
  if (!engineSwitches.carriedOwner) return claimOfWalk(w);
  // A walk that did not move since its last claim hands out that claim again (the rule code only
  // reads claims): no new object at every visit and deal.
  const c = w.handed;
  if (
    c !== undefined &&
    w.handedFrom === w.ignoredAfterExpiry &&
    c.expiresOn === w.expiresOn &&
    c.lapsedOn === w.lapsedOn &&
    c.registeredAt === w.registeredAt &&
    c.corroborated === w.corroborated &&
    c.from === w.from
  )
    return c;
  const claim = claimOfWalk(w);
  w.handed = claim;
  w.handedFrom = w.ignoredAfterExpiry;
  return claim;
}

/**
 * The first valid registration of each salesperson among the customer's first `prefix` events
 * (time order), in the order they came: what `registrationPrior`'s scan finds, kept in the scope
 * and read on from where it stood (an earlier instant takes the leading ones found before it).
 * Invalid registrations are written to the trace once each, when first read, as the scan writes them.
 * Within one evaluation the instants come in time order, so the earlier-instant branch is not reached
 * by the rule code; it is kept correct for any order and held to a plain scan by a direct test.
 * @internal
 */
export function carriedFirsts(
  scope: Scope,
  all: readonly CustomerEvent[],
  prefix: number,
  claimsResetAt: string | null,
  reassignedAt: string | null,
  params: SalesOfficeParams,
  note: Note,
): RegistrationEvent[] {
  let f = scope.firsts;
  if (f === undefined || f.resetAt !== claimsResetAt || f.reassignedAt !== reassignedAt) {
    f = { resetAt: claimsResetAt, reassignedAt, scanned: 0, list: [], at: [] };
    scope.firsts = f;
  }
  const traced = scope.trace !== null;
  for (let i = f.scanned; i < prefix; i++) {
    const e = all[i] as CustomerEvent;
    if (e.type !== 'registration') continue;
    const at = e.at;
    if ((claimsResetAt !== null && at < claimsResetAt) || (reassignedAt !== null && at <= reassignedAt))
      continue;
    const chk = checkOf(scope, e, params);
    if (!chk.valid) {
      if (traced && !noteOnce(scope, e)) noteInvalid(note, e, chk);
      continue;
    }
    const list = f.list;
    let seen = false;
    for (let j = 0; j < list.length; j++)
      if ((list[j] as RegistrationEvent).salespersonId === e.salespersonId) {
        seen = true;
        break;
      }
    if (!seen) {
      list.push(e);
      f.at.push(i);
    }
  }
  if (prefix >= f.scanned) {
    f.scanned = prefix;
    return f.list;
  }
  let k = 0;
  while (k < f.at.length && (f.at[k] as number) < prefix) k++;
  return k === f.list.length ? f.list : f.list.slice(0, k);
}

/** The entry of an invalid registration (S000B-ATTR-01). */
function noteInvalid(
  note: Note,
  e: RegistrationEvent,
  chk: Extract<ReturnType<typeof registrationCheck>, { valid: false }>,
): void {
  note(
    'S000B-ATTR-01',
    '000 L1115 客户信息登记表',
    `${e.salespersonId}的登记无效:缺少${chk.missing.join('、') || '—'}${chk.badChannel ? ',渠道不符' : ''}`,
    `Registration by ${e.salespersonId} is invalid: missing ${chk.missing.join(', ') || '—'}${chk.badChannel ? '; channel not allowed' : ''}`,
  );
}

/** Row 1.4: the earliest valid registration at the instant (S001-ATTR-11/12, S000B-ATTR-01/02). */
function registrationPrior(s: OwnerState, scope: Scope, note: Note): Prior {
  const { params, zone, at: t } = s;
  const all = s.events;
  const claimsResetAt = scope.claimsResetAt;
  const date = localDateOf(t, zone);
  const inclusive = s.inclusive;
  // Under `lifecycle.reassignment`, a reassignment (after the last deal) ends every earlier claim.
  let reassignedAt: string | null = null;
  if (params.lifecycle?.reassignment) {
    const before = beforeOf(s);
    const lastDealAt = lastDealOf(s)?.at ?? '';
    reassignedAt =
      lastWhere(all, (e) => e.type === 'reassignment' && before(e.at) && e.at > lastDealAt)?.at ?? null;
  }
  // The catalog steps read the customer's own time-ordered events: the events before the instant
  // are then a prefix of them, and each salesperson's claim is carried on from where it was last
  // walked (see `carriedClaim`) instead of walked again from the registration.
  const carried = carries(s, scope);
  const traced = scope.trace !== null;
  // The count of events before the instant (a prefix of them, on the carried path).
  let prefix = 0;
  if (carried) {
    while (
      prefix < all.length &&
      (inclusive ? (all[prefix] as CustomerEvent).at <= t : (all[prefix] as CustomerEvent).at < t)
    )
      prefix++;
  }
  // First valid registration of each salesperson, in the order they came (a short list: a Map's
  // insertion order, without the Map); on the carried path kept in the scope from instant to instant.
  const kept = carried && engineSwitches.carriedOwner;
  const firsts: RegistrationEvent[] = kept
    ? carriedFirsts(scope, all, prefix, claimsResetAt, reassignedAt, params, note)
    : [];
  for (let i = 0; !kept && i < all.length; i++) {
    const e = all[i] as CustomerEvent;
    const at = e.at;
    if (!(inclusive ? at <= t : at < t)) {
      if (carried) break; // time order: nothing later is before the instant
      continue;
    }
    if (e.type !== 'registration') continue;
    if ((claimsResetAt !== null && at < claimsResetAt) || (reassignedAt !== null && at <= reassignedAt))
      continue;
    const chk = carried ? checkOf(scope, e, params) : registrationCheck(e, params);
    if (!chk.valid) {
      // The same registration gives the same entry, which the customer's trace keeps once: with the
      // catalog steps alone it is built the first time only.
      if (traced && !(carried && noteOnce(scope, e))) noteInvalid(note, e, chk);
      continue;
    }
    let seen = false;
    for (let j = 0; j < firsts.length; j++)
      if ((firsts[j] as RegistrationEvent).salespersonId === e.salespersonId) {
        seen = true;
        break;
      }
    if (!seen) firsts.push(e);
  }
  const live: Claim[] = [];
  // Every claim computed, for the staleness hand-over (only a lifecycle with `handOver` reads them).
  const computed: Claim[] | null = params.lifecycle?.handOver ? [] : null;
  // Without a lifecycle the claim skips events up to its registration itself: the events before the
  // instant are filtered once for every salesperson's claim.
  let visible: readonly CustomerEvent[] | null = null;
  if (params.lifecycle === undefined && !carried) {
    const before = beforeOf(s);
    visible = all.filter((e) => before(e.at));
  }
  for (let j = 0; j < firsts.length; j++) {
    const r = firsts[j] as RegistrationEvent;
    let claim: Claim;
    if (carried && params.lifecycle === undefined) claim = carriedClaim(scope, r, all, prefix, params, zone);
    else {
      const before = beforeOf(s);
      const later = visible ?? all.filter((e) => e.at > r.at && before(e.at));
      claim = claimOfParsed(r, later, params, zone, scope.state.ctx.calendar);
    }
    computed?.push(claim);
    if (isProtectedParsed(claim, date)) live.push(claim);
    else if (traced) {
      const late = claim.ignoredAfterExpiry.map((x) => localStamp(x, zone)).join('、');
      note(
        'S001-ATTR-12',
        C.validity,
        `${r.salespersonId}的建档已于${claim.expiresOn}失效,与其无关${late ? `;失效后的跟进/登记(${late})不使其恢复` : ''}`,
        `${r.salespersonId}'s file expired on ${claim.expiresOn}; no claim${late ? ` (contact after expiry, ${late}, does not revive it)` : ''}`,
        {
          salespersonId: r.salespersonId,
          expiresOn: claim.expiresOn,
          ...(claim.ignoredAfterExpiry.length > 0 ? { ignoredAfterExpiry: claim.ignoredAfterExpiry } : {}),
        },
      );
    }
  }
  const handedOver = computed === null ? null : handOverClaim(s, scope, computed, note);
  if (handedOver !== null && isProtectedParsed(handedOver, date)) live.push(handedOver);
  // A claim that lapsed and came back by renewal is a fresh claim: it never outranks a claim that
  // was made before it came back and is still protected (S001-ATTR-12 with S001-ATTR-11).
  let lapsed = false;
  for (let j = 0; j < live.length; j++) if ((live[j] as Claim).lapsedOn !== null) lapsed = true;
  const claims = !lapsed
    ? live
    : live.filter((c) => {
        if (c.lapsedOn === null) return true;
        const earlier = live
          .filter((o) => o !== c && o.registeredAt < c.registeredAt)
          .map((o) => o.salespersonId);
        note(
          'S001-ATTR-12',
          C.validity,
          `${c.salespersonId}的建档已于${c.lapsedOn}失效,${localStamp(c.registeredAt, zone)}依${params.lifecycle ? '恢复规则' : `续期规则(${params.protection.renewal})`}重新登记${earlier.length > 0 ? `,但不得优先于期间${earlier.join('、')}的有效登记` : ''}`,
          `${c.salespersonId}'s file lapsed on ${c.lapsedOn} and was renewed on ${localStamp(c.registeredAt, zone)} (${params.lifecycle ? 'a revival rule' : `renewal: ${params.protection.renewal}`})${earlier.length > 0 ? `; it yields to the valid claim of ${earlier.join(', ')} made meanwhile` : ''}`,
          {
            salespersonId: c.salespersonId,
            lapsedOn: c.lapsedOn,
            renewedAt: c.registeredAt,
            ...(earlier.length > 0 ? { yieldsTo: earlier } : {}),
          },
        );
        return earlier.length === 0;
      });
  if (claims.length === 0) return NONE;
  let pool = claims;
  if (params.registration.corroboration === 'preferred') {
    let any = false;
    for (let j = 0; j < claims.length; j++) if ((claims[j] as Claim).corroborated) any = true;
    if (!any) {
      // A constant entry: with the catalog steps alone it is built the first time only (a repeat
      // would be dropped from the customer's trace).
      if (scope.trace !== null && !(carried && noteOnce(scope, UNCORROBORATED))) {
        note(
          'S001-ATTR-11',
          C.firstVisit,
          '登记未见于经理晚会记录,由部门经理裁定',
          'No registration is corroborated by the evening-meeting record; the department manager decides',
        );
      }
      return { ...NONE, needsManagerReview: true };
    }
    // Every claim corroborated (the usual case): the pool is the claims themselves, not a copy.
    let every = true;
    for (let j = 0; j < claims.length; j++) if (!(claims[j] as Claim).corroborated) every = false;
    pool = every ? claims : claims.filter((c) => c.corroborated);
  }
  if (pool.length > 1) {
    pool = [...pool].sort((a, b) =>
      a.registeredAt < b.registeredAt ? -1 : a.registeredAt > b.registeredAt ? 1 : 0,
    );
  }
  const first = pool[0];
  const second = pool[1];
  if (!first) return NONE;
  if (second && second.registeredAt === first.registeredAt) {
    note(
      'S000B-ATTR-02',
      C.b1119,
      `${first.salespersonId}与${second.salespersonId}登记时间相同,由管理层裁定`,
      `${first.salespersonId} and ${second.salespersonId} registered at the same time; management decides`,
    );
    return { ...NONE, needsManagerReview: true };
  }
  // Written once per customer and registration: a repeat (same rule, same text) would be dropped
  // from the trace anyway. Only the catalog steps are known not to change the zone or the policy
  // between two resolutions, so with a company's own rules every repeat is built and dropped as before.
  const noted = scope.notedFirst;
  const repeat =
    !scope.state.pipelines.custom &&
    noted !== undefined &&
    noted.id === first.salespersonId &&
    noted.at === first.registeredAt;
  if (!repeat && scope.trace !== null) {
    note(
      params.registration.corroboration === 'preferred' ? 'S001-ATTR-11' : 'S000B-ATTR-02',
      params.registration.corroboration === 'preferred' ? C.firstVisit : C.b1119,
      `${first.salespersonId}登记最早(${localStamp(first.registeredAt, zone)}),为其客户`,
      `${first.salespersonId} registered first (${localStamp(first.registeredAt, zone)}) and owns the customer`,
      { claims: pool.map((c) => c.salespersonId), registeredAt: first.registeredAt },
    );
    scope.notedFirst = { id: first.salespersonId, at: first.registeredAt };
  }
  if (first.phase !== undefined) {
    const label = params.lifecycle?.phases[first.phase]?.label ?? first.phase;
    note(
      'attribution.lifecycle',
      '公司客户归属细则 / the office’s own attribution rules',
      `${first.salespersonId}的客户处于${label}阶段,保护至${first.expiresOn ?? '不限期'}${first.expiresOn ? '(不含)' : ''}`,
      `${first.salespersonId}'s claim is in phase ${first.phase}, protected ${first.expiresOn ? `until ${first.expiresOn} (exclusive)` : 'without limit'}`,
      { salespersonId: first.salespersonId, phase: first.phase, expiresOn: first.expiresOn },
    );
  }
  return {
    id: first.salespersonId,
    basis: 'registration',
    expiresOn: first.expiresOn,
    needsManagerReview: false,
  };
}

/**
 * Staleness hand-over (`lifecycle.handOver`): the first day a claim ran out of time while no other
 * claim was live, the customer goes to the first rostered staff member with the role, as a claim in
 * the hand-over phase that ranks from the start of that day.
 */
function handOverClaim(s: OwnerState, scope: Scope, claims: readonly Claim[], note: Note): Claim | null {
  const lc = s.params.lifecycle;
  if (!lc?.handOver) return null;
  const { zone } = s;
  const today = localDateOf(s.at, zone);
  const ends = claims
    .filter((c) => c.endedBy === 'elapsed' && c.expiresOn !== null && c.expiresOn <= today)
    .map((c) => c.expiresOn as string)
    .sort();
  const day = ends.find((x) =>
    claims.every(
      (o) =>
        localDateOf(o.registeredAt, zone) > x ||
        (o.expiresOn !== null && o.expiresOn <= x) ||
        (o.lapsedOn !== null && o.lapsedOn <= x && localDateOf(o.registeredAt, zone) > x),
    ),
  );
  if (day === undefined) return null;
  const role = lc.handOver.role;
  const holder = scope.state.history.staff.find((m) => m.roles.includes(role));
  if (holder === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['history', 'staff'],
      `客户于${day}逾期须移交角色 ${role}，但名册中无此角色 / the customer went stale on ${day} and must be handed over to role ${role}, but no staff member has that role`,
      { role, fact: 'roles' },
    );
  }
  const at = atLocal(day, '00:00', zone);
  const later = s.events.filter((e) => e.at > at && beforeOf(s)(e.at));
  const w = walkClaim(
    { salespersonId: holder.id, at, channel: null, eveningRecord: true },
    later,
    { ...lc, initial: lc.handOver.phase },
    zone,
    scope.state.ctx.calendar,
  );
  note(
    'S001-ATTR-10',
    '公司客户归属细则（逾期移交） / the office’s hand-over rule',
    `客户于${day}因逾期未跟进移交${holder.id}(${lc.handOver.role}),进入${lc.phases[lc.handOver.phase]?.label ?? lc.handOver.phase}阶段`,
    `The customer went stale on ${day} and was handed over to ${holder.id} (${lc.handOver.role}) in phase ${lc.handOver.phase}`,
    { to: holder.id, role: lc.handOver.role, on: day, expiresOn: w.expiresOn },
  );
  return {
    salespersonId: holder.id,
    registeredAt: at,
    corroborated: true,
    from: w.from,
    expiresOn: w.expiresOn,
    lapsedOn: w.lapsedOn,
    ignoredAfterExpiry: w.ignoredAfterExpiry,
    phase: w.phase,
    endedBy: w.endedBy,
  };
}

function householdFirst(
  state: State,
  customerId: string,
  firstContactAt: string,
): { member: string; owner: string; expiresOn: string | null; relation: Relation | null } | null {
  const members = state.households.get(customerId) ?? new Set<string>();
  const related = state.params.customerScope?.related;
  let best: {
    member: string;
    owner: string;
    expiresOn: string | null;
    at: string;
    relation: Relation | null;
  } | null = null;
  for (const m of members) {
    const ev = state.byCustomer.get(m) ?? [];
    const first = ev.find((e) => e.type === 'registration' || e.type === 'visit');
    if (!first || first.at >= firstContactAt) continue;
    const relation = state.linkRelations.get(`${customerId}|${m}`) ?? null;
    const rule = related !== undefined && relation !== null ? relatedRuleFor(related, relation) : undefined;
    if (related !== undefined) {
      if (rule === undefined) continue;
      if (!withinRelatedWindow(rule, first.at, firstContactAt, state.zone, state.ctx.calendar)) continue;
    }
    const res = evaluate(state, m, firstContactAt, null);
    if (res.prior.id === null) continue;
    const requireValid = rule !== undefined ? rule.requireValidFile : state.params.household.requireValidFile;
    if (!requireValid || isProtectedParsed(res.prior, localDateOf(firstContactAt, state.zone))) {
      if (!best || first.at < best.at)
        best = { member: m, owner: res.prior.id, expiresOn: res.prior.expiresOn, at: first.at, relation };
    }
  }
  return best
    ? {
        member: best.member,
        owner: best.owner,
        expiresOn: best.expiresOn,
        relation: related !== undefined ? best.relation : null,
      }
    : null;
}

/** A duration unit in Chinese, for trace text. */
function unitZh(unit: 'calendarDays' | 'workingDays' | 'calendarMonths'): string {
  return unit === 'calendarDays' ? '天' : unit === 'workingDays' ? '个工作日' : '个月';
}

function collectViolations(state: State, customerId: string, trace: Trace, moduleId: string): Violation[] {
  const out: Violation[] = [];
  const own = state.byCustomer.get(customerId) ?? [];
  for (let i = 0; i < own.length; i++) {
    const e = own[i] as CustomerEvent;
    if (e.type === 'visit') {
      for (const who of e.neglectedBy) {
        out.push(
          violation(
            moduleId,
            { rule: 'S001-ATTR-14', clause: C.wishes },
            {
              code: 'attribution.reception.neglect',
              personId: who,
              occurredAt: e.at,
              subject: { kind: 'customer', id: customerId },
            },
          ),
        );
        trace.add('S001-ATTR-14', C.wishes, `${who}冷落客户`, `${who} neglected the customer`);
      }
    }
    if (e.type === 'dispute' && (e.outcome === 'quarrel' || e.outcome === 'refusedRuling')) {
      const who = e.outcome === 'quarrel' ? e.parties : e.refusedBy !== undefined ? [e.refusedBy] : e.parties;
      for (const p of who) {
        out.push(
          violation(
            moduleId,
            { rule: 'S001-ATTR-30', clause: C.crossover },
            {
              code:
                e.outcome === 'quarrel'
                  ? 'attribution.crossover.quarrel'
                  : 'attribution.crossover.refusedRuling',
              personId: p,
              occurredAt: e.at,
              subject: { kind: 'unit', id: e.unitId ?? customerId },
            },
          ),
        );
      }
    }
  }
  return out;
}

export type { SalesEvent };
