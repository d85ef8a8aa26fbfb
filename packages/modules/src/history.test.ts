import { describe, expect, it } from 'vitest';
import { registry } from './index.js';

describe('policy history: every registered module declares how it reads a PolicyHistory', () => {
  it('no registered module leaves its history reading undeclared (judgedAt, now, anchored or custom)', () => {
    const readings = [...registry.values()].map((m) => [m.id, m.historyReading] as const);
    expect(readings.length).toBeGreaterThan(70);
    expect(readings.filter(([, kind]) => kind === 'undeclared').map(([id]) => id)).toEqual([]);
    for (const [, kind] of readings) expect(['judgedAt', 'now', 'anchored', 'custom']).toContain(kind);
  });

  it('policy history: the event-stream headline modules judge each part at its own time', () => {
    const kind = (id: string) => registry.get(id)?.historyReading;
    expect({
      timers: kind('sla.timers'),
      ownership: kind('attribution.ownership'),
      batch: kind('attribution.ownership-batch'),
      ledger: kind('penalty.ledger'),
      accessLog: kind('records.access-log'),
      shipment: kind('credit.shipment'),
      followup: kind('service.followup'),
    }).toEqual({
      timers: 'anchored',
      ownership: 'judgedAt',
      batch: 'anchored',
      ledger: 'custom',
      accessLog: 'anchored',
      shipment: 'judgedAt',
      followup: 'custom',
    });
  });
});
