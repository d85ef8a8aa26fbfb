import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listModules } from './index.js';

// The migration guide's table says how many modules each package has and lists ids: both come from
// the registry, so a module added without the guide is caught here (the credit row said 34 of 38).
const root = new URL('../../../', import.meta.url);
const counts = new Map<string, number>();
for (const m of listModules()) counts.set(m.package, (counts.get(m.package) ?? 0) + 1);
const ids = new Set(listModules().map((m) => m.id));

describe.each(['docs/migrating.md', 'docs/zh/migrating.md'])('%s module table', (file) => {
  const text = readFileSync(new URL(file, root), 'utf8');
  const rows = text
    .split('\n')
    .filter((l) => /^\| `@zhidu\/(sla|attribution|penalty|records|credit|service)` \|/.test(l));

  it('has a row per rule package, each with the registry’s count of its modules', () => {
    expect(rows.map((r) => r.split('`')[1]).sort()).toEqual([...counts.keys()].sort());
    for (const row of rows) {
      const pkg = row.split('`')[1] as string;
      const count = Number(/\| (\d+)[:： 个]/.exec(row)?.[1]);
      expect(count, `${file}: ${pkg}`).toBe(counts.get(pkg));
    }
  });

  it('names only ids the registry has, and the registry’s total', () => {
    for (const row of rows)
      for (const [, id] of row.matchAll(/`([a-z]+\.[a-z-]+)`/g)) expect(ids.has(id as string), id).toBe(true);
    expect(text).toMatch(new RegExp(`(all|全部) ${ids.size}`));
  });
});
