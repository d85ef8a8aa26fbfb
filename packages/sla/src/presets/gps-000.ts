import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope } from './helpers.js';

/**
 * GPS terminal after-sales service (000 L53–115): every call, letter or visit answered, valuable
 * suggestions forwarded to the departments, and the customer told the result before a case closes.
 *
 * @returns the validated policy
 * @example
 * gps000Preset().params.workflows[0]?.id; //=> 'gpsFeedback'
 */
export function gps000Preset(): SlaPolicy {
  const rule = 'S000-COMPLAINT-12';
  return defineSlaPolicy({
    ...envelope('zhidu.sla.gps-000', '客户管理制度(GPS终端安装维修及售后服务)', '000 L53–115'),
    params: {
      workflows: [
        {
          id: 'gpsFeedback',
          rule,
          clause: '000 L93–95',
          initial: 'received',
          final: ['closed'],
          transitions: [
            {
              action: 'reply',
              from: ['received'],
              to: 'replied',
              requires: ['repliedAt'],
              rule,
              clause: '000 L93 给予迅速、满意回复',
            },
            {
              action: 'forward',
              from: ['replied'],
              to: 'forwarded',
              requires: ['forwardedTo'],
              rule,
              clause: '000 L95 整理后转交有关部门',
            },
            {
              action: 'notifyResult',
              from: ['replied'],
              to: 'resultNotified',
              requires: ['resultNotifiedAt'],
              guard: [{ attribute: 'valuable', notIn: [true] }],
              rule,
              clause: '000 L95 及时通报给客户',
            },
            {
              action: 'notifyResult',
              from: ['forwarded'],
              to: 'resultNotified',
              requires: ['resultNotifiedAt'],
              rule,
              clause: '000 L95 及时通报给客户',
            },
            { action: 'close', from: ['resultNotified'], to: 'closed', rule, clause: '000 L95' },
          ],
        },
      ],
    },
  });
}
