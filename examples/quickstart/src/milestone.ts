import { chinaCalendar } from '@zhidu/calendar-cn';
import { formatMoney, makeContext } from '@zhidu/core';
import { assessPenalties, constructionSchedule } from '@zhidu/penalty';
import { construction000Preset, evaluateTimers } from '@zhidu/sla';

/**
 * A construction milestone missed by three days (seed 000: completion standard within 90 days of the
 * main structure, 100 CNY per started 24 hours to each of two directors): the timer finds the breach,
 * the fine schedule prices it.
 */
export function milestoneToLedger(): { status: string | undefined; lines: string[]; totals: string[] } {
  const events = [
    {
      type: 'mainStructureCompleted',
      subject: 'block-3',
      at: '2024-01-10T12:00:00+08:00',
      assignees: { emcDirector: 'u-emc', pdcDirector: 'u-pdc' },
    },
    { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
  ];
  const ctx = makeContext({ now: '2024-06-01T00:00:00+08:00', calendar: chinaCalendar() });
  const timers = evaluateTimers({ events }, construction000Preset(), ctx).value;
  const ledger = assessPenalties({ violations: timers.violations }, constructionSchedule(), ctx).value.result;
  return {
    status: timers.result.find((t) => t.timerId === 'M01.completionStandard')?.status,
    lines: ledger.persons.flatMap((p) =>
      p.periods.flatMap((per) => per.lines.map((l) => `${p.personId}: ${l.arithmetic}`)),
    ),
    totals: ledger.persons.map(
      (p) => `${p.personId} ${formatMoney(p.periods.reduce((s, per) => s + per.total, 0))}`,
    ),
  };
}
