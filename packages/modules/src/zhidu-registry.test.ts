import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { evaluate, getModule, getPreset, listModules, listPresets, registry } from './index.js';

describe('the zhidu registry: every module the rule packages export', () => {
  it('holds each module once, under its <package>.<name> id, with presets that validate', () => {
    const modules = listModules();
    console.info(`registry: ${modules.length} module(s): ${modules.map((m) => m.id).join(', ')}`);
    for (const m of modules) {
      expect(m.id.split('.')[0]).toBe(m.package.replace('@zhidu/', ''));
      expect(registry.get(m.id)).toBe(getModule(m.id));
      expect(getModule(m.id).jsonSchema.policy).toHaveProperty('type', 'object');
    }
    for (const name of listPresets()) {
      const [id, preset] = name.split('/') as [string, string];
      expect(getModule(id).preset(preset).params).toBeDefined();
    }
  });
});

describe('the zhidu registry evaluates real modules by id', () => {
  // records.handover counts working days (S000-ARCHIVE-07): called directly it refuses a context
  // without a calendar; through the registry the PRC calendar is supplied.
  const handover = {
    fileTypeId: 'newCarSalesFile',
    fileId: 'LSV-0001',
    responsible: { personId: 'sc-wang', role: 'salesConsultant' },
    events: { delivery: '2024-03-04T16:00:00+08:00' },
    handedOverAt: '2024-03-11T10:00:00+08:00',
  };
  const now = '2024-03-12T00:00:00+08:00';

  it('supplies the PRC calendar to a module that needs one (records.handover) and equals the direct call with chinaCalendar()', () => {
    const m = getModule('records.handover');
    expect(m.needsCalendar).toBe(true);
    expect(() => m.evaluate(handover, m.preset('dealer-files'), { now })).toThrow(
      expect.objectContaining({ code: 'calendar_required' }),
    );
    const viaRegistry = evaluate('records.handover', handover, 'records.handover/dealer-files', { now });
    const direct = m.evaluate(handover, m.preset('dealer-files'), { now, calendar: chinaCalendar() });
    expect(viaRegistry.value).toEqual(direct.value);
    expect(viaRegistry.value.violations).toHaveLength(1);
    expect(viaRegistry.value.violations[0]).toMatchObject({
      code: 'records.handover.late',
      personId: 'sc-wang',
    });
    expect(viaRegistry.provenance.policy.hash).toBe(direct.provenance.policy.hash);
    expect(getPreset('records.handover/dealer-files')).toBe(m.preset('dealer-files'));
  });

  it('refuses a misspelt input key of a real module with unknown_key and the key meant', () => {
    expect(() =>
      evaluate('records.handover', { ...handover, handedOverAT: handover.handedOverAt }, 'dealer-files', {
        now,
      }),
    ).toThrow(expect.objectContaining({ code: 'unknown_key' }));
  });
});
