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
  const check = (id: string | undefined | null, path: (string | number)[]): void => {
    if (id !== undefined && id !== null && !ids.has(id)) {
      throw new ZhiduError(
        'unknown_reference',
        [...root, ...path],
        `未知置业顾问 "${id}" / unknown salesperson "${id}"`,
      );
    }
  };
  const contacted = new Set<string>();
  h.events.forEach((e, i) => {
    const prev = h.events[i - 1];
    if (globalOrder && prev && e.at < prev.at) {
      throw new ZhiduError(
        'out_of_order',
        [...root, 'events', i, 'at'],
        '事件须按时间顺序排列 / events must be in time order',
      );
    }
    const p = ['events', i];
    switch (e.type) {
      case 'registration':
      case 'followUp':
        check(e.salespersonId, [...p, 'salespersonId']);
        contacted.add(e.customerId);
        break;
      case 'visit':
        check(e.onTurnId, [...p, 'onTurnId']);
        check(e.designatedOnEntry, [...p, 'designatedOnEntry']);
        e.intake.named.forEach((n, j) => {
          check(n, [...p, 'intake', 'named', j]);
        });
        e.presentIds.forEach((n, j) => {
          check(n, [...p, 'presentIds', j]);
        });
        e.neglectedBy.forEach((n, j) => {
          check(n, [...p, 'neglectedBy', j]);
        });
        check(e.discountApproachTo, [...p, 'discountApproachTo']);
        contacted.add(e.customerId);
        break;
      case 'lookup':
        check(e.foundSalespersonId, [...p, 'foundSalespersonId']);
        break;
      case 'complaintVerification':
        check(e.againstId, [...p, 'againstId']);
        break;
      case 'deal':
        check(e.closerId, [...p, 'closerId']);
        if (!contacted.has(e.customerId)) {
          throw new ZhiduError(
            'invalid_state',
            [...root, ...p],
            `客户 ${e.customerId} 在任何报备或到访之前已成交 / deal for customer ${e.customerId} before any registration or visit`,
          );
        }
        break;
      case 'dispute':
        e.parties.forEach((n, j) => {
          check(n, [...p, 'parties', j]);
        });
        check(e.winnerId, [...p, 'winnerId']);
        check(e.refusedBy, [...p, 'refusedBy']);
        break;
      case 'managerDecision': {
        check(e.ownerId, [...p, 'ownerId']);
        for (const k of ['performance', 'bonus'] as const) {
          const sum = Object.values(e[k]).reduce((s, x) => s + Math.round(x * 100), 0);
          if (sum !== 10_000)
            throw new ZhiduError(
              'invalid_ratio',
              [...root, ...p, k],
              `${k} 的分配比例合计须为 100% / ${k} shares must sum to 100 %`,
            );
          for (const id of Object.keys(e[k])) check(id, [...p, k, id]);
        }
        break;
      }
      case 'reassignment':
        check(e.toId, [...p, 'toId']);
        break;
      case 'departure':
        check(e.salespersonId, [...p, 'salespersonId']);
        for (const [c, to] of Object.entries(e.assignments ?? {})) check(to, [...p, 'assignments', c]);
        break;
      case 'link':
        break;
    }
  });
}
