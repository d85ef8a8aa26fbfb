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
      // Every item cites a catalog rule id and a seed clause (the fictitious example companies: the
      // catalog rule of the nearest seed clause and their own article).
      const example = name.startsWith('example');
      for (const item of schedule.params.items) {
        expect(item.rule).toMatch(/^S\d{3}B?-[A-Z]+-\d{2}$/);
        expect(item.clause).toMatch(example ? /^(金马细则|青山办法)第\d+条/ : /^00\d /);
      }
    });
  }
});
