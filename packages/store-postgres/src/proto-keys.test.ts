import { describe, expect, it } from 'vitest';
import { keepObjectPrototypeClean, ODD_NAMES as ODD } from '../../core/test/helpers.js';
import { DEFAULT_PERSONAL_FIELDS, joinPersonal, PERSONAL_MARK, splitPersonal } from './streams.js';

// Payload keys a caller chooses freely, named after members of Object.prototype: each must behave
// like any other key, and nothing (least of all a personal value) may be written onto
// Object.prototype or the Object function.
keepObjectPrototypeClean('name');

describe('personal values under a key named after an Object.prototype member', () => {
  const keys = new Set(DEFAULT_PERSONAL_FIELDS);

  it.each([...ODD, 'extra'])('a payload member %s is stored with its name masked, and joined back', (key) => {
    // As a payload arrives (JSON.parse makes `__proto__` an own key).
    const payload = JSON.parse(`{"customerId":"c1","${key}":{"name":"兰亭测试客户","hasAgent":false}}`);
    const { stored, personal } = splitPersonal(payload, keys);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(JSON.stringify(stored)).toBe(
      `{"customerId":"c1","${key}":{"name":"${PERSONAL_MARK}","hasAgent":false}}`,
    );
    expect(personal).toEqual([{ pointer: `/${key}/name`, value: '兰亭测试客户' }]);
    // What the store reads back is the JSON it wrote.
    const read = JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
    const joined = joinPersonal(read, personal);
    expect(JSON.stringify(joined)).toBe(
      `{"customerId":"c1","${key}":{"name":"兰亭测试客户","hasAgent":false}}`,
    );
    expect(JSON.stringify(joinPersonal(read, [{ pointer: `/${key}/name`, value: null }]))).toBe(
      `{"customerId":"c1","${key}":{"name":"[erased]","hasAgent":false}}`,
    );
  });

  it.each([...ODD])('a pointer through a member %s the payload lacks writes nothing', (key) => {
    const joined = joinPersonal({ customerId: 'c1' }, [{ pointer: `/${key}/name`, value: '兰亭测试客户' }]);
    expect(JSON.stringify(joined)).toBe('{"customerId":"c1"}');
  });
});
