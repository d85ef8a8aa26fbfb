// Issue 21: the service.followup module validates its input once (the module's own parse). Before,
// `measureProgramme` and `scheduleFollowUps` validated the triggers, completions and options the
// module had just parsed a second time (a field-by-field read of every entry, zod's options schema,
// zod's trigger list). The validators are counted here: none runs inside the module, and the module's
// decision stays the one the validating entry points give.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, PolicyHistory, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serviceFollowUp } from '../modules.js';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { MeasureOptionsSchema, measureProgramme } from './measure.js';
import { scheduleFollowUps } from './programme.js';

/** Calls of the entry points' own validators (`programme-fast.ts`), by name. */
const calls = vi.hoisted(() => new Map<string, number>());

vi.mock('./programme-fast.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./programme-fast.js')>();
  const counted = <A extends unknown[], T>(name: string, f: (...args: A) => T) =>
    ((...args: A): T => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return f(...args);
    }) as typeof f;
  return {
    ...real,
    programmeLists: counted('programmeLists', real.programmeLists),
    readTrigger: counted('readTrigger', real.readTrigger),
    readCompletions: counted('readCompletions', real.readCompletions),
    readProgramme: counted('readProgramme', real.readProgramme),
    parseProgrammeInput: counted('parseProgrammeInput', real.parseProgrammeInput),
    parseTriggers: counted('parseTriggers', real.parseTriggers),
  };
});

afterEach(() => vi.restoreAllMocks());

const ctx = makeContext({ now: '2024-04-10T09:00:00+08:00', calendar: chinaCalendar() });
const policy = serviceFollowUp.preset('s000b-property-revisit');

const triggers = Array.from({ length: 30 }, (_, i) => ({
  id: `K-${i}`,
  type: 'complaintHandled',
  at: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`,
  personId: `pa${i % 3}`,
  ...(i % 7 === 0 ? { flags: ['anonymous'] } : {}),
}));
const completions = triggers
  .filter((_, i) => i % 3 !== 0)
  .map((t, i) => ({
    triggerId: t.id,
    action: 'revisit',
    at: `2024-03-${String(Math.min(31, 2 + (i % 29))).padStart(2, '0')}T15:00:00+08:00`,
  }));

/** Runs `f` and returns how many times each validator ran (and the options schema was parsed). */
function validations(f: () => unknown): Record<string, number> {
  calls.clear();
  const options = vi.spyOn(MeasureOptionsSchema, 'safeParse');
  f();
  const out = Object.fromEntries(calls);
  if (options.mock.calls.length > 0) out.MeasureOptionsSchema = options.mock.calls.length;
  options.mockRestore();
  return out;
}

describe('service.followup validates its input once (issue 21)', () => {
  it('measureProgramme through the module: no second read of the triggers, completions or options', () => {
    const input = {
      op: 'measureProgramme' as const,
      triggers,
      completions,
      options: { accountable: { personId: 'boss' } },
    };
    // The entry point called directly validates (the counters see it) …
    const direct = validations(() =>
      measureProgramme({ triggers, completions }, R, ctx, { accountable: { personId: 'boss' } }),
    );
    expect(direct.readTrigger).toBe(triggers.length);
    expect(direct.readCompletions).toBe(1);
    expect(direct.MeasureOptionsSchema).toBe(1);
    // … the module, whose parse has validated the same input, does not validate it again.
    serviceFollowUp.evaluate(input, policy, ctx); // compiles the policy
    expect(validations(() => serviceFollowUp.evaluate(input, policy, ctx))).toEqual({});
  });

  it('scheduleFollowUps through the module: the triggers are not parsed again', () => {
    expect(validations(() => scheduleFollowUps(triggers, R, ctx))).toEqual({ parseTriggers: 1 });
    const input = { op: 'scheduleFollowUps' as const, triggers };
    serviceFollowUp.evaluate(input, policy, ctx);
    expect(validations(() => serviceFollowUp.evaluate(input, policy, ctx))).toEqual({});
  });

  it('a programme measured under a policy history is not validated again either', () => {
    const v1 = { ...structuredClone(policy), version: 'v1', effectiveTo: '2024-03-10' };
    const v2 = { ...structuredClone(policy), version: 'v2', effectiveFrom: '2024-03-10' };
    const history = new PolicyHistory(serviceFollowUp.schemas.params as never, [v1, v2]);
    // Under one version (the triggers before 10 March): measured; across both: scheduled per version.
    const before = triggers.filter((t) => t.at < '2024-03-10');
    const measured = {
      op: 'measureProgramme' as const,
      triggers: before,
      completions: completions.filter((c) => before.some((t) => t.id === c.triggerId)),
    };
    const scheduled = { op: 'scheduleFollowUps' as const, triggers };
    for (const input of [measured, scheduled]) {
      serviceFollowUp.evaluate(input, history, ctx);
      expect(validations(() => serviceFollowUp.evaluate(input, history, ctx))).toEqual({});
    }
  });

  const at = fc.constantFrom(
    '2024-03-01T10:00:00+08:00',
    '2024-03-04T08:00:00+08:00',
    '2024-03-05T15:00:00+08:00',
    '2024-03-08T09:30:00Z',
    '2024-04-11T10:00:00+08:00',
    1709800000000,
  );
  const ids = ['K-1', 'K-2', 'K-3', 'K-4'];
  const trigger = fc.record(
    {
      id: fc.constantFrom(...ids),
      type: fc.constant('complaintHandled'),
      at,
      subjectId: fc.constantFrom('room-1', 'room-2'),
      personId: fc.constantFrom('zhang', ''),
      level: fc.constantFrom('general', 'important'),
      flags: fc.array(fc.constantFrom('anonymous', 'vip'), { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'type', 'at'] },
  );
  const completion = fc.record(
    {
      triggerId: fc.constantFrom(...ids, 'K-9'),
      action: fc.constant('revisit'),
      at,
      personId: fc.constantFrom('wang'),
      role: fc.constantFrom('propertyAssistant', 'cleaner'),
    },
    { requiredKeys: ['triggerId', 'action', 'at'] },
  );
  const options = fc.constantFrom<Record<string, unknown> | undefined>(
    undefined,
    { accountable: { personId: 'boss' } },
    { ruleKeys: ['complaintRevisit'] },
  );

  const msOf = (at: string | number): number => (typeof at === 'number' ? at : Date.parse(at));

  /** The decision's result, violations and trace (and their JSON), or the refusal. */
  function outcome(f: () => { value: unknown; trace: unknown }): unknown {
    try {
      const d = f();
      return { value: d.value, trace: d.trace, json: JSON.stringify([d.value, d.trace]) };
    } catch (e) {
      if (!(e instanceof ZhiduError)) throw e;
      return { code: e.code, path: e.path, message: e.message };
    }
  }

  it('property: the module gives the decision the validating entry points give (seeded)', () => {
    let refused = 0;
    let measured = 0;
    fc.assert(
      fc.property(
        // Distinct trigger ids (a repeated one is refused, tested on its own).
        fc.uniqueArray(trigger, { selector: (t) => t.id, maxLength: 8 }),
        fc.array(completion, { maxLength: 8 }),
        options,
        fc.boolean(),
        (unsorted, unsortedCs, opts, schedule) => {
          // In time order (the module refuses events of one subject out of order; the entry points do not).
          const ts = [...unsorted].sort((a, b) => msOf(a.at) - msOf(b.at));
          const cs = [...unsortedCs].sort((a, b) => msOf(a.at) - msOf(b.at));
          const viaModule = outcome(() => {
            const d = serviceFollowUp.evaluate(
              schedule
                ? { op: 'scheduleFollowUps', triggers: ts }
                : {
                    op: 'measureProgramme',
                    triggers: ts,
                    completions: cs,
                    ...(opts === undefined ? {} : { options: opts }),
                  },
              policy,
              ctx,
            );
            return { value: d.value, trace: d.trace };
          });
          const direct = outcome(() => {
            const d = schedule
              ? scheduleFollowUps(ts, R, ctx)
              : measureProgramme({ triggers: ts, completions: cs }, R, ctx, opts ?? {});
            const violations =
              'violations' in (d.value as object) ? (d.value as { violations: unknown }).violations : [];
            return { value: { result: d.value, violations }, trace: d.trace };
          });
          if ('code' in (direct as object)) {
            // Refused by the entry point: the module refuses too, with the same code.
            expect(viaModule).toMatchObject({ code: (direct as { code: string }).code });
            refused++;
            return;
          }
          expect(viaModule).toEqual(direct);
          if (!schedule) measured++;
        },
      ),
      { seed: 2141, numRuns: 300 },
    );
    // Both outcomes were exercised: completions of an unknown trigger are refused.
    expect(refused).toBeGreaterThan(20);
    expect(measured).toBeGreaterThan(20);
  });
});
