import {
  compareInstants,
  type Decision,
  InstantSchema,
  localDateOf,
  parseInput,
  refuseRepeats,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { ConsultationArg, DutyFormArg, DutyLogArg } from '../inputs.js';
import { paramsOf, type ServicePolicy, servicePolicy } from '../policy.js';
import { entry, isPresent, requireSection } from '../shared.js';

/** A viewing appointment (预约看房): customer, salesperson and the slot. */
export const ViewingBookingSchema = z.strictObject({
  customerId: z.string().min(1),
  salespersonId: z.string().min(1),
  start: InstantSchema,
  end: InstantSchema,
});

/** The bookings already made that `bookViewing` takes (one schema, built once). */
export const ViewingBookingsSchema = z.array(ViewingBookingSchema);

/**
 * Books a viewing appointment (预约看房) in a calendar slot: refused as a value when the
 * salesperson's slot is full (S002-SYS-03). The trace cites the policy's `leasing.citations.booking`,
 * else its citation beside `/params/leasing/bookingsPerSlot`, else S002-SYS-03.
 *
 * @param existing - bookings already made
 * @param request - `{ customerId, salespersonId, start, end }`
 * @param policy - a service policy with a `leasing` section
 * @returns the booking or `'SLOT_UNAVAILABLE'`
 * @throws ZhiduError `invalid_input` without a customer or with end ≤ start
 * @example
 * const slot = { start: '2024-03-09T10:00:00+08:00', end: '2024-03-09T10:30:00+08:00' };
 * const first = bookViewing([], { customerId: 'C-01', salespersonId: 'chen', ...slot }, s002ProjectCsPolicy).value;
 * first.status; //=> 'booked'
 * const second = bookViewing([first.booking], { customerId: 'C-02', salespersonId: 'chen', ...slot }, s002ProjectCsPolicy);
 * second.value.status; //=> 'SLOT_UNAVAILABLE'
 */
export function bookViewing(
  existing: readonly z.input<typeof ViewingBookingSchema>[],
  request: z.input<typeof ViewingBookingSchema>,
  policy: ServicePolicy,
): Decision<{ status: 'booked' | 'SLOT_UNAVAILABLE'; booking: z.output<typeof ViewingBookingSchema> }> {
  const valid = servicePolicy(policy);
  requireSection(valid.params.leasing, 'leasing');
  const b = parseInput(ViewingBookingSchema, request, ['request']);
  refuseEmptySlot(b);
  const others = parseInput(ViewingBookingsSchema, existing, ['existing']);
  return bookViewingParsed(others, b, valid);
}

/** Refuses a booking that does not end after it starts. */
function refuseEmptySlot(b: z.output<typeof ViewingBookingSchema>): void {
  if (compareInstants(b.end, b.start) <= 0)
    throw new ZhiduError(
      'invalid_input',
      ['request', 'end'],
      '结束时间须晚于开始时间 / end must be after start',
    );
}

/** {@link bookViewing} on bookings its module has parsed already (one parse, not two; issue 21). @internal */
export function bookViewingParsed(
  others: readonly z.output<typeof ViewingBookingSchema>[],
  b: z.output<typeof ViewingBookingSchema>,
  policy: ServicePolicy,
): Decision<{ status: 'booked' | 'SLOT_UNAVAILABLE'; booking: z.output<typeof ViewingBookingSchema> }> {
  const valid = servicePolicy(policy);
  const p = requireSection(valid.params.leasing, 'leasing');
  refuseEmptySlot(b);
  const overlapping = others.filter(
    (o) =>
      o.salespersonId === b.salespersonId &&
      compareInstants(o.start, b.end) < 0 &&
      compareInstants(b.start, o.end) < 0,
  ).length;
  const status = overlapping >= p.bookingsPerSlot ? 'SLOT_UNAVAILABLE' : 'booked';
  // The clause the policy names for the booking rule, else the one it cites beside bookingsPerSlot;
  // S002-SYS-03 only for a policy that names neither.
  const own = valid.citations?.['/params/leasing/bookingsPerSlot'];
  const cite =
    p.citations.booking ??
    (own ? { rule: own.rule, clause: own.clause ?? '' } : { rule: 'S002-SYS-03', clause: '002 L92' });
  return {
    value: { status, booking: b },
    trace: [
      entry(
        cite,
        status === 'booked' ? '预约看房成功' : '该时段已约满',
        status === 'booked' ? 'viewing booked' : 'slot unavailable',
      ),
    ],
  };
}

/** A contact received on duty. */
export type DutyContact = { id: string; at: string; phone?: string; name?: string };

/**
 * Completeness of the daily registration form (客户信息登记表): every call and walk-in received on
 * duty must be on it, matched by phone or by name; one entry per customer per day suffices
 * (S000B-RECEPTION-02).
 *
 * @param log - contacts received on duty
 * @param form - entries on the form (`{ phone?, name?, date }`)
 * @param policy - a service policy with a `leasing` section
 * @param zone - zone of the local day (default Asia/Shanghai)
 * @returns the contacts missing from the form
 * @throws ZhiduError `invalid_input` at `log[i]` for a contact with neither phone nor name, `duplicate`
 *   at `log[i].id` for a contact listed twice
 * @example
 * const log = [
 *   { id: 'call-1', at: '2024-03-09T09:20:00+08:00', phone: '13800000001' },
 *   { id: 'walk-in-2', at: '2024-03-09T11:05:00+08:00', name: '刘女士' },
 * ];
 * const form = [{ phone: '13800000001', date: '2024-03-09' }];
 * dutyLogCompleteness(log, form, s000bLeasingInfoPolicy).value.missing.map((c) => c.id); //=> ['walk-in-2']
 */
export function dutyLogCompleteness(
  log: readonly DutyContact[],
  form: readonly { phone?: string; name?: string; date: string }[],
  policy: ServicePolicy,
  zone = servicePolicy(policy).zone,
): Decision<{ missing: DutyContact[] }> {
  parseInput(DutyLogArg, log, ['log']);
  parseInput(DutyFormArg, form, ['form']);
  return dutyLogParsed(log, form, policy, zone);
}

/** {@link dutyLogCompleteness} on a log and form its module has parsed already (one parse, not two; issue 21). @internal */
export function dutyLogParsed(
  log: readonly DutyContact[],
  form: readonly { phone?: string; name?: string; date: string }[],
  policy: ServicePolicy,
  zone = servicePolicy(policy).zone,
): Decision<{ missing: DutyContact[] }> {
  const p = requireSection(paramsOf(policy).leasing, 'leasing');
  // A contact is its id: listed twice, it was reported missing twice.
  refuseRepeats(
    log,
    (c) => c.id,
    (i) => ['log', i, 'id'],
    (id) => `来访记录 ${id} 重复列出 / contact ${id} is listed twice`,
  );
  const missing = log.filter((c, i) => {
    if (!isPresent(c.phone) && !isPresent(c.name)) {
      throw new ZhiduError(
        'invalid_input',
        ['log', i],
        '来访记录须有电话或姓名才能匹配 / a contact needs a phone or a name to be matched',
      );
    }
    const day = localDateOf(c.at, zone);
    return !form.some(
      (e) =>
        e.date === day &&
        ((isPresent(c.phone) && e.phone === c.phone) ||
          (!isPresent(c.phone) && isPresent(c.name) && e.name === c.name)),
    );
  });
  const cite = p.citations.dutyLog ?? { rule: 'S000B-RECEPTION-02', clause: '000 L1117' };
  return {
    value: { missing },
    trace: [
      entry(
        cite,
        missing.length ? `登记表漏登${missing.length}位` : '当天接待全部已登记',
        missing.length
          ? `${missing.length} contact(s) missing from the form`
          : 'every contact is on the form',
      ),
    ],
  };
}

/** A consultation (客户咨询) in progress. */
export type Consultation = {
  step: string;
  contact?: string;
  content?: string;
  category?: string;
  assignee?: string;
  channel?: string;
  solution?: string;
};

/** The Chinese name of each field of a {@link Consultation}, for the zh trace (the error code keeps the field). */
const CONSULTATION_FIELD_ZH: Partial<Record<keyof Consultation, string>> = {
  contact: '联系方式',
  content: '咨询内容',
  category: '咨询类别',
  assignee: '承办人',
  channel: '答复渠道',
  solution: '解决方案',
};

/**
 * Moves a consultation to its next step (collected → classified → assigned → answered → recorded);
 * a step whose field is missing is refused as a value (S002-FLOW-05).
 *
 * @param c - the consultation with the fields gathered so far
 * @param policy - a service policy with a `leasing` section
 * @returns the new step, or an error code such as `CATEGORY_REQUIRED` / `SOLUTION_REQUIRED`
 * @example
 * const asked = { step: 'collected', contact: '13800000001', content: '询问车位租金' };
 * advanceConsultation(asked, s002ProjectCsPolicy).value; //=> { ok: false, error: 'CATEGORY_REQUIRED' }
 * advanceConsultation({ ...asked, category: 'leasing' }, s002ProjectCsPolicy).value; //=> { ok: true, step: 'classified' }
 */
export function advanceConsultation(
  c: Consultation,
  policy: ServicePolicy,
): Decision<{ ok: true; step: string } | { ok: false; error: string }> {
  parseInput(ConsultationArg, c, ['c']);
  return advanceConsultationParsed(c, policy);
}

/** {@link advanceConsultation} on a consultation its module has parsed already (one parse, not two; issue 21). @internal */
export function advanceConsultationParsed(
  c: Consultation,
  policy: ServicePolicy,
): Decision<{ ok: true; step: string } | { ok: false; error: string }> {
  const p = requireSection(paramsOf(policy).leasing, 'leasing');
  const steps = p.consultationSteps;
  const idx = steps.indexOf(c.step);
  if (idx < 0)
    throw new ZhiduError('invalid_input', ['c', 'step'], `未知步骤 ${c.step} / unknown step ${c.step}`);
  const need: Record<string, (keyof Consultation)[]> = {
    collected: ['contact', 'content'],
    classified: ['category'],
    assigned: ['category', 'assignee'],
    answered: ['channel'],
    recorded: ['solution'],
  };
  const cite = p.citations.consultation ?? { rule: 'S002-FLOW-05', clause: '002 L72' };
  const target = steps[idx + 1];
  const check = target ?? c.step;
  for (const f of need[check] ?? []) {
    if (!isPresent(c[f])) {
      const error = `${String(f).toUpperCase()}_REQUIRED`;
      return {
        value: { ok: false, error },
        trace: [
          entry(
            cite,
            `进入${check}前须填写${CONSULTATION_FIELD_ZH[f] ?? String(f)}`,
            `${String(f)} is required before ${check}`,
          ),
        ],
      };
    }
  }
  const step = target ?? c.step;
  return {
    value: { ok: true, step },
    trace: [entry(cite, `咨询进入${step}`, `consultation moves to ${step}`)],
  };
}
