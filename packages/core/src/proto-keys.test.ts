import { describe, expect, it } from 'vitest';
import { keepObjectPrototypeClean, ODD_NAMES as ODD } from '../test/helpers.js';
import { canonicalJson, checkWorkflowStep, contentHash, jsonPatch, mergePatch } from './index.js';

// Keys and names a caller chooses freely, named after members of Object.prototype: each must behave
// like any other key, and nothing may be written onto Object.prototype or the Object function.
keepObjectPrototypeClean('x');

describe('canonicalJson / contentHash: a key __proto__ is an ordinary key, whatever the key order', () => {
  it.each([...ODD, 'a'])('key %s: the same text and hash in either order, the key kept', (key) => {
    const first = JSON.parse(`{"${key}":{"x":1},"b":2}`);
    const last = JSON.parse(`{"b":2,"${key}":{"x":1}}`);
    const want = key < 'b' ? `{"${key}":{"x":1},"b":2}` : `{"b":2,"${key}":{"x":1}}`;
    expect(canonicalJson(first)).toBe(want);
    expect(canonicalJson(last)).toBe(want);
    expect(contentHash(last)).toBe(contentHash(first));
    expect(contentHash(last)).not.toBe(contentHash({ b: 2 }));
  });
});

describe('mergePatch / jsonPatch: a member named after an Object.prototype member is an own member', () => {
  it.each([...ODD, 'a'])('mergePatch adds, merges and removes member %s', (key) => {
    const added = mergePatch({ b: 1 }, JSON.parse(`{"${key}":{"x":1}}`)) as object;
    expect(Object.getPrototypeOf(added)).toBe(Object.prototype);
    expect(JSON.stringify(added)).toBe(`{"b":1,"${key}":{"x":1}}`);
    const merged = mergePatch(JSON.parse(`{"${key}":{"y":2}}`), JSON.parse(`{"${key}":{"x":1}}`));
    expect(JSON.stringify(merged)).toBe(`{"${key}":{"y":2,"x":1}}`);
    const removed = mergePatch(JSON.parse(`{"b":1,"${key}":{"y":2}}`), JSON.parse(`{"${key}":null}`));
    expect(JSON.stringify(removed)).toBe('{"b":1}');
    // A member the target lacks is not read from Object.prototype.
    expect(JSON.stringify(mergePatch({ b: 1 }, JSON.parse(`{"${key}":{"z":3}}`)))).toBe(
      `{"b":1,"${key}":{"z":3}}`,
    );
  });

  it.each([...ODD, 'a'])('jsonPatch adds and replaces member %s as an own member', (key) => {
    const added = jsonPatch({ b: 1 }, [{ op: 'add', path: `/${key}`, value: { x: 1 } }]) as object;
    expect(Object.getPrototypeOf(added)).toBe(Object.prototype);
    expect(JSON.stringify(added)).toBe(`{"b":1,"${key}":{"x":1}}`);
    const replaced = jsonPatch(JSON.parse(`{"${key}":1}`), [{ op: 'replace', path: `/${key}`, value: 2 }]);
    expect(JSON.stringify(replaced)).toBe(`{"${key}":2}`);
  });
});

describe('checkWorkflowStep: a required fact named after an Object.prototype member', () => {
  const wf = (fact: string) => ({
    id: 'close',
    rule: 'R-1',
    clause: 'c1',
    initial: 'open',
    transitions: [{ action: 'close', from: ['open'], to: 'closed', requires: [fact] }],
  });
  it.each(['constructor', 'toString', 'hasOwnProperty', 'approval'])(
    'fact %s is missing unless the step gives it',
    (fact) => {
      const without = checkWorkflowStep(wf(fact), 'open', { action: 'close', actor: { id: 'a' } }).value;
      expect(without).toMatchObject({ allowed: false, reason: 'missing_facts', missing: [fact] });
      const given = checkWorkflowStep(wf(fact), 'open', {
        action: 'close',
        actor: { id: 'a' },
        facts: JSON.parse(`{"${fact}":"yes"}`),
      }).value;
      expect(given).toMatchObject({ allowed: true, to: 'closed' });
    },
  );
});
