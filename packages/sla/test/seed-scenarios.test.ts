import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedScenarioFiles, workingDays } from '../scripts/seed-scenarios.js';

const committed = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('seed-table scenarios (scripts/seed-scenarios.ts)', () => {
  const files = seedScenarioFiles();

  it('the committed seed-table scenarios of construction-000 and property-service-004 are what the generator writes from the seed tables', () => {
    expect(files.map((f) => f.path).sort()).toEqual([
      'scenarios/construction-000/seed-table-before-event-deadlines.scenario.json',
      'scenarios/construction-000/seed-table-before-event-same-instant.scenario.json',
      'scenarios/construction-000/seed-table-deadlines-without-a-fine.scenario.json',
      'scenarios/construction-000/seed-table-hard-under-either-reading.scenario.json',
      'scenarios/construction-000/seed-table-monthly-by-the-5th.scenario.json',
      'scenarios/construction-000/seed-table-monthly-exchange-meeting.scenario.json',
      'scenarios/property-service-004/seed-table-t1-t2.scenario.json',
      'scenarios/property-service-004/seed-table-t3.scenario.json',
      'scenarios/property-service-004/seed-table-t4.scenario.json',
      'scenarios/property-service-004/seed-table-t5.scenario.json',
      'scenarios/property-service-004/seed-table-t6-outages-grades.scenario.json',
      'scenarios/property-service-004/t4-05b-order-and-signal-both-start.scenario.json',
    ]);
    // regenerate with: node --conditions=@zhidu/source --import tsx packages/sla/scripts/seed-scenarios.ts
    for (const f of files) expect(committed(f.path), f.path).toBe(f.text);
  });

  it('the generator puts T2-04 (7個工作日內) from Monday 8 April 2024 09:00 is due at the end of Wednesday 17 April', () => {
    const t2 = JSON.parse(
      files.find((f) => f.path.endsWith('seed-table-t1-t2.scenario.json'))?.text ?? '{}',
    ) as { expected: { result: { $contains: { timerId: string; dueAt?: string }[] } } };
    const row = t2.expected.result.$contains.find((e) => e.timerId === 'T2-04.complete');
    expect(row?.dueAt).toBe('2024-04-17T15:59:59.999Z');
  });

  it('working days are counted only inside the checked Monday–Friday window: 3 from Friday 12 April end on Wednesday 17 April, a span leaving the window is refused', () => {
    expect(new Date(workingDays(Date.parse('2024-04-12T09:00:00+08:00'), 3)).toISOString()).toBe(
      '2024-04-17T15:59:59.999Z',
    );
    // 25 April + 3 working days would cross the Labour Day make-up Sunday (28 April)
    expect(() => workingDays(Date.parse('2024-04-25T09:00:00+08:00'), 3)).toThrow(/window/);
    expect(() => workingDays(Date.parse('2024-04-01T09:00:00+08:00'), 1)).toThrow(/window/);
  });
});
