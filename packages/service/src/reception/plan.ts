import {
  type Decision,
  type EvalContext,
  type Fen,
  multiplyMoney,
  parseInput,
  refuseRepeats,
  type TraceEntry,
  type Violation,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';
import {
  type GuestFlag,
  GuestFlagSchema,
  type ReceptionClass,
  type ReceptionParams,
  type ReceptionRequest,
  ReceptionRequestSchema,
} from './schema.js';

/** A flag raised by `planReception`: a value, never an exception. */
export type ReceptionFlag = {
  code:
    | 'service.reception.overspend'
    | 'service.reception.companions'
    | 'service.reception.venue'
    | 'service.reception.host';
  rule: string;
  message: { zh: string; en: string };
};

/** The reception plan (接待方案) for one party. */
export type ReceptionPlan = {
  class: ReceptionClass;
  host: { role: string | null };
  budget: {
    perPerson: Fen;
    persons: number;
    cap: Fen;
    kind: 'cap' | 'approximate';
    /** Spend above this is overspend (cap, or cap + tolerance for "左右"). */
    flagAbove: Fen;
  } | null;
  companions: { min: number; max: number | null };
  gifts: { id: string; important: boolean; approverRole: string }[];
  venue: string | null;
  spend: { amount: Fen; over: boolean; overBy: Fen } | null;
  flags: ReceptionFlag[];
  violations: Violation[];
};

/** The guest flags `classifyGuest` takes (one schema, built once). */
export const GuestFlagsSchema = z.array(GuestFlagSchema);

/**
 * Classifies a guest into a reception class (接待类别) by the policy's class table: rows are checked
 * in order and the first row with a matching flag wins, so the highest class wins when several
 * flags apply (S000-RECEPTION-01).
 *
 * @param flags - facts about the guest
 * @param policy - a service policy with a `reception` section
 * @returns the class, with a trace naming the matching row
 * @example
 * classifyGuest(['foreignGuest'], s000ReceptionPolicy).value; //=> 'B'
 */
export function classifyGuest(flags: readonly GuestFlag[], policy: ServicePolicy): Decision<ReceptionClass> {
  parseInput(GuestFlagsSchema, flags, ['flags']);
  return classifyGuestParsed(flags, policy);
}

/** {@link classifyGuest} on flags its module has parsed already (one parse, not two; issue 21). @internal */
export function classifyGuestParsed(
  flags: readonly GuestFlag[],
  policy: ServicePolicy,
): Decision<ReceptionClass> {
  const reception = requireSection(paramsOf(policy).reception, 'reception');
  const { value, trace } = classify(flags, reception);
  return { value, trace };
}

function classify(
  flags: readonly GuestFlag[],
  reception: ReceptionParams,
): { value: ReceptionClass; trace: TraceEntry[] } {
  if (reception.classes.length === 0 || reception.defaultClass === null) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'reception', 'classes'],
      '本制度没有接待等级表 / this policy has no reception class table',
    );
  }
  const cite = reception.citations.classes;
  for (const row of reception.classes) {
    const hit = row.criteria.find((c) => flags.includes(c));
    if (hit !== undefined) {
      return {
        value: row.class,
        trace: [
          entry(
            cite,
            `客人属于${row.zh}(依据:${hit})`,
            `guest is class ${row.class}, ${row.en} (because ${hit})`,
            { flag: hit },
          ),
        ],
      };
    }
  }
  return {
    value: reception.defaultClass,
    trace: [
      entry(
        cite,
        `无匹配条件,按默认类别${reception.defaultClass}接待`,
        `no criterion matched; default class ${reception.defaultClass}`,
      ),
    ],
  };
}

/**
 * Plans a reception (客户接待): class, host, per-person budget and cap, companions for the party
 * size, who approves each gift, the venue — and flags any overspend, companion count outside the
 * band, wrong venue or a host below the class's level. Overspend also yields a core `Violation`
 * (`service.reception.overspend`) when `hostId` and `occurredAt` are given.
 *
 * Rules: S000-RECEPTION-01..05, S001-RECEP-06.
 *
 * @param request - class or flags, party size, optional spend/gifts/venue/host
 * @param policy - a service policy with a `reception` section
 * @param ctx - optional context; only used as the occurrence time of a violation when `occurredAt` is absent
 * @returns the plan with its trace
 * @throws ZhiduError `invalid_input` for a malformed request or an unknown class, `duplicate` at
 *   `request.gifts[i].id` for a gift listed twice
 * @example
 * const plan = planReception({ class: 'D', guests: 12, spend: yuan(1900) }, s000ReceptionPolicy).value;
 * plan.budget?.cap; //=> 180000 (¥1,800)
 * plan.spend?.over; //=> true
 */
export function planReception(
  request: ReceptionRequest,
  policy: ServicePolicy,
  ctx?: EvalContext,
): Decision<ReceptionPlan> {
  return planParsed(parseInput(ReceptionRequestSchema, request, ['request']), policy, ctx);
}

/** {@link planReception} on a request its module has parsed already (one parse, not two; issue 21). @internal */
export function planParsed(
  req: z.output<typeof ReceptionRequestSchema>,
  policy: ServicePolicy,
  ctx?: EvalContext,
): Decision<ReceptionPlan> {
  const reception = requireSection(paramsOf(policy).reception, 'reception');
  const cites = reception.citations;
  const trace: TraceEntry[] = [];

  let cls: ReceptionClass;
  if (req.class !== undefined) {
    cls = req.class;
    trace.push(entry(cites.classes, `接待类别已指定为${cls}`, `reception class given as ${cls}`));
  } else if (req.flags !== undefined) {
    const c = classify(req.flags, reception);
    cls = c.value;
    trace.push(...c.trace);
  } else {
    throw new ZhiduError(
      'invalid_input',
      ['request', 'class'],
      '须给出接待等级或来宾标记之一 / give either the reception class or the guest flags',
    );
  }
  const row = reception.classes.find((r) => r.class === cls);
  if (row === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['request', 'class'],
      `本制度没有接待等级 ${cls} / this policy has no reception class ${cls}`,
    );
  }
  const flags: ReceptionFlag[] = [];

  // Host: the class sets the minimum host level; the concrete person is the business owner or a
  // higher-ranked host (S000-RECEPTION-05 read together with -02).
  const hostCite = cites.host ?? cites.classes;
  trace.push(
    entry(
      hostCite,
      `${cls}类由${row.hostRole ?? '业务负责人'}接待`,
      `class ${cls} is hosted by ${row.hostRole ?? 'the business owner'}`,
    ),
  );
  if (req.hostRole !== undefined && row.hostRole !== null) {
    const need = reception.hostRanks.indexOf(row.hostRole);
    const got = reception.hostRanks.indexOf(req.hostRole);
    if (need >= 0 && (got < 0 || got > need)) {
      flags.push({
        code: 'service.reception.host',
        rule: hostCite.rule,
        message: {
          zh: `接待人${req.hostRole}级别低于${row.hostRole}`,
          en: `host ${req.hostRole} ranks below ${row.hostRole}`,
        },
      });
    }
  }

  // Companions by party size.
  const band = reception.companionBands.find(
    (b) => req.guests >= b.minGuests && (b.maxGuests === null || req.guests <= b.maxGuests),
  );
  const companions = band ? { min: band.companionsMin, max: band.companionsMax } : { min: 0, max: null };
  if (band && cites.companions) {
    trace.push(
      entry(
        cites.companions,
        `客人${req.guests}人,陪同${band.companionsMin}${band.companionsMax === null ? '人以上' : band.companionsMax === band.companionsMin ? '人' : `至${band.companionsMax}人`}`,
        `${req.guests} guests → ${band.companionsMin}${band.companionsMax === null ? '+' : band.companionsMax === band.companionsMin ? '' : `–${band.companionsMax}`} companion(s)`,
        { guests: req.guests, band },
      ),
    );
    if (
      req.companions !== undefined &&
      (req.companions < companions.min || (companions.max !== null && req.companions > companions.max)) &&
      (req.companionsReason === undefined || req.companionsReason.trim() === '')
    ) {
      flags.push({
        code: 'service.reception.companions',
        rule: cites.companions.rule,
        message: {
          zh: `陪同${req.companions}人不符合标准且未说明理由`,
          en: `${req.companions} companion(s) is outside the band and no reason was given`,
        },
      });
    }
  }

  // Budget: per person × persons; "左右" gets the policy tolerance on top.
  let budget: ReceptionPlan['budget'] = null;
  if (row.budgetPerPerson !== null) {
    const persons =
      reception.budgetBasis === 'guests' ? req.guests : req.guests + (req.companions ?? companions.min);
    const cap = row.budgetPerPerson * persons;
    const flagAbove =
      row.budgetKind === 'approximate'
        ? multiplyMoney(
            cap,
            { numerator: 100 + reception.approximateTolerancePercent, denominator: 100 },
            'floor',
          )
        : cap;
    budget = { perPerson: row.budgetPerPerson, persons, cap, kind: row.budgetKind, flagAbove };
    const budgetCite = cites.budget ?? cites.classes;
    trace.push(
      entry(
        budgetCite,
        `${cls}类费用标准${row.budgetPerPerson / 100}元/人${row.budgetKind === 'approximate' ? '左右' : ''},${persons}人合计${cap / 100}元`,
        `class ${cls} budget ${row.budgetPerPerson / 100} CNY/person${row.budgetKind === 'approximate' ? ' (approximate)' : ''}, ${persons} persons → ${cap / 100} CNY`,
        { perPerson: row.budgetPerPerson, persons, cap, flagAbove },
      ),
    );
  }
  let spend: ReceptionPlan['spend'] = null;
  const violations: Violation[] = [];
  if (req.spend !== undefined && budget !== null) {
    const over = req.spend > budget.flagAbove;
    const overBy = over ? req.spend - budget.cap : 0;
    spend = { amount: req.spend, over, overBy };
    const budgetCite = cites.budget ?? cites.classes;
    trace.push(
      entry(
        budgetCite,
        over ? `实际费用${req.spend / 100}元超出标准` : `实际费用${req.spend / 100}元在标准内`,
        over
          ? `spend ${req.spend / 100} CNY is over budget`
          : `spend ${req.spend / 100} CNY is within budget`,
        { spend: req.spend, flagAbove: budget.flagAbove },
      ),
    );
    if (over) {
      flags.push({
        code: 'service.reception.overspend',
        rule: budgetCite.rule,
        message: { zh: `超支${overBy / 100}元`, en: `overspent by ${overBy / 100} CNY` },
      });
      const occurredAt = req.occurredAt ?? ctx?.now;
      if (req.hostId !== undefined && occurredAt !== undefined) {
        violations.push(
          violation('service.reception', budgetCite, {
            code: 'service.reception.overspend',
            personId: req.hostId,
            ...(row.hostRole === null ? {} : { role: row.hostRole }),
            occurredAt,
            data: { class: cls, cap: budget.cap, spend: req.spend, overBy },
          }),
        );
      }
    }
  }

  // Gifts: supervisor arranges; important ones go to the executive-committee chair.
  const gifts: ReceptionPlan['gifts'] = [];
  // A gift listed twice was planned (and sent for approval) twice.
  refuseRepeats(
    req.gifts ?? [],
    (g) => g.id,
    (i) => ['request', 'gifts', i, 'id'],
    (id) => `礼品 ${id} 重复列出 / gift ${id} is listed twice`,
  );
  for (const g of req.gifts ?? []) {
    if (reception.gifts === null) break;
    const important =
      g.important === true ||
      (reception.gifts.importantFrom !== null &&
        g.value !== undefined &&
        g.value >= reception.gifts.importantFrom);
    const approverRole = important ? reception.gifts.importantApprover : reception.gifts.arrangedBy;
    gifts.push({ id: g.id, important, approverRole });
    if (cites.gifts) {
      trace.push(
        entry(
          cites.gifts,
          important ? `礼品${g.id}为重要礼品,需报${approverRole}` : `礼品${g.id}由${approverRole}安排`,
          important
            ? `gift ${g.id} is important: approval by ${approverRole}`
            : `gift ${g.id} arranged by ${approverRole}`,
        ),
      );
    }
  }

  // Venue: only the class's venue or an always-allowed room (001 L434–436).
  if (req.venue !== undefined && row.venue !== null && cites.venue) {
    const ok = req.venue === row.venue || reception.alwaysAllowedVenues.includes(req.venue);
    trace.push(
      entry(
        cites.venue,
        ok ? `接待场所${req.venue}符合规定` : `${cls}类接待不得在${req.venue}进行,应在${row.venue}`,
        ok
          ? `venue ${req.venue} is allowed`
          : `class ${cls} may not be received in ${req.venue}; use ${row.venue}`,
      ),
    );
    if (!ok) {
      flags.push({
        code: 'service.reception.venue',
        rule: cites.venue.rule,
        message: { zh: `接待场所不符:${req.venue}`, en: `venue not allowed: ${req.venue}` },
      });
    }
  }

  return {
    value: {
      class: cls,
      host: { role: row.hostRole },
      budget,
      companions,
      gifts,
      venue: row.venue,
      spend,
      flags,
      violations,
    },
    trace,
  };
}
