// 鹭岛百货 (Ludao Department Store, fictitious): its customer-service desk runs the zhidu HTTP service
// and talks to it with a tiny fetch client, as its ERP would: complaints filed and their events
// recorded on streams (the bundled retail-000 policy, S000-COMPLAINT-17: a complaint is closed within
// 7 days), the timers due in the coming days, the breaches, and the month's fines per person under
// the store's own fine schedule (policies/ludao-complaint-fines.json).
import { readFileSync } from 'node:fs';
import { DEFAULT_ZONE, formatMoney, localDateOf, localTimeOf } from '@zhidu/core';
import { startServer } from '@zhidu/http';
import { openStore } from '@zhidu/store-postgres';

/** The complaint policy (bundled preset of `sla.timers`). */
export const COMPLAINT_PRESET = 'retail-000';

/** The store's own fine schedule for late complaints, a `penalty.ledger` policy file. */
export const FINES_POLICY: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../policies/ludao-complaint-fines.json', import.meta.url), 'utf8'),
);

/** The customer-service specialists (客服专员). */
export const STAFF: Record<string, string> = { 'he-jing': '何静', 'sun-qian': '孙倩' };

/** The desk's token: the ERP's service account. */
const TOKEN = 'ludao-cs-desk-token';

/** "Now" for the desk: Wednesday 20 March 2024, 18:00 Beijing time. */
export const NOW = '2024-03-20T18:00:00+08:00';

/** The month whose fines are read. */
export const PERIOD = '2024-03';

/** `2024-03-20 18:00` in Beijing time. */
export const beijing = (at: string): string =>
  `${localDateOf(at, DEFAULT_ZONE)} ${localTimeOf(at, DEFAULT_ZONE)}`;

/** A complaint as the front desk files it, and what happened to it later. */
export interface Complaint {
  id: string;
  summary: string;
  receivedAt: string;
  specialist: string;
  later: { type: 'closed' | 'rejectedCustomerCause'; at: string }[];
}

/**
 * The complaints of March (fictitious).
 *
 * @example
 * COMPLAINTS.map((c) => c.id); //=> ['LD-0301', 'LD-0302', 'LD-0303', 'LD-0305', 'LD-0314', 'LD-0318']
 */
export const COMPLAINTS: readonly Complaint[] = [
  {
    id: 'LD-0301',
    summary: '羽绒服退货遭拒 / a down jacket refused for return',
    receivedAt: '2024-03-01T10:00:00+08:00',
    specialist: 'he-jing',
    later: [{ type: 'closed', at: '2024-03-06T16:00:00+08:00' }],
  },
  {
    id: 'LD-0302',
    summary: '会员积分未到账 / loyalty points missing',
    receivedAt: '2024-03-02T14:00:00+08:00',
    specialist: 'he-jing',
    later: [{ type: 'closed', at: '2024-03-12T15:00:00+08:00' }],
  },
  {
    id: 'LD-0303',
    summary: '专柜导购态度差 / a rude counter assistant',
    receivedAt: '2024-03-03T09:00:00+08:00',
    specialist: 'sun-qian',
    later: [{ type: 'closed', at: '2024-03-11T11:30:00+08:00' }],
  },
  {
    id: 'LD-0305',
    summary: '人为损坏要求换货 / an exchange asked for goods damaged by the customer',
    receivedAt: '2024-03-05T15:00:00+08:00',
    specialist: 'sun-qian',
    later: [{ type: 'rejectedCustomerCause', at: '2024-03-07T10:00:00+08:00' }],
  },
  {
    id: 'LD-0314',
    summary: '配送延误 / a late home delivery',
    receivedAt: '2024-03-14T11:00:00+08:00',
    specialist: 'sun-qian',
    later: [],
  },
  {
    id: 'LD-0318',
    summary: '发票抬头错误 / a wrong name on the invoice',
    receivedAt: '2024-03-18T09:30:00+08:00',
    specialist: 'he-jing',
    later: [],
  },
];

/** What the desk reads back from the service. */
export interface DeskReport {
  /** `GET /healthz` */
  health: { ok: boolean };
  /** each filing's stream version, and whether a retry with the same idempotency key was replayed */
  filed: { id: string; version: number }[];
  retry: { replayed: boolean; version: number };
  /** `GET /v1/timers/due` from now to a week on: open complaints and their due instants */
  due: { complaint: string; dueAt: string; status: string }[];
  /** `GET /v1/violations?period=…&moduleId=sla.timers`: the breaches of the month */
  breaches: { complaint: string; personId: string; daysLate: number; rule: string }[];
  /** `GET /v1/ledgers/{person}/{period}`: the month's fines per person */
  fines: { personId: string; name: string; total: string; lines: string[] }[];
  /** requests the service refused, with the HTTP status and the error's code and path */
  refused: { what: string; status: number; code: string; path: (string | number)[] }[];
  /** events on the stream of the refused complaint afterwards (`GET /v1/streams/{stream}`) */
  refusedStreamEvents: number;
}

/** A tiny client: JSON in, JSON out, the status kept. */
export function client(base: string, token: string) {
  return async (
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> & { error?: ErrorBody } }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { error?: ErrorBody },
    };
  };
}

/** The error body of a refused request. */
interface ErrorBody {
  code: string;
  path: (string | number)[];
  message: string;
  requestId: string;
}

type ApiCall = ReturnType<typeof client>;

async function ok(
  call: Promise<{ status: number; body: Record<string, unknown> & { error?: ErrorBody } }>,
): Promise<Record<string, unknown>> {
  const r = await call;
  if (r.status >= 300) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body.error ?? r.body)}`);
  return r.body;
}

async function refusal(what: string, call: ReturnType<ApiCall>): Promise<DeskReport['refused'][number]> {
  const r = await call;
  const e = r.body.error as ErrorBody;
  return { what, status: r.status, code: e.code, path: e.path };
}

/**
 * Starts the HTTP service on 127.0.0.1 (a free port, the store on in-memory PGlite), runs the desk's
 * month through it with fetch, stops the server and closes the store.
 *
 * @example
 * const report = await runDesk();
 * report.fines.map((f) => [f.name, f.total]); //=> [['何静', '¥160.00'], ['孙倩', '¥120.00']]
 */
export async function runDesk(): Promise<DeskReport> {
  const { store, close: closeStore } = await openStore();
  const server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    auth: { tokens: { [TOKEN]: { id: 'ludao-erp' } } },
    store,
    logger: false,
  });
  try {
    const api = client(server.url, TOKEN);
    const health = (await ok(api('GET', '/healthz'))) as { ok: boolean };

    // The policies, once: the bundled complaint preset and the store's own fine schedule.
    await ok(api('POST', '/v1/sla.timers/policies', { preset: COMPLAINT_PRESET }));
    await ok(api('POST', '/v1/penalty.ledger/policies', FINES_POLICY));

    // File each complaint on its own stream (受理), then record what happened to it.
    const filed: DeskReport['filed'] = [];
    for (const c of COMPLAINTS) {
      const received = {
        events: [
          {
            type: 'received',
            subject: c.id,
            at: c.receivedAt,
            assignees: { opsCustomerService: c.specialist },
          },
        ],
        expectedVersion: 0,
        idempotencyKey: `front-desk:${c.id}`,
        now: NOW,
      };
      const r = (await ok(api('POST', `/v1/sla.timers/streams/complaint:${c.id}/events`, received))) as {
        toVersion: number;
      };
      filed.push({ id: c.id, version: r.toVersion });
    }
    // The front desk's form is submitted twice (a network retry): recorded once.
    const first = COMPLAINTS[0] as Complaint;
    const again = (await ok(
      api('POST', `/v1/sla.timers/streams/complaint:${first.id}/events`, {
        events: [
          {
            type: 'received',
            subject: first.id,
            at: first.receivedAt,
            assignees: { opsCustomerService: first.specialist },
          },
        ],
        expectedVersion: 0,
        idempotencyKey: `front-desk:${first.id}`,
        now: NOW,
      }),
    )) as { replayed: boolean; toVersion: number };
    for (const c of COMPLAINTS) {
      for (const e of c.later) {
        await ok(
          api('POST', `/v1/sla.timers/streams/complaint:${c.id}/events`, {
            events: [{ type: e.type, subject: c.id, at: e.at }],
            now: NOW,
          }),
        );
      }
    }

    // What falls due in the coming week (the open complaints), and what breached this month.
    const weekOn = new Date(Date.parse(NOW) + 7 * 86_400_000).toISOString();
    const dueRows = (await ok(
      api('GET', `/v1/timers/due?from=${encodeURIComponent(NOW)}&to=${encodeURIComponent(weekOn)}`),
    )) as unknown as { subject: string; dueAt: string; status: string }[];
    const violations = (await ok(
      api('GET', `/v1/violations?period=${PERIOD}&moduleId=sla.timers`),
    )) as unknown as {
      streamId: string;
      violation: Record<string, unknown> & { lateBy?: { units: number } };
      personId: string;
      rule: string;
    }[];

    // The month's fines: the breaches go onto the month's penalty ledger stream, priced by the schedule.
    await ok(
      api('POST', `/v1/penalty.ledger/streams/fines:${PERIOD}/events`, {
        events: violations.map((v) => v.violation),
        now: NOW,
      }),
    );
    const fines: DeskReport['fines'] = [];
    for (const [personId, name] of Object.entries(STAFF)) {
      const ledger = (await ok(api('GET', `/v1/ledgers/${personId}/${PERIOD}`))) as {
        totalFen: number;
        lines: { arithmetic: string; subject?: { id: string } }[];
      };
      fines.push({
        personId,
        name,
        total: formatMoney(ledger.totalFen),
        lines: ledger.lines.map((l) => `${l.subject?.id ?? '—'}: ${l.arithmetic}`),
      });
    }

    // Requests the service refuses: nothing is written for any of them.
    const refused = [
      await refusal(
        'a misspelt event key (assignee for assignees)',
        api('POST', '/v1/sla.timers/streams/complaint:LD-0319/events', {
          events: [
            {
              type: 'received',
              subject: 'LD-0319',
              at: '2024-03-19T10:00:00+08:00',
              assignee: { opsCustomerService: 'he-jing' },
            },
          ],
        }),
      ),
      await refusal('a module that does not exist', api('GET', '/v1/sla.timer/schema')),
      await refusal(
        'a wrong token',
        client(server.url, 'not-the-token')('GET', '/v1/timers/due?from=x&to=y'),
      ),
    ];

    const refusedStream = (await ok(api('GET', '/v1/streams/complaint:LD-0319'))) as unknown as unknown[];

    return {
      health: { ok: health.ok },
      filed,
      retry: { replayed: again.replayed, version: again.toVersion },
      due: dueRows.map((t) => ({ complaint: t.subject, dueAt: beijing(t.dueAt), status: t.status })),
      breaches: violations.map((v) => ({
        complaint: v.streamId.replace('complaint:', ''),
        personId: v.personId,
        daysLate: v.violation.lateBy?.units ?? 0,
        rule: v.rule,
      })),
      fines,
      refused,
      refusedStreamEvents: refusedStream.length,
    };
  } finally {
    await server.close();
    await closeStore();
  }
}
