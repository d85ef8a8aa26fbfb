import { describe, expect, it } from 'vitest';
import { defineSchedule, FineScheduleSchema } from '../schedule.js';
import { PRESETS, preset } from './index.js';

describe('presets as data', () => {
  for (const name of Object.keys(PRESETS)) {
    it(`${name} round-trips through JSON and validates again`, () => {
      const schedule = preset(name);
      const again = defineSchedule(JSON.parse(JSON.stringify(schedule)));
      expect(again).toEqual(schedule);
      expect(FineScheduleSchema.safeParse(JSON.parse(JSON.stringify(schedule))).success).toBe(true);
      // Every item cites a catalog rule id and a seed clause.
      for (const item of schedule.params.items) {
        expect(item.rule).toMatch(/^S\d{3}B?-[A-Z]+-\d{2}$/);
        expect(item.clause).toMatch(/^00\d /);
      }
    });
  }
});
