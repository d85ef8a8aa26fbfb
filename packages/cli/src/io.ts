import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import {
  describeValue,
  duplicateJsonKey,
  type ErrorPath,
  isZhiduError,
  textPosition,
  ZhiduError,
} from '@zhidu/core';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): string;
  /** Whether progress bars may draw (a terminal on stderr). */
  interactive: boolean;
  /** Environment variables (`ZHIDU_HOME` locates stored calendar files); the process's when absent. */
  env?: Record<string, string | undefined>;
}

/**
 * The largest file the CLI reads (256 MiB): a larger file, or a device such as `/dev/zero`, is
 * refused with `invalid_input` instead of being read until memory runs out.
 *
 * @example
 * MAX_INPUT_BYTES; //=> 268435456
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

const tooLarge = (path: string): ZhiduError =>
  new ZhiduError(
    'invalid_input',
    [path],
    `${path} 超过 ${MAX_INPUT_BYTES / 1024 / 1024} MiB，不予读取 / ${path} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB and is not read`,
  );

/** The bytes of a file (`-`: standard input), at most {@link MAX_INPUT_BYTES}. */
function readBytes(path: string): Buffer {
  if (path === '-') return readFileSync(0);
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.isFile()) {
      if (stat.size > MAX_INPUT_BYTES) throw tooLarge(path);
      return readFileSync(fd);
    }
    // A pipe or device (`<(…)`, /dev/stdin, /dev/zero): read in chunks up to the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_INPUT_BYTES) throw tooLarge(path);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** Byte offset of the first malformed UTF-8 sequence, or -1. */
function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a file's bytes as UTF-8, refusing anything else (a GB18030/GBK export would otherwise
 * turn every Chinese name into U+FFFD): the error names the file and the line, never the bytes.
 */
function decodeUtf8(bytes: Buffer, path: string): string {
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new ZhiduError(
      'invalid_input',
      [path],
      `${path} 不是 UTF-8 文本（第 ${line} 行）；请另存为 UTF-8，例如 iconv -f GB18030 -t UTF-8 / ${path} is not UTF-8 text (line ${line}); save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8`,
    );
  }
  return bytes.toString('utf8');
}

/**
 * Refuses an `io` that is not a {@link CliIo} (no `out`, `err` and `readFile` functions) with
 * `invalid_input` at `path`, before a command writes to it.
 */
export function assertCliIo(io: unknown, path: ErrorPath = ['io']): asserts io is CliIo {
  const o = io as Partial<CliIo> | null;
  if (
    typeof o !== 'object' ||
    o === null ||
    typeof o.out !== 'function' ||
    typeof o.err !== 'function' ||
    typeof o.readFile !== 'function'
  ) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `io 须有 out、err 与 readFile 函数 / io has out, err and readFile functions, got ${describeValue(io)}`,
    );
  }
}

/** A line to write: a string, or `invalid_input` (an object without `toString` cannot be printed). */
function lineArg(line: unknown): string {
  if (typeof line !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['line'],
      `输出行须为字符串 / a line to write is a string, got ${describeValue(line)}`,
    );
  }
  return line;
}

/**
 * The process's own streams and file system: `out` and `err` write one line (a string) to stdout and
 * stderr, `readFile` reads a UTF-8 file (`-`: stdin) of at most {@link MAX_INPUT_BYTES}.
 *
 * @example
 * await run(['presets'], processIo); // the default io of run
 */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${lineArg(line)}\n`),
  err: (line) => process.stderr.write(`${lineArg(line)}\n`),
  readFile: (path) => decodeUtf8(readBytes(path), path),
  interactive: Boolean(process.stderr.isTTY),
  env: process.env,
};

const READ_FAILURES: Record<string, readonly [zh: string, en: string]> = {
  ENOENT: ['文件不存在', 'no such file'],
  EISDIR: ['这是目录，不是文件', 'it is a directory, not a file'],
  ENOTDIR: ['路径中有一段不是目录', 'a part of the path is not a directory'],
  EACCES: ['没有读取权限', 'permission denied'],
  EPERM: ['不允许读取', 'operation not permitted'],
  ELOOP: ['符号链接层数过多', 'too many symbolic links'],
  ENAMETOOLONG: ['路径过长', 'the path is too long'],
  EMFILE: ['打开的文件过多', 'too many open files'],
};

/** Why a file could not be read, Chinese and English: from the error code, never the content. */
function readFailure(path: string, e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const [zh, en] =
    typeof code === 'string' && Object.hasOwn(READ_FAILURES, code)
      ? (READ_FAILURES[code] as readonly [string, string])
      : ['读取失败', typeof code === 'string' ? code : e instanceof Error ? e.name : 'read failed'];
  return `无法读取 ${path}：${zh} / cannot read ${path}: ${en}`;
}

const PROBLEMS = {
  empty: '文件为空 / the file is empty',
  end: '文件意外结束 / unexpected end of the file',
  char: '意外的字符 / unexpected character',
  string: '字符串没有结束 / unterminated string',
  escape: '字符串中的转义无效 / invalid escape in a string',
  control: '字符串中有未转义的控制字符 / unescaped control character in a string',
  number: '数字无效 / invalid number',
  key: '对象的键须为双引号字符串 / an object key must be a double-quoted string',
  colon: "键后须为冒号 / expected ':' after a key",
  comma: "须为逗号或右括号 / expected ',' or a closing bracket",
  trailing: 'JSON 值之后还有内容 / text after the JSON value',
} as const;

type Problem = keyof typeof PROBLEMS;

/**
 * Where `text` stops being JSON (RFC 8259): the UTF-16 offset of the first error and its kind, or
 * `undefined` for valid JSON. Iterative, so any nesting depth is scanned without recursion.
 */
function firstJsonError(text: string): { offset: number; problem: Problem } | undefined {
  const n = text.length;
  let i = 0;
  const stack: number[] = []; // 0x5b '[' or 0x7b '{'
  const at = (problem: Problem) => ({ offset: Math.min(i, n), problem });
  const skipSpace = () => {
    for (
      let c = text.charCodeAt(i);
      c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
      c = text.charCodeAt(i)
    )
      i++;
  };
  const string = (): Problem | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return 'string';
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return 'control';
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) {
          i++;
          return 'string';
        }
        i++; // at the escaped character: an error is reported there (as the engine does)
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (i + k >= n) {
              i = n;
              return 'string';
            }
            if (!/[0-9a-fA-F]/.test(text[i + k] as string)) {
              i += k;
              return 'escape';
            }
          }
          i += 5;
        } else if ('"\\/bfnrt'.includes(e)) i++;
        else return 'escape';
      } else i++;
    }
  };
  const key = (): Problem | undefined => {
    skipSpace();
    if (i >= n) return 'end';
    if (text.charCodeAt(i) !== 0x22) return 'key';
    const p = string();
    if (p) return p;
    skipSpace();
    if (i >= n) return 'end';
    if (text.charCodeAt(i) !== 0x3a) return 'colon';
    i++;
    return undefined;
  };
  skipSpace();
  if (i >= n) return at('empty');
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      skipSpace();
      if (i >= n) return at('end');
      const c = text.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        i++;
        skipSpace();
        const close = c === 0x7b ? 0x7d : 0x5d;
        if (text.charCodeAt(i) === close) {
          i++;
          expectValue = false;
          continue;
        }
        stack.push(c);
        if (c === 0x7b) {
          const p = key();
          if (p) return at(p);
        }
        continue;
      }
      if (c === 0x22) {
        const p = string();
        if (p) return at(p);
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        // At the first character that cannot continue the number (as the engine reports it).
        const digits = () => {
          const from = i;
          while (text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
          return i > from;
        };
        if (c === 0x2d) i++;
        if (text.charCodeAt(i) === 0x30) i++;
        else if (!digits()) return at('number');
        if (text.charCodeAt(i) === 0x2e) {
          i++;
          if (!digits()) return at('number');
        }
        if (text.charCodeAt(i) === 0x65 || text.charCodeAt(i) === 0x45) {
          i++;
          if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
          if (!digits()) return at('number');
        }
      } else {
        // true, false, null: at the first character that departs from the word.
        const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : undefined;
        if (word === undefined) return at('char');
        for (const ch of word) {
          if (i >= n) return at('end');
          if (text[i] !== ch) return at('char');
          i++;
        }
      }
      expectValue = false;
      continue;
    }
    skipSpace();
    const top = stack.at(-1);
    if (top === undefined) return i < n ? at('trailing') : undefined;
    if (i >= n) return at('end');
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      if (top === 0x7b) {
        const p = key();
        if (p) return at(p);
      }
      expectValue = true;
    } else if (c === (top === 0x7b ? 0x7d : 0x5d)) {
      i++;
      stack.pop();
    } else return at('comma');
  }
}

/**
 * Parses JSON text read from `name`, refusing malformed text with a `ZhiduError` that names the
 * file, the line and the column and what is wrong there — never the text itself (a file given by
 * mistake, say `/etc/passwd`, is not echoed to a log).
 *
 * @param text - the file's text
 * @param name - the file name the error names
 * @returns the parsed value
 * @throws ZhiduError `invalid_input` with path `[name]`
 * @example
 * parseJson('{"a": 1}', 'in.json'); //=> { a: 1 }
 * parseJson('{"a" 1}', 'in.json');  // throws: in.json is not JSON: line 1, column 6: expected ':' after a key
 */
export function parseJson(text: string, name: string): unknown {
  if (typeof name !== 'string') {
    throw new ZhiduError('invalid_input', ['name'], '文件名须为字符串 / the file name is a string');
  }
  if (typeof text !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      [name],
      `${name} 的内容不是文本 / the content of ${name} is not text`,
    );
  }
  // A byte-order mark (Windows editors write one) is not part of the JSON text (RFC 8259 §8.1).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The engine's message quotes the text ("root:x:0:0"…): locate the error ourselves instead.
    const found = firstJsonError(text);
    if (found === undefined) {
      throw new ZhiduError(
        'invalid_input',
        [name],
        `${name} 无法解析为 JSON / ${name} cannot be parsed as JSON`,
      );
    }
    const [zh, en] = PROBLEMS[found.problem].split(' / ');
    if (found.problem === 'empty') {
      throw new ZhiduError('invalid_input', [name], `${name} 不是 JSON：${zh} / ${name} is not JSON: ${en}`);
    }
    const { line, column } = textPosition(text, found.offset);
    throw new ZhiduError(
      'invalid_input',
      [name],
      `${name} 不是 JSON：第 ${line} 行第 ${column} 列${zh} / ${name} is not JSON: line ${line}, column ${column}: ${en}`,
      { line, column },
    );
  }
  // A key written twice in one object: JSON.parse kept the last value and dropped the first.
  // Named by line and column only: like a syntax error, the message quotes nothing of the file.
  const dup = duplicateJsonKey(text);
  if (dup !== undefined) {
    const { line, column } = dup;
    throw new ZhiduError(
      'invalid_input',
      [name],
      `${name} 第 ${line} 行第 ${column} 列的键在同一对象中已出现过（JSON 解析只保留后一个，前一个值会丢失） / ${name}: line ${line}, column ${column}: this key already appears in the same object (JSON readers keep only the last, so the first value would be lost)`,
      { line, column },
    );
  }
  return value;
}

/**
 * Reads and parses a JSON file (`-` for standard input), refusing an unreadable, non-UTF-8 or
 * malformed file with a `ZhiduError` that names the file (and the line and column of a syntax
 * error) but never quotes its content.
 *
 * @throws ZhiduError `invalid_input` with path `[path]`
 * @example
 * // reads through the io, so a test can hand it files from memory
 * const io = { ...processIo, readFile: () => '[{ "code": "records.handover.late" }]' };
 * readJson(io, 'violations.json'); //=> [{ code: 'records.handover.late' }]
 * readJson({ ...processIo, readFile: () => '{"a" 1}' }, 'bad.json'); // throws ZhiduError invalid_input
 */
export function readJson(io: CliIo, path: string): unknown {
  if (typeof path !== 'string') {
    throw new ZhiduError('invalid_input', ['path'], '文件路径须为字符串 / a file path is a string');
  }
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    if (isZhiduError(e)) throw e;
    throw new ZhiduError('invalid_input', [path], readFailure(path, e));
  }
  return parseJson(text, path);
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The message as one line that cannot steer a terminal: line breaks and other control characters
 * (C0, DEL, C1, U+2028/2029) escaped as `\n`, `\u001b` ….
 */
export function oneLine(message: string): string {
  let line = '';
  for (const c of message) {
    const u = c.charCodeAt(0);
    const control = u < 0x20 || (u >= 0x7f && u <= 0x9f) || u === 0x2028 || u === 0x2029;
    line += control ? (ESCAPES[c] ?? `\\u${u.toString(16).padStart(4, '0')}`) : c;
  }
  return line;
}
