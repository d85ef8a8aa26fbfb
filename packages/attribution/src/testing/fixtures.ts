/**
 * Small builders for test histories (not exported from the package).
 */
import type { SalesHistoryInput } from '../events.js';

type EventInput = SalesHistoryInput['events'][number];

export const STAFF = ['A', 'B', 'C', 'D', 'E', 'K', 'L', 'R', 'S', 'T'].map((id) => ({ id }));

export function at(date: string, time = '10:00'): string {
  return `${date}T${time}+08:00`;
}

export function reg(
  who: string,
  date: string,
  time = '10:30',
  customerId = 'c1',
  extra: Record<string, unknown> = {},
): EventInput {
  return {
    type: 'registration',
    at: at(date, time),
    customerId,
    salespersonId: who,
    channel: 'walkIn',
    fields: { name: '王先生', phone: '13800000000' },
    ...extra,
  } as EventInput;
}

export function visit(
  date: string,
  time: string,
  onTurnId: string,
  opts: {
    customerId?: string;
    visitedBefore?: 'no' | 'yes' | 'forgot';
    named?: string[];
    designatedOnEntry?: string;
    present?: string[];
    refusesPrevious?: boolean;
    complaintAgainstPrevious?: boolean;
    context?: 'normal' | 'propertyExpo' | 'launch' | 'otherEvent';
    discountApproachTo?: string;
    neglectedBy?: string[];
  } = {},
): EventInput {
  const e: Record<string, unknown> = {
    type: 'visit',
    at: at(date, time),
    customerId: opts.customerId ?? 'c1',
    onTurnId,
    intake: {
      visitedBefore: opts.visitedBefore ?? 'no',
      named: opts.named ?? [],
      refusesPrevious: opts.refusesPrevious ?? false,
      complaintAgainstPrevious: opts.complaintAgainstPrevious ?? false,
    },
    presentIds: opts.present ?? ['A', 'B', 'C', 'T'],
    context: opts.context ?? 'normal',
  };
  if (opts.designatedOnEntry !== undefined) e.designatedOnEntry = opts.designatedOnEntry;
  if (opts.discountApproachTo !== undefined) e.discountApproachTo = opts.discountApproachTo;
  if (opts.neglectedBy !== undefined) e.neglectedBy = opts.neglectedBy;
  return e as EventInput;
}

export function deal(
  date: string,
  closerId: string,
  opts: { time?: string; unitId?: string; customerId?: string } = {},
): EventInput {
  const e: Record<string, unknown> = {
    type: 'deal',
    at: at(date, opts.time ?? '16:00'),
    customerId: opts.customerId ?? 'c1',
    stage: 'contract',
    closerId,
  };
  if (opts.unitId !== undefined) e.unitId = opts.unitId;
  return e as EventInput;
}

export function history(events: EventInput[], customerId = 'c1'): SalesHistoryInput {
  return { customerId, staff: STAFF, events };
}
