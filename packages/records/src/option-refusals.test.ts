// Options and arguments of the record models that were read loosely: a misspelt option key kept the
// default, a non-boolean flag was read as true or false, a non-string id or value threw a TypeError
// (a BigInt in a message's JSON.stringify, a Symbol in a template literal). Each is now a ZhiduError
// with a code, a path and a message in Chinese and English; the valid call keeps its answer.
import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import {
  archiveClassificationAxes,
  checkRecordTemplate,
  checkTaxonomyValue,
  checkTransition,
  classifyArchive,
  contactChannelsAndTypes,
  creditInvestigationDuties,
  customerInformationFileTemplate,
  customerServiceRoles,
  customizeTemplate,
  defineTemplate,
  extendTaxonomy,
  mayPerform,
  nextStages,
  nextWorkOrderNumber,
  rolesFor,
  salesOfficeCustomerLifecycle,
  visitPurposes,
} from './index.js';

const BILINGUAL = /[\u4e00-\u9fff].* \/ [A-Za-z]/;

describe('classifyArchive options', () => {
  const closed = { purchaseStage: 'closed' };
  const back = { purchaseStage: 'potential' };

  it('keeps its answers for valid options', () => {
    expect(classifyArchive(closed, back).value).toEqual({ ok: false, reason: 'CLOSED_IS_TERMINAL' });
    expect(classifyArchive(closed, back, { closedIsTerminal: false }).value).toEqual({ ok: true });
    expect(classifyArchive(closed, back, { axes: archiveClassificationAxes }).value).toEqual({
      ok: false,
      reason: 'CLOSED_IS_TERMINAL',
    });
  });

  it('refuses a misspelt key with unknown_key naming the key meant', () => {
    const e = zhiduError(() => classifyArchive(closed, back, { closedIsTerminals: false } as never));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['options', 'closedIsTerminals']);
    expect(e.message).toContain('closedIsTerminal`');
    expect(e.message).toMatch(/是否应为.* \/ .*did you mean/);
  });

  it('refuses a closedIsTerminal that is not a boolean (was read as true)', () => {
    const e = zhiduError(() => classifyArchive(closed, back, { closedIsTerminal: 'no' } as never));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['options', 'closedIsTerminal']);
    expect(e.message).toMatch(/布尔值.* \/ .*boolean/);
  });

  it('refuses axes without one of the two groups at options.axes (not at a group it did not pass)', () => {
    const e = zhiduError(() => classifyArchive(closed, back, { axes: contactChannelsAndTypes }));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['options', 'axes']);
    expect(e.message).toContain('没有 customerType 组');
    expect(e.message).toContain('have no customerType group; known: channel, type');
  });
});

describe('checkTaxonomyValue', () => {
  it('keeps its answers for valid options', () => {
    expect(
      checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { parent: 'CUSTOMER_MAINTENANCE' }).value,
    ).toBe(true);
    expect(checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { parent: 'MARKET_RESEARCH' }).value).toBe(
      false,
    );
    expect(checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT').value).toBe(false);
    expect(checkTaxonomyValue(contactChannelsAndTypes, 'letter', { group: 'channel' }).value).toBe(true);
    expect(checkTaxonomyValue(contactChannelsAndTypes, 'letter', { group: 'type' }).value).toBe(false);
    expect(checkTaxonomyValue(contactChannelsAndTypes, 'nope').value).toBe(false);
  });

  it('refuses a misspelt option key (parnet) instead of answering false', () => {
    const e = zhiduError(() =>
      checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { parnet: 'CUSTOMER_MAINTENANCE' } as never),
    );
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['options', 'parnet']);
    expect(e.message).toContain('`options.parent`');
  });

  it('refuses a group the taxonomy does not have, naming the nearest and the known groups', () => {
    const e = zhiduError(() => checkTaxonomyValue(contactChannelsAndTypes, 'letter', { group: 'chanel' }));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['options', 'group']);
    expect(e.message).toMatch(BILINGUAL);
    expect(e.message).toContain('是否应为 "channel"');
    expect(e.message).toContain('did you mean "channel"? (known: channel, type)');
    // A taxonomy without groups has none to name.
    const none = zhiduError(() => checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { group: 'channel' }));
    expect(none.path).toEqual(['options', 'group']);
    expect(none.message).toContain('(it has no groups)');
  });

  it('refuses a parent that is not a top-level value, naming the nearest', () => {
    const e = zhiduError(() =>
      checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { parent: 'CUSTOMER_MAINTENANSE' }),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['options', 'parent']);
    expect(e.message).toContain('did you mean "CUSTOMER_MAINTENANCE"?');
    // A sub-value is not a parent.
    expect(
      zhiduError(() => checkTaxonomyValue(visitPurposes, 'X', { parent: 'SETTLE_PAYMENT' })).path,
    ).toEqual(['options', 'parent']);
  });

  it('refuses a value that is not a string (a Symbol or an object threw a conversion TypeError)', () => {
    for (const [v, shown] of [
      [Symbol('x'), 'a symbol'],
      [{}, 'an object'],
      [1n, '1n'],
    ] as const) {
      const e = zhiduError(() => checkTaxonomyValue(visitPurposes, v as never));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['value']);
      expect(e.message).toContain(
        `须为分类值（字符串） / expected a taxonomy value (a string), got ${shown}`,
      );
    }
  });

  it('refuses options that are null or not an object', () => {
    for (const o of [null, 'channel', 5]) {
      const e = zhiduError(() => checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', o as never));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['options']);
      expect(e.message).toMatch(BILINGUAL);
    }
  });
});

describe('checkRecordTemplate options', () => {
  const t = defineTemplate({
    id: 'ACME-01',
    title: { zh: '测试表', en: 'Test form' },
    source: { seed: 'acme.md', lines: 'L1' },
    fields: [{ key: 'name', label: { zh: '姓名', en: 'Name' }, type: 'text', required: true }],
  });
  const r = { name: '王某', nickname: '老王' };

  it('keeps its answers for valid options', () => {
    expect(checkRecordTemplate(t, r).value.complete).toBe(false);
    expect(checkRecordTemplate(t, r, { allowUnknown: true }).value).toMatchObject({
      complete: true,
      unknown: ['nickname'],
    });
    expect(checkRecordTemplate(t, r, { allowUnknown: false }).value.complete).toBe(false);
  });

  it('refuses null options (was a TypeError)', () => {
    const e = zhiduError(() => checkRecordTemplate(t, {}, null as never));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['options']);
    expect(e.message).toMatch(BILINGUAL);
  });

  it('refuses an allowUnknown that is not a boolean (was read as false)', () => {
    const e = zhiduError(() => checkRecordTemplate(t, r, { allowUnknown: 'yes' } as never));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['options', 'allowUnknown']);
    expect(e.message).toMatch(/布尔值.* \/ .*boolean/);
  });

  it('refuses a misspelt option key naming the key meant', () => {
    const e = zhiduError(() => checkRecordTemplate(t, r, { allowUnknow: true } as never));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['options', 'allowUnknow']);
    expect(e.message).toContain('`options.allowUnknown`');
  });
});

describe('checkRecordTemplate reasons are in Chinese and English', () => {
  const t = defineTemplate({
    id: 'ACME-02',
    title: { zh: '测试表', en: 'Test form' },
    source: { seed: 'acme.md', lines: 'L1' },
    fields: [
      { key: 'fee', label: { zh: '费用', en: 'Fee' }, type: 'money' },
      { key: 'n', label: { zh: '数量', en: 'Count' }, type: 'number' },
      { key: 'ok', label: { zh: '是否', en: 'OK' }, type: 'boolean' },
      { key: 'txt', label: { zh: '文本', en: 'Text' }, type: 'text' },
      { key: 'born', label: { zh: '出生日期', en: 'Born' }, type: 'date' },
      { key: 'tel', label: { zh: '电话', en: 'Phone' }, type: 'phone' },
      { key: 'id', label: { zh: '身份证', en: 'ID card' }, type: 'idCard' },
      { key: 'tags', label: { zh: '标签', en: 'Tags' }, type: 'list' },
      { key: 'days', label: { zh: '日期', en: 'Days' }, type: 'list', items: 'date' },
      {
        key: 'kind',
        label: { zh: '类别', en: 'Kind' },
        type: 'enum',
        options: [
          { value: 'a', label: { zh: '甲', en: 'A' } },
          { value: 'b', label: { zh: '乙', en: 'B' } },
        ],
      },
    ],
  });

  it('gives each reason as "中文 / English", and the trace each half in its language', () => {
    const d = checkRecordTemplate(t, {
      fee: 1.5,
      n: Number.NaN,
      ok: 'yes',
      txt: 5,
      born: '2025-02-30',
      tel: '12345',
      id: '110105194912310021',
      tags: 'x',
      days: ['2024-01-01', 'soon'],
      kind: 'z',
    });
    expect(d.value.invalid).toEqual([
      { key: 'fee', reason: '金额须为整数分 / expected money as a whole number of fen' },
      { key: 'n', reason: '须为有限数字 / expected a finite number' },
      { key: 'ok', reason: '须为 true 或 false / expected true or false' },
      { key: 'txt', reason: '须为文本 / expected text' },
      { key: 'born', reason: '须为 YYYY-MM-DD 格式的日期 / expected a date as YYYY-MM-DD' },
      {
        key: 'tel',
        reason:
          '须为大陆手机号或带区号的固定电话 / expected a mainland mobile number or a landline with area code',
      },
      { key: 'id', reason: '不是有效的居民身份证号 / not a valid PRC ID-card number' },
      { key: 'tags', reason: '须为列表 / expected a list' },
      { key: 'days', reason: '第 1 项：须为 YYYY-MM-DD 格式的日期 / item 1: expected a date as YYYY-MM-DD' },
      { key: 'kind', reason: '须为 a、b 之一 / expected one of a, b' },
    ]);
    const fee = d.trace.find((s) => s.data?.key === 'fee');
    expect(fee?.message).toEqual({
      zh: '「费用」取值无效：金额须为整数分',
      en: '"Fee": expected money as a whole number of fen',
    });
  });
});

describe('customizeTemplate: a key both removed and required', () => {
  it('keeps its answers for valid changes', () => {
    const removed = customizeTemplate(customerInformationFileTemplate, { remove: ['carBrand'] });
    expect(removed.fields.map((f) => f.key)).not.toContain('carBrand');
    const required = customizeTemplate(customerInformationFileTemplate, { require: ['carBrand'] });
    expect(required.fields.find((f) => f.key === 'carBrand')?.required).toBe(true);
    // Removed and added back: the new field is the one required.
    const replaced = customizeTemplate(customerInformationFileTemplate, {
      remove: ['carBrand'],
      add: [{ key: 'carBrand', label: { zh: '品牌', en: 'Brand' }, type: 'text' }],
      require: ['carBrand'],
    });
    expect(replaced.fields.find((f) => f.key === 'carBrand')).toMatchObject({
      required: true,
      label: { zh: '品牌', en: 'Brand' },
    });
  });

  it('refuses the contradiction at the require entry (applied after the removal), naming the removal', () => {
    const e = zhiduError(() =>
      customizeTemplate(customerInformationFileTemplate, {
        remove: ['licensePlate', 'carBrand'],
        require: ['mobilePhone', 'carBrand'],
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['change', 'require', 1]);
    expect(e.message).toMatch(BILINGUAL);
    expect(e.message).toContain('字段 carBrand 既在 change.remove[1] 中被删除');
    expect(e.message).toContain(
      'field carBrand is removed at change.remove[1] and required here: removal is applied first',
    );
  });
});

describe('extendTaxonomy values', () => {
  it('keeps its answer for an array', () => {
    const ext = extendTaxonomy(contactChannelsAndTypes, [
      { value: 'fax', group: 'channel', label: { zh: '传真', en: 'Fax' } },
    ]);
    expect(checkTaxonomyValue(ext, 'fax', { group: 'channel' }).value).toBe(true);
  });

  it('refuses values that are not an array (was "values is not iterable")', () => {
    for (const [v, shown] of [
      [undefined, 'undefined'],
      [3, '3'],
      [{}, 'an object'],
      [Symbol('v'), 'a symbol'],
    ] as const) {
      const e = zhiduError(() => extendTaxonomy(contactChannelsAndTypes, v as never));
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['values']);
      expect(e.message).toContain(`须为数组 / expected an array, got ${shown}`);
    }
  });
});

describe('matrices and stage graphs: an id that is not a string (a BigInt broke JSON.stringify)', () => {
  it('keep their answers for string ids', () => {
    expect(rolesFor(customerServiceRoles, 'monthlyReport').value).toEqual(['dataAnalyst']);
    expect(mayPerform(creditInvestigationDuties, 'salesperson', 'assessCredit').value).toBe(false);
    expect(nextStages(salesOfficeCustomerLifecycle, 'dealClosed')).toEqual([
      'secondDealPromotion',
      'referralRequested',
    ]);
    expect(checkTransition(salesOfficeCustomerLifecycle, 'collected', 'dealClosed').value).toBe(false);
    // An unknown string id is still unknown_reference, quoted as before.
    const e = zhiduError(() => rolesFor(customerServiceRoles, 'monthlyReprot'));
    expect(e.code).toBe('unknown_reference');
    expect(e.message).toContain('has no duty "monthlyReprot"');
  });

  it.each([
    ['rolesFor duty', () => rolesFor(customerServiceRoles, 1n as never), ['duty'], 'a duty id'],
    [
      'mayPerform role',
      () => mayPerform(creditInvestigationDuties, 1n as never, 'assessCredit'),
      ['role'],
      'a role id',
    ],
    [
      'mayPerform duty',
      () => mayPerform(creditInvestigationDuties, 'salesperson', 1n as never),
      ['duty'],
      'a duty id',
    ],
    [
      'nextStages stage',
      () => nextStages(salesOfficeCustomerLifecycle, 1n as never),
      ['stage'],
      'a stage id',
    ],
    [
      'checkTransition from',
      () => checkTransition(salesOfficeCustomerLifecycle, 1n as never, 'dealClosed'),
      ['from'],
      'a stage id',
    ],
    [
      'checkTransition to',
      () => checkTransition(salesOfficeCustomerLifecycle, 'collected', 1n as never),
      ['to'],
      'a stage id',
    ],
  ] as const)('%s: invalid_input at the argument, naming the value', (_, call, path, what) => {
    const e = zhiduError(call);
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(path);
    expect(e.message).toMatch(BILINGUAL);
    expect(e.message).toContain(`expected ${what} (a string), got 1n`);
  });
});

describe('nextWorkOrderNumber reads its instant at its own name', () => {
  it('refuses a time without an offset at `at` (was at `[0]`), and numbers a valid one', () => {
    const e = zhiduError(() => nextWorkOrderNumber([], '2024-03-04T09:05:00'));
    expect(e).toMatchObject({ code: 'invalid_instant', path: ['at'] });
    expect(e.message).toContain('with an offset');
    expect(nextWorkOrderNumber(['WO20240304-0001'], '2024-03-04T09:05:00+08:00').value).toBe(
      'WO20240304-0002',
    );
  });
});
