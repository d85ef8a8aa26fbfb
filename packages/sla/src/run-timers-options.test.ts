// runTimers' options are strict: a misspelt `excuse` dropped the excuse rules without a word.
import { makeContext, weekdayCalendar } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { logistics001bPreset, parseEvents, runTimers } from './index.js';

const ctx = makeContext({ now: '2025-03-10T09:00:00+08:00', calendar: weekdayCalendar() });
const definitions = logistics001bPreset().params.timers;

describe('runTimers refuses an option it does not read', () => {
  it('`excuse` is refused at options.excuse, naming excuses; no options decide as before', () => {
    const e = zhiduError(() => runTimers(parseEvents([]), definitions, ctx, { excuse: [] } as never));
    expect([e.code, e.path]).toEqual(['unknown_key', ['options', 'excuse']]);
    expect(e.message).toContain('excuses');
    expect(runTimers(parseEvents([]), definitions, ctx, { excuses: [] }).value).toEqual([]);
  });
});
