// Doc tests: the code a user copies from a README, a guide or an `@example` must run and give what
// it says. This file finds that code and turns it into modules vitest can import:
//
// - fenced ```ts blocks of README.md, docs/**/*.md and packages/*/README.md; a block preceded by
//   `<!-- doctest: fragment — <reason> -->` is a fragment (shown, not run) and must give a reason;
// - the `@example` of every exported function, class and constant of packages/*/src;
// - `expr; // throws [ZhiduError] [code] …` asserts that `expr` throws a ZhiduError (with that code,
//   when the word after `throws` is one of zhidu's error codes);
// - `expr; //=> value` becomes an assertion that `expr` deep-equals `value` (the value may go on over
//   `//` lines below; a trailing remark in parentheses is allowed: `//=> 5000 (50 CNY)`); a value
//   containing `…` (or a bare `...]`) is shown, not asserted (the expression still runs).
//
// A snippet sees, without importing them: every export of its own package, of @zhidu/core and of
// @zhidu/calendar-cn, and zod's `z`; its own `import` lines take precedence.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export interface Snippet {
  /** Where it comes from, e.g. `docs/concepts.md:42` or `packages/sla/src/scenario.ts:120 evaluateTimers`. */
  where: string;
  /** The package whose exports it sees unqualified (e.g. `sla`), if any. */
  pkg?: string;
  code: string;
  /** Set for a fragment: the reason it is not run. */
  fragment?: string;
}

function walk(dir: string, keep: (p: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out.sort();
}

/** The Markdown files whose ```ts blocks are run. */
export function markdownFiles(): string[] {
  const files = [join(ROOT, 'README.md'), join(ROOT, 'README.zh-CN.md')];
  files.push(...walk(join(ROOT, 'docs'), (p) => p.endsWith('.md') && !p.includes(`${join('docs', 'api')}`)));
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    const readme = join(ROOT, 'packages', pkg, 'README.md');
    try {
      if (statSync(readme).isFile()) files.push(readme);
    } catch {
      // no README
    }
  }
  return files;
}

const FRAGMENT = /<!--\s*doctest:\s*fragment\s*(?:[—:-]\s*)?(.*?)\s*-->/;

/** The ```ts / ```typescript blocks of a Markdown file. */
export function markdownSnippets(file: string): Snippet[] {
  const rel = relative(ROOT, file);
  const pkg = rel.startsWith('packages/') ? rel.split('/')[1] : undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|typescript)\b/.exec(lines[i] as string);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
    let prev = start - 1;
    while (prev >= 0 && (lines[prev] as string).trim() === '') prev--;
    const marker = prev >= 0 ? FRAGMENT.exec(lines[prev] as string) : null;
    out.push({
      where: `${rel}:${start + 1}`,
      ...(pkg ? { pkg } : {}),
      code: body.join('\n'),
      ...(marker ? { fragment: marker[1] ?? '' } : {}),
    });
  }
  return out;
}

export interface ExportedDoc {
  pkg: string;
  name: string;
  file: string;
  line: number;
  kind: 'function' | 'class' | 'const';
  examples: string[];
}

/** Exported declarations of a package's sources with their `@example` sections. */
export function tsdocExamples(pkg: string): ExportedDoc[] {
  const src = join(ROOT, 'packages', pkg, 'src');
  const files = walk(src, (p) => p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts'));
  const out: ExportedDoc[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const re =
      /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export\s+(?:declare\s+)?(?:async\s+)?(function\*?|class|const)\s+([A-Za-z0-9_$]+)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const doc = (m[1] as string)
        .split('\n')
        .map((l) => l.replace(/^\s*\* ?/, ''))
        .join('\n');
      const examples: string[] = [];
      const parts = doc.split(/^@example[^\n]*\n?/m).slice(1);
      for (const part of parts) {
        let code = part.split(/^@[a-zA-Z]+/m)[0] as string;
        const fenced = /```(?:ts|typescript)?\n([\s\S]*?)```/.exec(code);
        if (fenced) code = fenced[1] as string;
        if (code.trim()) examples.push(code.replace(/\s+$/, ''));
      }
      const kind = m[2] === 'class' ? 'class' : m[2] === 'const' ? 'const' : 'function';
      out.push({
        pkg,
        name: m[3] as string,
        file: relative(ROOT, file),
        line: text.slice(0, m.index).split('\n').length,
        kind,
        examples,
      });
    }
  }
  return out;
}

const syntaxOk = (expr: string): boolean => {
  try {
    new Function(`return (${expr});`);
    return true;
  } catch {
    return false;
  }
};

/** Reads a `//=>` value: JS, optionally followed by a remark in parentheses or after a dash. */
function expectedValue(text: string): string | undefined {
  const t = text.trim();
  if (t.includes('…') || /\.\.\.\s*[\]})]|\.\.\.$/.test(t)) return undefined;
  // A remark after the value (`'春节' (除夕)`, `501 — half-up`) is prose, even where it would parse as a call.
  const remark = /^(.*?)\s+(?:\([^()]*\)|—.*|--.*)$/.exec(t);
  if (remark && syntaxOk(remark[1] as string)) return remark[1];
  if (syntaxOk(t)) return t;
  throw new Error(`cannot read the expected value after //=>: ${t}`);
}

const depthOf = (s: string): number => {
  let d = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '/' && s[i + 1] === '/') break;
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) d++;
    else if (')]}'.includes(c)) d--;
  }
  return d;
};

/**
 * Turns a snippet into a module body: its imports hoisted, `//=>` comments made assertions.
 * Returns the import lines and the body separately.
 */
export function transform(code: string): { imports: string[]; body: string } {
  const imports: string[] = [];
  const body: string[] = [];
  const lines = code.split('\n');
  let stmt: string[] = [];
  let depth = 0;
  // Where the last complete statement starts in `body`: a `//=>` or `// throws` on a line of its own
  // speaks of it.
  let last = -1;
  const previous = (): string => {
    if (last < 0) return '';
    const text = body.splice(last).join('\n').trim().replace(/;\s*$/, '');
    last = -1;
    return text;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (depth === 0 && stmt.length === 0 && /^\s*import\s/.test(line)) {
      let imp = line;
      while (
        !/from\s+['"][^'"]+['"];?\s*$|^\s*import\s+['"][^'"]+['"];?\s*$/.test(imp) &&
        i + 1 < lines.length
      ) {
        i++;
        imp += `\n${lines[i]}`;
      }
      imports.push(imp);
      continue;
    }
    const alone = stmt.length === 0 && last >= 0 ? /^\s*\/\/\s*throws\b(.*)$/.exec(line) : null;
    const throws = alone ? ['', '', alone[1]] : /^(.*?\S.*?);?\s*\/\/\s*throws\b(.*)$/.exec(line);
    if (throws && line.indexOf('//=>') < 0) {
      const statement = alone
        ? previous()
        : [...stmt, (throws[1] as string).replace(/;\s*$/, '')].join('\n').trim();
      stmt = [];
      last = -1;
      depth = 0;
      const code = /\b([a-z]+(?:_[a-z]+)+|[a-z]+)\b/.exec(
        (throws[2] as string).replace(/^\s*:?\s*(ZhiduError)?/, ''),
      );
      body.push(
        `await __expectThrows(async () => (${statement}), ${JSON.stringify(code ? code[1] : null)}, ${JSON.stringify(`// throws${throws[2]}`)});`,
      );
      continue;
    }
    const arrow = line.indexOf('//=>');
    if (arrow >= 0) {
      let value = line.slice(arrow + 4);
      while (i + 1 < lines.length && /^\s*\/\/(?!=>)\s{2,}\S/.test(lines[i + 1] as string)) {
        i++;
        value += ` ${(lines[i] as string).replace(/^\s*\/\//, '').trim()}`;
      }
      const left = line.slice(0, arrow).replace(/;\s*$/, '');
      const own = [...stmt, left].join('\n').trim();
      const statement = own === '' ? previous() : own;
      stmt = [];
      depth = 0;
      last = -1;
      const expected = expectedValue(value);
      const decl = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/.exec(statement);
      const at = JSON.stringify(`//=> ${value.trim()}`);
      if (statement === '') {
        throw new Error(`//=> ${value.trim()} follows no statement`);
      } else if (decl && expected !== undefined) {
        // `const x = f(); //=> 3` speaks of x.
        body.push(`${statement};`, `__expectEqual(${decl[1]}, (${expected}), ${at});`);
      } else if (/^(const|let|var|await\s+using|using)\s/.test(statement) || expected === undefined) {
        body.push(statement.endsWith(';') ? statement : `${statement};`);
      } else {
        body.push(`__expectEqual(await (${statement}), (${expected}), ${at});`);
      }
      continue;
    }
    stmt.push(line);
    depth += depthOf(line);
    const t = line.replace(/\/\/.*$/, '').trim();
    // A line that opens a block (`if (…) {`, `} else {`, `for (…) {`) ends the statement before it:
    // what follows inside the block is statements of its own.
    const opensBlock =
      t.endsWith('{') &&
      /^(?:\}\s*)?(?:if|else|for|while|do|try|catch|finally|switch|function|async\s+function|class)\b/.test(
        t,
      );
    if (opensBlock || (depth <= 0 && (t.endsWith(';') || t.endsWith('}') || t === ''))) {
      const complete = !opensBlock && stmt.some((l) => l.replace(/\/\/.*$/, '').trim() !== '');
      // Blank and comment lines keep the statement before them as "the last one".
      if (complete) last = body.length;
      else if (opensBlock) last = -1;
      body.push(...stmt);
      stmt = [];
      depth = 0;
    }
  }
  body.push(...stmt);
  return { imports, body: body.join('\n') };
}

/** Names a module imports (to leave them out of the prelude). */
export function importedNames(imports: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const imp of imports) {
    const braces = /\{([^}]*)\}/.exec(imp);
    if (braces) {
      for (const part of (braces[1] as string).split(',')) {
        const name = part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop()
          ?.trim();
        if (name) names.add(name);
      }
    }
    const ns = /import\s+\*\s+as\s+([A-Za-z0-9_$]+)/.exec(imp);
    if (ns) names.add(ns[1] as string);
    const def = /import\s+([A-Za-z0-9_$]+)\s*(?:,|from)/.exec(imp);
    if (def && def[1] !== 'type') names.add(def[1] as string);
  }
  return names;
}
