import { readFileSync } from 'node:fs';
import { getModule, listModules } from '@zhidu/modules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DOMAIN_PROJECTIONS } from './projections.js';
import {
  DEFAULT_PERSONAL_FIELDS,
  ERASED_MARK,
  eventInstant,
  joinPersonal,
  PERSONAL_MARK,
  splitPersonal,
  streamShape,
} from './streams.js';

// How a module's stream becomes its input, and how personal values are kept apart (issue 18).

describe('stream shapes', () => {
  it('reads the event list of the modules that have one, and judges the others one input at a time', () => {
    expect(streamShape(getModule('sla.timers'))).toEqual({ kind: 'list', key: 'events' });
    expect(streamShape(getModule('attribution.ownership'))).toEqual({ kind: 'list', key: 'events' });
    expect(streamShape(getModule('credit.account'))).toEqual({ kind: 'list', key: 'events' });
    expect(streamShape(getModule('penalty.ledger'))).toEqual({ kind: 'list', key: 'violations' });
    expect(streamShape(getModule('records.access-log'))).toEqual({ kind: 'list', key: 'log' });
    expect(streamShape(getModule('penalty.enforcement'))).toEqual({ kind: 'facts' });
  });

  it('reads an event list behind z.lazy (and optional around it) as a list, a lazy non-list as facts', () => {
    const mod = (input: unknown) => ({ schemas: { input } }) as unknown as Parameters<typeof streamShape>[0];
    const list = z.array(z.object({ at: z.string() }));
    expect(streamShape(mod(z.object({ violations: z.lazy(() => list) })))).toEqual({
      kind: 'list',
      key: 'violations',
    });
    expect(streamShape(mod(z.object({ events: z.lazy(() => list).optional() })))).toEqual({
      kind: 'list',
      key: 'events',
    });
    expect(streamShape(mod(z.lazy(() => z.object({ log: list }))))).toEqual({ kind: 'list', key: 'log' });
    expect(streamShape(mod(z.object({ events: z.lazy(() => z.string()) })))).toEqual({ kind: 'facts' });
  });

  it('docs/store.md says for each module it lists what a recorded event is, correctly, and lists the domain modules', () => {
    // Modules added later may be missing from the page (it points to streamShape for any module);
    // a listed one must be described as the store treats it.
    const doc = readFileSync(new URL('../../../docs/store.md', import.meta.url), 'utf8');
    const known = new Set(listModules().map((m) => m.id));
    const wrong: string[] = [];
    const listed: string[] = [];
    for (const line of doc.split('\n')) {
      const id = /^\| `([a-z][a-z0-9-]*\.[a-zA-Z0-9-]+)` \|/.exec(line)?.[1];
      if (!id || !known.has(id)) continue;
      listed.push(id);
      const shape = streamShape(getModule(id));
      const each = shape.kind === 'list' ? `one element of \`${shape.key}\`` : 'a whole input';
      const projections = ['violations', DOMAIN_PROJECTIONS[id]].filter(Boolean).join(', ');
      if (!line.includes(`| ${each} |`) || !line.endsWith(`| ${projections} |`)) wrong.push(id);
    }
    expect(wrong).toEqual([]);
    expect(listed.length).toBeGreaterThanOrEqual(90);
    for (const id of Object.keys(DOMAIN_PROJECTIONS)) expect(listed).toContain(id);
  });

  it('finds the instant of an event in its own fields, one level down, or nowhere', () => {
    expect(eventInstant({ at: '2024-03-01T10:00+08:00' })).toBe('2024-03-01T02:00:00.000Z');
    expect(eventInstant({ occurredAt: '2024-09-02T10:00:00+08:00' })).toBe('2024-09-02T02:00:00.000Z');
    expect(eventInstant({ type: 'shipment', shipment: { at: '2024-03-31T10:00:00+08:00' } })).toBe(
      '2024-03-31T02:00:00.000Z',
    );
    expect(eventInstant({ at: 'soon' })).toBeUndefined();
    expect(eventInstant({ role: 'salesRep' })).toBeUndefined();
    expect(eventInstant(null)).toBeUndefined();
  });
});

describe('personal values kept apart', () => {
  const keys = new Set(DEFAULT_PERSONAL_FIELDS);

  it('takes names, phones and ID numbers out at any depth, keys with / and ~ included', () => {
    const { stored, personal } = splitPersonal(
      {
        customerId: 'c1',
        fields: { name: '兰亭测试客户', phone: '13800000017', hasAgent: false },
        people: [{ idNumber: '110101199001010017' }, { 'a/b~c': { email: 'x@example.com' } }],
        phone: 17, // not a string: not taken (no module keeps a phone as a number)
      },
      keys,
    );
    expect(stored).toEqual({
      customerId: 'c1',
      fields: { name: PERSONAL_MARK, phone: PERSONAL_MARK, hasAgent: false },
      people: [{ idNumber: PERSONAL_MARK }, { 'a/b~c': { email: PERSONAL_MARK } }],
      phone: 17,
    });
    expect(personal).toEqual([
      { pointer: '/fields/name', value: '兰亭测试客户' },
      { pointer: '/fields/phone', value: '13800000017' },
      { pointer: '/people/0/idNumber', value: '110101199001010017' },
      { pointer: '/people/1/a~1b~0c/email', value: 'x@example.com' },
    ]);
    expect(joinPersonal(stored as Record<string, unknown>, personal)).toEqual({
      customerId: 'c1',
      fields: { name: '兰亭测试客户', phone: '13800000017', hasAgent: false },
      people: [{ idNumber: '110101199001010017' }, { 'a/b~c': { email: 'x@example.com' } }],
      phone: 17,
    });
    expect(
      joinPersonal(
        stored as Record<string, unknown>,
        personal.map((p) => ({ ...p, value: null })),
      ),
    ).toMatchObject({ fields: { name: ERASED_MARK, phone: ERASED_MARK } });
  });

  it('property: split then join gives the payload back, and the stored part holds no personal value', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('name', 'phone', 'note', 'a/b', 'x~y', 'idNumber'),
          fc.oneof(
            fc.string({ maxLength: 8 }),
            fc.integer(),
            fc.dictionary(fc.constantFrom('phone', 'n', 'email'), fc.string({ maxLength: 8 }), {
              maxKeys: 3,
            }),
          ),
          { maxKeys: 5 },
        ),
        (payload) => {
          const { stored, personal } = splitPersonal(payload, keys);
          expect(joinPersonal(stored as Record<string, unknown>, personal)).toEqual(payload);
          const text = JSON.stringify(stored);
          for (const p of personal)
            if (p.value.length > 3) expect(text).not.toContain(JSON.stringify(p.value));
        },
      ),
      { seed: 180018, numRuns: 200 },
    );
  });
});

describe('streamShape and projectDecisions refuse what they cannot read (never a TypeError)', () => {
  it('a non-module, non-decisions or malformed facts: invalid_input with the argument named', async () => {
    const { projectDecisions } = await import('./projections.js');
    expect(() => streamShape(undefined as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['module'] }),
    );
    expect(() => projectDecisions(null as never, undefined as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['decisions'] }),
    );
    expect(() => projectDecisions([{}] as never, undefined as never)).toThrow(
      expect.objectContaining({ path: ['decisions', 0] }),
    );
    expect(() => projectDecisions([], undefined as never)).toThrow(
      expect.objectContaining({ path: ['facts'] }),
    );
  });
});
