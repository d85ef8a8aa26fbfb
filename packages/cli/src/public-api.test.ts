import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public names of @zhidu/cli, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'DEPRECATED_ALIASES',
  'MAX_INPUT_BYTES',
  'MODULES',
  'buildProgram',
  'calendarHome',
  'diffJson',
  'importCalendarFile',
  'loadCalendarFiles',
  'moduleArg',
  'parseJson',
  'policyFor',
  'processIo',
  'readJson',
  'renderDecision',
  'run',
];

const TYPE_NAMES: readonly string[] = [
  'Change',
  'CliIo',
  'ImportResult',
  'ModuleName',
  'ModuleTarget',
  'StoredCalendarFiles',
];

const indexSource = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');

/** The type-only names the index exports (`export type { … }`, `type X` specifiers, exported types and interfaces). */
function typeOnlyExports(text: string): string[] {
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

describe('@zhidu/cli public API', () => {
  it('exports exactly the pinned runtime names', () => {
    expect(Object.keys(api).sort()).toEqual([...RUNTIME_NAMES]);
  });

  it('exports exactly the pinned type-only names', () => {
    expect(typeOnlyExports(indexSource)).toEqual([...TYPE_NAMES]);
  });

  it('lists every export explicitly (no export * in the index)', () => {
    expect(indexSource.match(/export \*/g) ?? []).toEqual([]);
  });
});
