import { makeContext } from '@zhidu/core';
import { expect, it } from 'vitest';
import { evaluateTimers, propertyService004Preset } from '../index.js';

it('smoke', () => {
  const policy = propertyService004Preset();
  const r = evaluateTimers(
    [
      { type: 'request', subject: 'r1', at: '2024-03-04T10:00:00+08:00', attributes: { row: 'T5-03' } },
      { type: 'arrive', subject: 'r1', at: '2024-03-04T10:25:00+08:00' },
    ],
    policy,
    makeContext({ now: '2024-03-04T10:45:00+08:00' }),
  );
  console.log(JSON.stringify(r.value.filter((s) => s.subject === 'r1'), null, 1), r.trace.length);
  expect(r.value.length).toBeGreaterThan(0);
});
