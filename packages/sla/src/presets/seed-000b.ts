import { expectObject, ZhiduError } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is, timer, workingDays } from './helpers.js';

/**
 * Real-estate sales-site customer maintenance (000 L773–1013): the complaint and suggestion system
 * must keep its channels open — phone, writing, face to face "等" (an open list, nothing refused).
 *
 * @returns the validated policy
 * @example
 * classifyComplaint({ channel: 'wechat' }, salesSite000bPreset().params).value.attributes; //=> { accepted: true, channelKind: 'other' }
 */
export function salesSite000bPreset(): SlaPolicy {
  const rule = 'S000B-COMPLAINT-09';
  return defineSlaPolicy({
    ...envelope('zhidu.sla.sales-site-000b', '客户管理制度(房地产案场客户维护)', '000 L773–1013'),
    params: {
      routing: [
        {
          id: 'channel',
          rule,
          clause: '000 L803',
          routes: [
            {
              when: [{ attribute: 'channel', in: ['phone', 'written', 'faceToFace'] }],
              result: { accepted: true, channelKind: 'listed' },
            },
            {
              when: [{ attribute: 'channel', exists: true }],
              result: { accepted: true, channelKind: 'other' },
            },
          ],
          otherwise: { accepted: false, channelKind: 'missing' },
        },
      ],
    },
  });
}

/**
 * Property-management revisit regulation (000 L1015–1053): a repeated complaint about the same issue
 * to different departments is recorded once, and the handling rate of raised issues must be 100 %.
 *
 * @returns the validated policy (the 100 % target is `settings.handlingRateTarget`)
 * @example
 * const target = Number(propertyRevisit000bPreset().params.settings.handlingRateTarget); // 1 (100 %)
 * const issues = [{ handled: true }, { handled: true }, { handled: false }];
 * handlingRate(issues, target).value.compliant; //=> false (2 of the 3 issues raised were handled)
 */
export function propertyRevisit000bPreset(): SlaPolicy {
  return defineSlaPolicy({
    ...envelope('zhidu.sla.property-revisit-000b', '客户管理制度(物业回访)', '000 L1015–1053'),
    params: {
      settings: { handlingRateTarget: 1, dedupeAcrossDepartments: true, dedupeOnlyWhileOpen: false },
    },
  });
}

/**
 * Property customer-service communication (000 L1309–1327): the customer-service department alone
 * receives complaints and repair requests, and a complaint closes only when it was responded to,
 * resolved and answered back (有求必应,有应必解,有解必答).
 *
 * @returns the validated policy
 * @example
 * propertyCommunication000bPreset().params.workflows[0]?.id; //=> 'propertyComplaint'
 */
export function propertyCommunication000bPreset(): SlaPolicy {
  const rule = 'S000B-COMPLAINT-10';
  return defineSlaPolicy({
    ...envelope('zhidu.sla.property-communication-000b', '客户管理制度(物业客户服务沟通)', '000 L1309–1327'),
    params: {
      workflows: [
        {
          id: 'propertyComplaint',
          rule,
          clause: '000 L1323–1325',
          initial: 'raised',
          final: ['closed'],
          transitions: [
            {
              action: 'intake',
              from: ['raised'],
              to: 'received',
              roles: ['customerService'],
              rule,
              clause: '000 L1323 由客服部统一受理',
            },
            {
              action: 'respond',
              from: ['received'],
              to: 'responded',
              requires: ['respondedAt'],
              rule,
              clause: '000 L1325 有求必应',
            },
            {
              action: 'resolve',
              from: ['responded'],
              to: 'resolved',
              requires: ['resolution'],
              rule,
              clause: '000 L1325 有应必解',
            },
            {
              action: 'close',
              from: ['resolved'],
              to: 'closed',
              requires: ['respondedAt', 'resolution', 'repliedAt'],
              rule,
              clause: '000 L1325 有解必答',
            },
          ],
        },
      ],
    },
  });
}

/** Options for the Shaanxi Zhonghui leasing regulation (000 L1109–1143). */
export type Leasing000bOptions = {
  /** The year of "本规范自20xx年7月1日起执行" — masked in the source, so it must be given. */
  effectiveYear: number;
  /** When work ends (下班), not stated in the source; default 18:00. */
  workdayEnd?: string;
};

/**
 * Shaanxi Zhonghui Investment leasing customer information (000 L1109–1143): the day's registration
 * form is due before the end of work, or by 10:00 the next day in special circumstances; the
 * regulation takes effect on 1 July of a year the source masks.
 *
 * @param options - the effective year (required: the source masks it) and the end of work
 * @returns the validated policy
 * @throws ZhiduError `invalid_input` when the effective year is missing
 * @example
 * leasing000bPreset({ effectiveYear: 2013 }).effectiveFrom; //=> '2013-06-30T16:00:00.000Z'
 */
export function leasing000bPreset(options: Leasing000bOptions): SlaPolicy {
  expectObject(options, ['options']);
  if (!options || !Number.isInteger(options.effectiveYear)) {
    throw new ZhiduError(
      'invalid_input',
      ['options', 'effectiveYear'],
      'the source masks the year (20xx年7月1日): pass effectiveYear',
    );
  }
  const rule = 'S000B-MILESTONE-01';
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.leasing-000b',
      '客户管理制度(陕西中汇投资招商)',
      '000 L1109–1143',
      `${options.effectiveYear}-07-01`,
    ),
    params: {
      timers: [
        timer({
          id: 'dailyRegistration',
          rule,
          clause: '000 L1115',
          zh: '每天下班前报送当天客户登记表(特殊情况次日10:00前)',
          en: "The day's registration form before the end of work (10:00 next day in special cases)",
          start: 'receptionDayOpened',
          stop: 'registrationSubmitted',
          target: {
            kind: 'byAttribute',
            cases: [{ when: [is('specialCircumstance', true)], spec: { unit: 'nextDay', time: '10:00' } }],
            otherwise: { unit: 'sameDay', time: options.workdayEnd ?? '18:00' },
          },
        }),
      ],
      settings: { effectiveRule: 'S000B-MILESTONE-05' },
    },
  });
}

/**
 * Joint-venture engineering partners (000 L1409–1445): a partner must be admitted before any
 * negotiation on project cooperation starts.
 *
 * @returns the validated policy
 * @example
 * jointVenturePartners000bPreset().params.timers[0]?.id; //=> 'admissionBeforeNegotiation'
 */
export function jointVenturePartners000bPreset(): SlaPolicy {
  return defineSlaPolicy({
    ...envelope('zhidu.sla.joint-venture-000b', '客户管理制度(联营工程合作方)', '000 L1409–1445'),
    params: {
      timers: [
        timer({
          id: 'admissionBeforeNegotiation',
          rule: 'S000B-MILESTONE-04',
          clause: '000 L1423',
          zh: '合作伙伴入网应在洽谈项目合作之前办理',
          en: 'Partner admitted before project-cooperation talks start',
          start: 'partnerProposed',
          stop: 'partnerAdmitted',
          target: { kind: 'beforeEvent', type: 'projectNegotiationStarted', inclusive: false },
        }),
      ],
    },
  });
}

/**
 * Corporate customers, Market Promotion Department (000 L1447–1501, in force from 2013-07-01): a new
 * customer is filed within 5 working days of first contact, and changes are reported within 5
 * working days. Working days are the PRC statutory calendar.
 *
 * @returns the validated policy
 * @example
 * corporate000bPreset().effectiveFrom; //=> '2013-06-30T16:00:00.000Z'
 */
export function corporate000bPreset(): SlaPolicy {
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.corporate-000b',
      '客户管理制度(市场推广部公司客户)',
      '000 L1447–1501',
      '2013-07-01',
    ),
    params: {
      timers: [
        timer({
          id: 'newCustomerFiling',
          rule: 'S000B-MILESTONE-02',
          clause: '000 L1467',
          zh: '接触新客户后5个工作日内备案',
          en: 'New customer filed within 5 working days of contact',
          start: 'firstContact',
          stop: 'customerFiled',
          target: { kind: 'duration', spec: workingDays(5) },
        }),
        timer({
          id: 'changeReport',
          rule: 'S000B-MILESTONE-03',
          clause: '000 L1469',
          zh: '客户信息变更5个工作日内反馈',
          en: 'Customer changes reported within 5 working days',
          start: 'changeLearned',
          stop: 'changeReported',
          target: { kind: 'duration', spec: workingDays(5) },
          repeat: true,
        }),
      ],
      settings: { effectiveRule: 'S000B-MILESTONE-05' },
    },
  });
}
