import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import {
  keepObjectPrototypeClean,
  ODD_NAMES as ODD,
  zhiduError as refusal,
  renamed,
} from '../../core/test/helpers.js';
import {
  classifyComplaint,
  evaluateChecklist,
  evaluateIncidents,
  evaluateTimers,
  slaChecklist,
  slaIncidents,
  slaTimers,
  summarizeComplaints,
} from './index.js';

// Ids, roles, group names and attribute values a caller chooses freely, named after members of
// Object.prototype: each must behave like any other name (`r1`), and nothing may be written onto
// Object.prototype or the Object function.
keepObjectPrototypeClean('major', 'noisy');

const cn = (now: string) => ({ now, calendar: chinaCalendar() });

describe('summarizeComplaints counts values and attributes named after Object.prototype members', () => {
  it.each([...ODD, 'r1'])('a category valued %s is counted like any other value', (value) => {
    const rows = [{ category: value }, { category: value }, { category: 'noise' }];
    const counts = summarizeComplaints(rows, ['category']).value.counts;
    expect(Object.keys(counts)).toEqual(['category']);
    expect(Object.entries(counts.category ?? {})).toEqual([
      [value, 2],
      ['noise', 1],
    ]);
    expect(JSON.parse(JSON.stringify(counts))).toEqual(JSON.parse(`{"category":{"${value}":2,"noise":1}}`));
  });

  it.each([...ODD, 'r1'])('an attribute %s the rows do not carry counts every row as (none)', (key) => {
    const d = summarizeComplaints([{ category: 'noise' }, { category: 'leak' }], [key]).value;
    expect(d.total).toBe(2);
    expect(JSON.stringify(d.counts)).toBe(`{"${key}":{"(none)":2}}`);
  });
});

describe('classifyComplaint groups grounds under any group name', () => {
  const params = (group: string) => ({
    flagRules: [
      {
        code: 'noisy',
        group,
        rule: 'R-1',
        clause: 'c1',
        label: { zh: '噪音', en: 'noise' },
        when: [{ attribute: 'noise', equals: true }],
      },
    ],
    routing: [
      {
        id: 't1',
        rule: 'R-2',
        clause: 'c2',
        routes: [{ when: [{ attribute: `group.${group}`, equals: true }], result: { major: true } }],
        otherwise: { major: false },
      },
    ],
  });

  it.each([...ODD, 'r1'])('a group named %s collects its grounds and feeds the routing', (group) => {
    const p = params(group) as never;
    const hit = classifyComplaint({ noise: true }, p).value;
    expect(hit.flags).toEqual(['noisy']);
    expect(Object.entries(hit.groups)).toEqual([[group, ['noisy']]]);
    expect(hit.attributes).toEqual({ major: true });
    expect(JSON.stringify(hit.groups)).toBe(`{"${group}":["noisy"]}`);
    const miss = classifyComplaint({ noise: false }, p).value;
    expect(Object.entries(miss.groups)).toEqual([[group, []]]);
    expect(miss.attributes).toEqual({ major: false });
  });
});

describe('a breach role named after an Object.prototype member is an ordinary role', () => {
  const construction = (assignees: Record<string, string>) => [
    { type: 'mainStructureCompleted', subject: 'block-3', at: '2024-01-10T12:00:00+08:00', assignees },
    { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
  ];
  const ctx = cn('2024-06-01T00:00:00+08:00');

  it.each(['constructor', 'toString', 'hasOwnProperty', 'r1'])(
    'sla.timers: role %s is the person assigned to it, or role:<that name> when nobody is',
    (role) => {
      const policy = renamed(slaTimers.preset('construction-000'), 'emcDirector', role);
      const given = evaluateTimers(
        { events: construction(JSON.parse(`{"${role}":"u-emc","pdcDirector":"u-pdc"}`)) },
        policy,
        ctx,
      );
      expect(given.value.violations.map((v) => [v.role, v.personId])).toEqual([
        [role, 'u-emc'],
        ['pdcDirector', 'u-pdc'],
      ]);
      const none = evaluateTimers({ events: construction({ pdcDirector: 'u-pdc' }) }, policy, ctx);
      expect(none.value.violations.map((v) => [v.role, v.personId])).toEqual([
        [role, `role:${role}`],
        ['pdcDirector', 'u-pdc'],
      ]);
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty', 'r1'])(
    'sla.incidents: role %s is the person assigned to it, or role:<that name> when nobody is',
    (role) => {
      const policy = renamed(slaIncidents.preset('conference-marketing-001'), 'employee', role);
      const at = '2024-05-01T09:00:00+08:00';
      const run = (assignees: Record<string, string>) =>
        evaluateIncidents({ events: [{ type: 'grievanceFound', subject: 'g1', at, assignees }] }, policy, {
          now: '2024-05-02T00:00:00+08:00',
        }).value.violations.map((v) => [v.role, v.personId]);
      expect(run(JSON.parse(`{"${role}":"e1"}`))).toEqual([[role, 'e1']]);
      expect(run({ other: 'e2' })).toEqual([[role, `role:${role}`]]);
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty', 'r1'])(
    'sla.checklist: role %s is the person assigned to it, or role:<that name> when nobody is',
    (role) => {
      const policy = renamed(slaChecklist.preset('construction-000'), 'emcDirector', role);
      const run = (assignees: Record<string, string>) =>
        evaluateChecklist(
          {
            checklist: 'M20.preCompletion',
            subject: 'phase-2',
            at: '2024-09-30T00:00:00+08:00',
            record: { water: true, gasSupply: false },
            assignees,
          },
          policy,
          { now: '2024-09-30T00:00:00+08:00' },
        ).value.violations.map((v) => [v.role, v.personId]);
      expect(run(JSON.parse(`{"${role}":"u7"}`))).toEqual([[role, 'u7']]);
      expect(run({ other: 'u8' })).toEqual([[role, `role:${role}`]]);
    },
  );
});

describe('a role named __proto__ is refused, not silently never assigned', () => {
  it('an event whose assignees carry __proto__ is refused at that key (zod’s record would drop it)', () => {
    const events = [
      {
        type: 'mainStructureCompleted',
        subject: 'block-3',
        at: '2024-01-10T12:00:00+08:00',
        assignees: JSON.parse('{"emcDirector":"u-emc","__proto__":"u-x"}'),
      },
    ];
    const e = refusal(() =>
      evaluateTimers({ events }, slaTimers.preset('construction-000'), cn('2024-06-01T00:00:00+08:00')),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'events', 0, 'assignees', '__proto__']]);
  });

  it.each([
    [
      'sla.timers',
      () =>
        evaluateTimers(
          { events: [] },
          renamed(slaTimers.preset('construction-000'), 'emcDirector', '__proto__'),
          cn('2024-06-01T00:00:00+08:00'),
        ),
    ],
    [
      'sla.incidents',
      () =>
        evaluateIncidents(
          { events: [] },
          renamed(slaIncidents.preset('conference-marketing-001'), 'employee', '__proto__'),
          { now: '2024-05-02T00:00:00+08:00' },
        ),
    ],
    [
      'sla.checklist',
      () =>
        evaluateChecklist(
          { checklist: 'M20.preCompletion', subject: 'p', at: '2024-09-30T00:00:00+08:00', record: {} },
          renamed(slaChecklist.preset('construction-000'), 'emcDirector', '__proto__'),
          { now: '2024-09-30T00:00:00+08:00' },
        ),
    ],
  ])('%s: a policy charging a breach to a role __proto__ is refused at that role', (_, run) => {
    const e = refusal(run);
    expect(e.code).toBe('invalid_input');
    expect(e.path.slice(0, 2)).toEqual(['policy', 'params']);
    expect(e.path.slice(-3, -1)).toEqual(['breach', 'roles']);
    expect(typeof e.path.at(-1)).toBe('number');
    expect(e.message).toContain('`__proto__` cannot name a role');
  });
});
