import { expectObject } from '@zhidu/core';
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is, on, timer } from './helpers.js';

/** Options for the law-firm complaint procedure (001 L822–876). */
export type LawFirm001bOptions = {
  /** "應及時與投訴人…聯系" (001 L852) is not quantified; give a number of days to time it. */
  informWithinDays?: number;
};

/**
 * Complaint and feedback handling at a law firm (001 精選篇10, L822–876): intake routing by channel,
 * register-ledger-originals-forward before handling, the decision chain (designated officer's written
 * opinion → supervising partner → director or another partner → partners' meeting for major
 * matters), investigation before any decision or promise, keeping the complainant informed, a signed
 * opinion implemented by the designated officer, written replies by default, and the satisfaction
 * survey of both sides.
 *
 * @param options - an optional time limit for informing the complainant
 * @returns the validated policy
 * @example
 * classifyComplaint({ channel: 'PHONE' }, lawFirm001bPreset().params).value.attributes; //=> { receiver: 'frontDesk', acceptor: 'designatedOfficer', … }
 */
export function lawFirm001bPreset(options: LawFirm001bOptions = {}): SlaPolicy {
  expectObject(options, ['options']);
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.law-firm-001b',
      '企業客戶管理規章制度精選篇10(律師事務所投訴及意見反饋)',
      '001 L822–876',
    ),
    params: {
      timers:
        options.informWithinDays === undefined
          ? []
          : [
              timer({
                id: 'informComplainant',
                rule: 'S001B-COMPLAINT-05',
                clause: '001 L852',
                zh: '及時告知投訴人處理的工作安排',
                en: 'Complainant told of the handling arrangement',
                start: 'accepted',
                stop: [on('contact', [is('contactType', 'ARRANGEMENT_NOTICE')])],
                target: {
                  kind: 'duration',
                  spec: { unit: 'calendarDays', amount: options.informWithinDays, at: 'endOfDay' },
                },
              }),
            ],
      routing: [
        {
          id: 'intakeRouting',
          rule: 'S001B-COMPLAINT-01',
          clause: '001 L828–832',
          routes: [
            {
              when: [{ attribute: 'channel', in: ['PHONE', 'IN_PERSON'] }],
              result: { receiver: 'frontDesk', acceptor: 'designatedOfficer' },
            },
            {
              when: [{ attribute: 'channel', in: ['WRITTEN', 'EMAIL', 'ONLINE'] }],
              result: { receiver: 'adminFrontDesk', acceptor: 'adminFrontDesk' },
            },
            {
              when: [{ attribute: 'channel', in: ['REFERRAL_JUDICIAL_ADMIN', 'REFERRAL_BAR_ASSOCIATION'] }],
              result: { receiver: 'designatedOfficer', acceptor: 'designatedOfficer' },
            },
          ],
        },
        {
          id: 'decider',
          rule: 'S001B-COMPLAINT-03',
          clause: '001 L846',
          routes: [
            {
              when: [is('isMajor', true)],
              result: { decider: 'MEETING', mustDecideRegulatorNotification: true },
            },
            {
              when: [is('supervisingPartnerAvailable', true)],
              result: { decider: 'SUPERVISING_PARTNER', mustDecideRegulatorNotification: false },
            },
            {
              when: [is('directorAvailable', true)],
              result: { decider: 'DIRECTOR', mustDecideRegulatorNotification: false },
            },
            {
              when: [is('otherPartnerAvailable', true)],
              result: { decider: 'OTHER_PARTNER', mustDecideRegulatorNotification: false },
            },
          ],
        },
        {
          id: 'satisfaction',
          rule: 'S001B-COMPLAINT-08',
          clause: '001 L872–876',
          routes: [
            {
              when: [is('complainant', 'DISSATISFIED')],
              result: { followUpRequired: true, notify: ['handler', 'designatedOfficer'] },
            },
            {
              when: [is('respondent', 'DISSATISFIED')],
              result: { followUpRequired: true, notify: ['handler', 'designatedOfficer'] },
            },
          ],
          otherwise: { followUpRequired: false, notify: ['designatedOfficer'] },
        },
      ],
      workflows: [
        {
          id: 'lawFirmComplaint',
          rule: 'S001B-COMPLAINT-06',
          clause: '001 L836–866',
          initial: 'received',
          final: ['closed'],
          recusal: {
            facts: ['respondentIds'],
            rule: 'S001B-COMPLAINT-03',
            clause: '001 L846 (with the recusal rule of 篇10)',
          },
          transitions: [
            {
              action: 'register',
              from: ['received'],
              to: 'registered',
              requires: ['registerFilled', 'ledgerEntryId', 'originalsRetained', 'forwardedTo'],
              guard: [is('registerFilled', true), is('originalsRetained', true)],
              rule: 'S001B-COMPLAINT-02',
              clause: '001 L836–840',
            },
            {
              action: 'startHandling',
              from: ['registered'],
              to: 'handling',
              rule: 'S001B-COMPLAINT-02',
              clause: '001 L840',
            },
            {
              action: 'writtenOpinion',
              from: ['handling'],
              to: 'opinionIssued',
              roles: ['designatedOfficer'],
              requires: ['writtenOpinion'],
              rule: 'S001B-COMPLAINT-03',
              clause: '001 L846 先由專門負責人出具書面意見',
            },
            {
              action: 'investigate',
              from: ['opinionIssued'],
              to: 'investigated',
              requires: ['investigationCompleted'],
              guard: [is('investigationCompleted', true)],
              rule: 'S001B-COMPLAINT-04',
              clause: '001 L848',
            },
            {
              action: 'decide',
              from: ['investigated'],
              to: 'decided',
              roles: ['supervisingPartner', 'director', 'partner', 'meeting'],
              requires: ['opinion', 'signedBy', 'outcomeCode'],
              rule: 'S001B-COMPLAINT-06',
              clause: '001 L854 簽署明確處理意見',
            },
            {
              action: 'sendCommitment',
              from: ['decided', 'implementing', 'closed'],
              to: '*',
              requires: ['commitment'],
              rule: 'S001B-COMPLAINT-04',
              clause: '001 L862 在作出處理決定前不得做任何承諾',
            },
            {
              action: 'sendProgressUpdate',
              from: ['*'],
              to: '*',
              rule: 'S001B-COMPLAINT-05',
              clause: '001 L852',
            },
            {
              action: 'startImplementation',
              from: ['decided'],
              to: 'implementing',
              roles: ['designatedOfficer'],
              rule: 'S001B-COMPLAINT-06',
              clause: '001 L854 由專門負責人組織實施',
            },
            {
              action: 'reply',
              from: ['implementing'],
              to: 'replied',
              guard: [is('replyForm', 'WRITTEN')],
              rule: 'S001B-COMPLAINT-07',
              clause: '001 L866 原則上要求采用書面形式',
            },
            {
              action: 'reply',
              from: ['implementing'],
              to: 'replied',
              requires: ['exceptionReason'],
              rule: 'S001B-COMPLAINT-07',
              clause: '001 L866 原則上',
            },
            {
              action: 'close',
              from: ['replied'],
              to: 'closed',
              requires: ['implementationComplete'],
              rule: 'S001B-COMPLAINT-06',
              clause: '001 L854',
            },
          ],
        },
      ],
    },
  });
}
