import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is } from './helpers.js';

/**
 * GPS-terminal after-sales service (001 精選篇11, L878–954): every call, letter and visit gets a
 * prompt reply; service centres forward every customer opinion to the company department and tell
 * the customer the handling result.
 *
 * @returns the validated policy
 * @example
 * const obligations = gpsAfterSales001bPreset().params.checklists[0]!;
 * const at = { subject: 'ticket-7', at: '2024-05-06T10:00:00+08:00' };
 * evaluateChecklist({ reply: true, fromServiceCentre: true }, obligations, at).value.missing
 * //=> ['forwardToCompanyDept', 'customerNotifiedOfResult']
 * evaluateChecklist({ reply: true }, obligations, at).value.missing; //=> [] (not via a service centre)
 */
export function gpsAfterSales001bPreset(): SlaPolicy {
  const centre = [is('fromServiceCentre', true)];
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.gps-after-sales-001b',
      '企業客戶管理規章制度精選篇11(GPS售後服務)',
      '001 L878–954',
    ),
    params: {
      checklists: [
        {
          id: 'afterSalesObligations',
          rule: 'S001B-COMPLAINT-09',
          clause: '001 L926–932',
          title: { zh: '售後意見與投訴的處理義務', en: 'After-sales opinion and complaint obligations' },
          items: [
            { field: 'reply', equals: true },
            { field: 'forwardToCompanyDept', equals: true, when: centre },
            { field: 'customerNotifiedOfResult', equals: true, when: centre },
          ],
        },
      ],
    },
  });
}
