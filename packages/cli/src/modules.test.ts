import { salesOffice001 } from '@zhidu/attribution';
import { listModules, listPresets } from '@zhidu/modules';
import { describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { run } from './index.js';

const lateHandover = {
  code: 'records.handover.late',
  personId: 'sc-wang',
  role: 'salesConsultant',
  occurredAt: '2024-03-07T23:59:59+08:00',
  lateBy: { unit: 'workingDays', units: 2 },
  source: { module: '@zhidu/records', rule: 'S000-ARCHIVE-07' },
};
const salesLog = {
  staff: [{ id: 'A' }, { id: 'B' }],
  events: [
    {
      type: 'registration',
      at: '2025-03-01T10:05+08:00',
      customerId: 'c-88',
      salespersonId: 'B',
      channel: 'walkIn',
      fields: { name: '李女士', phone: '13900001111' },
    },
  ],
};
const now = '2025-03-02T09:00:00+08:00';

describe('zhidu evaluate <module-id>: every module of the registry by id', () => {
  it('evaluates penalty.ledger with --preset and --input: the ledger, its violations and the provenance', async () => {
    const { io, out, err } = fakeIo({ 'in.json': { violations: [lateHandover] } });
    const code = await run(
      [
        'evaluate',
        'penalty.ledger',
        '--preset',
        'dealer-file',
        '--input',
        'in.json',
        '--now',
        '2024-03-31T18:00:00+08:00',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe('sc-wang  2024-03  ¥50.00');
    expect(out).toContain('violations: none');
    expect(out.at(-1)).toMatch(
      /^provenance: penalty\.ledger · dealer-customer-file-fines@\S+ · sha256:[0-9a-f]{64}$/,
    );
  });

  it('takes the preset in its full <module-id>/<preset> form and refuses a preset of another module', async () => {
    const ok = fakeIo({ 'in.json': { violations: [lateHandover] } });
    const args = ['evaluate', 'penalty.ledger', '--input', 'in.json', '--now', '2024-03-31T18:00:00+08:00'];
    expect(await run([...args, '--preset', 'penalty.ledger/dealer-file', '--json'], ok.io)).toBe(0);
    expect(JSON.parse(ok.out.join('\n')).value.result.persons[0].periods[0].total).toBe(5000);
    const bad = fakeIo({ 'in.json': { violations: [lateHandover] } });
    expect(await run([...args, '--preset', 'penalty.enforcement/dealer-file'], bad.io)).toBe(2);
    expect(bad.err[0]).toMatch(
      /^error \[invalid_input\].*belongs to penalty\.enforcement, not penalty\.ledger/,
    );
  });

  it('keeps timers, ownership and penalties as deprecated aliases with a one-line notice naming the new id', async () => {
    const { io, out, err } = fakeIo({ 'v.json': [lateHandover] });
    const code = await run(
      ['evaluate', 'penalties', 'v.json', '--policy', 'dealerFile', '--now', '2024-03-31T18:00:00+08:00'],
      io,
    );
    expect(code).toBe(0);
    expect(err).toEqual([
      'notice: module name "penalties" is deprecated; use penalty.ledger',
      'notice: preset name "dealerFile" is deprecated; use penalty.ledger/dealer-file',
    ]);
    expect(out[0]).toBe('sc-wang  2024-03  ¥50.00');
    const own = fakeIo({ 'log.json': salesLog });
    await run(['evaluate', 'ownership', 'log.json', '--preset', 'sales-office-001', '--now', now], own.io);
    expect(own.err).toEqual([
      'notice: module name "ownership" is deprecated; use attribution.ownership-batch',
    ]);
    expect(own.out[0]).toBe('c-88: owner B (registration), protected until 2025-05-01 00:00');
  });

  it('refuses a misspelt module id with unknown_reference and the nearest id', async () => {
    const { io, err } = fakeIo();
    expect(await run(['evaluate', 'penalty.ledgr', '--preset', 'x', '--input', 'x.json'], io)).toBe(2);
    expect(err[0]).toMatch(/^error \[unknown_reference\].*did you mean penalty\.ledger\?/);
  });

  it("refuses a policy file with a misspelt key (the issue's protection.defualt) with unknown_key and the key meant", async () => {
    const typo = {
      ...salesOffice001,
      params: {
        ...salesOffice001.params,
        protection: { ...salesOffice001.params.protection, defualt: { unit: 'days', amount: 45 } },
      },
    };
    const { io, err } = fakeIo({ 'log.json': salesLog, 'typo.json': typo });
    const code = await run(
      [
        'evaluate',
        'attribution.ownership-batch',
        '--input',
        'log.json',
        '--policy',
        'typo.json',
        '--now',
        now,
      ],
      io,
    );
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^error \[unknown_key\]/);
    expect(err[0]).toContain('protection.default');
  });

  it('refuses --preset with --policy, no policy at all, no input, an unknown preset (with suggestion)', async () => {
    const files = { 'in.json': { violations: [] } };
    for (const [args, code, text] of [
      [['--preset', 'dealer-file', '--policy', 'x.json', '--input', 'in.json'], 'invalid_input', 'not both'],
      [['--input', 'in.json'], 'invalid_input', '--preset <name>'],
      [['--preset', 'dealer-file'], 'invalid_input', '--input'],
      [['--preset', 'dealer-fil', '--input', 'in.json'], 'unknown_reference', 'dealer-fil'],
    ] as const) {
      const { io, err } = fakeIo(files);
      expect(await run(['evaluate', 'penalty.ledger', ...args, '--now', now], io)).toBe(2);
      expect(err.at(-1)).toContain(`[${code}]`);
      expect(err.at(-1)).toContain(text);
    }
  });

  it('refuses an input with an unknown field (strict) naming the field', async () => {
    const { io, err } = fakeIo({ 'in.json': { violation: [lateHandover] } });
    expect(
      await run(['evaluate', 'penalty.ledger', '--preset', 'dealer-file', '--input', 'in.json'], io),
    ).toBe(2);
    expect(err[0]).toMatch(/^error \[unknown_key\]/);
    expect(err[0]).toContain('violations');
  });
});

describe('zhidu diff <module-id>', () => {
  it('diffs the same input under two presets of a module: the changed figures of the result', async () => {
    const { io, out } = fakeIo({ 'in.json': { violations: [lateHandover] } });
    const code = await run(
      [
        'diff',
        'penalty.ledger',
        '--input',
        'in.json',
        '--base',
        'dealer-file',
        '--candidate',
        'dealer-file',
        '--now',
        '2024-03-31T18:00:00+08:00',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(out).toEqual(['no difference']);
    const candidate = {
      ...salesOffice001,
      version: 'proposal',
      params: {
        ...salesOffice001.params,
        protection: { ...salesOffice001.params.protection, default: { unit: 'days', amount: 45 } },
      },
    };
    const d = fakeIo({ 'log.json': salesLog, 'c.json': candidate });
    await run(
      [
        'diff',
        'attribution.ownership-batch',
        '--input',
        'log.json',
        '--base',
        'sales-office-001',
        '--candidate',
        'c.json',
        '--now',
        now,
        '--json',
      ],
      d.io,
    );
    expect(JSON.parse(d.out.join('\n'))).toEqual([
      {
        path: 'result.customers.c-88.protectedUntil',
        base: '2025-04-30T16:00:00.000Z',
        candidate: '2025-04-14T16:00:00.000Z',
      },
    ]);
  });
});

describe('zhidu schema / presets over the registry', () => {
  it('prints the policy and the input JSON Schema of every registered module', async () => {
    const modules = listModules();
    expect(modules.length).toBeGreaterThan(0);
    for (const m of modules) {
      for (const which of ['policy', 'input']) {
        const { io, out } = fakeIo();
        expect(await run(['schema', m.id, which], io)).toBe(0);
        const schema = JSON.parse(out.join('\n'));
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      }
    }
    const { io, out } = fakeIo();
    await run(['schema', 'penalty.ledger'], io);
    expect(JSON.parse(out.join('\n')).additionalProperties).toBe(false);
  });

  it('refuses a schema that is neither policy nor input', async () => {
    const { io, err } = fakeIo();
    expect(await run(['schema', 'penalty.ledger', 'output'], io)).toBe(2);
    expect(err[0]).toMatch(/^error \[invalid_input\]/);
  });

  it('lists exactly the registry presets, and one module with --module', async () => {
    const all = fakeIo();
    await run(['presets'], all.io);
    expect(all.out).toEqual(listPresets());
    const one = fakeIo();
    await run(['presets', '--module', 'penalty.ledger'], one.io);
    expect(one.out).toContain('penalty.ledger/dealer-file');
    expect(one.out.every((l) => l.startsWith('penalty.ledger/'))).toBe(true);
    // A former name works here as in the other commands, with its notice.
    const former = fakeIo();
    expect(await run(['presets', '--module', 'timers'], former.io)).toBe(0);
    expect(former.out).toEqual(listPresets().filter((n) => n.startsWith('sla.timers/')));
    expect(former.out.length).toBeGreaterThan(0);
    expect(former.err).toEqual(['notice: module name "timers" is deprecated; use sla.timers']);
    const unknown = fakeIo();
    expect(await run(['presets', '--module', 'timer'], unknown.io)).toBe(2);
    expect(unknown.err[0]).toMatch(/^error \[unknown_reference\]/);
  });
});
