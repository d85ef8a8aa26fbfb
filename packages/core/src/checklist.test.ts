import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../test/helpers.js';
import { type ChecklistInput, isPresent, runChecklist } from './checklist.js';

const intake: ChecklistInput = {
  id: 'repairIntake',
  rule: 'S001B-SERVICE-04',
  clause: '001b L12',
  title: { zh: '报修登记', en: 'Repair intake' },
  items: [
    { field: 'address', label: { zh: '地址', en: 'address' } },
    { field: 'contact', anyOf: ['phone', 'contactName'] },
    { field: 'keysIssued', min: 1 },
    { field: 'channel', oneOf: ['phone', 'visit'] },
    { field: 'modeNote', equals: '电话回访', when: [{ attribute: 'mode', equals: 'phone' }] },
    { field: 'gas', equals: true, when: [{ attribute: 'gasSupply', notIn: [false] }] },
  ],
};

describe('runChecklist', () => {
  it('reports missing and invalid items in checklist order, with a trace citing the rule', () => {
    const d = runChecklist(intake, {
      keysIssued: 0,
      channel: 'fax',
      mode: 'phone',
      modeNote: '上门',
      gas: true,
    });
    expect(d.value).toEqual({
      complete: false,
      missing: ['address', 'contact'],
      invalid: ['keysIssued', 'channel', 'modeNote'],
    });
    expect(d.trace).toHaveLength(1);
    expect(d.trace[0]?.rule).toBe('S001B-SERVICE-04');
    expect(d.trace[0]?.message.zh).toBe(
      '报修登记:缺少地址;缺少contact;keysIssued不符合要求;channel不符合要求;modeNote不符合要求',
    );
    expect(d.trace[0]?.message.en).toBe(
      'Repair intake: missing address; missing contact; invalid keysIssued; invalid channel; invalid modeNote',
    );
  });

  it('skips items whose conditions do not hold (no gas supply → no gas certificate)', () => {
    const d = runChecklist(intake, {
      address: 'A-1',
      contactName: 'Li',
      keysIssued: 2,
      channel: 'visit',
      gasSupply: false,
    });
    expect(d.value).toEqual({ complete: true, missing: [], invalid: [] });
    expect(d.trace[0]?.message.en).toBe('Repair intake: complete');
    const withGas = runChecklist(intake, { address: 'A-1', phone: '138', keysIssued: 2, channel: 'visit' });
    expect(withGas.value.missing).toEqual(['gas']);
  });

  it('an equals: true item is not done by a truthy non-true value', () => {
    const d = runChecklist(intake, {
      address: 'A-1',
      phone: '138',
      keysIssued: 1,
      channel: 'phone',
      gas: 'yes',
    });
    expect(d.value.invalid).toEqual(['gas']);
  });

  it('isPresent: blank strings, false, null and empty lists are absent; 0 is present', () => {
    expect([
      isPresent(''),
      isPresent('  '),
      isPresent(false),
      isPresent(null),
      isPresent([]),
      isPresent(0),
    ]).toEqual([false, false, false, false, false, true]);
  });

  it('counts an object without a prototype as an invalid closed-list value (String() of it threw)', () => {
    const r = runChecklist(intake, {
      address: 'A-1',
      phone: '1',
      keysIssued: 1,
      channel: Object.create(null),
      gas: true,
    });
    expect(r.value).toEqual({ complete: false, missing: [], invalid: ['channel'] });
  });

  it('refuses an undefined, null or non-object checklist with invalid_input at checklist', () => {
    for (const bad of [undefined, null, 5, {}]) {
      const e = refusal(() => runChecklist(bad as never, {}));
      expect(e.code).toBe('invalid_input');
      expect(e.path[0]).toBe('checklist');
    }
    expect(refusal(() => runChecklist({ ...intake, items: 'mode' } as never, {})).path).toEqual([
      'checklist',
      'items',
    ]);
    expect(
      refusal(() => runChecklist({ ...intake, items: [{ field: 'mode', when: 3 }] } as never, {})).path,
    ).toEqual(['checklist', 'items', 0, 'when']);
  });

  it('refuses a malformed checklist or record with a ZhiduError naming the field', () => {
    const badItem = refusal(() =>
      runChecklist({ ...intake, items: [{ field: 'a', requiredWhen: [] }] } as unknown as ChecklistInput, {}),
    );
    expect(badItem.code).toBe('unknown_key');
    expect(badItem.path).toEqual(['checklist', 'items', 0, 'requiredWhen']);
    const noItems = refusal(() => runChecklist({ ...intake, items: [] }, {}));
    expect(noItems.path).toEqual(['checklist', 'items']);
    const notRecord = refusal(() => runChecklist(intake, [] as unknown as Record<string, unknown>));
    expect(notRecord.path).toEqual(['record']);
  });
});
