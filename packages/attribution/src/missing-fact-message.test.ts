// A fact a lifecycle rule needs is missing: the refusal's Chinese half names the event in Chinese and
// its English half in English (the bilingual event label was put whole into both halves).
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import scenario from '../scenarios/exampleLantingRealty/lifecycle-effective-follow-up.scenario.json' with {
  type: 'json',
};
import { attributionOwnership, attributionOwnershipBatch } from './index.js';

describe('a missing attrs fact (S001-ATTR-12, lifecycle conditions)', () => {
  it('is refused at attrs.minutes, each language naming the event in its own words', () => {
    const input = structuredClone(scenario.input) as { events: { attrs?: Record<string, unknown> }[] };
    delete (input.events[2] as { attrs?: unknown }).attrs;
    const e = zhiduError(() =>
      attributionOwnership.evaluate(input as never, attributionOwnership.preset('example-lanting-realty'), {
        now: '2024-04-10T23:00+08:00',
      }),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'events', 2, 'attrs', 'minutes']]);
    const [zh, en] = e.message.split(' / ');
    expect(zh).toMatch(/^事件 followUp@2024-03-20T07:00:00\.000Z缺少规则 \S+ 所需的事实 attrs\.minutes$/);
    expect(en).toMatch(
      /^the followUp event at 2024-03-20T07:00:00\.000Z lacks the fact attrs\.minutes that the rule at \S+ needs/,
    );
  });

  it('is cited at the event lacking it in the batch too, the log in its order as sent', () => {
    const input = structuredClone(scenario.input) as {
      staff: unknown;
      events: { attrs?: Record<string, unknown> }[];
    };
    delete (input.events[2] as { attrs?: unknown }).attrs;
    const e = zhiduError(() =>
      attributionOwnershipBatch.evaluate(
        { staff: input.staff, events: input.events } as never,
        attributionOwnershipBatch.preset('example-lanting-realty'),
        { now: '2024-04-10T23:00+08:00' },
      ),
    );
    expect([e.code, e.path]).toEqual(['invalid_input', ['input', 'events', 2, 'attrs', 'minutes']]);
    expect(e.message).toContain('attrs.minutes');
  });
});
