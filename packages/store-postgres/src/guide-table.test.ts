import { readFileSync } from 'node:fs';
import { getModule, listModules } from '@zhidu/modules';
import { describe, expect, it } from 'vitest';
import { streamShape } from './streams.js';

// The store guide's table of modules (docs/store.md and its Chinese twin) names every registered module
// with the kind of event it records: a row left out (two were) or a kind changed in the code is caught.
const guides = [
  { file: '../../../docs/store.md', whole: 'a whole input', element: /^one element of `(\w+)`$/ },
  { file: '../../../docs/zh/store.md', whole: '一个完整的输入', element: /^`(\w+)` 中的一项$/ },
];

describe('the store guide lists every module with the events it records', () => {
  for (const g of guides) {
    it(g.file.replace('../../../', ''), () => {
      const text = readFileSync(new URL(g.file, import.meta.url), 'utf8');
      const rows = new Map<string, string>();
      for (const line of text.split('\n')) {
        const m = /^\| `([a-z]+\.[a-z-]+)` \| ([^|]+) \|/.exec(line);
        if (m && !rows.has(m[1] as string)) rows.set(m[1] as string, (m[2] as string).trim());
      }
      const ids = listModules().map((m) => m.id);
      expect([...rows.keys()].sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const shape = streamShape(getModule(id));
        const cell = rows.get(id) as string;
        if (shape.kind === 'facts') expect(cell, id).toBe(g.whole);
        else expect(g.element.exec(cell)?.[1], id).toBe(shape.key);
      }
    });
  }
});
