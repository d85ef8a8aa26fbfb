// Maps every rule id of the catalog index to the tests and scenario files that cover it, to the package
// guide that lists it, and to the policy parameters it owns, and writes docs/catalog.md and its Chinese
// counterpart docs/zh/catalog.md: the summary table, one table per module, and one entry per id (anchor
// `#<id in lower case>`, the rule stated in the project's own words, its source regulation and line) read
// from the rule statements in docs/rules/*.json (see docs/rules/README.md).
//
//   node scripts/catalog-coverage.mjs [path/to/INDEX.md]   (default ../shared/spec/rules/INDEX.md)
//     --check                exit 1 when an id of a built package is named nowhere (no test, no scenario, no guide)
//     --strict               exit 1 when an id of a built package is not honestly covered (see below)
//     --coverage <file.json> the output of `zhidu coverage --all --json`: fills the columns "parameters"
//                            (the policy parameters whose `rule` is the id, counted once per policy) and
//                            "pinned" (how many of them are pinned); without it both show "–"
//     --out <file>           where to write the page (default docs/catalog.md)
//     --out-zh <file>        where to write the Chinese page (default docs/zh/catalog.md, or zh/<name>
//                            beside --out)
// It reads `packages/**` and `docs/*.md` under the working directory.
//
// An id is HONESTLY COVERED when one of these names it and asserts a computed value:
//   - the title of a vitest `it(…)` / `test(…)` (also `.only`, `.concurrent`, `.sequential`, `.each`) whose
//     callback asserts;
//   - the title of a `describe(…)` at least one of whose tests (lexically inside it) asserts;
//   - the `name` or the `rules` list of a scenario file (any `*.json` under a `scenarios/` directory) whose
//     `expected` holds at least one key whose value is not an empty object (`{ "result": {} }` checks nothing).
// Titles are read with the TypeScript compiler API: a string literal, a template literal (its fixed
// parts) or a `+` concatenation of those. With `.each(table)` and a title with a `%`/`$` placeholder,
// the string literals of the table count as part of the title: those written in the table expression,
// and, followed transitively, in the initializers of the variables of the same file it names
// (`it.each(rows)`, `it.each(Object.entries(ROWS_BY_RULE))`, `const cases = rows.map(…)`); data read
// from another module or file at run time is not seen. This over-counts when an id sits in a table
// column the title does not print.
// A callback ASSERTS when its body (or the body of a function of the same file it calls by name, followed
// transitively) holds
//   - an `expect(…)` / `expect.soft(…)` matcher other than presence or no-throw checks: `toBeDefined()`,
//     `toBeTruthy()`, `not.toBeUndefined()`, `not.toBeNull()`, `not.toThrow()`, `not.toThrowError()`
//     (`rejects.toThrow(…)`, `toBe`, `toEqual`, `toMatchObject`, `toContain`, snapshots … count), or
//   - a call of `assert(…)`, `assert.<fn>(…)` or `<x>.assert(…)` (node:assert, fast-check's `fc.assert`).
// Limits of this static check: it does not run the tests, so it cannot tell that an assertion is reached,
// nor what a matcher compares (`expect(1).toBe(1)` counts); titles computed at run time (a variable, a
// call, `for (const c of cases) it(c.title, …)`) are not read, and neither are helpers imported from
// another file; `it.skip`, `it.todo`, `it.fails`, `it.skipIf`/`runIf` never count. A MENTION is any
// occurrence of the id in a test or scenario file (a comment, a `rules` list, an expected trace): it keeps
// `--check` green but is listed as "mentioned only".
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const args = process.argv.slice(2);
function option(name) {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) {
    console.error(`${name} 须跟一个文件路径 / ${name} needs a file path`);
    process.exit(2);
  }
  args.splice(i, 2);
  return value;
}
const coveragePath = option('--coverage');
const outOption = option('--out');
const outPath = outOption ?? 'docs/catalog.md';
const outZhPath =
  option('--out-zh') ??
  (outOption === undefined ? 'docs/zh/catalog.md' : join(dirname(outOption), 'zh', basename(outOption)));
const check = args.includes('--check');
const strict = args.includes('--strict');
const unknownFlag = args.find((a) => a.startsWith('--') && a !== '--check' && a !== '--strict');
if (unknownFlag) {
  console.error(`未知选项 ${unknownFlag} / unknown option ${unknownFlag}`);
  process.exit(2);
}
const indexPath = args.find((a) => !a.startsWith('--')) ?? '../shared/spec/rules/INDEX.md';
if (!existsSync(indexPath)) {
  console.error(`找不到规则目录索引 / catalog index not found at ${indexPath}`);
  process.exit(2);
}

const sections = [];
let current;
for (const line of readFileSync(indexPath, 'utf8').split('\n')) {
  const h = /^## (\S+) \((\d+)\)/.exec(line);
  if (h) {
    current = { module: h[1], ids: [] };
    sections.push(current);
    continue;
  }
  const row = /^\| (S\d+[A-Z]?-[A-Z]+-\d+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|/.exec(line);
  if (row && current) current.ids.push({ id: row[1], kind: row[2].trim(), title: row[3].trim() });
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const idPattern = (id) => new RegExp(`(?<![A-Za-z0-9])${id.replace(/[-]/g, '\\-')}(?![0-9])`);
const ID_ANYWHERE = /(?<![A-Za-z0-9])S\d+[A-Z]?-[A-Z]+-\d+(?![0-9])/g;
const idsIn = (text) => new Set(text.match(ID_ANYWHERE) ?? []);

// ---------------------------------------------------------------- coverage JSON (zhidu coverage --json)

/** rule id → { parameters, pinned } */
const parametersByRule = new Map();
if (coveragePath !== undefined) {
  let json;
  try {
    json = JSON.parse(readFileSync(coveragePath, 'utf8'));
  } catch (e) {
    console.error(
      `--coverage: 无法读取 ${coveragePath} 为 JSON / cannot read ${coveragePath} as JSON: ${e instanceof Error ? e.message : e}`,
    );
    process.exit(2);
  }
  if (!json || !Array.isArray(json.policies)) {
    console.error(
      `--coverage: ${coveragePath} 不是 zhidu coverage --json 的输出（缺少 policies 数组） / ${coveragePath} is not the output of zhidu coverage --json (no policies array)`,
    );
    process.exit(2);
  }
  json.policies.forEach((policy, i) => {
    if (!policy || !Array.isArray(policy.parameters)) {
      console.error(
        `--coverage: policies[${i}].parameters 须为数组 / policies[${i}].parameters must be an array in ${coveragePath}`,
      );
      process.exit(2);
    }
    for (const p of policy.parameters) {
      // An inert parameter cannot change an answer under its policy: listed by zhidu coverage, not counted.
      if (!p || typeof p.rule !== 'string' || p.inert !== undefined) continue;
      const entry = parametersByRule.get(p.rule) ?? { parameters: 0, pinned: 0 };
      entry.parameters++;
      if (p.pinned === true) entry.pinned++;
      parametersByRule.set(p.rule, entry);
    }
  });
}

// ---------------------------------------------------------------- test files (TypeScript compiler API)

// Loaded once the arguments are checked: refusing a bad argument does not wait for the compiler.
const { default: ts } = await import('typescript');

const RUNS = new Set(['only', 'concurrent', 'sequential', 'each', 'for', 'shuffle']);
const WEAK = new Set(['toBeDefined', 'toBeTruthy']);
const WEAK_NEGATED = new Set(['toBeUndefined', 'toBeNull', 'toThrow', 'toThrowError']);

/** The test call a callee names: { kind: 'test' | 'describe', table } or undefined (not a test, or skipped). */
function testCallee(callee) {
  let table;
  if (ts.isCallExpression(callee)) {
    // it.each(table)(title, fn) / describe.for(table)(title, fn)
    const inner = callee.expression;
    if (!ts.isPropertyAccessExpression(inner) || !['each', 'for'].includes(inner.name.text)) return undefined;
    table = callee.arguments[0];
    callee = inner;
  }
  const modifiers = [];
  while (ts.isPropertyAccessExpression(callee)) {
    modifiers.push(callee.name.text);
    callee = callee.expression;
  }
  if (!ts.isIdentifier(callee)) return undefined;
  const base = callee.text;
  if (!['it', 'test', 'describe', 'suite'].includes(base)) return undefined;
  if (!modifiers.every((m) => RUNS.has(m))) return undefined;
  return { kind: base === 'describe' || base === 'suite' ? 'describe' : 'test', table };
}

/** The fixed text of a title expression, or undefined when it is computed at run time. */
function staticText(expr) {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isTemplateExpression(expr)) {
    return expr.head.text + expr.templateSpans.map((s) => `\${…}${s.literal.text}`).join('');
  }
  if (ts.isParenthesizedExpression(expr)) return staticText(expr.expression);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = staticText(expr.left);
    const r = staticText(expr.right);
    return l === undefined && r === undefined ? undefined : `${l ?? '…'}${r ?? '…'}`;
  }
  return undefined;
}

function stringsIn(node, out = []) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
  ts.forEachChild(node, (c) => {
    stringsIn(c, out); // a truthy return would stop forEachChild
  });
  return out;
}

/** Variables declared by name anywhere in the file: name → initializer. */
function localConstants(sf) {
  const map = new Map();
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      map.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return map;
}

/** The string literals of an `.each` table: inline, or in the initializers of same-file variables it names. */
function tableStrings(table, constants, seen = new Set()) {
  const out = stringsIn(table);
  const visit = (node) => {
    if (ts.isIdentifier(node) && constants.has(node.text) && !seen.has(node.text)) {
      seen.add(node.text);
      out.push(...tableStrings(constants.get(node.text), constants, seen));
    }
    ts.forEachChild(node, visit);
  };
  visit(table);
  return out;
}

function isFunction(node) {
  return node !== undefined && (ts.isArrowFunction(node) || ts.isFunctionExpression(node));
}

/** Functions declared by name anywhere in the file: name → bodies. */
function localFunctions(sf) {
  const map = new Map();
  const add = (name, body) => {
    if (body) map.set(name, [...(map.get(name) ?? []), body]);
  };
  const visit = (node) => {
    if (ts.isFunctionDeclaration(node) && node.name) add(node.name.text, node.body);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && isFunction(node.initializer)) {
      add(node.name.text, node.initializer.body);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return map;
}

/** Whether a call is an assertion of a computed value (see the header). */
function isStrongAssertion(call) {
  const callee = call.expression;
  if (ts.isIdentifier(callee) && callee.text === 'assert') return true;
  if (ts.isPropertyAccessExpression(callee)) {
    if (callee.name.text === 'assert') return true; // fc.assert(…)
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'assert') return true; // assert.equal(…)
    const matcher = callee.name.text;
    const modifiers = [];
    let obj = callee.expression;
    while (ts.isPropertyAccessExpression(obj)) {
      modifiers.push(obj.name.text);
      obj = obj.expression;
    }
    if (!ts.isCallExpression(obj)) return false;
    const root = obj.expression;
    const isExpect =
      (ts.isIdentifier(root) && root.text === 'expect') ||
      (ts.isPropertyAccessExpression(root) &&
        ts.isIdentifier(root.expression) &&
        root.expression.text === 'expect' &&
        root.name.text === 'soft');
    if (!isExpect) return false;
    const negated = modifiers.filter((m) => m === 'not').length % 2 === 1;
    if (!negated && WEAK.has(matcher)) return false;
    if (negated && WEAK_NEGATED.has(matcher)) return false;
    return true;
  }
  return false;
}

function asserts(body, functions, seen = new Set()) {
  let found = false;
  const visit = (node) => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      if (isStrongAssertion(node)) {
        found = true;
        return;
      }
      const callee = node.expression;
      if (ts.isIdentifier(callee) && functions.has(callee.text) && !seen.has(callee.text)) {
        seen.add(callee.text);
        for (const b of functions.get(callee.text)) {
          if (asserts(b, functions, seen)) {
            found = true;
            return;
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/**
 * Every test and describe block of a file whose title can be read: { kind, title, line, asserts }.
 * A describe asserts when one of the tests inside it does.
 */
function testsOf(file, text) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const functions = localFunctions(sf);
  const constants = localConstants(sf);
  const found = [];
  const stack = [];
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const callee = testCallee(node.expression);
      const fn = [...node.arguments].reverse().find(isFunction);
      if (callee && node.arguments.length > 0 && fn) {
        let title = staticText(node.arguments[0]);
        if (title !== undefined && callee.table && /[%$]/.test(title)) {
          title = `${title} ${tableStrings(callee.table, constants).join(' ')}`;
        }
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const entry = { kind: callee.kind, title: title ?? '', line, asserts: false };
        found.push(entry);
        if (callee.kind === 'test') {
          entry.asserts = asserts(fn.body, functions);
          if (entry.asserts) for (const d of stack) d.asserts = true;
        } else {
          stack.push(entry);
          ts.forEachChild(node, visit);
          stack.pop();
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

// ---------------------------------------------------------------- scenario files

const isEmptyObject = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;

/** The ids a scenario file covers honestly (name or rules, with a non-empty expected), with their lines. */
function scenarioCovers(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return new Map();
  }
  if (!json || typeof json !== 'object') return new Map();
  const expected = json.expected;
  const assertsSomething =
    expected !== null &&
    typeof expected === 'object' &&
    !Array.isArray(expected) &&
    Object.values(expected).some((v) => v !== undefined && !isEmptyObject(v));
  if (!assertsSomething) return new Map();
  const named = new Set([
    ...(typeof json.name === 'string' ? idsIn(json.name) : []),
    ...(Array.isArray(json.rules)
      ? json.rules.filter((r) => typeof r === 'string').flatMap((r) => [...idsIn(r)])
      : []),
  ]);
  const lines = text.split('\n');
  const covers = new Map();
  for (const id of named) {
    const re = idPattern(id);
    const i = lines.findIndex((l) => re.test(l) && (l.includes('"name"') || /^\s*"[^"]*",?\s*$/.test(l)));
    covers.set(id, (i === -1 ? lines.findIndex((l) => re.test(l)) : i) + 1);
  }
  return covers;
}

// ---------------------------------------------------------------- index of the repository

const files = walk('packages');
const testFiles = files.filter((f) => f.endsWith('.test.ts'));
const scenarioFiles = files.filter((f) => f.includes('/scenarios/') && f.endsWith('.json'));
// docs/api is typedoc's generated site (it copies the package READMEs and guides as media): not a guide.
const guides = walk('docs').filter(
  (f) => f.endsWith('.md') && !f.endsWith('catalog.md') && !f.startsWith(join('docs', 'api')),
);
const guideText = new Map(guides.map((f) => [f, readFileSync(f, 'utf8')]));

/** id → files that mention it */
const mentions = new Map();
/** id → [{ file, line }] of honest coverage, in file order */
const covered = new Map();
const addTo = (map, id, value) => map.set(id, [...(map.get(id) ?? []), value]);

for (const f of testFiles) {
  const text = readFileSync(f, 'utf8');
  for (const id of idsIn(text)) addTo(mentions, id, f);
  const seen = new Set();
  for (const t of testsOf(f, text)) {
    if (!t.asserts) continue;
    for (const id of idsIn(t.title)) {
      if (seen.has(id)) continue;
      seen.add(id);
      addTo(covered, id, { file: f, line: t.line });
    }
  }
}
for (const f of scenarioFiles) {
  const text = readFileSync(f, 'utf8');
  for (const id of idsIn(text)) addTo(mentions, id, f);
  for (const [id, line] of scenarioCovers(text)) addTo(covered, id, { file: f, line });
}
for (const list of covered.values())
  list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));

// ---------------------------------------------------------------- the page

const moduleToPackage = { core: 'core' };
const dash = '–';
const short = (f) => relative('.', f).replace(/^packages\//, '');
const notHonest = []; // ids of built packages mentioned but not honestly covered
const uncovered = []; // ids of built packages not honestly covered (mentioned only, or open)
let missing = 0;
const totals = { ids: 0, covered: 0, mentionedOnly: 0, documented: 0, open: 0, parameters: 0, pinned: 0 };
const summary = [
  '| module | ids | covered | mentioned only | not encoded (documented) | open | parameters | pinned |',
  '|---|---|---|---|---|---|---|---|',
];
/** The module sections of both pages: { module, rows: [{ id, kind, title, status, cell, pCell, pinCell, guides }] }. */
const zhSections = [];
for (const s of sections) {
  const pkg = moduleToPackage[s.module] ?? s.module;
  const built = existsSync(join('packages', pkg, 'src'));
  const row = {
    ids: s.ids.length,
    covered: 0,
    mentionedOnly: 0,
    documented: 0,
    open: 0,
    parameters: 0,
    pinned: 0,
  };
  const zhRows = [];
  zhSections.push({ module: s.module, rows: zhRows });
  for (const { id, kind, title } of s.ids) {
    let status = 'open';
    let guides = [];
    const re = idPattern(id);
    const honest = covered.get(id) ?? [];
    const named = mentions.get(id) ?? [];
    let yes = 'no';
    let cell;
    if (honest.length > 0) {
      row.covered++;
      status = 'covered';
      yes = 'yes';
      const first = honest[0];
      cell = `\`${short(first.file)}:${first.line}\`${honest.length > 1 ? ` +${honest.length - 1}` : ''}`;
    } else if (named.length > 0) {
      row.mentionedOnly++;
      status = 'mentioned';
      cell = `mentioned only: ${named
        .slice(0, 2)
        .map((f) => `\`${short(f)}\``)
        .join(', ')}${named.length > 2 ? ` +${named.length - 2}` : ''}`;
      if (built) {
        notHonest.push(id);
        uncovered.push(id);
      }
    } else {
      const guide = [...guideText].filter(([, t]) => re.test(t)).map(([f]) => relative('.', f));
      if (guide.length > 0) {
        row.documented++;
        status = 'documented';
        // The English page names the English guides (their Chinese versions are linked from the Chinese
        // page), so both pages link the same guides, each in its own language.
        const english = guide.filter((g) => !g.startsWith('docs/zh/'));
        guides = english.length > 0 ? english : guide;
        yes = dash;
        cell = `not encoded — see ${guides.map((g) => `[${g.replace(/^docs\//, '')}](${g.replace(/^docs\//, '')})`).join(', ')}`;
      } else {
        row.open++;
        cell = dash;
        if (built) {
          missing++;
          uncovered.push(id);
        }
      }
    }
    const params = parametersByRule.get(id);
    if (params) {
      row.parameters += params.parameters;
      row.pinned += params.pinned;
    }
    const pCell = coveragePath === undefined ? dash : String(params?.parameters ?? 0);
    const pinCell = coveragePath === undefined ? dash : String(params?.pinned ?? 0);
    zhRows.push({ id, kind, title, yes, status, cell, named, pCell, pinCell, guides });
  }
  for (const k of Object.keys(totals)) totals[k] += row[k];
  const p = (n) => (coveragePath === undefined ? dash : String(n));
  summary.push(
    `| ${s.module} | ${row.ids} | ${row.covered} | ${row.mentionedOnly} | ${row.documented} | ${row.open} | ${p(row.parameters)} | ${p(row.pinned)} |`,
  );
}
const p = (n) => (coveragePath === undefined ? dash : String(n));
summary.push(
  `| **all** | ${totals.ids} | ${totals.covered} | ${totals.mentionedOnly} | ${totals.documented} | ${totals.open} | ${p(totals.parameters)} | ${p(totals.pinned)} |`,
);

const encodable = totals.ids - totals.documented;
const percent = (n) => (encodable === 0 ? '100' : (Math.floor((n / encodable) * 1000) / 10).toString());
const honestLine = `Honestly covered: ${totals.covered} of ${encodable} encodable ids (${percent(totals.covered)} %).`;
const namedLine = `Named by a test or scenario at all: ${totals.covered + totals.mentionedOnly} of ${encodable} (${percent(totals.covered + totals.mentionedOnly)} %).`;

// ---------------------------------------------------------------- the rule statements (docs/rules/*.json)

/** id → { title: { zh, en }, statement: { zh, en }, source: { seed, file, lines, quote? } } */
const statements = new Map();
if (existsSync(join('docs', 'rules'))) {
  for (const f of readdirSync(join('docs', 'rules')).sort()) {
    if (!f.endsWith('.json')) continue;
    let json;
    try {
      json = JSON.parse(readFileSync(join('docs', 'rules', f), 'utf8'));
    } catch (e) {
      console.error(
        `无法读取规则陈述 docs/rules/${f} / cannot read docs/rules/${f}: ${e instanceof Error ? e.message : e}`,
      );
      process.exit(2);
    }
    for (const [id, entry] of Object.entries(json.rules ?? {})) statements.set(id, entry);
  }
}

const anchorOf = (id) => id.toLowerCase();
const oneLine = (t) => String(t).replace(/\s+/g, ' ').trim();
const linesText = (lines, lang) =>
  lang === 'zh' ? `第 ${lines.join('、')} 行` : `${lines.length > 1 ? 'lines' : 'line'} ${lines.join(', ')}`;

/** The entry of an id on a page: anchor, title, statement, source, coverage. */
function entry(r, lang) {
  const st = statements.get(r.id);
  const zh = lang === 'zh';
  const title = st ? st.title[zh ? 'zh' : 'en'] : r.title;
  const out = [`<a id="${anchorOf(r.id)}"></a>`, `**${r.id}** ${oneLine(title)}  `];
  if (st) {
    out.push(`${oneLine(st.statement[zh ? 'zh' : 'en'])}  `);
    const src = st.source;
    const quote = src.quote ? (zh ? `：「${oneLine(src.quote)}」` : `: 「${oneLine(src.quote)}」`) : '';
    out.push(
      zh
        ? `出处：制度原文 ${src.seed}（\`${src.file}\`）${linesText(src.lines, 'zh')}${quote}  `
        : `Source: seed ${src.seed} (\`${src.file}\`), ${linesText(src.lines, 'en')}${quote}  `,
    );
  } else {
    out.push(zh ? '（本条尚无陈述，见 docs/rules/）  ' : '(no statement yet: see docs/rules/)  ');
  }
  out.push(zh ? `覆盖：${zhStatus(r)}` : `Covered: ${r.yes} · where: ${r.cell}`);
  return [...out, ''];
}

function zhStatus(r) {
  switch (r.status) {
    case 'covered':
      return `已覆盖，${r.cell}`;
    case 'mentioned':
      return `仅提及（${r.named
        .slice(0, 2)
        .map((f) => `\`${short(f)}\``)
        .join('、')}${r.named.length > 2 ? ` 等 ${r.named.length} 处` : ''}）`;
    case 'documented':
      return `不编码，说明见 ${r.guides.map(zhGuideLink).join('、')}`;
    default:
      return '尚无测试或说明';
  }
}

/** A link from docs/zh/catalog.md to a guide: its Chinese version where there is one, else the English page. */
function zhGuideLink(guide) {
  const name = guide.replace(/^docs\/(zh\/)?/, '');
  const target = guide.startsWith('docs/zh/') || existsSync(join('docs', 'zh', name)) ? name : `../${name}`;
  return `[${name}](${target})`;
}

const zhYes = { covered: '是', mentioned: '否', documented: dash, open: '否' };
const zhModules = {
  core: '核心模型',
  attribution: '客户归属',
  sla: '时限',
  penalty: '罚则',
  credit: '信用',
  records: '档案',
  service: '客户服务',
  other: '其他',
};

const header = [
  '# Rule catalog → code',
  '',
  '[中文](zh/catalog.md)',
  '',
  'Every encodable rule of the seed regulations has a stable id in the rule catalog. This page is generated',
  'by `node scripts/catalog-coverage.mjs [--coverage coverage.json]` (see the header of the script).',
  '',
  "Below each module's table, every rule has an entry (anchor `#<id in lower case>`, e.g. `#s000-milestone-03`):",
  "the rule stated in the project's own words (from `docs/rules/*.json`), its seed regulation, line and a short",
  "quote, and its coverage. A clause citation in a trace links here with `citationHref(id, { lang: 'en' })`.",
  '',
  `**${honestLine}** ${namedLine}`,
  '',
  '- **covered** (`yes`): the id is in the title of a test (`it` / `test`, or a `describe` with an asserting test',
  '  inside) whose body asserts a computed value, or in the `name` or `rules` of a scenario file whose',
  '  `expected` is not empty. "where" is the first such test or scenario (`file:line`), `+N` the others.',
  '- **mentioned only**: the id appears in a test or scenario file (a comment, a `rules` list inside a test,',
  '  an expected trace, a scenario that expects nothing) but no test title or scenario covers it.',
  '  `--check` accepts it; `--strict` does not.',
  '- **not encoded**: no test names the id and a package guide lists it with the reason it is not code',
  '  (descriptive text, outside the product, or a duty no software can check); "–" in "where": neither yet.',
  '- **parameters** / **pinned**: with `--coverage <file>` (the output of `zhidu coverage --all --json`, see',
  '  [coverage.md](coverage.md)), the policy parameters whose catalog rule is the id, counted once per policy,',
  '  and how many of them every scenario perturbation catches; "–" when the page was built without it (CI',
  '  builds it without: the full coverage run is long). A `--sample` run counts only the sampled parameters.',
  '  To fill them: `zhidu coverage --all --json > coverage.json`, then',
  '  `node scripts/catalog-coverage.mjs --coverage coverage.json`.',
  '',
  'CI runs `--check` (fails on an id of a built package named nowhere) and `--strict` (fails on an id not',
  'honestly covered: only mentioned, or nowhere).',
  '',
  'Limits of the check: it reads the tests, it does not run them. A test counts when its callback (or a',
  'function of the same file it calls) holds an `expect(…)` matcher other than `toBeDefined()`, `toBeTruthy()`,',
  '`not.toBeUndefined()`, `not.toBeNull()`, `not.toThrow()`, or an `assert` call; whether the assertion is',
  'reached, or compares anything meaningful, is not checked. Titles computed at run time (a variable,',
  '`for (const c of cases) it(c.title, …)`) and helpers imported from other files are not read;',
  '`it.skip`, `it.todo`, `it.fails` never count. For `it.each(table)` with a `%s` / `$field` title the string',
  'literals of the table count as title text, also those of same-file variables the table is built from',
  '(`it.each(rows)`, `it.each(Object.entries(ROWS_BY_RULE))`): an id in a column the title does not print',
  'is over-counted. A scenario counts when its `expected` has a key whose value is not `{}`.',
  '',
];
const pages = { en: [...header, ...summary], zh: [...zhHeader(), ...zhSummary()] };
for (const sec of zhSections) {
  pages.en.push(
    `\n## ${sec.module}\n`,
    '| id | kind | title | covered | where | parameters | pinned |',
    '|---|---|---|---|---|---|---|',
  );
  pages.zh.push(
    `\n## ${sec.module}（${zhModules[sec.module] ?? sec.module}）\n`,
    '| 编号 | 类别 | 标题 | 已覆盖 | 位置 | 参数 | 已钉住 |',
    '|---|---|---|---|---|---|---|',
  );
  for (const r of sec.rows) {
    pages.en.push(
      `| ${r.id} | ${r.kind} | ${r.title.replace(/\|/g, '\\|')} | ${r.yes} | ${r.cell} | ${r.pCell} | ${r.pinCell} |`,
    );
    const zhTitle = statements.get(r.id)?.title.zh ?? r.title;
    const where =
      r.status === 'covered'
        ? r.cell
        : r.status === 'documented'
          ? '不编码'
          : r.status === 'mentioned'
            ? '仅提及'
            : dash;
    pages.zh.push(
      `| [${r.id}](#${anchorOf(r.id)}) | ${r.kind} | ${oneLine(zhTitle).replace(/\|/g, '\\|')} | ${zhYes[r.status]} | ${where} | ${r.pCell} | ${r.pinCell} |`,
    );
  }
  pages.en.push('', `### ${sec.module}: the rules`, '');
  pages.zh.push('', `### ${zhModules[sec.module] ?? sec.module}：条文`, '');
  for (const r of sec.rows) {
    pages.en.push(...entry(r, 'en'));
    pages.zh.push(...entry(r, 'zh'));
  }
}

function zhHeader() {
  return [
    '# 规则目录 → 代码',
    '',
    '[English](../catalog.md)',
    '',
    '种子制度里每一条可编码的规则在规则目录中都有固定编号。本页与英文版 [catalog.md](../catalog.md) 由',
    '`node scripts/catalog-coverage.mjs` 生成（说明见脚本开头），规则陈述取自 `docs/rules/*.json`。每条规则有一个锚点',
    '（编号的小写形式，例如 `#s000-milestone-03`），轨迹里的条款引用用 `citationHref(编号)` 链接到这里。',
    '',
    `**如实覆盖：可编码编号 ${encodable} 个中 ${totals.covered} 个（${percent(totals.covered)} %）。** 被测试或场景提及：${totals.covered + totals.mentionedOnly} 个（${percent(totals.covered + totals.mentionedOnly)} %）。`,
    '',
    '- **已覆盖**（是）：某个断言计算结果的测试标题，或 `expected` 不为空的场景文件，写明了该编号；“位置”是第一处。',
    '- **仅提及**：编号出现在测试或场景文件里（注释、测试中的规则列表、预期轨迹），但没有测试标题或场景覆盖它。',
    '- **不编码**：没有测试写明该编号，模块指南说明了不写成代码的原因（描述性条文、产品范围之外，或软件无法检查的职责）。',
    '- **参数** / **已钉住**：带 `--coverage <文件>` 生成时，归属该编号的制度参数个数，以及其中有场景扰动能发现的个数（见',
    '  [coverage.md](coverage.md)）；没有该文件时为“–”（持续集成不带它生成：完整覆盖率运行耗时较长）。',
    '',
    '持续集成以 `--check` 运行（已实现模块的编号哪里都没提到即失败）并以 `--strict` 运行（编号未被如实覆盖即失败）。',
    '',
  ];
}

function zhSummary() {
  return summary.map((line, i) => {
    if (i === 0) return '| 模块 | 编号数 | 已覆盖 | 仅提及 | 不编码（已说明） | 未处理 | 参数 | 已钉住 |';
    if (i === 1) return line;
    return line.replace(/^\| (\*\*all\*\*|[a-z]+) \|/, (_, m) =>
      m === '**all**' ? '| **合计** |' : `| ${zhModules[m] ?? m} |`,
    );
  });
}

writeFileSync(outPath, `${pages.en.join('\n')}\n`);
mkdirSync(dirname(outZhPath), { recursive: true });
writeFileSync(outZhPath, `${pages.zh.join('\n')}\n`);

console.log(summary.join('\n'));
console.log(`\n${honestLine}\n${namedLine}`);
if (notHonest.length > 0) {
  console.log(`\n${notHonest.length} ids of built packages are mentioned only (not honestly covered):`);
  for (const id of notHonest) console.log(`  ${id}`);
}
let failed = false;
if (check && missing > 0) {
  console.error(`${missing} rule ids of built packages are neither tested nor documented`);
  failed = true;
}
if (strict && uncovered.length > 0) {
  console.error(
    `--strict: ${uncovered.length} rule ids of built packages are not honestly covered: ${uncovered.join(', ')}`,
  );
  failed = true;
}
if (failed) process.exit(1);
