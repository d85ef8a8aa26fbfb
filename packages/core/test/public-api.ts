import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The type-only names an index exports (`export type { … }`, `type X` specifiers, exported types and interfaces). */
export function typeOnlyExports(text: string): string[] {
  const sf = ts.createSourceFile('index.ts', text, ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) if (st.isTypeOnly || e.isTypeOnly) names.push(e.name.text);
    } else if (
      (ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st)) &&
      st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      names.push(st.name.text);
    }
  }
  return names.sort();
}

/**
 * Pins a package's public names: the runtime names of its index, its type-only names, and that the
 * index lists every export explicitly. An export added or removed by accident fails here; a deliberate
 * change updates the lists together with the changeset that announces it.
 */
export function describePublicApi(
  pkg: string,
  api: object,
  index: URL,
  pinned: { runtime: readonly string[]; types: readonly string[] },
): void {
  const source = readFileSync(index, 'utf8');
  describe(`${pkg} public API`, () => {
    it('exports exactly the pinned runtime names', () => {
      expect(Object.keys(api).sort()).toEqual([...pinned.runtime]);
    });
    it('exports exactly the pinned type-only names', () => {
      expect(typeOnlyExports(source)).toEqual([...pinned.types]);
    });
    it('lists every export explicitly (no export * in the index)', () => {
      expect(source.match(/export \*/g) ?? []).toEqual([]);
    });
  });
}
