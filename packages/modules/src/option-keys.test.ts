import { describe, expect, it } from 'vitest';
import { zhiduError, zhiduRejection } from '../../core/test/helpers.js';
import { createEvaluationPool, evaluate, evaluateInParallel } from './index.js';

const ctx = { now: '2024-03-31T18:00:00+08:00' };
const inputs = [{ violations: [] }];

describe('a misspelt option of the registry is refused, naming the key meant', () => {
  it('evaluate: a misspelt outsideData is named (core’s list of context keys lacked it)', () => {
    const e = zhiduError(() =>
      evaluate('sla.timers', { events: [] }, 'dealer-000', {
        now: '2027-01-10T00:00:00+08:00',
        outsideDta: 'provisional',
      } as never),
    );
    expect(e).toMatchObject({ code: 'unknown_key', path: ['ctx', 'outsideDta'] });
    expect(e.message).toContain('did you mean `outsideData`');
    // Spelt right, the 2027 date is computed provisionally.
    const d = evaluate('sla.timers', { events: [] }, 'dealer-000', {
      now: '2027-01-10T00:00:00+08:00',
      outsideData: 'provisional',
    });
    expect(d.value.violations).toEqual([]);
  });

  it('evaluateInParallel: `outpt` and `worker` were dropped (decisions instead of JSON, the default threads)', async () => {
    const outpt = await zhiduRejection(
      evaluateInParallel('penalty.ledger', inputs, 'dealer-file', { ctx, outpt: 'json' } as never),
    );
    expect(outpt).toMatchObject({ code: 'unknown_key', path: ['outpt'] });
    expect(outpt.message).toContain('did you mean `output`');
    const worker = await zhiduRejection(
      evaluateInParallel('penalty.ledger', inputs, 'dealer-file', { ctx, worker: 1 } as never),
    );
    expect(worker).toMatchObject({ code: 'unknown_key', path: ['worker'] });
    const json = await evaluateInParallel('penalty.ledger', inputs, 'dealer-file', {
      ctx,
      output: 'json',
      workers: 1,
    });
    expect(typeof json[0]).toBe('string');
    expect(JSON.parse(json[0] as string).value.result.scheduleId).toBe('dealer-customer-file-fines');
  });

  it('createEvaluationPool and pool.evaluate refuse misspelt options too', async () => {
    expect(zhiduError(() => createEvaluationPool({ worker: 1 } as never))).toMatchObject({
      code: 'unknown_key',
      path: ['worker'],
    });
    const pool = createEvaluationPool({ workers: 1 });
    try {
      const e = await zhiduRejection(
        pool.evaluate('penalty.ledger', inputs, 'dealer-file', { ctx, outpt: 'json' } as never),
      );
      expect(e).toMatchObject({ code: 'unknown_key', path: ['outpt'] });
    } finally {
      await pool.close();
    }
  });
});
