// What a worker thread needs to load a module of this package again: the module's own file URL, and
// tsx's loader API when it runs from source. Shared by the coverage workers and evaluateInParallel.

/** The URL of tsx's ESM loader API, when this package runs from source under tsx. @internal */
export function tsxApi(): string | undefined {
  try {
    return (import.meta as { resolve?: (s: string) => string }).resolve?.('tsx/esm/api');
  } catch {
    return undefined;
  }
}

/**
 * The URL of the module whose `import.meta` is given, when it can be loaded again in a worker (ES
 * modules; not the CommonJS build, where `import.meta` has no `file:` URL). @internal
 */
export function loadableUrl(meta: ImportMeta): string | undefined {
  try {
    const url = (meta as { url?: unknown }).url;
    return typeof url === 'string' && url.startsWith('file:') ? url : undefined;
  } catch {
    return undefined;
  }
}
