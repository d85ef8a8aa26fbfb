import { type Decision, InstantSchema, parseInput, Trace } from '@zhidu/core';
import { z } from 'zod';
import { SEED } from './build.js';

/** The eight steps of S002-FLOW-01 (the last is internal collaboration, not a customer state). */
export const CustomerServiceStepSchema = z.enum([
  'reception',
  'productIntroduction',
  'contractSigned',
  'inspectionHandover',
  'support',
  'repairFollowUp',
  'satisfactionSurvey',
  'internalCollaboration',
]);
/** A step of the customer-service workflow (core's `WorkflowStepSchema` is a step of a guarded state machine). */
export type CustomerServiceStep = z.infer<typeof CustomerServiceStepSchema>;

/** Where a customer stands in the workflow. */
export const WorkflowStateSchema = z.strictObject({
  hasFile: z.boolean(),
  completedSteps: z.array(CustomerServiceStepSchema),
});
/** Where a customer stands in the workflow. */
export type WorkflowState = z.infer<typeof WorkflowStateSchema>;

/** Why a step may not start yet. */
export type StepRefusal = 'FILE_REQUIRED' | 'PREVIOUS_STEP_MISSING';

const SEQUENTIAL: readonly CustomerServiceStep[] = [
  'reception',
  'productIntroduction',
  'contractSigned',
  'inspectionHandover',
];

/**
 * Whether a customer may enter a step of the customer-service workflow (S002-FLOW-01, 002 L5–L12).
 * Steps 1–4 are strictly sequential and everything after reception needs the customer file (接待客户,
 * 并建立客户档案). Reading of the catalog: support (step 5) may start after reception; repairs and
 * satisfaction surveys (6, 7) only after the handover; internal collaboration (8) has no gate.
 *
 * @param state - whether the file exists and which steps are done
 * @param step - the step to enter
 * @returns `{ ok, reason?, missing? }` with a trace
 * @throws ZhiduError `invalid_input` for an unknown step
 * @example
 * canEnterStep({ hasFile: true, completedSteps: ['reception', 'productIntroduction'] }, 'inspectionHandover').value
 * //=> { ok: false, reason: 'PREVIOUS_STEP_MISSING', missing: ['contractSigned'] }
 */
export function canEnterStep(
  state: WorkflowState,
  step: CustomerServiceStep,
): Decision<{ ok: boolean; reason?: StepRefusal; missing?: CustomerServiceStep[] }> {
  const s = parseInput(WorkflowStateSchema, state, ['state']);
  const target = parseInput(CustomerServiceStepSchema, step, ['step']);
  const clause = `${SEED.s002} L5-L12`;
  const trace = new Trace();
  if (target === 'internalCollaboration' || target === 'reception') {
    trace.add('S002-FLOW-01', clause, '该步骤无前置条件', 'this step has no precondition', { step: target });
    return trace.decide({ ok: true });
  }
  if (!s.hasFile) {
    trace.add(
      'S002-FLOW-01',
      `${SEED.s002} L5`,
      '须先建立客户档案',
      'the customer file must be created first',
      {
        step: target,
      },
    );
    return trace.decide({ ok: false, reason: 'FILE_REQUIRED' });
  }
  const index = SEQUENTIAL.indexOf(target);
  const prerequisites =
    index >= 0 ? SEQUENTIAL.slice(0, index) : target === 'support' ? SEQUENTIAL.slice(0, 1) : [...SEQUENTIAL];
  const missing = prerequisites.filter((p) => !s.completedSteps.includes(p));
  if (missing.length > 0) {
    trace.add(
      'S002-FLOW-01',
      clause,
      `前置步骤未完成:${missing.join('、')}`,
      `previous steps not done: ${missing.join(', ')}`,
      { step: target, missing },
    );
    return trace.decide({ ok: false, reason: 'PREVIOUS_STEP_MISSING', missing });
  }
  trace.add('S002-FLOW-01', clause, '前置步骤均已完成', 'all previous steps are done', { step: target });
  return trace.decide({ ok: true });
}

/** Events of the purchase lifecycle (S002-FLOW-04), including the unit's construction completion. */
export const PurchaseEventSchema = z.strictObject({
  stage: z.enum([
    'intentReception',
    'siteVisit',
    'intentLetterSigned',
    'contractSigned',
    'constructionCompleted',
    'deliveredAccepted',
    'afterSales',
  ]),
  at: InstantSchema,
});
/** One event of a customer's purchase. */
export type PurchaseEvent = z.input<typeof PurchaseEventSchema>;

/** Parameters of {@link checkPurchaseSequence}. */
export const PurchaseSequenceOptionsSchema = z.strictObject({
  /**
   * Whether the formal contract needs a prior intent letter. The seed describes the usual path
   * (在购房意向书签订之后), it does not forbid a direct contract; a compliance officer would require it.
   */
  requireIntentLetter: z.boolean().default(true),
});
/** Parameters of {@link checkPurchaseSequence}. */
export type PurchaseSequenceOptions = z.input<typeof PurchaseSequenceOptionsSchema>;

/** An ordering breach found by {@link checkPurchaseSequence}. */
export interface PurchaseSequenceBreach {
  stage: 'contractSigned' | 'deliveredAccepted';
  reason: 'INTENT_LETTER_MISSING' | 'CONSTRUCTION_NOT_COMPLETE' | 'CONTRACT_MISSING';
  at: string;
}

/**
 * Checks the order of a purchase (S002-FLOW-04, 002 L52–L59): the formal contract follows the intent
 * letter (购房意向书签订之后…签订正式购房合同), and delivery follows both construction completion
 * (当房屋建设完毕后…验收交付) and the contract. Events are ordered by time; equal times keep input order.
 *
 * @param events - the customer's events and the unit's construction completion
 * @param options - {@link PurchaseSequenceOptions}
 * @returns `{ ok, breaches }` with a trace citing each breach
 * @throws ZhiduError for an unknown stage or a malformed instant
 * @example
 * checkPurchaseSequence([
 *   { stage: 'contractSigned', at: '2024-03-01T10:00:00+08:00' },
 *   { stage: 'intentLetterSigned', at: '2024-03-05T10:00:00+08:00' },
 * ]).value.breaches[0]?.reason; //=> 'INTENT_LETTER_MISSING'
 */
export function checkPurchaseSequence(
  events: readonly PurchaseEvent[],
  options: PurchaseSequenceOptions = {},
): Decision<{ ok: boolean; breaches: PurchaseSequenceBreach[] }> {
  const list = parseInput(z.array(PurchaseEventSchema), events, ['events']);
  const o = parseInput(PurchaseSequenceOptionsSchema, options, ['options']);
  const sorted = list
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => (a.at === b.at ? a.i - b.i : a.at < b.at ? -1 : 1));
  const clause = `${SEED.s002} L52-L59`;
  const trace = new Trace();
  const breaches: PurchaseSequenceBreach[] = [];
  const seen = new Set<string>();
  for (const e of sorted) {
    if (e.stage === 'contractSigned' && o.requireIntentLetter && !seen.has('intentLetterSigned')) {
      breaches.push({ stage: e.stage, reason: 'INTENT_LETTER_MISSING', at: e.at });
      trace.add(
        'S002-FLOW-04',
        `${SEED.s002} L57`,
        '签订正式购房合同前未签购房意向书',
        'formal contract signed before any intent letter',
        {
          at: e.at,
        },
      );
    }
    if (e.stage === 'deliveredAccepted') {
      if (!seen.has('constructionCompleted')) {
        breaches.push({ stage: e.stage, reason: 'CONSTRUCTION_NOT_COMPLETE', at: e.at });
        trace.add(
          'S002-FLOW-04',
          `${SEED.s002} L58`,
          '房屋建设完毕前交付',
          'delivered before construction was complete',
          {
            at: e.at,
          },
        );
      }
      if (!seen.has('contractSigned')) {
        breaches.push({ stage: e.stage, reason: 'CONTRACT_MISSING', at: e.at });
        trace.add('S002-FLOW-04', clause, '未签正式购房合同即交付', 'delivered without a formal contract', {
          at: e.at,
        });
      }
    }
    seen.add(e.stage);
  }
  if (breaches.length === 0) {
    trace.add('S002-FLOW-04', clause, '购房流程顺序符合要求', 'the purchase steps are in order', {
      requireIntentLetter: o.requireIntentLetter,
    });
  }
  return trace.decide({ ok: breaches.length === 0, breaches });
}
