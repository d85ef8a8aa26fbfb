// Issue 12: the ESM and CJS builds each carry their own ZhiduError class, so `instanceof` failed when
// an app mixed `import` and `require`. The error is branded with Symbol.for('zhidu.error'); these
// tests load real separate copies of the class and check recognition both ways.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isZhiduError, ZhiduError } from './errors.js';

type ErrorsModule = typeof import('./errors.js');

describe('ZhiduError is recognised across copies of the class (Symbol.for brand)', () => {
  it('isZhiduError: true for a ZhiduError, false for look-alikes, plain errors and hostile values', () => {
    expect(isZhiduError(new ZhiduError('invalid_money', ['a'], 'x'))).toBe(true);
    expect(isZhiduError(new Error('x'))).toBe(false);
    expect(isZhiduError({ name: 'ZhiduError', code: 'invalid_money', path: [], message: 'x' })).toBe(false);
    expect(isZhiduError(null)).toBe(false);
    expect(isZhiduError(undefined)).toBe(false);
    expect(isZhiduError('ZhiduError')).toBe(false);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(isZhiduError(hostile)).toBe(false);
    expect({} instanceof ZhiduError).toBe(false);
  });

  it('the brand is not enumerable: JSON, spread and toJSON stay as before', () => {
    const e = new ZhiduError('invalid_zone', [], 'unknown time zone');
    expect(Object.getOwnPropertyDescriptor(e, Symbol.for('zhidu.error'))?.enumerable).toBe(false);
    expect(Object.getOwnPropertySymbols({ ...e })).toEqual([]);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: 'invalid_zone',
      path: [],
      message: 'unknown time zone',
    });
    expect(Object.getOwnPropertySymbols(e)).toEqual([Symbol.for('zhidu.error')]);
  });

  it('a subclass keeps the ordinary instanceof: a ZhiduError is not an instance of a subclass', () => {
    class QuotaError extends ZhiduError {}
    const sub = new QuotaError('duplicate', [], 'x');
    expect(sub instanceof ZhiduError).toBe(true);
    expect(sub instanceof QuotaError).toBe(true);
    expect(new ZhiduError('duplicate', [], 'x') instanceof QuotaError).toBe(false);
  });

  it('two module copies (simulated with a fresh module registry) recognise each other both ways', async () => {
    vi.resetModules();
    const copy = './errors.js?copy=second';
    const other = (await import(/* @vite-ignore */ copy)) as ErrorsModule;
    expect(other.ZhiduError).not.toBe(ZhiduError);
    const theirs = new other.ZhiduError('unknown_reference', ['id'], 'x');
    const ours = new ZhiduError('unknown_reference', ['id'], 'x');
    expect(theirs instanceof ZhiduError).toBe(true);
    expect(ours instanceof other.ZhiduError).toBe(true);
    expect(isZhiduError(theirs)).toBe(true);
    expect(other.isZhiduError(ours)).toBe(true);
  });
});

describe('the built ESM and CJS files of @zhidu/core recognise each other', () => {
  const coreDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  let outDir = '';
  let esm: ErrorsModule;
  let cjs: ErrorsModule;

  beforeAll(async () => {
    // The package's own tsup build, without declarations, into a scratch directory inside the package
    // (so that zod and @date-fns/tz resolve from its node_modules). No timing is asserted.
    outDir = mkdtempSync(join(coreDir, '.brand-build-'));
    const { build } = await import('tsup');
    await build({
      config: false,
      entry: { index: join(coreDir, 'src/index.ts') },
      format: ['esm', 'cjs'],
      outDir,
      dts: false,
      silent: true,
      target: 'node20',
      platform: 'node',
      outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
    });
    cjs = createRequire(import.meta.url)(join(outDir, 'index.cjs')) as ErrorsModule;
    esm = (await import(/* @vite-ignore */ pathToFileURL(join(outDir, 'index.js')).href)) as ErrorsModule;
  }, 120_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('each build has its own class, yet instanceof and isZhiduError hold across them and the source', () => {
    expect(esm.ZhiduError).not.toBe(cjs.ZhiduError);
    const fromEsm = new esm.ZhiduError('invalid_money', ['amount'], 'x');
    const fromCjs = new cjs.ZhiduError('invalid_money', ['amount'], 'x');
    expect(fromEsm instanceof cjs.ZhiduError).toBe(true);
    expect(fromCjs instanceof esm.ZhiduError).toBe(true);
    expect(cjs.isZhiduError(fromEsm)).toBe(true);
    expect(esm.isZhiduError(fromCjs)).toBe(true);
    expect(fromCjs instanceof ZhiduError).toBe(true);
    expect(new ZhiduError('invalid_money', [], 'x') instanceof cjs.ZhiduError).toBe(true);
    expect(new Error('x') instanceof cjs.ZhiduError).toBe(false);
  });

  it('an error thrown by the CJS build is caught as a ZhiduError by ESM code, with its code and path', () => {
    const { yuan } = cjs as unknown as { yuan: (v: unknown) => unknown };
    let caught: unknown;
    try {
      yuan('12.345');
    } catch (e) {
      caught = e;
    }
    expect(caught instanceof esm.ZhiduError).toBe(true);
    expect(esm.isZhiduError(caught) && [caught.code, caught.path]).toEqual(['invalid_money', []]);
  });
});
