/**
 * Refusing bad input in an event log: time order, known salespeople, deals before any contact,
 * manager shares that do not sum to 100 %.
 */

import type { SalesHistory } from './events.js';
import { ZhiduError } from './kernel.js';

/**
 * @param h - the parsed history
 * @param root - where the history sits in the caller's input (`['history']`, or `['input']` for a module)
 * @param globalOrder - refuse any event earlier than the one before it (the 0.x entry points); the
 *   modules check time order within each subject instead
 */
export function validateLog(
  h: SalesHistory,
  root: (string | number)[] = ['history'],
  globalOrder = true,
): void {
  const ids = new Set(h.staff.map((s) => s.id));
  const seen = new Set<string>();
  h.staff.forEach((s, i) => {
    if (seen.has(s.id))
      throw new ZhiduError(
        'duplicate',
        [...root, 'staff', i, 'id'],
        `员工编号 ${s.id} 重复列出 / staff id ${s.id} is listed twice`,
      );
    seen.add(s.id);
  });
  // The path is built only when a check fails: a valid log of 10^6 events allocates none.
  const check = (
    id: string | undefined | null,
    i: number,
    key: string,
    sub?: string | number,
    subsub?: string | number,
  ): void => {
    if (id !== undefined && id !== null && !ids.has(id)) {
      const path: (string | number)[] = [...root, 'events', i, key];
      if (sub !== undefined) path.push(sub);
      if (subsub !== undefined) path.push(subsub);
      throw new ZhiduError('unknown_reference', path, `未知置业顾问 "${id}" / unknown salesperson "${id}"`);
    }
  };
  const checkAll = (list: readonly string[], i: number, key: string, sub?: string): void => {
    for (let j = 0; j < list.length; j++) {
      if (sub === undefined) check(list[j], i, key, j);
      else check(list[j], i, key, sub, j);
    }
  };
  const contacted = new Set<string>();
  const events = h.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as (typeof events)[number];
    const prev = events[i - 1];
    if (globalOrder && prev && e.at < prev.at) {
      throw new ZhiduError(
        'out_of_order',
        [...root, 'events', i, 'at'],
        '事件须按时间顺序排列 / events must be in time order',
      );
    }
    switch (e.type) {
      case 'registration':
      case 'followUp':
        check(e.salespersonId, i, 'salespersonId');
        contacted.add(e.customerId);
        break;
      case 'visit':
        check(e.onTurnId, i, 'onTurnId');
        check(e.designatedOnEntry, i, 'designatedOnEntry');
        checkAll(e.intake.named, i, 'intake', 'named');
        checkAll(e.presentIds, i, 'presentIds');
        checkAll(e.neglectedBy, i, 'neglectedBy');
        check(e.discountApproachTo, i, 'discountApproachTo');
        contacted.add(e.customerId);
        break;
      case 'lookup':
        check(e.foundSalespersonId, i, 'foundSalespersonId');
        break;
      case 'complaintVerification':
        check(e.againstId, i, 'againstId');
        break;
      case 'deal':
        check(e.closerId, i, 'closerId');
        if (!contacted.has(e.customerId)) {
          throw new ZhiduError(
            'invalid_state',
            [...root, 'events', i],
            `客户 ${e.customerId} 在任何报备或到访之前已成交 / deal for customer ${e.customerId} before any registration or visit`,
          );
        }
        break;
      case 'dispute':
        checkAll(e.parties, i, 'parties');
        check(e.winnerId, i, 'winnerId');
        check(e.refusedBy, i, 'refusedBy');
        break;
      case 'managerDecision': {
        check(e.ownerId, i, 'ownerId');
        for (const k of ['performance', 'bonus'] as const) {
          const sum = Object.values(e[k]).reduce((s, x) => s + Math.round(x * 100), 0);
          if (sum !== 10_000)
            throw new ZhiduError(
              'invalid_ratio',
              [...root, 'events', i, k],
              `${k} 的分配比例合计须为 100% / ${k} shares must sum to 100 %`,
            );
          for (const id of Object.keys(e[k])) check(id, i, k, id);
        }
        break;
      }
      case 'reassignment':
        check(e.toId, i, 'toId');
        break;
      case 'departure':
        check(e.salespersonId, i, 'salespersonId');
        for (const [c, to] of Object.entries(e.assignments ?? {})) check(to, i, 'assignments', c);
        break;
      case 'link':
        break;
    }
  }
}
