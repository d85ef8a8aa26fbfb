import { describe, expect, it } from 'vitest';
import { transform } from './extract.js';

describe('doc-test extraction', () => {
  it('asserts `expr; //=> value`, with a remark after the value', () => {
    expect(transform('addMoney(1, 2); //=> 3 (fen)').body).toContain(
      '__expectEqual(await (addMoney(1, 2)), (3)',
    );
  });
  it('a //=> or // throws on a line of its own speaks of the statement before it', () => {
    const t = transform(
      "const a = 1;\nMath.max(a, 2);\n//=> 2\nconst b = 3; //=> 3\nJSON.parse('x');\n// throws SyntaxError",
    );
    expect(t.body).toContain('__expectEqual(await (Math.max(a, 2)), (2)');
    expect(t.body).toContain('__expectEqual(b, (3)');
    expect(t.body).toContain("__expectThrows(async () => (JSON.parse('x'))");
  });
  it('a multi-line call is one statement; a block opener starts new ones', () => {
    const t = transform('if (true) {\n  Math.max(\n    1,\n    2,\n  ); //=> 2\n}');
    expect(t.body).toContain('__expectEqual(await (Math.max(\n    1,\n    2,\n  )), (2)');
  });
  it('hoists imports and refuses a value it cannot read', () => {
    expect(transform("import { z } from 'zod';\nz; //=> 1").imports).toEqual(["import { z } from 'zod';"]);
    expect(() => transform('f(); //=> {{')).toThrow(/cannot read the expected value/);
  });
  it('leaves an illustrative value (…) unasserted but runs the expression', () => {
    expect(transform("f(); //=> ['a', …]").body).toBe('f();');
  });
});
