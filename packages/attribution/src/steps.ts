/**
 * The sales-office procedure (seed 001 篇2, Procedure II) as core `RulePipeline`s whose steps are
 * named by catalog id, so a company can put its own rule before, after or instead of any one of them:
 *
 * - `owner` — step 1, the prior owner B at an instant (at each visit, at each deal, and at `ctx.now`);
 * - `visit` — step 2, how a visit is classified (first matching row wins);
 * - `deal` — step 3, how a deal's performance credit and bonus split (first matching row wins).
 *
 * Each pipeline passes a typed state ({@link AttributionState}) from step to step; a step returns the
 * state with its conclusion (`prior`, `outcome` or `attribution`) or unchanged when its row does not
 * apply.
 */
import { type CustomRule as CoreCustomRule, type RuleStep as CoreRuleStep, RulePipeline } from '@zhidu/core';
import { z } from 'zod';
import type { Pipelines } from './engine-state.js';
import type { CustomerEvent, DealEvent, VisitEvent } from './events.js';
import { LocalDateSchema, ZhiduError } from './kernel.js';
import {
  type ClaimBasis,
  ClaimBasisSchema,
  type DealAttribution,
  DealAttributionSchema,
  type VisitOutcome,
  VisitOutcomeSchema,
} from './ownership.js';
import type { SalesOfficeParams } from './policy.js';

/** Which decision a step takes part in: the prior owner, a visit's case, or a deal's split. */
export type AttributionPhase = 'owner' | 'visit' | 'deal';

const PHASES: readonly AttributionPhase[] = ['owner', 'visit', 'deal'];

/** The prior owner B of Procedure II step 1 (`id: null` when nobody holds the customer). */
export type PriorOwner = {
  id: string | null;
  basis: ClaimBasis | null;
  /** first unprotected local date of the claim; null when it never expires or there is no owner */
  expiresOn: string | null;
  /** the evidence does not settle B; the department manager decides */
  needsManagerReview: boolean;
};

/** What a step may leave as the prior owner: re-validated after a company's own step. */
export const PriorOwnerSchema = z.strictObject({
  id: z.string().min(1).nullable(),
  basis: ClaimBasisSchema.nullable(),
  /** first unprotected local date of the claim; null when it never expires or there is no owner */
  expiresOn: LocalDateSchema.nullable(),
  needsManagerReview: z.boolean(),
});

/** A visit with its classification. */
export type ClassifiedVisit = VisitOutcome & { event: VisitEvent };

/** What every state carries: the customer, the instant resolved at, the customer's events, the policy. */
export interface AttributionStateBase {
  customerId: string;
  /** the instant the customer is resolved at (`ctx.now`) */
  asOf: string;
  /** the customer's events up to `asOf`, in time order (read only: a rewrite does not carry forward) */
  events: readonly CustomerEvent[];
  /** the policy parameters in force */
  params: SalesOfficeParams;
  /** zone of local dates */
  zone: string;
  /** the sales department (a forfeited deal's performance goes to it) */
  departmentId: string;
}

/** Step 1: who the prior owner B is at `at`. Steps set `prior`; the first owner found stands. */
export interface OwnerState extends AttributionStateBase {
  phase: 'owner';
  /** the instant B is sought at: a visit, a deal, or `asOf` */
  at: string;
  /** whether events at `at` itself count (only for the resolution at `asOf`) */
  inclusive: boolean;
  /** the visit B is sought for, if any */
  visit: VisitEvent | null;
  /** the customer's deals attributed before `at` */
  deals: readonly DealAttribution[];
  prior: PriorOwner;
}

/** Step 2: how the visit is classified. Steps set `outcome`; the first row that matches stands. */
export interface VisitState extends AttributionStateBase {
  phase: 'visit';
  visit: VisitEvent;
  /** 1 for the customer's first visit */
  visitNo: number;
  /** B at the visit (step 1) */
  prior: PriorOwner;
  outcome: VisitOutcome | null;
}

/** Step 3: how the deal splits. Steps set `attribution`; the first row that matches stands. */
export interface DealState extends AttributionStateBase {
  phase: 'deal';
  deal: DealEvent;
  /** the visits classified before the deal */
  visits: readonly ClassifiedVisit[];
  /** B at the deal (step 1) */
  prior: PriorOwner;
  /** the latest visit before the deal whose case is not OWNER, HANDBACK or DISCOUNT */
  governing: ClassifiedVisit | null;
  attribution: DealAttribution | null;
}

/** The state a step of the sales-office procedure takes and returns. */
export type AttributionState = OwnerState | VisitState | DealState;

/** One step of the sales-office procedure (a catalog rule or a company's own). */
export type RuleStep = CoreRuleStep<AttributionState>;

/**
 * A company's own rule placed before, after or instead of a catalog step. A catalog id that acts in
 * several phases (S001-ATTR-20 in all three) gets the rule in each, unless `phase` names one; the
 * step tells where it runs from `state.phase`.
 */
export type CustomRule = CoreCustomRule<AttributionState> & { phase?: AttributionPhase };

/** The catalog steps of each phase, in evaluation order. */
export type CatalogSteps = Readonly<Record<AttributionPhase, readonly RuleStep[]>>;

/**
 * Builds the three pipelines with a company's rules placed. Every rule is checked before anything
 * runs: its shape, its anchor (a catalog step id, or a custom step placed earlier in the list) and
 * its step id (unique in each pipeline it joins).
 *
 * @param catalog - the built-in steps of each phase
 * @param rules - the company's rules, in the order given
 * @param root - where the rules sit in the caller's input (`['options', 'stepRules']`)
 * @throws ZhiduError `invalid_input` for a malformed rule, `unknown_reference` for an unknown anchor
 *   (naming the nearest step id), `duplicate` for a step id already in the pipeline
 */
export function buildPipelines(catalog: CatalogSteps, rules: unknown, root: (string | number)[]): Pipelines {
  const base = (phase: AttributionPhase) => new RulePipeline<AttributionState>(catalog[phase]);
  const out = { owner: base('owner'), visit: base('visit'), deal: base('deal') };
  if (rules === undefined) return { ...out, custom: false };
  if (!Array.isArray(rules)) {
    throw new ZhiduError(
      'invalid_input',
      root,
      '自定义规则须为数组 / the custom rules must be an array of { before | after | replace, step }',
    );
  }
  rules.forEach((rule: unknown, i) => {
    const at = [...root, i];
    const r = shapeOf(rule, at);
    const phases = PHASES.filter(
      (p) => (r.phase === undefined || r.phase === p) && out[p].ids.includes(r.anchor),
    );
    if (phases.length === 0) {
      const known = [...new Set(PHASES.flatMap((p) => out[p].ids))];
      const near = nearest(r.anchor, known);
      throw new ZhiduError(
        'unknown_reference',
        [...at, r.kind],
        `没有步骤 ${r.anchor}${r.phase ? `（${r.phase}）` : ''}，最接近的是 ${near} / no step ${r.anchor}${r.phase ? ` in the ${r.phase} phase` : ''} in the sales-office procedure; the nearest is ${near}`,
        { nearest: near, known },
      );
    }
    for (const p of phases) {
      if (out[p].ids.includes(r.step.id)) {
        throw new ZhiduError(
          'duplicate',
          [...at, 'step', 'id'],
          `步骤 ${r.step.id} 已在${p}流程中 / step id ${r.step.id} is already in the ${p} pipeline`,
        );
      }
      const step = r.step as RuleStep;
      out[p] =
        r.kind === 'before'
          ? out[p].insertBefore(r.anchor, step)
          : r.kind === 'after'
            ? out[p].insertAfter(r.anchor, step)
            : out[p].replace(r.anchor, step);
    }
  });
  return { ...out, custom: rules.length > 0 };
}

function shapeOf(
  rule: unknown,
  at: (string | number)[],
): {
  kind: 'before' | 'after' | 'replace';
  anchor: string;
  step: { id: string };
  phase: AttributionPhase | undefined;
} {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    throw new ZhiduError(
      'invalid_input',
      at,
      '自定义规则须为 { before | after | replace: 步骤标识, step } / a custom rule is { before | after | replace: step id, step }',
    );
  }
  const r = rule as Record<string, unknown>;
  const kinds = (['before', 'after', 'replace'] as const).filter((k) => k in r);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined || typeof r[kind] !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      at,
      '自定义规则须恰有 before、after、replace 之一，且为步骤标识 / a custom rule names exactly one of before, after or replace, as a step id',
    );
  }
  const step = r.step as Record<string, unknown> | null | undefined;
  if (step === null || typeof step !== 'object' || typeof step.id !== 'string' || step.id === '') {
    throw new ZhiduError(
      'invalid_input',
      [...at, 'step'],
      '自定义规则的 step 须为 { id: 非空字符串, run: 函数 } / a custom rule’s step is { id: non-empty string, run: function }',
    );
  }
  if (typeof step.run !== 'function') {
    throw new ZhiduError(
      'invalid_input',
      [...at, 'step', 'run'],
      `自定义规则 ${step.id} 的 run 须为函数 / custom rule ${step.id}: run must be a function`,
    );
  }
  const phase = r.phase;
  if (phase !== undefined && !PHASES.includes(phase as AttributionPhase)) {
    throw new ZhiduError(
      'invalid_input',
      [...at, 'phase'],
      `phase 须为 owner、visit 或 deal / phase must be owner, visit or deal`,
    );
  }
  return {
    kind,
    anchor: r[kind] as string,
    step: step as { id: string },
    phase: phase as AttributionPhase | undefined,
  };
}

/**
 * The known id closest to `id` (edit distance, ignoring case; ties go to the first listed), to name in
 * an unknown-step refusal.
 *
 * @example
 * nearest('S001-ATTR-260', ['S001-ATTR-26', 'S001-ATTR-27']); //=> 'S001-ATTR-26'
 */
export function nearest(id: string, known: readonly string[]): string {
  let best = known[0] ?? '';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = editDistance(id.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Re-validates the state a company's step returned (the pipeline prefixes the refusal's path with
 * `['customRules', <the step's id>]`): still an object of the same phase, and its conclusion —
 * `prior`, `outcome` or `attribution` — well formed, a deal's shares summing to 100 %.
 */
export function checkState(phase: AttributionPhase): (state: AttributionState) => void {
  return (state) => {
    if (state === null || typeof state !== 'object' || Array.isArray(state)) {
      throw new ZhiduError(
        'invalid_state',
        [],
        `自定义规则须返回${phase}阶段的状态 / a custom rule must return the ${phase} state`,
      );
    }
    if (state.phase !== phase) {
      throw new ZhiduError(
        'invalid_state',
        ['phase'],
        `自定义规则不得改变阶段（应为 ${phase}） / a custom rule must not change the phase (expected ${phase})`,
      );
    }
    if (state.phase === 'owner') {
      parseAt(PriorOwnerSchema, state.prior, ['prior']);
    } else if (state.phase === 'visit') {
      if (state.outcome !== null) parseAt(VisitOutcomeSchema, state.outcome, ['outcome']);
    } else if (state.attribution !== null) {
      checkShares(parseAt(DealAttributionSchema, state.attribution, ['attribution']), ['attribution']);
    }
  };
}

function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: (string | number)[]): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ZhiduError(
    'invalid_input',
    [...path, ...((issue?.path ?? []) as (string | number)[])],
    `自定义规则的结论不合格：${issue?.message ?? ''} / a custom rule left a malformed ${path.join('.')}: ${issue?.message ?? ''}`,
  );
}

/**
 * Refuses a deal whose performance or bonus shares (when any) do not sum to 100 %.
 * @internal
 */
export function checkShares(deal: DealAttribution, path: (string | number)[]): void {
  for (const kind of ['performance', 'bonus'] as const) {
    const total = deal[kind].reduce((sum, share) => sum + share.bp, 0);
    if (deal[kind].length > 0 && total !== 10_000) {
      throw new ZhiduError(
        'invalid_state',
        [...path, kind],
        `自定义规则使${kind}份额合计为 ${total / 100}%，而非 100% / a custom rule left ${kind} shares summing to ${total / 100} %, not 100 %`,
      );
    }
  }
}
