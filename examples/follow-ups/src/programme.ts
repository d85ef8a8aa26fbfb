// The return-visit programme (回访) of 云栖花园物业服务中心 (Yunqi Garden property service centre,
// fictitious) in April 2024, under the bundled s000b-property-revisit policy (物业客户服务: complaint
// revisits within 3 days at a 50 % monthly rate, repair revisits within a month at 30 %, community-
// activity revisits within a month at 10 %, anonymous complaints exempt).
import { DEFAULT_ZONE, localDateOf, localTimeOf } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';

/** The service preset every call uses. */
export const PRESET = 's000b-property-revisit';

/** The desk's mid-month look (what is due) and the month's close (what was late and missing). */
export const DESK_AT = '2024-04-28T09:00:00+08:00';
export const CLOSE_AT = '2024-06-01T09:00:00+08:00';

/** A time in Beijing time, `YYYY-MM-DD HH:mm`. */
export const beijing = (at: string): string =>
  `${localDateOf(at, DEFAULT_ZONE)} ${localTimeOf(at, DEFAULT_ZONE)}`;

/** April's triggers: complaints handled (投诉), repairs completed (维修), an activity (文体活动). */
export const TRIGGERS = [
  { id: 'TS-0402', type: 'complaintHandled', at: '2024-04-02T16:00:00+08:00', personId: 'pa-liu' },
  { id: 'TS-0408', type: 'complaintHandled', at: '2024-04-08T10:00:00+08:00', personId: 'pa-liu' },
  { id: 'TS-0415', type: 'complaintHandled', at: '2024-04-15T09:30:00+08:00', personId: 'pa-sun' },
  {
    id: 'TS-0419',
    type: 'complaintHandled',
    at: '2024-04-19T14:00:00+08:00',
    personId: 'pa-sun',
    flags: ['anonymous'],
  },
  { id: 'TS-0426', type: 'complaintHandled', at: '2024-04-26T17:00:00+08:00', personId: 'pa-sun' },
  { id: 'WX-0403', type: 'repairCompleted', at: '2024-04-03T11:00:00+08:00', personId: 'zpa-gao' },
  { id: 'WX-0410', type: 'repairCompleted', at: '2024-04-10T15:00:00+08:00', personId: 'zpa-gao' },
  { id: 'WX-0418', type: 'repairCompleted', at: '2024-04-18T10:00:00+08:00', personId: 'zpa-gao' },
  { id: 'HD-0420', type: 'activityParticipation', at: '2024-04-20T10:00:00+08:00', personId: 'ccc-lin' },
];

/** The revisits done (回访记录), as the centre logged them. */
export const COMPLETIONS = [
  { triggerId: 'TS-0402', action: 'revisit', at: '2024-04-04T10:00:00+08:00' },
  { triggerId: 'TS-0408', action: 'revisit', at: '2024-04-12T10:00:00+08:00' },
  { triggerId: 'WX-0403', action: 'revisit', at: '2024-04-20T10:00:00+08:00' },
  { triggerId: 'WX-0410', action: 'revisit', at: '2024-05-13T10:00:00+08:00' },
];

interface Task {
  triggerId: string;
  rule: string;
  personId: string | null;
  due: { at: string } | null;
  exempt: boolean;
  status: string;
}
interface Rate {
  ruleKey: string;
  rule: string;
  period: string;
  total: number;
  counted: number;
  required: number;
  targetPercent: number;
  met: boolean;
}

function measure(now: string) {
  const completions = COMPLETIONS.filter((c) => Date.parse(c.at) <= Date.parse(now));
  const d = evaluate(
    'service.followup',
    { op: 'measureProgramme', triggers: TRIGGERS, completions },
    PRESET,
    {
      now,
    },
  );
  return {
    result: d.value.result as { tasks: Task[]; due: Task[]; rates: Rate[] },
    violations: d.value.violations,
  };
}

/** One revisit task as a line of the desk's list. */
export interface TaskLine {
  triggerId: string;
  rule: string;
  personId: string;
  due: string;
  status: string;
}

const line = (t: Task): TaskLine => ({
  triggerId: t.triggerId,
  rule: t.rule,
  personId: t.personId ?? '',
  due: t.due === null ? '—' : beijing(t.due.at),
  status: t.exempt ? 'exempt' : t.status,
});

/**
 * The desk on 28 April: every task with its status, and what is still due (S000B-FOLLOWUP-04/05/06, 12).
 *
 * @example
 * deskView().due.map((t) => t.triggerId); //=> ['TS-0426', 'WX-0410', 'WX-0418', 'HD-0420']
 */
export function deskView(): { tasks: TaskLine[]; due: TaskLine[]; violations: string[] } {
  const m = measure(DESK_AT);
  return {
    tasks: m.result.tasks.map(line),
    due: m.result.due.map(line),
    violations: m.violations.map((v) => `${v.code} ${v.personId}`),
  };
}

/**
 * April closed on 1 June: the revisits done late and missing (violations of the person responsible,
 * lateness in calendar days), and each programme's rate against its target.
 *
 * @example
 * monthClose().rates[0]; //=> 'S000B-FOLLOWUP-04 complaintRevisit 2024-04: 1/4 (needs 2 for 50 %) not met'
 */
export function monthClose(): { violations: string[]; rates: string[] } {
  const m = measure(CLOSE_AT);
  const order = ['complaintRevisit', 'repairRevisit', 'activityRevisit'];
  return {
    violations: m.violations.map((v) => {
      const days =
        v.lateBy === undefined
          ? ''
          : `, ${v.lateBy.units} calendar day(s) ${v.code.endsWith('.late') ? 'late' : 'overdue'}`;
      const when = v.code.endsWith('.late') ? 'done' : 'was due';
      return `${v.code} ${v.personId}: ${when} ${beijing(v.occurredAt)}${days}`;
    }),
    rates: [...m.result.rates]
      .sort((a, b) => order.indexOf(a.ruleKey) - order.indexOf(b.ruleKey))
      .map(
        (r) =>
          `${r.rule} ${r.ruleKey} ${r.period}: ${r.counted}/${r.total} (needs ${r.required} for ${r.targetPercent} %) ${r.met ? 'met' : 'not met'}`,
      ),
  };
}
