import { expectObject } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is, on, timer } from './helpers.js';

/** Options for the service-supervision regulation (001 L456–540). */
export type ServiceSupervision001Options = {
  /** Per-site on-site dispatch limits (001 L536 "不一樣時間"): not in the source, so no default. */
  onSiteMinutesBySite?: Record<string, number>;
};

/**
 * Service supervision for IT/project services (001 精選篇6, L456–540): technical service takes all
 * complaints, the monthly service-supervision report at month end, first-inquiry responsibility
 * (首問制), log-and-forward of every customer call, resolve-first-file-after, the hotline → remote →
 * on-site service tiers with per-site dispatch limits, and the major-fault chain with its analysis report.
 *
 * @param options - per-site on-site limits
 * @returns the validated policy
 * @example
 * classifyComplaint({ inRemit: true, oneStepResolvable: true }, serviceSupervision001Preset().params).value.attributes.action; //=> 'resolveNow'
 */
export function serviceSupervision001Preset(options: ServiceSupervision001Options = {}): SlaPolicy {
  expectObject(options, ['options']);
  const sites = Object.entries(options.onSiteMinutesBySite ?? {});
  return defineSlaPolicy({
    ...envelope('zhidu.sla.service-supervision-001', '企業客戶管理規章制度精選篇6(服務監督)', '001 L456–540'),
    params: {
      timers:
        sites.length === 0
          ? []
          : [
              timer({
                id: 'onSiteArrival',
                rule: 'S001-COMPLAINT-09',
                clause: '001 L536',
                zh: '現場服務:按站點規定時間抵達',
                en: 'On-site service: arrive within the site dispatch time',
                start: 'onSiteDispatched',
                stop: 'arrivedOnSite',
                target: {
                  kind: 'byAttribute',
                  cases: sites.map(([site, m]) => ({
                    when: [is('site', site)],
                    spec: { unit: 'minutes' as const, amount: m },
                  })),
                },
              }),
            ],
      recurring: [
        {
          id: 'supervisionReport',
          rule: 'S001-COMPLAINT-05',
          clause: '001 L462',
          title: { zh: '月底編制《服務監督報告》', en: 'Monthly service-supervision report at month end' },
          due: { kind: 'endOfMonth' },
          done: [on('supervisionReportSubmitted')],
        },
      ],
      routing: [
        {
          id: 'intakeOwner',
          rule: 'S001-COMPLAINT-05',
          clause: '001 L460',
          routes: [{ when: [], result: { intakeOwner: 'technicalService' } }],
        },
        {
          id: 'firstInquiry',
          rule: 'S001-COMPLAINT-06',
          clause: '001 L466–472',
          routes: [
            { when: [is('inRemit', true), is('oneStepResolvable', true)], result: { action: 'resolveNow' } },
            { when: [is('leaderPresent', true)], result: { action: 'handOver', to: 'leaderInCharge' } },
          ],
          otherwise: { action: 'handOver', to: 'colleagueInCharge' },
        },
        {
          id: 'majorMatter',
          rule: 'S001-COMPLAINT-06',
          clause: '001 L474',
          routes: [{ when: [is('major', true)], result: { notifyGM: true } }],
          otherwise: { notifyGM: false },
        },
        {
          id: 'serviceTier',
          rule: 'S001-COMPLAINT-09',
          clause: '001 L528–536',
          routes: [
            { when: [{ attribute: 'hotlineFailed', notIn: [true] }], result: { tier: 'hotline' } },
            {
              when: [is('remoteAuthorized', true), { attribute: 'remoteFailed', notIn: [true] }],
              result: { tier: 'remote' },
            },
          ],
          otherwise: { tier: 'onSite' },
        },
      ],
      intake: ['time', 'location', 'symptoms', 'responsePlan'].map((field) => ({
        field,
        rule: 'S001-COMPLAINT-10',
        clause: '001 L498',
      })),
      workflows: [
        {
          id: 'customerCall',
          rule: 'S001-COMPLAINT-07',
          clause: '001 L476–478',
          initial: 'called',
          final: ['closed'],
          transitions: [
            {
              action: 'log',
              from: ['called'],
              to: 'logged',
              requires: ['details', 'forwardedTo'],
              rule: 'S001-COMPLAINT-07',
              clause: '001 L478 詳細記錄',
            },
            {
              action: 'resolve',
              from: ['logged'],
              to: 'resolved',
              rule: 'S001-COMPLAINT-08',
              clause: '001 L476 先解決客戶問題',
            },
            {
              action: 'fileWorkOrder',
              from: ['logged'],
              to: 'workOrderFiled',
              requires: ['workOrderId'],
              rule: 'S001-COMPLAINT-08',
              clause: '001 L476',
            },
            {
              action: 'fileWorkOrder',
              from: ['resolved'],
              to: 'resolvedAndFiled',
              requires: ['workOrderId'],
              rule: 'S001-COMPLAINT-08',
              clause: '001 L476 后提交工作聯絡單',
            },
            {
              action: 'resolve',
              from: ['workOrderFiled'],
              to: 'resolvedAndFiled',
              rule: 'S001-COMPLAINT-08',
              clause: '001 L476',
            },
            {
              action: 'close',
              from: ['resolvedAndFiled'],
              to: 'closed',
              rule: 'S001-COMPLAINT-08',
              clause: '001 L506',
            },
          ],
        },
        {
          id: 'majorFault',
          rule: 'S001-COMPLAINT-10',
          clause: '001 L498',
          initial: 'occurred',
          final: ['analysed'],
          transitions: [
            {
              action: 'report',
              from: ['occurred'],
              to: 'reported',
              requires: [
                'time',
                'location',
                'symptoms',
                'responsePlan',
                'notifiedSalesperson',
                'notifiedManager',
              ],
              rule: 'S001-COMPLAINT-10',
              clause: '001 L498 第一時間',
            },
            {
              action: 'escalateToLeadership',
              from: ['reported'],
              to: 'tracked',
              roles: ['managerInCharge'],
              rule: 'S001-COMPLAINT-10',
              clause: '001 L498',
            },
            {
              action: 'endFault',
              from: ['tracked'],
              to: 'ended',
              rule: 'S001-COMPLAINT-10',
              clause: '001 L498',
            },
            {
              action: 'fileAnalysisReport',
              from: ['ended'],
              to: 'analysed',
              roles: ['technicalServiceHead'],
              requires: ['impact', 'handling', 'rootCause', 'correctiveActions'],
              rule: 'S001-COMPLAINT-10',
              clause: '001 L498 故障分析報告',
            },
          ],
        },
      ],
    },
  });
}

/**
 * Prosthetics maker's customer rules (001 精選篇7, L542–662): each sales department must define its own
 * complaint procedure with types, scope, responsible department or person and handling time.
 *
 * @returns the validated policy
 * @example
 * validateIntake({ types: ['quality'] }, prosthetics001Preset().params.intake).value.ok; //=> false
 */
export function prosthetics001Preset(): SlaPolicy {
  return defineSlaPolicy({
    ...envelope('zhidu.sla.prosthetics-001', '企業客戶管理規章制度精選篇7(客戶準入與退出)', '001 L542–662'),
    params: {
      intake: ['types', 'scope', 'responsibleDeptOrPerson', 'handlingTime'].map((field) => ({
        field,
        rule: 'S001-COMPLAINT-11',
        clause: '001 L592',
      })),
    },
  });
}
