import type { AccessAction } from '../access-schema.js';
import {
  defineRecordsPolicy,
  type RecordsParamsInput,
  type RecordsPolicy,
  type RecordsPolicyInput,
} from '../policy.js';

export const S000 = '000_4818bcf0bb2aaeac.txt';
export const S001 = '001_b5a166781b06eda6.txt';
export const S002 = '002_30394bec54f702c8.txt';
export const S003 = '003_cb606191094b0008.txt';

/** Every action that reads or lets a file out of its custody. */
export const READ_ACTIONS: AccessAction[] = ['view', 'copy', 'backup', 'lend', 'export', 'disclose', 'share'];

/** The policy JSON each preset was defined from (what the records modules offer as presets). */
export const presetJson = new WeakMap<RecordsPolicy, RecordsPolicyInput>();

/**
 * Builds a preset policy from its parameters (validated like any company policy).
 *
 * @param id - preset id, prefixed with `zhidu.records.`
 * @param title - the regulation's title
 * @param clause - where it sits in the seed
 * @param params - file types, access rules and duties
 * @returns the validated policy
 * @example
 * preset('demo', '客户档案管理制度', '000 L195', { fileTypes: [newCarSalesFile] }).id; //=> 'zhidu.records.demo'
 */
export function preset(id: string, title: string, clause: string, params: RecordsParamsInput): RecordsPolicy {
  const json = {
    id: `zhidu.records.${id}`,
    version: '1',
    effectiveFrom: '2000-01-01',
    zone: 'Asia/Shanghai',
    source: { title, clause },
    params,
  };
  const policy = defineRecordsPolicy(json);
  presetJson.set(policy, JSON.parse(JSON.stringify(json)) as RecordsPolicyInput);
  return policy;
}
