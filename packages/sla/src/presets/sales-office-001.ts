import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, timer } from './helpers.js';

/**
 * Real-estate sales office (001 精選篇2, L76–240): a buyer's payment default — a reminder notice
 * at once, and breach-of-contract handling once the default lasts more than 2 months.
 *
 * @returns the validated policy
 * @example
 * salesOffice001Preset().params.timers[0]?.id; //=> 'paymentDefault'
 */
export function salesOffice001Preset(): SlaPolicy {
  return defineSlaPolicy({
    ...envelope('zhidu.sla.sales-office-001', '企業客戶管理規章制度精選篇2(售樓處)', '001 L76–240'),
    params: {
      timers: [
        timer({
          id: 'paymentDefault',
          rule: 'S001-MILE-07',
          clause: '001 L200',
          zh: '違約期超過兩個月按違約責任處理',
          en: 'A default of more than 2 months goes to breach-of-contract terms',
          start: 'paymentOverdue',
          stop: 'paid',
          target: { kind: 'duration', spec: { unit: 'calendarMonths', amount: 2, at: 'endOfDay' } },
          escalations: [
            {
              level: 1,
              notify: ['paymentReminderNotice'],
              when: { kind: 'atStart' },
              rule: 'S001-MILE-07',
              clause: '001 L200 下發催款通知單',
            },
          ],
          consequences: ['breachLiability'],
        }),
      ],
    },
  });
}
