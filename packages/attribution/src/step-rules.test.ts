import { makeContext, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttributionState,
  attributionOwnership,
  attributionOwnershipBatch,
  attributionOwnershipBatchWith,
  attributionOwnershipWith,
  attributionPipelines,
  CATALOG_STEP_IDS,
  type CustomRule,
  OWNERSHIP_RULE_ID,
  type SalesHistoryInput,
  salesOffice001,
} from './index.js';
import { ownershipOf, ownershipOfAll } from './resolve.js';

type EventInput = SalesHistoryInput['events'][number];
const fields = { name: '王先生', phone: '13800000000' };
const staff = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
const reg = (customerId: string, who: string, at: string): EventInput => ({
  type: 'registration',
  at,
  customerId,
  salespersonId: who,
  channel: 'walkIn',
  fields,
});
const ctx = makeContext({ now: '2024-03-28T23:00+08:00' });

/** B registers c1; B leaves on 03-10 and the manager's draw gave c1 to A. */
const departed: SalesHistoryInput = {
  customerId: 'c1',
  staff,
  events: [
    reg('c1', 'B', '2024-03-01T10:30+08:00'),
    {
      type: 'departure',
      at: '2024-03-10T09:00+08:00',
      salespersonId: 'B',
      kind: 'transfer',
      assignments: { c1: 'A' },
    },
  ],
};

/** The README's history: B registered, absent at the second visit where A assists; B closes. */
const assisted: SalesHistoryInput = {
  customerId: 'c1',
  staff,
  events: [
    reg('c1', 'B', '2024-03-01T10:30+08:00'),
    {
      type: 'visit',
      at: '2024-03-20T14:00+08:00',
      customerId: 'c1',
      onTurnId: 'A',
      intake: { visitedBefore: 'yes', named: ['B'] },
      presentIds: ['A', 'C'],
    },
    { type: 'deal', at: '2024-03-28T16:00+08:00', customerId: 'c1', stage: 'contract', closerId: 'B' },
  ],
};

/** ACME: B is on probation, so B's registrations count for the mentor C (placed at `where`). */
const probation = (where: CustomRule): CustomRule => where;
const probationStep = {
  id: 'acme.probation',
  clause: 'ACME 试用期销售员办法 §2',
  run: (s: AttributionState, step: { note: (zh: string, en: string) => void }) => {
    if (s.phase !== 'owner' || s.prior.id !== 'B') return s;
    step.note('B在试用期，其客户归导师C', 'B is on probation: the customer goes to the mentor C');
    return { ...s, prior: { ...s.prior, id: 'C' } };
  },
};

const refusal = (f: () => unknown): ZhiduError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
};

describe('the sales-office procedure as pipelines of catalog steps', () => {
  it('names each phase’s steps by catalog id, in the catalog’s order', () => {
    expect(CATALOG_STEP_IDS.owner).toEqual([
      'S001-ATTR-10',
      'S001-ATTR-13',
      'S001-ATTR-26',
      'S001-ATTR-27',
      'S001-ATTR-11',
      'S001-ATTR-28',
      'S001-ATTR-20',
    ]);
    expect(CATALOG_STEP_IDS.visit).toEqual([
      'S001-ATTR-29',
      'S001-ATTR-22',
      'S001-ATTR-23',
      'S001-ATTR-16',
      'S001-ATTR-17',
      'S001-ATTR-24',
      'S001-ATTR-20',
      'S001-ATTR-18',
      'S001-ATTR-21',
      'S001-ATTR-19',
    ]);
    expect(CATALOG_STEP_IDS.deal).toEqual([
      'S001-ATTR-30',
      'S001-ATTR-27',
      'S001-ATTR-13',
      'S001-ATTR-29',
      'S001-ATTR-16',
      'S001-ATTR-18',
      'S001-ATTR-20',
      'S001-ATTR-19',
      'S001-ATTR-21',
      'S001-ATTR-23',
      'S001-ATTR-24',
    ]);
    expect(attributionPipelines().owner.ids).toEqual(CATALOG_STEP_IDS.owner);
  });

  it('a company rule between S001-ATTR-11 and S001-ATTR-28 changes the owner; after S001-ATTR-28 it does not', () => {
    expect(ownershipOf(departed, salesOffice001, ctx).value.owner).toBe('A');
    const between = ownershipOf(departed, salesOffice001, ctx, {
      stepRules: [probation({ after: 'S001-ATTR-11', step: probationStep })],
    });
    // The registration's owner B becomes C before the departure rule runs; C did not leave.
    expect(between.value.owner).toBe('C');
    expect(between.value.basis).toBe('registration');
    // After S001-ATTR-28 the heir A already replaced B, so the probation rule has nobody to move.
    const later = ownershipOf(departed, salesOffice001, ctx, {
      stepRules: [probation({ after: 'S001-ATTR-28', step: probationStep })],
    });
    expect(later.value.owner).toBe('A');
    expect(later.trace.map((t) => t.rule)).not.toContain('acme.probation');
  });

  it('shows the company rule in the trace between the catalog steps it sits between', () => {
    const seen: string[] = [];
    const audit: CustomRule = {
      after: 'S001-ATTR-11',
      step: {
        id: 'acme.audit',
        clause: 'ACME 审计 §1',
        run: (s, step) => {
          if (s.phase === 'owner') seen.push(s.prior.id ?? '-');
          step.note(`审计:${s.phase}`, `audit: ${s.phase}`);
          return s;
        },
      },
    };
    const d = ownershipOf(departed, salesOffice001, ctx, { stepRules: [audit] });
    const rules = d.trace.map((t) => t.rule);
    const i = rules.indexOf('acme.audit');
    expect(rules.slice(i - 1, i + 2)).toEqual(['S001-ATTR-11', 'acme.audit', 'S001-ATTR-28']);
    expect(d.trace[i]).toMatchObject({ clause: 'ACME 审计 §1', message: { en: 'audit: owner' } });
    // the audit saw B (the registration's owner), the step after it replaced B by the heir
    expect(seen).toEqual(['B']);
    expect(d.value.owner).toBe('A');
  });

  it('replaces a single catalog step: ACME splits an assisted deal 70/30 instead of 80/20 (S001-ATTR-19, deal phase)', () => {
    const catalog = ownershipOf(assisted, salesOffice001, ctx);
    expect(catalog.value.deals[0]?.bonus).toEqual([
      { party: 'B', kind: 'staff', bp: 8000 },
      { party: 'A', kind: 'staff', bp: 2000 },
    ]);
    const acme: CustomRule = {
      replace: 'S001-ATTR-19',
      phase: 'deal',
      step: {
        id: 'acme.assist70',
        clause: 'ACME 协助接待 §1',
        run: (s, step) => {
          if (s.phase !== 'deal' || s.attribution !== null || s.governing?.case !== 'ASSIST') return s;
          const B = s.governing.previous ?? s.governing.receiver;
          const A = s.governing.receiver;
          step.note('协助接待奖金七三分', 'Assisted reception: bonus 70/30');
          return {
            ...s,
            attribution: {
              at: s.deal.at,
              stage: s.deal.stage,
              status: 'final',
              governingCase: 'ASSIST',
              performance: [{ party: B, kind: 'staff', bp: 10_000 }],
              bonus: [
                { party: B, kind: 'staff', bp: 7000 },
                { party: A, kind: 'staff', bp: 3000 },
              ],
              followUp: B,
            },
          };
        },
      },
    };
    const d = ownershipOf(assisted, salesOffice001, ctx, { stepRules: [acme] });
    expect(d.value.deals[0]?.bonus).toEqual([
      { party: 'B', kind: 'staff', bp: 7000 },
      { party: 'A', kind: 'staff', bp: 3000 },
    ]);
    expect(d.value.visits[0]?.case).toBe('ASSIST'); // the visit phase's S001-ATTR-19 still classifies
    const en = d.trace.map((t) => t.message.en);
    expect(en).toContain('Assisted reception: bonus 70/30');
    expect(en).not.toContain('Performance B; bonus B 80 % / A 20 %');
    expect(attributionPipelines([acme]).deal.ids).toContain('acme.assist70');
    expect(attributionPipelines([acme]).deal.ids).not.toContain('S001-ATTR-19');
    expect(attributionPipelines([acme]).visit.ids).toContain('S001-ATTR-19');
  });

  it('places a rule without a phase beside the step in every phase that has it', () => {
    const p = attributionPipelines([{ before: 'S001-ATTR-20', step: { id: 'acme.x', run: (s) => s } }]);
    for (const phase of ['owner', 'visit', 'deal'] as const) {
      const ids = p[phase].ids;
      expect(ids[ids.indexOf('S001-ATTR-20') - 1]).toBe('acme.x');
    }
    // a rule may anchor on a company rule placed earlier in the list
    const q = attributionPipelines([
      { after: 'S001-ATTR-26', phase: 'owner', step: { id: 'acme.a', run: (s) => s } },
      { after: 'acme.a', step: { id: 'acme.b', run: (s) => s } },
    ]);
    expect(q.owner.ids.slice(2, 6)).toEqual(['S001-ATTR-26', 'acme.a', 'acme.b', 'S001-ATTR-27']);
  });

  it('refuses an unknown step id, naming the nearest one', () => {
    const e = refusal(() =>
      ownershipOf(departed, salesOffice001, ctx, {
        stepRules: [{ after: 'S001-ATR-26', step: { id: 'acme.x', run: (s) => s } }],
      }),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['options', 'stepRules', 0, 'after']);
    expect(e.message).toContain('the nearest is S001-ATTR-26');
    expect(e.details).toMatchObject({ nearest: 'S001-ATTR-26' });
    // S001-ATTR-22 exists only in the visit phase
    const wrongPhase = refusal(() =>
      attributionPipelines([{ replace: 'S001-ATTR-22', phase: 'owner', step: { id: 'x', run: (s) => s } }]),
    );
    expect(wrongPhase.code).toBe('unknown_reference');
    expect(wrongPhase.path).toEqual(['stepRules', 0, 'replace']);
  });

  it('refuses malformed rules before anything runs', () => {
    const bad = (stepRules: unknown) =>
      refusal(() => ownershipOf(departed, salesOffice001, ctx, { stepRules } as never));
    expect(bad('S001-ATTR-11')).toMatchObject({ code: 'invalid_input', path: ['options', 'stepRules'] });
    expect(bad([null])).toMatchObject({ code: 'invalid_input', path: ['options', 'stepRules', 0] });
    expect(
      bad([{ after: 'S001-ATTR-11', before: 'S001-ATTR-28', step: { id: 'x', run: (s: unknown) => s } }]),
    ).toMatchObject({ code: 'invalid_input', path: ['options', 'stepRules', 0] });
    expect(bad([{ after: 'S001-ATTR-11', step: { id: 'x' } }])).toMatchObject({
      code: 'invalid_input',
      path: ['options', 'stepRules', 0, 'step', 'run'],
    });
    expect(bad([{ after: 'S001-ATTR-11', step: { id: '', run: () => 1 } }])).toMatchObject({
      code: 'invalid_input',
      path: ['options', 'stepRules', 0, 'step'],
    });
    expect(
      bad([{ after: 'S001-ATTR-11', phase: 'lunch', step: { id: 'x', run: (s: unknown) => s } }]),
    ).toMatchObject({ code: 'invalid_input', path: ['options', 'stepRules', 0, 'phase'] });
    expect(
      bad([{ after: 'S001-ATTR-11', step: { id: 'S001-ATTR-13', run: (s: unknown) => s } }]),
    ).toMatchObject({ code: 'duplicate', path: ['options', 'stepRules', 0, 'step', 'id'] });
  });

  it('refuses options that are not an object, and rule lists that are not lists of objects', () => {
    const call = (options: unknown) => () => ownershipOf(departed, salesOffice001, ctx, options as never);
    expect(refusal(call(null))).toMatchObject({ code: 'invalid_input', path: ['options'] });
    expect(refusal(call([]))).toMatchObject({ code: 'invalid_input', path: ['options'] });
    expect(refusal(call({ customRules: 'acme' }))).toMatchObject({
      code: 'invalid_input',
      path: ['options', 'customRules'],
    });
    expect(refusal(call({ customRules: [7] }))).toMatchObject({
      code: 'invalid_input',
      path: ['options', 'customRules', 0],
    });
    expect(
      refusal(() => ownershipOfAll({ staff, events: [] }, salesOffice001, ctx, 5 as never)),
    ).toMatchObject({ code: 'invalid_input', path: ['options'] });
    expect(refusal(() => attributionPipelines('S001-ATTR-11' as never))).toMatchObject({
      code: 'invalid_input',
      path: ['stepRules'],
    });
    expect(refusal(() => attributionOwnershipBatchWith(null as never))).toMatchObject({
      code: 'invalid_input',
      path: ['options'],
    });
    // no options, or empty lists, is the catalog
    expect(call({ stepRules: [], customRules: [] })()).toEqual(ownershipOf(departed, salesOffice001, ctx));
    // regression (fuzz seed 12): no options at all gave a TypeError reading stepRules of undefined
    const batch = attributionOwnershipBatchWith(undefined as never);
    expect(batch.id).toBe('attribution.ownership-batch');
    expect(batch.evaluate({ staff, events: [] }, salesOffice001, ctx).value.result).toEqual(
      attributionOwnershipBatchWith({}).evaluate({ staff, events: [] }, salesOffice001, ctx).value.result,
    );
  });

  it('re-validates the state a company rule returns; the refusal’s path names the rule', () => {
    const withRule =
      (rule: CustomRule, h: SalesHistoryInput = assisted) =>
      () =>
        ownershipOf(h, salesOffice001, ctx, { stepRules: [rule] });
    // owner phase: an owner id that is a number
    expect(
      refusal(
        withRule({
          after: 'S001-ATTR-11',
          step: {
            id: 'acme.badOwner',
            run: (s) => (s.phase === 'owner' ? { ...s, prior: { ...s.prior, id: 42 as never } } : s),
          },
        }),
      ),
    ).toMatchObject({ code: 'invalid_input', path: ['customRules', 'acme.badOwner', 'prior', 'id'] });
    // visit phase: a case the catalog does not know
    expect(
      refusal(
        withRule({
          replace: 'S001-ATTR-19',
          phase: 'visit',
          step: {
            id: 'acme.badCase',
            run: (s) =>
              s.phase === 'visit'
                ? {
                    ...s,
                    outcome: {
                      at: s.visit.at,
                      visitNo: s.visitNo,
                      case: 'VIP' as never,
                      receiver: 'A',
                      rotationConsumed: false,
                      previous: null,
                      previousExpiresOn: null,
                    },
                  }
                : s,
          },
        }),
      ),
    ).toMatchObject({ code: 'invalid_input', path: ['customRules', 'acme.badCase', 'outcome', 'case'] });
    // deal phase: shares summing to 50 %
    expect(
      refusal(
        withRule({
          before: 'S001-ATTR-30',
          step: {
            id: 'acme.half',
            run: (s) =>
              s.phase === 'deal'
                ? {
                    ...s,
                    attribution: {
                      at: s.deal.at,
                      stage: s.deal.stage,
                      status: 'final',
                      governingCase: 'ACME',
                      performance: [{ party: 'B', kind: 'staff', bp: 5000 }],
                      bonus: [],
                      followUp: 'B',
                    },
                  }
                : s,
          },
        }),
      ),
    ).toMatchObject({
      code: 'invalid_state',
      path: ['customRules', 'acme.half', 'attribution', 'performance'],
    });
    // any phase: another phase's state, or nothing at all
    expect(
      refusal(
        withRule({
          after: 'S001-ATTR-13',
          phase: 'owner',
          step: { id: 'acme.phase', run: (s) => ({ ...s, phase: 'deal' }) as AttributionState },
        }),
      ),
    ).toMatchObject({ code: 'invalid_state', path: ['customRules', 'acme.phase', 'phase'] });
    expect(
      refusal(
        withRule({
          after: 'S001-ATTR-13',
          phase: 'owner',
          step: { id: 'acme.nothing', run: () => undefined as never },
        }),
      ),
    ).toMatchObject({ code: 'invalid_state', path: ['customRules', 'acme.nothing'] });
    // a rule that crashes is the rule's failure, not a bare TypeError
    expect(
      refusal(
        withRule({
          after: 'S001-ATTR-13',
          step: { id: 'acme.crash', run: (s) => (s as unknown as { x: { y: AttributionState } }).x.y },
        }),
      ),
    ).toMatchObject({ code: 'invalid_state', path: ['customRules', 'acme.crash'] });
  });

  it('refuses a pipeline where no step classifies a visit or attributes a deal', () => {
    const noop = { id: 'acme.noop', run: (s: AttributionState) => s };
    const visit = refusal(() =>
      ownershipOf(assisted, salesOffice001, ctx, {
        stepRules: [{ replace: 'S001-ATTR-19', phase: 'visit', step: noop }],
      }),
    );
    expect(visit).toMatchObject({ code: 'invalid_state', path: ['options', 'stepRules'] });
    expect(visit.message).toContain('no step classified the visit at 2024-03-20T06:00:00.000Z');
    const deal = refusal(() =>
      ownershipOf(assisted, salesOffice001, ctx, {
        stepRules: [{ replace: 'S001-ATTR-19', phase: 'deal', step: noop }],
      }),
    );
    expect(deal).toMatchObject({ code: 'invalid_state', path: ['options', 'stepRules'] });
    expect(deal.message).toContain('no step attributed the deal');
  });

  it('keeps the whole-procedure rules (customRules) working beside step rules', () => {
    const d = ownershipOf(departed, salesOffice001, ctx, {
      stepRules: [{ after: 'S001-ATTR-11', step: probationStep }],
      customRules: [
        {
          after: OWNERSHIP_RULE_ID,
          step: {
            id: 'acme.stamp',
            run: (stage, step) => {
              step.note('已审', 'reviewed');
              return stage;
            },
          },
        },
      ],
    });
    expect(d.value.owner).toBe('C');
    expect(d.trace.at(-1)?.rule).toBe('acme.stamp');
  });
});

describe('batch entry points and modules take the same rules', () => {
  const log = {
    staff,
    events: [
      reg('c1', 'B', '2024-03-01T10:30+08:00'),
      reg('c2', 'B', '2024-03-02T10:30+08:00'),
      reg('c3', 'A', '2024-03-03T10:30+08:00'),
    ],
  };
  const rules = { stepRules: [{ after: 'S001-ATTR-11', step: probationStep }] };
  const now = '2024-03-28T23:00+08:00';

  it('ownershipOfAll applies step rules to every customer, as ownershipOf does one', () => {
    const all = ownershipOfAll(log, salesOffice001, makeContext({ now }), rules);
    expect([...all].map(([id, d]) => [id, d.value.owner])).toEqual([
      ['c1', 'C'],
      ['c2', 'C'],
      ['c3', 'A'],
    ]);
    for (const [id, d] of all) {
      expect(d).toEqual(ownershipOf({ ...log, customerId: id }, salesOffice001, makeContext({ now }), rules));
    }
    // without rules the batch is unchanged
    expect(ownershipOfAll(log, salesOffice001, makeContext({ now })).get('c1')?.value.owner).toBe('B');
  });

  it('a batch accepts whole-procedure rules after the procedure, and refuses one before it', () => {
    const after = ownershipOfAll(log, salesOffice001, makeContext({ now }), {
      customRules: [
        {
          after: OWNERSHIP_RULE_ID,
          step: {
            id: 'acme.noFollowUp',
            run: (stage) =>
              stage.ownership ? { ...stage, ownership: { ...stage.ownership, followUp: null } } : stage,
          },
        },
      ],
    });
    expect([...after.values()].map((d) => d.value.followUp)).toEqual([null, null, null]);
    expect(after.get('c2')?.trace.at(-1)).toMatchObject({ rule: 'S001-ATTR-25' });
    const before = refusal(() =>
      ownershipOfAll(log, salesOffice001, makeContext({ now }), {
        customRules: [{ before: OWNERSHIP_RULE_ID, step: { id: 'acme.rewrite', run: (s) => s } }],
      }),
    );
    expect(before).toMatchObject({ code: 'invalid_input', path: ['options', 'customRules', 0] });
  });

  it('attributionOwnershipWith / attributionOwnershipBatchWith run the rules as the entry points do', () => {
    const one = attributionOwnershipWith(rules);
    expect(one.id).toBe(attributionOwnership.id);
    const d = one.evaluate({ ...log, customerId: 'c2' }, one.preset('sales-office-001'), { now });
    expect(d.value.result).toEqual(
      ownershipOf({ ...log, customerId: 'c2' }, salesOffice001, makeContext({ now }), rules).value,
    );
    expect(d.value.result.owner).toBe('C');
    const batch = attributionOwnershipBatchWith(rules);
    expect(batch.id).toBe(attributionOwnershipBatch.id);
    const b = batch.evaluate(log, batch.preset('sales-office-001'), { now });
    expect(Object.entries(b.value.result.customers).map(([id, o]) => [id, o.owner])).toEqual([
      ['c1', 'C'],
      ['c2', 'C'],
      ['c3', 'A'],
    ]);
    // the catalog modules are untouched
    expect(
      attributionOwnershipBatch.evaluate(log, attributionOwnershipBatch.preset('sales-office-001'), { now })
        .value.result.customers.c1?.owner,
    ).toBe('B');
    // a bad rule is refused when the module is built
    expect(
      refusal(() =>
        attributionOwnershipWith({ stepRules: [{ after: 'S001-ATTR-99', step: probationStep }] }),
      ),
    ).toMatchObject({ code: 'unknown_reference', path: ['options', 'stepRules', 0, 'after'] });
    expect(
      refusal(() =>
        attributionOwnershipBatchWith({
          customRules: [{ replace: OWNERSHIP_RULE_ID, step: { id: 'x', run: (s) => s } }],
        }),
      ),
    ).toMatchObject({ code: 'invalid_input', path: ['options', 'customRules', 0] });
  });
});

describe('catalog states pass the re-validation a company rule gets', () => {
  const STAFF = ['A', 'B', 'C'];
  const who = fc.constantFrom(...STAFF);
  const stamp = (minute: number) => new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString();
  const event = (customerId: string) =>
    fc.oneof(
      who.map(
        (w) =>
          (at: string): EventInput =>
            reg(customerId, w, at),
      ),
      fc
        .record({
          turn: who,
          before: fc.constantFrom('no', 'yes', 'forgot'),
          named: fc.subarray(STAFF),
          present: fc.subarray(STAFF),
          designated: fc.option(who, { nil: undefined }),
          refuses: fc.boolean(),
          complains: fc.boolean(),
        })
        .map(
          (v) =>
            (at: string): EventInput => ({
              type: 'visit',
              at,
              customerId,
              onTurnId: v.turn,
              ...(v.designated !== undefined ? { designatedOnEntry: v.designated } : {}),
              intake: {
                visitedBefore: v.before as 'no',
                named: v.named,
                refusesPrevious: v.refuses,
                complaintAgainstPrevious: v.complains,
              },
              presentIds: v.present,
            }),
        ),
      who.map(
        (w) =>
          (at: string): EventInput => ({ type: 'deal', at, customerId, stage: 'contract', closerId: w }),
      ),
      fc.record({ against: who, upheld: fc.boolean() }).map(
        ({ against, upheld }) =>
          (at: string): EventInput => ({
            type: 'complaintVerification',
            at,
            customerId,
            againstId: against,
            upheld,
          }),
      ),
      who.map(
        (w) =>
          (at: string): EventInput => ({
            type: 'departure',
            at,
            salespersonId: w,
            kind: 'transfer',
            assignments: { c1: 'A' },
          }),
      ),
    );
  const history = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 60 * 24 * 90 }), event('c1')), { maxLength: 10 })
    .map((xs) => [
      reg('c1', 'B', stamp(0)),
      ...[...xs].sort((a, b) => a[0] - b[0]).map(([m, make]) => make(stamp(m))),
    ]);

  it('a pass-through company rule after every catalog step leaves the decision and its trace unchanged', () => {
    const passThrough: CustomRule[] = (['owner', 'visit', 'deal'] as const).flatMap((phase) =>
      CATALOG_STEP_IDS[phase].map((id) => ({
        after: id,
        phase,
        step: { id: `acme.after.${phase}.${id}`, run: (s: AttributionState) => s },
      })),
    );
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 60 * 24 * 100 }), (events, probe) => {
        const h = { customerId: 'c1', staff, events };
        const c = makeContext({ now: stamp(probe) });
        const plain = ownershipOf(h, salesOffice001, c);
        const withRules = ownershipOf(h, salesOffice001, c, { stepRules: passThrough });
        expect(withRules).toEqual(plain);
      }),
      { numRuns: 40, seed: 20_241_204 },
    );
  });
});

describe('README example (your own rules)', () => {
  it('runs as printed: a probation rule after S001-ATTR-11 hands B’s customer to the mentor C', () => {
    const history: SalesHistoryInput = {
      customerId: 'c1',
      staff: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      events: [
        {
          type: 'registration',
          at: '2024-03-01T10:30+08:00',
          customerId: 'c1',
          salespersonId: 'B',
          channel: 'walkIn',
          fields: { name: '王先生', phone: '13800000000' },
        },
      ],
    };
    // ACME: a registration by a salesperson on probation counts for their mentor.
    const mentorOf: Record<string, string> = { B: 'C' };
    const probation: CustomRule = {
      after: 'S001-ATTR-11', // the earliest valid registration named B …
      step: {
        id: 'acme.probation',
        clause: 'ACME 试用期销售员办法 §2',
        run: (state, step) => {
          if (state.phase !== 'owner' || state.prior.id === null) return state;
          const mentor = mentorOf[state.prior.id];
          if (mentor === undefined) return state;
          step.note(
            `${state.prior.id}在试用期，客户归导师${mentor}`,
            `${state.prior.id} is on probation: the customer goes to the mentor ${mentor}`,
          );
          return { ...state, prior: { ...state.prior, id: mentor } };
        },
      }, // … and S001-ATTR-28 (departures) then judges the mentor, not B
    };
    const d = ownershipOf(history, salesOffice001, makeContext({ now: '2024-03-28T23:00+08:00' }), {
      stepRules: [probation],
    });
    expect(d.value.owner).toBe('C');
    expect(d.trace.map((t) => t.rule)).toEqual([
      'S001-ATTR-11',
      'acme.probation',
      'S001-ATTR-12',
      'S001-ATTR-25',
    ]);
  });
});
