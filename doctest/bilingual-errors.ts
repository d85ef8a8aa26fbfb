// Finds refusal messages written in one language only. zhidu writes every `ZhiduError` message as
// "中文说明 / English explanation" (`ZhiduError#messageIn` and `renderError` show one half); this scan
// reads the sources of every package (`packages/*/src/**/*.ts`, not tests) with the TypeScript
// parser and checks the message argument of each `new ZhiduError(code, path, message)`:
//
// - a string or template literal: its literal parts must hold Chinese, then ` / `, then English;
// - a conditional (`a ? 'x' : 'y'`) or `??`/`||`: every literal branch is checked;
// - a local name: its `const` initializer is checked; a parameter of the enclosing function makes that
//   function a message-building helper, and the argument of every call of it (in any package, by
//   name) is checked instead;
// - a call of a local function: the literals it returns are checked;
// - a message passed through from another refusal (`e.message`, `error.message`, …): already checked
//   where that refusal was made.
//
// Run it alone to list the findings: `node --import tsx doctest/bilingual-errors.ts`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');
const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/** One message that is not "中文 / English", with where it is. */
export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
  /** The message as it is written in the source. */
  raw: string;
}

/** Whether the literal text of a message is "中文 / English" (placeholders shown as `${}`). */
export function isBilingual(text: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(' / ', from);
    if (at < 0) return false;
    if (CJK.test(text.slice(0, at))) return /[A-Za-z]/.test(text.slice(at + 3));
    from = at + 3;
  }
}

/** The source files the scan reads: every package's `src`, tests left out. */
export function sourceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', 'packages/*/src/**.ts', 'packages/*/src/*.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return [...new Set(out.split('\n'))].filter(
    (f) => f !== '' && !/\.test\.ts$/.test(f) && !/\.d\.ts$/.test(f) && !f.includes('/__tests__/'),
  );
}

type Fn = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

function isFn(n: ts.Node): n is Fn {
  return (
    ts.isFunctionDeclaration(n) ||
    ts.isArrowFunction(n) ||
    ts.isFunctionExpression(n) ||
    ts.isMethodDeclaration(n)
  );
}

/** The name a function is called by: its own, or the `const` it is assigned to. */
function fnName(fn: Fn): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText();
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** The declaration `name` refers to at `from`: a parameter, a `const`/`let`, or a function. */
function resolve(name: string, from: ts.Node): ts.Node | undefined {
  for (let scope: ts.Node | undefined = from.parent; scope; scope = scope.parent) {
    if (isFn(scope)) {
      const i = scope.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (i >= 0) return scope.parameters[i];
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope)) {
      for (const st of scope.statements) {
        if (ts.isVariableStatement(st)) {
          for (const d of st.declarationList.declarations) {
            if (ts.isIdentifier(d.name) && d.name.text === name) return d;
          }
        }
        if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st;
      }
    }
  }
  return undefined;
}

/** The literal text of a string or template (`${}` for each placeholder), or undefined. */
function literalText(e: ts.Expression): string | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e))
    return e.head.text + e.templateSpans.map((s) => `\${}${s.literal.text}`).join('');
  return undefined;
}

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x))
    x = x.expression;
  return x;
}

/** What a message argument must be: a whole "中文 / English" message, or one half of it. */
type Half = 'both' | 'zh' | 'en';

interface Helper {
  name: string;
  param: number;
  half: Half;
}

/**
 * Scans the sources and returns every message that is not "中文 / English".
 *
 * @param files - paths relative to the repository root (default: {@link sourceFiles})
 */
export function scanBilingual(files: string[] = sourceFiles()): Finding[] {
  return scanSources(files.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') })));
}

/**
 * The scan of {@link scanBilingual} over sources held in memory.
 *
 * @param sources - each file's name and text
 */
/** zod methods and `ctx.addIssue` whose options object may carry the issue's own `message`. */
const ZOD_MESSAGE_METHODS = new Set([
  'refine',
  'regex',
  'min',
  'max',
  'length',
  'nonnegative',
  'positive',
  'negative',
  'nonpositive',
  'int',
  'gt',
  'gte',
  'lt',
  'lte',
  'multipleOf',
  'startsWith',
  'endsWith',
  'includes',
  'addIssue',
]);

export function scanSources(sources: readonly { file: string; text: string }[]): Finding[] {
  const findings: Finding[] = [];
  const helpers = new Map<string, Helper[]>();
  const addHelper = (fn: Fn, param: number, half: Half) => {
    const name = fnName(fn);
    if (name === undefined) return;
    const list = helpers.get(name) ?? [];
    if (!list.some((h) => h.param === param)) list.push({ name, param, half });
    helpers.set(name, list);
  };
  const parsed = sources.map(({ file, text }) => ({
    file,
    sf: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true),
  }));

  const report = (sf: ts.SourceFile, file: string, node: ts.Node, why: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const raw = node.getText(sf);
    findings.push({ file, line, text: raw.replace(/\s+/g, ' ').slice(0, 160), why, raw });
  };

  /** Checks one message expression; `seen` bounds the walk through names and functions. */
  const check = (
    sf: ts.SourceFile,
    file: string,
    expr: ts.Expression,
    seen: Set<ts.Node>,
    half: Half = 'both',
  ): void => {
    const e = unwrap(expr);
    if (seen.has(e) || seen.size > 50) return;
    seen.add(e);
    const text = literalText(e);
    if (text !== undefined && half !== 'both') {
      // One half of a message a helper joins with " / ".
      if (half === 'zh' && !CJK.test(text)) report(sf, file, e, 'no Chinese in the Chinese half');
      if (half === 'en' && !/[A-Za-z]/.test(text)) report(sf, file, e, 'no English in the English half');
      return;
    }
    if (text !== undefined && ts.isTemplateExpression(e) && !/[A-Za-z\u3400-\u9fff]/.test(text)) {
      // A template made only of placeholders and punctuation says nothing itself. With " / " in it
      // (`${zh} / ${en}`, `${zh} ${path}（${why}） / ${en} ${path} (${why})`), its first placeholder is
      // the Chinese half and the first after " / " the English one; without (`${prefix}${message}`),
      // the last placeholder is the message and those before it a lead-in (a file name).
      let before = e.head.text;
      let enSpan: ts.TemplateSpan | undefined;
      for (const span of e.templateSpans) {
        if (before.includes(' / ')) {
          enSpan = span;
          break;
        }
        before += `\${}${span.literal.text}`;
      }
      const first = e.templateSpans[0];
      if (enSpan && first) {
        check(sf, file, first.expression, seen, 'zh');
        check(sf, file, enSpan.expression, seen, 'en');
      } else {
        const last = e.templateSpans.at(-1);
        if (last) check(sf, file, last.expression, seen, half);
      }
      return;
    }
    if (text !== undefined) {
      if (!isBilingual(text)) {
        report(sf, file, e, CJK.test(text) ? 'no " / " between a Chinese and an English half' : 'no Chinese');
      }
      return;
    }
    if (ts.isConditionalExpression(e)) {
      check(sf, file, e.whenTrue, seen, half);
      check(sf, file, e.whenFalse, seen, half);
      return;
    }
    if (
      ts.isBinaryExpression(e) &&
      (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      check(sf, file, e.left, seen, half);
      check(sf, file, e.right, seen, half);
      return;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      check(sf, file, e.left, seen, half);
      return;
    }
    // Passed through from another refusal (or another error): checked where it was made.
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'message') return;
    if (ts.isIdentifier(e)) {
      const decl = resolve(e.text, e);
      if (decl && ts.isParameter(decl) && isFn(decl.parent)) {
        addHelper(decl.parent, decl.parent.parameters.indexOf(decl), half);
        return;
      }
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer)
        check(sf, file, decl.initializer, seen, half);
      return;
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      // `e.message.replace(…)`: a passed-through message, edited.
      if (ts.isPropertyAccessExpression(callee) && callee.getText(sf).includes('.message')) return;
      const target = ts.isIdentifier(callee)
        ? resolve(callee.text, callee)
        : ts.isCallExpression(callee) && ts.isIdentifier(callee.expression)
          ? resolve(callee.expression.text, callee)
          : undefined;
      const fn =
        target && ts.isFunctionDeclaration(target)
          ? target
          : target && ts.isVariableDeclaration(target) && target.initializer && isFn(target.initializer)
            ? target.initializer
            : undefined;
      if (fn) checkReturns(sf, file, fn, seen, half);
    }
  };

  /** Checks what a message-building function returns (an inner arrow's body too). */
  const checkReturns = (sf: ts.SourceFile, file: string, fn: Fn, seen: Set<ts.Node>, half: Half): void => {
    if (!fn.body) return;
    if (!ts.isBlock(fn.body)) {
      const body = unwrap(fn.body);
      if (isFn(body)) checkReturns(sf, file, body, seen, half);
      else check(sf, file, body, seen, half);
      return;
    }
    const visit = (n: ts.Node): void => {
      if (isFn(n)) return;
      if (ts.isReturnStatement(n) && n.expression) {
        const r = unwrap(n.expression);
        if (isFn(r)) checkReturns(sf, file, r, seen, half);
        else check(sf, file, r, seen, half);
        return;
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(fn.body, visit);
  };

  for (const { file, sf } of parsed) {
    const visit = (n: ts.Node): void => {
      // A zod issue's own message (`.refine(f, { message })`, `ctx.addIssue({ message })`, `.regex(r, { message })` …):
      // written as a literal, it is the refusal's message too.
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        ZOD_MESSAGE_METHODS.has(n.expression.name.text)
      ) {
        for (const arg of n.arguments) {
          if (!ts.isObjectLiteralExpression(arg)) continue;
          for (const prop of arg.properties) {
            if (
              ts.isPropertyAssignment(prop) &&
              prop.name.getText(sf) === 'message' &&
              (ts.isStringLiteral(prop.initializer) ||
                ts.isNoSubstitutionTemplateLiteral(prop.initializer) ||
                ts.isTemplateExpression(prop.initializer))
            )
              check(sf, file, prop.initializer, new Set());
          }
        }
      }
      if (ts.isNewExpression(n) && n.expression.getText(sf) === 'ZhiduError') {
        const message = n.arguments?.[2];
        if (message === undefined) report(sf, file, n, 'no message');
        else check(sf, file, message, new Set());
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  // The argument of every call of a message-building helper is a message too.
  for (const { file, sf } of parsed) {
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        for (const helper of helpers.get(n.expression.text) ?? []) {
          const arg = n.arguments[helper.param];
          if (arg) check(sf, file, arg, new Set(), helper.half);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const found = scanBilingual();
  for (const f of found) console.log(`${f.file}:${f.line}: ${f.why}: ${f.text}`);
  console.log(`${found.length} message(s) not in both languages`);
}
