import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import {
  keepObjectPrototypeClean,
  ODD_NAMES as ODD,
  zhiduError as refusal,
} from '../../core/test/helpers.js';
import {
  countByCategory,
  defineServicePolicy,
  dissatisfactionFollowUp,
  measureProgramme,
  nextDueDate,
  responsibleRoles,
  s000bPropertyRevisitPolicy,
  s001bSalesVisitPolicy,
  s001CreditManagementPolicy,
  s001VisitorReceptionPolicy,
  s002CsProcedurePolicy,
  scheduleFollowUps,
  visitQuotaStatus,
} from './index.js';

// Categories, positions, grades, levels and survey items a caller chooses freely, named after members
// of Object.prototype: each must behave like any other name, and nothing may be written onto
// Object.prototype or the Object function.
keepObjectPrototypeClean('leak');

describe('countByCategory counts a category named after an Object.prototype member', () => {
  it.each([...ODD, 'leak'])('category %s is counted like any other', (category) => {
    const d = countByCategory([{ category }, { category: 'noise' }, { category }]);
    expect(Object.entries(d.value)).toEqual([
      [category, 2],
      ['noise', 1],
    ]);
    expect(JSON.stringify(d.value)).toBe(`{"${category}":2,"noise":1}`);
  });
});

describe('visitQuotaStatus reads a position by its own key only', () => {
  it.each([...ODD, 'salesRep'])(
    'a position %s without a quota is UNCONFIGURED and requires 0',
    (position) => {
      expect(visitQuotaStatus(position, 12, s001bSalesVisitPolicy).value).toEqual({
        required: 0,
        actual: 12,
        shortfall: 0,
        met: true,
        flags: ['UNCONFIGURED'],
      });
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty', 'salesRep'])(
    'a position %s with a quota of 20 falls 8 short at 12 visits',
    (position) => {
      const policy = defineServicePolicy({
        ...s001bSalesVisitPolicy,
        params: {
          ...s001bSalesVisitPolicy.params,
          sales: { ...s001bSalesVisitPolicy.params.sales, visitQuotas: JSON.parse(`{"${position}":20}`) },
        },
      } as never);
      expect(visitQuotaStatus(position, 12, policy).value).toEqual({
        required: 20,
        actual: 12,
        shortfall: 8,
        met: false,
        flags: [],
      });
    },
  );
});

describe('nextDueDate reads a grade by its own key only', () => {
  it.each([...ODD, 'Z'])(
    'a grade %s not on the cadence is refused at grade, like any unknown grade',
    (grade) => {
      const e = refusal(() => nextDueDate('creditReport', '2024-01-10', s001CreditManagementPolicy, grade));
      expect(e).toMatchObject({ code: 'invalid_input', path: ['grade'] });
    },
  );
});

describe('measureProgramme: a trigger level the rule does not list gets the rule’s own role', () => {
  const ctx = makeContext({ now: '2024-04-01T09:00:00+08:00', calendar: chinaCalendar() });
  it.each([...ODD, 'unlisted'])('level %s', (level) => {
    const d = measureProgramme(
      {
        triggers: [
          { id: 'k1', type: 'complaintHandled', at: '2024-03-08T10:00:00+08:00', personId: 'pa1', level },
        ],
        completions: [{ triggerId: 'k1', action: 'revisit', at: '2024-03-10T15:00:00+08:00' }],
      },
      s000bPropertyRevisitPolicy,
      ctx,
    );
    const tasks = d.value.tasks.filter((t) => t.ruleKey === 'complaintRevisit');
    expect(tasks.map((t) => t.assigneeRole)).toEqual(['propertyAssistant']);
  });
});

describe('scheduleFollowUps (service.followup): a trigger level the rule does not list gets the rule’s own role', () => {
  const ctx = makeContext({ now: '2024-04-01T09:00:00+08:00', calendar: chinaCalendar() });
  it.each([...ODD, 'unlisted'])('level %s', (level) => {
    const d = scheduleFollowUps(
      [{ id: 'k1', type: 'complaintHandled', at: '2024-03-08T10:00:00+08:00', personId: 'pa1', level }],
      s000bPropertyRevisitPolicy,
      ctx,
    );
    const tasks = d.value.filter((t) => t.ruleKey === 'complaintRevisit');
    expect(tasks.map((t) => t.assigneeRole)).toEqual(['propertyAssistant']);
  });
});

describe('dissatisfactionFollowUp: a survey item named after an Object.prototype member', () => {
  const policy = () => {
    const p = JSON.parse(JSON.stringify(s002CsProcedurePolicy));
    p.params.revisit.dissatisfied.clusterThresholdPercent = 50;
    return defineServicePolicy(p);
  };
  it.each(['constructor', 'toString', 'hasOwnProperty', 'cleaning'])(
    'item %s is answered only by the responses that score it',
    (item) => {
      // One of three answers the item, unhappily: 1 of 1 answered is a cluster. The other two
      // responses do not answer it (their Object.prototype member is no answer).
      const responses = [
        { customerId: 'c1', scores: JSON.parse(`{"repairs":5,"${item}":1}`) },
        { customerId: 'c2', scores: { repairs: 5 } },
        { customerId: 'c3', scores: { repairs: 5 } },
      ];
      expect(dissatisfactionFollowUp(responses, policy()).value.clusters).toEqual([item]);
    },
  );
});

describe('responsibleRoles reads a task by its own key only', () => {
  it.each([...ODD, 'noSuchTask'])('a task %s the table does not list has no roles', (task) => {
    expect(responsibleRoles(task, s001VisitorReceptionPolicy).value).toEqual([]);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'visitorLog2'])(
    'a task %s the table lists has its roles',
    (task) => {
      const p = JSON.parse(JSON.stringify(s001VisitorReceptionPolicy));
      p.params.reception.duties = JSON.parse(`{"${task}":["frontDeskClerk"]}`);
      expect(responsibleRoles(task, defineServicePolicy(p)).value).toEqual(['frontDeskClerk']);
    },
  );
});
