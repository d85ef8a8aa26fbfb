// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are JSON read field by field in assertions
import { evaluate, getModule } from '@zhidu/modules';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningServer, startServer } from './index.js';

// A policy sent inline with every request is validated once per app, by its JSON text (over real
// sockets on 127.0.0.1).

let server: RunningServer;
const TOKEN = 'erp-token-1';
beforeAll(async () => {
  server = await startServer({ port: 0, auth: { tokens: { [TOKEN]: { id: 'erp' } } }, logger: false });
});
afterAll(async () => {
  await server.close();
  vi.restoreAllMocks();
});

const MODULE = 'credit.decision-table';
const table = (first: 'yearsTrading' | 'latePayments') => {
  const when =
    first === 'yearsTrading'
      ? { yearsTrading: { gte: 5 }, latePayments: { equals: 0 } }
      : { latePayments: { equals: 0 }, yearsTrading: { gte: 5 } };
  return {
    id: 'acme.creditGrade',
    version: '1',
    effectiveFrom: '2024-01-01',
    source: { title: 'ACME credit grades' },
    params: {
      id: 'acme.creditGrade',
      hitPolicy: 'first',
      inputs: [
        { name: 'yearsTrading', type: 'number' },
        { name: 'latePayments', type: 'number' },
      ],
      outputs: [{ name: 'grade', type: 'string' }],
      rules: [{ id: 'A', when, result: { grade: 'A' } }],
      defaultOutput: { grade: 'C' },
    },
  };
};
const context = { now: '2024-07-01T09:00:00+08:00' };

async function post(body: unknown, module = MODULE) {
  const res = await fetch(`${server.url}/v1/${module}/evaluate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

describe('inline policies over HTTP (issue 21)', () => {
  it('the same policy text is validated for the first request and reused by the next; answers unchanged', async () => {
    const m = getModule(MODULE);
    const spy = vi.spyOn(m, 'evaluate');
    const policy = table('yearsTrading');
    const facts = [
      { yearsTrading: 6, latePayments: 0 },
      { yearsTrading: 2, latePayments: 1 },
    ];
    const answers = [];
    for (const f of facts) answers.push(await post({ policy, context, input: { facts: f } }));
    const given = spy.mock.calls.map((call) => call[1] as object);
    // Each answer is the in-process decision, provenance included.
    answers.forEach((a, i) => {
      expect(a.status).toBe(200);
      expect(a.json).toEqual(
        JSON.parse(JSON.stringify(evaluate(MODULE, { facts: facts[i] }, policy, context))),
      );
    });
    expect(answers.map((a) => a.json.value.result.output.grade)).toEqual(['A', 'C']);
    // The first request gave the module the parsed JSON; the second, the policy validated for the first.
    expect(given).toHaveLength(2);
    expect(Object.isFrozen(given[0])).toBe(false);
    expect(given[1]).toBe(m.policy(given[0]));
    expect(Object.isFrozen(given[1])).toBe(true);

    // The same content with its keys in another order is validated on its own.
    spy.mockClear();
    const reordered = await post({ policy: table('latePayments'), context, input: { facts: facts[0] } });
    expect(reordered.json.value.result.output.grade).toBe('A');
    expect(Object.isFrozen(spy.mock.calls[0]?.[1] as object)).toBe(false);
    spy.mockRestore();
  });

  it('a bad inline policy is refused on every request, with the same code and path', async () => {
    const bad = { ...table('yearsTrading'), version: 1 };
    const first = await post({
      policy: bad,
      context,
      input: { facts: { yearsTrading: 6, latePayments: 0 } },
    });
    const second = await post({
      policy: bad,
      context,
      input: { facts: { yearsTrading: 6, latePayments: 0 } },
    });
    expect(first.status).toBe(400);
    expect(first.json.error).toMatchObject({ code: 'invalid_input', path: ['body', 'policy', 'version'] });
    const { requestId: _a, ...firstError } = first.json.error;
    const { requestId: _b, ...secondError } = second.json.error;
    expect(secondError).toEqual(firstError);
  });

  it('a good policy with a bad input: the input is refused, and the policy is reused by the next request', async () => {
    const policy = { ...table('yearsTrading'), version: '2' };
    const refused = await post({
      policy,
      context,
      input: { facts: { yearsTrading: 'six', latePayments: 0 } },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('invalid_input');
    expect(refused.json.error.path).toEqual(['body', 'input', 'facts', 'yearsTrading']);
    const m = getModule(MODULE);
    const spy = vi.spyOn(m, 'evaluate');
    const ok = await post({ policy, context, input: { facts: { yearsTrading: 6, latePayments: 0 } } });
    expect(ok.json.value.result.output.grade).toBe('A');
    expect(ok.json.provenance.policy.version).toBe('2');
    // The refused request validated the policy but kept nothing: this one validates it again.
    expect(Object.isFrozen(spy.mock.calls[0]?.[1] as object)).toBe(false);
    spy.mockRestore();
  });

  it('a number JSON gives back otherwise (1e400 read as Infinity, -0) is never taken for a kept policy', async () => {
    // JSON.stringify writes Infinity as null: a policy with null kept first must not answer for it.
    const batch = 'attribution.ownership-batch';
    const policy = JSON.parse(JSON.stringify(getModule(batch).preset('sales-office-001')));
    policy.params.departure.longLeaveDays = null;
    const input = { staff: [{ id: 'S1' }], events: [] };
    const withNull = JSON.stringify({ policy, context, input });
    expect((await post(withNull, batch)).status).toBe(200);
    expect((await post(withNull, batch)).status).toBe(200);
    const huge = withNull.replace('"longLeaveDays":null', '"longLeaveDays":1e400');
    expect(huge).not.toBe(withNull);
    const refused = await post(huge, batch);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: 'invalid_input',
      path: ['body', 'policy', 'params', 'departure', 'longLeaveDays'],
    });
  });

  it('a body with a key written twice in one object is refused at that key (JSON.parse kept the last)', async () => {
    const text = `{"input":{"facts":{"yearsTrading":6,"latePayments":0}},"preset":"x","context":{"now":"${context.now}","now":"2030-01-01T00:00:00+08:00"}}`;
    const answer = await post(text);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'invalid_input', path: ['body', 'context', 'now'] });
    expect(answer.json.error.message).toContain('appears twice in one object');
    expect(answer.json.error.message).not.toContain('2030');
  });

  it('a policy nested too deep to write back is refused as before (400), not a server error', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const text = `{"policy":{"id":"x","version":"1","effectiveFrom":"2024-01-01","source":{"title":"t"},"params":${deep}},"context":{"now":"${context.now}"},"input":{"facts":{}}}`;
    const answer = await post(text);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'invalid_input', path: ['body', 'policy', 'params'] });
  });

  it('keeps the last 64 inline policies: the first of 65 is validated again', async () => {
    const m = getModule(MODULE);
    const version = (n: number) => ({ ...table('yearsTrading'), version: `keep-${n}` });
    const facts = { yearsTrading: 6, latePayments: 0 };
    for (let n = 0; n < 65; n++) await post({ policy: version(n), context, input: { facts } });
    const spy = vi.spyOn(m, 'evaluate');
    await post({ policy: version(64), context, input: { facts } }); // kept
    await post({ policy: version(0), context, input: { facts } }); // pushed out by the 65th
    expect(spy.mock.calls.map((call) => Object.isFrozen(call[1] as object))).toEqual([true, false]);
    spy.mockRestore();
  });
});
