import type { SalesHistoryInput } from './events.js';

type EventInput = SalesHistoryInput['events'][number];

/** How {@link benchLikeLog} picks each customer's salespeople and instants. */
export interface BenchLikeLogOptions {
  /** Salesperson ids: customer `c` registers with `staff[c + offset]` and is taken over by `staff[c + offset + partner]`. */
  readonly staff: readonly string[];
  /** How far along the staff list the second salesperson is (default 1). */
  readonly partner?: number;
  /** Added to each customer's index, for the staff and the first instant (default 0). */
  readonly offset?: number;
  /** Customers start 90 s apart, wrapping after this many (default: never). */
  readonly wrap?: number;
}

/**
 * The sales log `bench/attribution.bench.ts` times, ten events per customer in time order: a first
 * visit, a walk-in registration, a follow-up, visits naming the first salesperson, a forgotten one, a
 * lookup, a designation on entry, a refusal of the previous salesperson, a contract. The benchmark and
 * the tests of the batch's fast paths read this one generator, so the tests check the log the figures
 * are measured on. Internal: not exported from the package.
 */
export function benchLikeLog(customers: number, options: BenchLikeLogOptions): EventInput[] {
  const { staff, partner = 1, offset = 0, wrap = Number.POSITIVE_INFINITY } = options;
  const out: { t: number; e: EventInput }[] = [];
  const pick = (i: number) => staff[i % staff.length] as string;
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = 86_400_000;
  for (let c = 0; c < customers; c++) {
    const id = `c${c}`;
    const t0 = Date.UTC(2024, 0, 1) + ((c + offset) % wrap) * 90_000;
    const b = pick(c + offset);
    const a = pick(c + offset + partner);
    const visit = (t: number, onTurnId: string, extra: Record<string, unknown>) => ({
      t,
      e: { type: 'visit', at: iso(t), customerId: id, onTurnId, presentIds: [a, b], ...extra } as EventInput,
    });
    out.push(visit(t0, b, { intake: { visitedBefore: 'no' } }));
    out.push({
      t: t0 + 60_000,
      e: {
        type: 'registration',
        at: iso(t0 + 60_000),
        customerId: id,
        salespersonId: b,
        channel: 'walkIn',
        fields: { name: 'x', phone: '1' },
      },
    });
    out.push({
      t: t0 + day,
      e: { type: 'followUp', at: iso(t0 + day), customerId: id, salespersonId: b, reached: c % 3 !== 0 },
    });
    out.push(visit(t0 + 5 * day, a, { intake: { visitedBefore: 'yes', named: [b] }, presentIds: [a] }));
    out.push(visit(t0 + 9 * day, a, { intake: { visitedBefore: 'yes', named: [b] } }));
    out.push(visit(t0 + 12 * day, a, { intake: { visitedBefore: 'forgot' } }));
    out.push({
      t: t0 + 12 * day + 3_600_000,
      e: { type: 'lookup', at: iso(t0 + 12 * day + 3_600_000), customerId: id, foundSalespersonId: b },
    });
    out.push(
      visit(t0 + 20 * day, a, {
        intake: { visitedBefore: 'yes', named: [b] },
        designatedOnEntry: c % 2 ? a : b,
      }),
    );
    out.push(
      visit(t0 + 25 * day, a, { intake: { visitedBefore: 'yes', named: [b], refusesPrevious: true } }),
    );
    out.push({
      t: t0 + 30 * day,
      e: { type: 'deal', at: iso(t0 + 30 * day), customerId: id, stage: 'contract', closerId: a },
    });
  }
  out.sort((x, y) => x.t - y.t);
  return out.map((x) => x.e);
}
