import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import {
  keepObjectPrototypeClean,
  ODD_NAMES as ODD,
  zhiduError as refusal,
  renamed,
} from '../../core/test/helpers.js';
import {
  checkHandover,
  checkPartnerFormSets,
  contactChannelsAndTypes,
  countContacts,
  dealerFilesPreset,
  redactRecord,
} from './index.js';

// Ids, event names and taxonomy values a caller chooses freely, named after members of
// Object.prototype: each must behave like any other name (`p1`), and nothing may be written onto
// Object.prototype or the Object function.
keepObjectPrototypeClean('reasons', 'complete');

describe('checkPartnerFormSets judges a partner id named after an Object.prototype member like p1', () => {
  const three = [{ complete: true }, { complete: true }, { complete: true }];
  it.each([...ODD, 'p1'])('partner %s: its set is judged, and a second set is MORE_THAN_ONE_SET', (id) => {
    const one = checkPartnerFormSets([
      { partnerId: id, main: { complete: true }, attachments: three },
      { partnerId: 'q', main: null, attachments: three },
    ]).value;
    expect(Object.entries(one)).toEqual([
      [id, { complete: true, reasons: [] }],
      ['q', { complete: false, reasons: ['MAIN_FORM_MISSING'] }],
    ]);
    expect(JSON.stringify(one)).toBe(
      `{"${id}":{"complete":true,"reasons":[]},"q":{"complete":false,"reasons":["MAIN_FORM_MISSING"]}}`,
    );
    const two = checkPartnerFormSets([
      { partnerId: id, main: { complete: true }, attachments: three },
      { partnerId: id, main: { complete: true }, attachments: three },
    ]).value;
    expect(Object.entries(two)).toEqual([[id, { complete: false, reasons: ['MORE_THAN_ONE_SET'] }]]);
  });
});

describe('countContacts counts a taxonomy value named after an Object.prototype member', () => {
  it.each([...ODD, 'fax'])('a channel %s added to the taxonomy is counted', (value) => {
    const taxonomy = {
      ...contactChannelsAndTypes,
      values: [
        ...contactChannelsAndTypes.values,
        { group: 'channel', value, label: { zh: '其他', en: 'other' } },
      ],
    };
    const counts = countContacts(
      [
        { channel: value, type: 'complaint' },
        { channel: value, type: 'complaint' },
        { channel: 'visit', type: 'complaint' },
      ],
      'channel',
      taxonomy,
    ).value;
    expect(Object.entries(counts)).toEqual([
      ['visit', 1],
      [value, 2],
    ]);
    expect(JSON.parse(JSON.stringify(counts))).toEqual(JSON.parse(`{"visit":1,"${value}":2}`));
  });
});

describe('checkHandover reads a triggering event named after an Object.prototype member as its own only', () => {
  const ctx = { now: '2024-03-12T00:00:00+08:00', calendar: chinaCalendar() };
  const file = (events: Record<string, string>) => ({
    fileTypeId: 'newCarSalesFile',
    fileId: 'LSV-0001',
    responsible: { personId: 'sc-wang', role: 'salesConsultant' },
    events,
    handedOverAt: '2024-03-11T10:00:00+08:00',
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'handedIn'])(
    'a trigger %s given in the events is late like delivery; left out, it is refused at events/<name>',
    (name) => {
      const policy = renamed(dealerFilesPreset, 'delivery', name);
      const given = checkHandover(file(JSON.parse(`{"${name}":"2024-03-04T16:00:00+08:00"}`)), policy, ctx);
      const usual = checkHandover(file({ delivery: '2024-03-04T16:00:00+08:00' }), dealerFilesPreset, ctx);
      expect(given.value.result.outcomes.map((o) => [o.status, o.due])).toEqual(
        usual.value.result.outcomes.map((o) => [o.status, o.due]),
      );
      expect(given.value.result.outcomes[0]?.status).toBe('late');
      const missing = refusal(() => checkHandover(file({ sale: '2024-03-01T16:00:00+08:00' }), policy, ctx));
      expect(missing).toMatchObject({ code: 'invalid_input', path: ['input', 'events', name] });
      expect(missing.message).toMatch(/ \/ /);
    },
  );

  it('a trigger __proto__ is refused at events/__proto__ (the events record cannot hold that key)', () => {
    const policy = renamed(dealerFilesPreset, 'delivery', '__proto__');
    const e = refusal(() =>
      checkHandover(file(JSON.parse('{"__proto__":"2024-03-04T16:00:00+08:00"}')), policy, ctx),
    );
    expect(e).toMatchObject({ code: 'invalid_input', path: ['input', 'events', '__proto__'] });
    expect(e.message).toMatch(/ \/ /);
  });
});

describe('redactRecord keeps a field named __proto__ as an own field', () => {
  it('under full authority every field is kept, __proto__ included, as an own key', () => {
    const type = dealerFilesPreset.params.fileTypes[0];
    if (!type) throw new Error('missing type');
    const raw = JSON.parse('{"name":"王五","__proto__":{"polluted":1},"constructor":"c"}');
    const out = redactRecord(raw, type, 'internal', [], { fullAuthority: true });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['name', '__proto__', 'constructor']);
    expect((out as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"name":"王五","__proto__":{"polluted":1},"constructor":"c"}');
  });
});
