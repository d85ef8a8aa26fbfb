import { describe, expect, it } from 'vitest';
import { compareDeadlines, fineSplits } from './report.js';

describe('quickstart', () => {
  it('moves working-day deadlines across the National Day week and onto the make-up Saturday', () => {
    expect(compareDeadlines()).toEqual([
      expect.objectContaining({ prc: '2025-10-01 17:40', weekdays: '2025-10-01 17:40' }),
      expect.objectContaining({ prc: '2025-10-09 23:59', weekdays: '2025-10-01 23:59' }),
      expect.objectContaining({ prc: '2025-10-11 23:59', weekdays: '2025-10-03 23:59' }),
    ]);
  });

  it('splits a fine without losing a fen', () => {
    expect(fineSplits()).toEqual([
      { shares: [40, 30, 30], parts: ['¥40.00', '¥30.00', '¥30.00'] },
      { shares: [1, 1, 1], parts: ['¥33.34', '¥33.33', '¥33.33'] },
    ]);
  });
});
