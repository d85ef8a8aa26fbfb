import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { chinaCalendar } from './china-calendar.js';

describe('chinaCalendar refuses its options at the options the caller wrote', () => {
  it.each([
    ['an unknown zone', { zone: 'Mars/X' }, ['options', 'zone'], 'invalid_zone'],
    ['hours that are no spans', { hours: { spans: 'x' } }, ['options', 'hours', 'spans'], 'invalid_input'],
    [
      'an override keyed by no date',
      { overrides: { x: { workday: false } } },
      ['options', 'overrides', 'x'],
      'invalid_date',
    ],
  ])('%s (was under `calendar`, a path nobody wrote)', (_name, options, path, code) => {
    const e = zhiduError(() => chinaCalendar(options as never));
    expect(e.path).toEqual(path);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(new RegExp(`\\(at ${(path as string[]).join('.').replace(/\./g, '\\.')}\\)$`));
  });

  it('still builds with valid options: 2025-10-01 is a holiday in Shanghai time, a company override applies', () => {
    const cal = chinaCalendar({ zone: 'Asia/Shanghai', overrides: { '2025-10-09': { workday: false } } });
    expect(cal.isWorkday('2025-10-01')).toBe(false);
    expect(cal.isWorkday('2025-10-09')).toBe(false);
    expect(cal.isWorkday('2025-10-10')).toBe(true);
  });
});
