import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { fastParser, NOT_PARSED } from './parse-fast.js';
import { deepFreeze } from './plain.js';
import {
  checkWorkflowStep,
  parseWorkflow,
  type WorkflowInput,
  WorkflowSchema,
  WorkflowStepSchema,
} from './workflow.js';

const review: WorkflowInput = {
  id: 'archiveReview',
  rule: 'S000-ARCHIVE-05',
  clause: '000 L251',
  states: ['entered', 'preReviewed', 'archived'],
  initial: 'entered',
  final: ['archived'],
  transitions: [
    { action: 'preliminaryPass', from: ['entered'], to: 'preReviewed', roles: ['salesManager'] },
    {
      action: 'archive',
      from: ['preReviewed'],
      to: 'archived',
      requires: ['signature'],
      rule: 'S000-ARCHIVE-06',
      clause: '000 L252',
    },
    { action: 'note', from: ['*'], to: '*' },
    { action: 'reopen', from: ['archived'], to: 'entered', guard: [{ attribute: 'daysSince', lte: 30 }] },
  ],
  recusal: { facts: ['complainedAbout'], rule: 'S000-COMPLAINT-02', clause: '000 L600' },
};

describe('checkWorkflowStep', () => {
  it('moves along an allowed transition, citing the workflow rule or the transition’s own', () => {
    const d = checkWorkflowStep(review, 'entered', {
      action: 'preliminaryPass',
      actor: { id: 'm1', roles: ['salesManager'] },
    });
    expect(d.value).toEqual({
      allowed: true,
      from: 'entered',
      to: 'preReviewed',
      rule: 'S000-ARCHIVE-05',
      clause: '000 L251',
    });
    expect(d.trace[0]?.message.en).toBe('m1 preliminaryPass: entered → preReviewed');
    const a = checkWorkflowStep(review, 'preReviewed', {
      action: 'archive',
      actor: { id: 'c1' },
      facts: { signature: 'Li' },
    });
    expect(a.value).toMatchObject({ allowed: true, to: 'archived', rule: 'S000-ARCHIVE-06' });
  });

  it("'*' allows an action in any state and keeps the state", () => {
    expect(checkWorkflowStep(review, 'archived', { action: 'note', actor: { id: 'x' } }).value).toMatchObject(
      {
        allowed: true,
        from: 'archived',
        to: 'archived',
      },
    );
  });

  it('refuses with a reason: wrong state, role, missing facts, guard, recusal', () => {
    const wrongState = checkWorkflowStep(review, 'entered', { action: 'archive', actor: { id: 'c1' } }).value;
    expect(wrongState).toMatchObject({
      allowed: false,
      reason: 'not_allowed_from_state',
      possible: ['preliminaryPass', 'note'],
    });
    const role = checkWorkflowStep(review, 'entered', {
      action: 'preliminaryPass',
      actor: { id: 'c1', roles: ['clerk'] },
    });
    expect(role.value).toMatchObject({
      allowed: false,
      reason: 'role_not_permitted',
      roles: ['salesManager'],
    });
    expect(role.trace[0]?.message.en).toBe(
      'refused step preliminaryPass by c1 (role_not_permitted: salesManager); state stays entered',
    );
    const facts = checkWorkflowStep(review, 'preReviewed', {
      action: 'archive',
      actor: { id: 'c1' },
      facts: { signature: '' },
    });
    expect(facts.value).toMatchObject({ reason: 'missing_facts', missing: ['signature'] });
    const guard = checkWorkflowStep(review, 'archived', {
      action: 'reopen',
      actor: { id: 'c1' },
      facts: { daysSince: 31 },
    });
    expect(guard.value).toMatchObject({ reason: 'guard_failed' });
    const recused = checkWorkflowStep(review, 'archived', {
      action: 'note',
      actor: { id: 'u9' },
      facts: { complainedAbout: 'u9' },
    });
    expect(recused.value).toMatchObject({ reason: 'recused', rule: 'S000-COMPLAINT-02' });
  });

  it('says the refusal reason in Chinese in the zh trace (须回避, not recused) and keeps the code in data', () => {
    const recused = checkWorkflowStep(review, 'archived', {
      action: 'note',
      actor: { id: 'u9' },
      facts: { complainedAbout: 'u9' },
    });
    expect(recused.trace[0]?.message.zh).toBe('拒绝 u9 的步骤 note(须回避),状态保持 archived');
    expect(recused.trace[0]?.data).toMatchObject({ reason: 'recused', state: 'archived', action: 'note' });
    const role = checkWorkflowStep(review, 'entered', {
      action: 'preliminaryPass',
      actor: { id: 'c1', roles: ['clerk'] },
    });
    expect(role.trace[0]?.message.zh).toBe(
      '拒绝 c1 的步骤 preliminaryPass(岗位无权执行:salesManager),状态保持 entered',
    );
  });

  it('alternatives for one action: the first passing wins, else the first failure is reported', () => {
    const wf: WorkflowInput = {
      id: 'reply',
      rule: 'R',
      clause: 'C',
      initial: 'open',
      transitions: [
        { action: 'reply', from: ['open'], to: 'replied', requires: ['letter'] },
        {
          action: 'reply',
          from: ['open'],
          to: 'replied',
          requires: ['oralReason'],
          rule: 'R2',
          clause: 'C2',
        },
      ],
    };
    expect(
      checkWorkflowStep(wf, 'open', { action: 'reply', actor: { id: 'a' }, facts: { oralReason: 'phone' } })
        .value,
    ).toMatchObject({ allowed: true, rule: 'R2' });
    expect(checkWorkflowStep(wf, 'open', { action: 'reply', actor: { id: 'a' } }).value).toMatchObject({
      allowed: false,
      missing: ['letter'],
      rule: 'R',
    });
  });

  it('refuses an unknown action (naming the nearest), an undeclared state and malformed steps', () => {
    const action = refusal(() =>
      checkWorkflowStep(review, 'entered', { action: 'archiv', actor: { id: 'c1' } }),
    );
    expect(action.code).toBe('unknown_reference');
    expect(action.path).toEqual(['step', 'action']);
    expect(action.message).toContain('"archive"');
    const state = refusal(() => checkWorkflowStep(review, 'lost', { action: 'note', actor: { id: 'c1' } }));
    expect([state.code, state.path]).toEqual(['unknown_reference', ['state']]);
    const actor = refusal(() =>
      checkWorkflowStep(review, 'entered', { action: 'note', actor: { personId: 'c1' } } as never),
    );
    expect(actor.path).toEqual(['step', 'actor', 'personId']);
  });

  it('a transition to an undeclared state is refused when the workflow is parsed', () => {
    const r = WorkflowSchema.safeParse({
      ...review,
      transitions: [{ action: 'x', from: ['entered'], to: 'archvied' }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['transitions', 0, 'to']);
    const bad = refusal(() =>
      checkWorkflowStep({ ...review, initial: 'nowhere' }, 'entered', { action: 'note', actor: { id: 'a' } }),
    );
    expect(bad.path).toEqual(['workflow', 'initial']);
  });
});

describe('parseWorkflow: a workflow validated once for many steps', () => {
  it('is the parsed workflow, frozen through, and refuses what the step check refuses', () => {
    const wf = parseWorkflow(review);
    expect(wf).toEqual(WorkflowSchema.parse(review));
    expect([
      Object.isFrozen(wf),
      Object.isFrozen(wf.transitions),
      Object.isFrozen(wf.transitions[3]?.guard),
    ]).toEqual([true, true, true]);
    const bad = { ...review, transitons: [] };
    expect(refusal(() => parseWorkflow(bad as never)).path).toEqual(['workflow', 'transitons']);
    expect(refusal(() => parseWorkflow(bad as never, ['policy', 'workflow'])).path).toEqual([
      'policy',
      'workflow',
      'transitons',
    ]);
  });

  it('checkWorkflowStep gives the same outcome and trace with the parsed workflow as with the raw one', () => {
    const wf = parseWorkflow(review);
    const steps: [string, Parameters<typeof checkWorkflowStep>[2]][] = [
      ['entered', { action: 'preliminaryPass', actor: { id: 'm1', roles: ['salesManager'] } }],
      ['entered', { action: 'preliminaryPass', actor: { id: 'c1', roles: ['consultant'] } }],
      ['preReviewed', { action: 'archive', actor: { id: 'a1', roles: [] } }],
      ['preReviewed', { action: 'archive', actor: { id: 'a1', roles: [] }, facts: { signature: 'yes' } }],
      ['archived', { action: 'reopen', actor: { id: 'a1', roles: [] }, facts: { daysSince: 45 } }],
      ['archived', { action: 'note', actor: { id: 'm1', roles: [] }, facts: { complainedAbout: 'm1' } }],
      ['entered', { action: 'archive', actor: { id: 'a1', roles: [] } }],
    ];
    for (const [state, step] of steps)
      expect(checkWorkflowStep(wf, state, step)).toEqual(checkWorkflowStep(review, state, step));
    // A state or an action the workflow does not know is still refused.
    expect(refusal(() => checkWorkflowStep(wf, 'nowhere', steps[0]?.[1] as never)).code).toBe(
      'unknown_reference',
    );
    expect(
      refusal(() => checkWorkflowStep(wf, 'entered', { action: 'archve', actor: { id: 'a', roles: [] } }))
        .path,
    ).toEqual(['step', 'action']);
  });

  it("parses a workflow frozen through (a validated policy's) once, and a mutable one on every call", () => {
    // The workflow modules passed their policy's workflow on every call, and it was parsed every time.
    const spy = vi.spyOn(WorkflowSchema, 'safeParse');
    const frozen = deepFreeze(structuredClone(review));
    const first = parseWorkflow(frozen);
    expect(parseWorkflow(frozen)).toBe(first);
    const step = { action: 'preliminaryPass', actor: { id: 'm1', roles: ['salesManager'] } };
    expect(checkWorkflowStep(frozen, 'entered', step).value.allowed).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
    // A workflow that can still change is read anew: a change made after a check is seen.
    const open = structuredClone(review) as { transitions: unknown };
    parseWorkflow(open as never);
    open.transitions = 'none';
    expect(refusal(() => parseWorkflow(open as never)).path).toEqual(['workflow', 'transitions']);
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockRestore();
  });

  it('does not keep a frozen workflow whose fields are inherited (its prototype can still change)', () => {
    const proto = {
      id: 'w',
      rule: 'R',
      clause: 'C',
      initial: 'a',
      transitions: [{ action: 'go', from: ['a'], to: 'b', roles: ['mgr'] }],
    } as Record<string, unknown>;
    const wf = Object.freeze(Object.create(proto)) as WorkflowInput;
    const step = { action: 'go', actor: { id: 'u', roles: ['mgr'] } };
    expect(checkWorkflowStep(wf, 'a', step).value.allowed).toBe(true);
    proto.transitions = [{ action: 'go', from: ['a'], to: 'b', roles: ['director'] }];
    expect(checkWorkflowStep(wf, 'a', step).value.allowed).toBe(false);
    proto.transitions = [];
    expect(refusal(() => parseWorkflow(wf)).path).toEqual(['workflow', 'transitions']);
  });

  it('an object shaped like a parsed workflow but not made by parseWorkflow is validated as before', () => {
    const lookalike = { ...WorkflowSchema.parse(review), transitions: 'none' };
    expect(
      refusal(() =>
        checkWorkflowStep(lookalike as never, 'entered', { action: 'note', actor: { id: 'a', roles: [] } }),
      ).path,
    ).toEqual(['workflow', 'transitions']);
  });
});

describe("checkWorkflowStep reads a step with core's fast parser, as zod reads it", () => {
  it('the fast reading is zod’s value whenever it gives one, and the step check answers the same either way (property)', () => {
    const name = fc.constantFrom('m1', '', 'salesManager', 'constructor', '__proto__', 'signature');
    const value = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }),
      fc.double(),
      fc.constant(undefined),
      fc.object({ maxDepth: 1 }),
    );
    const step = fc.record(
      {
        action: fc.oneof(fc.constantFrom('preliminaryPass', 'archive', 'note', 'reopen', ''), fc.integer()),
        actor: fc.oneof(
          fc.record({ id: name, roles: fc.array(name, { maxLength: 2 }) }, { requiredKeys: ['id'] }),
          fc.record({ id: name, roles: fc.array(name), extra: fc.string() }),
          fc.constant(null),
        ),
        facts: fc.oneof(
          fc.dictionary(name, value, { maxKeys: 3 }),
          fc.constant(JSON.parse('{"__proto__":"x"}')),
        ),
      },
      { requiredKeys: ['action', 'actor'] },
    );
    const fast = fastParser(WorkflowStepSchema);
    expect(fast).toBeDefined();
    const wf = parseWorkflow(review);
    fc.assert(
      fc.property(step, fc.constantFrom('entered', 'preReviewed', 'archived'), (v, state) => {
        const zod = WorkflowStepSchema.safeParse(v);
        const read = fast?.(v);
        if (read !== NOT_PARSED) expect(zod).toEqual({ success: true, data: read });
        const outcome = (w: WorkflowInput) => {
          try {
            return checkWorkflowStep(w, state, v as never);
          } catch (e) {
            return {
              refused: (e as { code: string; path: unknown }).code,
              path: (e as { path: unknown }).path,
            };
          }
        };
        expect(outcome(wf)).toEqual(outcome(review));
      }),
      { numRuns: 1_000, seed: 20261206 },
    );
  });
});
