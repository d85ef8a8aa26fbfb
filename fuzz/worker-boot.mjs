// Worker entry: workers do not inherit the parent's loader flags, so this registers tsx (TypeScript
// sources) and the `@zhidu/source` export condition (workspace packages resolve to src/, not dist/)
// before loading the worker itself — the same way under `pnpm fuzz` and under vitest.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

const hook = `export async function resolve(specifier, context, next) {
  return next(specifier, { ...context, conditions: [...(context.conditions ?? []), '@zhidu/source'] });
}`;
registerTsx();
register(`data:text/javascript,${encodeURIComponent(hook)}`);
await import('./worker.ts');
