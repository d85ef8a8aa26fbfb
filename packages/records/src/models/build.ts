import type { z } from 'zod';
import type { FieldType, TemplateFieldSchema } from './template.js';

/** A template field as written in the catalog files. */
export type FieldInput = z.input<typeof TemplateFieldSchema>;

/** Seed file names, so catalog entries cite them consistently. */
export const SEED = {
  s000: '000_4818bcf0bb2aaeac.txt',
  s001: '001_b5a166781b06eda6.txt',
  s002: '002_30394bec54f702c8.txt',
  s003: '003_cb606191094b0008.txt',
} as const;

/** Shorthand for one field: key, zh label (from the seed), en label, type and extras. */
export function field(
  key: string,
  zh: string,
  en: string,
  type: FieldType,
  extra: Omit<FieldInput, 'key' | 'label' | 'type'> = {},
): FieldInput {
  return { key, label: { zh, en }, type, ...extra };
}

/** Shorthand for a required field. */
export function req(
  key: string,
  zh: string,
  en: string,
  type: FieldType,
  extra: Omit<FieldInput, 'key' | 'label' | 'type' | 'required'> = {},
): FieldInput {
  return field(key, zh, en, type, { ...extra, required: true });
}

/** Enum options from `[value, zh, en]` triples. */
export function opts(
  ...list: readonly (readonly [string, string, string])[]
): { value: string; label: { zh: string; en: string } }[] {
  return list.map(([value, zh, en]) => ({ value, label: { zh, en } }));
}
