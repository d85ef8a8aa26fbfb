import { type CustomRule, type ErrorPath, nearestKey, type RulePipeline, ZhiduError } from '@zhidu/core';

const PLACES = ['before', 'after', 'replace'] as const;

/**
 * Checks a list of custom rules against a pipeline before it is extended: each rule is
 * `{ before | after | replace: <step id>, step: { id, clause?, run } }`, names a step that exists
 * (a built-in one, or a custom one added earlier in the list) and brings a step id of its own.
 * An unknown step id is refused naming the nearest id.
 *
 * @param customRules - the caller's list (unvalidated)
 * @param pipeline - the built-in pipeline the rules extend
 * @param path - where the list sits in the caller's arguments, e.g. `['options', 'customRules']`
 * @returns the list, typed
 * @throws ZhiduError `invalid_input`, `unknown_reference` (with the nearest step id) or `duplicate`
 * @internal
 */
export function checkCustomRules<S>(
  customRules: unknown,
  pipeline: RulePipeline<S>,
  path: ErrorPath,
): readonly CustomRule<S>[] {
  if (!Array.isArray(customRules)) {
    throw new ZhiduError(
      'invalid_input',
      path,
      '自定义规则须为数组 / customRules must be an array of { before | after | replace, step }',
    );
  }
  const ids = [...pipeline.ids];
  customRules.forEach((rule: unknown, i) => {
    const at = [...path, i];
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
      throw new ZhiduError(
        'invalid_input',
        at,
        '自定义规则须为 { before | after | replace: 步骤标识, step } / a custom rule is { before | after | replace: <step id>, step }',
      );
    }
    const r = rule as Record<string, unknown>;
    const places = PLACES.filter((p) => Object.hasOwn(r, p));
    if (places.length !== 1) {
      throw new ZhiduError(
        'invalid_input',
        at,
        `自定义规则须且只须给出 before、after、replace 之一（给出了 ${places.length} 个） / a custom rule names exactly one of before, after, replace (got ${places.length})`,
      );
    }
    const place = places[0] as (typeof PLACES)[number];
    const target = r[place];
    if (typeof target !== 'string' || !ids.includes(target)) {
      const guess = typeof target === 'string' ? nearestKey(target, ids) : undefined;
      throw new ZhiduError(
        'unknown_reference',
        [...at, place],
        `流程中没有步骤 ${JSON.stringify(target)}${guess ? `；是否应为 "${guess}"？` : ''} / no step ${JSON.stringify(target)} in this pipeline${guess ? `; did you mean "${guess}"?` : ''} (have: ${ids.join(', ')})`,
      );
    }
    const step = r.step as Record<string, unknown> | null | undefined;
    if (
      step === null ||
      typeof step !== 'object' ||
      typeof step.id !== 'string' ||
      step.id === '' ||
      typeof step.run !== 'function' ||
      (step.clause !== undefined && typeof step.clause !== 'string')
    ) {
      throw new ZhiduError(
        'invalid_input',
        [...at, 'step'],
        '自定义步骤须为 { id: 非空字符串, clause?: 字符串, run: 函数 } / a custom step is { id: non-empty string, clause?: string, run: function }',
      );
    }
    if (ids.includes(step.id)) {
      throw new ZhiduError(
        'duplicate',
        [...at, 'step', 'id'],
        `步骤标识 ${step.id} 已在流程中 / step id ${step.id} is already in the pipeline`,
      );
    }
    if (place === 'replace') ids.splice(ids.indexOf(target), 1, step.id);
    else ids.push(step.id);
  });
  return customRules as readonly CustomRule<S>[];
}
