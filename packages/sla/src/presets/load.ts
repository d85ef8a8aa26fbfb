import { expectObject, nearestKey, ZhiduError } from '@zhidu/core';
import conferenceMarketing001Json from '../../presets/conference-marketing-001.json' with { type: 'json' };
import conferenceMarketing001CalendarDaysJson from '../../presets/conference-marketing-001-calendar-days.json' with {
  type: 'json',
};
import construction000Json from '../../presets/construction-000.json' with { type: 'json' };
import construction000BeforeFifthJson from '../../presets/construction-000-before-fifth.json' with {
  type: 'json',
};
import construction000PdcDirectorJson from '../../presets/construction-000-pdc-director.json' with {
  type: 'json',
};
import construction000RecheckUnfinedJson from '../../presets/construction-000-recheck-unfined.json' with {
  type: 'json',
};
import corporate000bJson from '../../presets/corporate-000b.json' with { type: 'json' };
import dealer000Json from '../../presets/dealer-000.json' with { type: 'json' };
import dealer000FromReceiptJson from '../../presets/dealer-000-from-receipt.json' with { type: 'json' };
import dealerGroup000Json from '../../presets/dealer-group-000.json' with { type: 'json' };
import exchangeMembership001bJson from '../../presets/exchange-membership-001b.json' with { type: 'json' };
import gps000Json from '../../presets/gps-000.json' with { type: 'json' };
import gpsAfterSales001bJson from '../../presets/gps-after-sales-001b.json' with { type: 'json' };
import jointVenture000bJson from '../../presets/joint-venture-000b.json' with { type: 'json' };
import lawFirm001bJson from '../../presets/law-firm-001b.json' with { type: 'json' };
import leasing000bJson from '../../presets/leasing-000b.json' with { type: 'json' };
import logistics001bJson from '../../presets/logistics-001b.json' with { type: 'json' };
import logistics001bManualEscalationJson from '../../presets/logistics-001b-manual-escalation.json' with {
  type: 'json',
};
import newCustomerDevelopment001Json from '../../presets/new-customer-development-001.json' with {
  type: 'json',
};
import newCustomerDevelopment001ClocksRunInPauseJson from '../../presets/new-customer-development-001-clocks-run-in-pause.json' with {
  type: 'json',
};
import propertyCommunication000bJson from '../../presets/property-communication-000b.json' with {
  type: 'json',
};
import propertyRepair002Json from '../../presets/property-repair-002.json' with { type: 'json' };
import propertyRevisit000bJson from '../../presets/property-revisit-000b.json' with { type: 'json' };
import propertyService004Json from '../../presets/property-service-004.json' with { type: 'json' };
import propertyService004DeskHoursJson from '../../presets/property-service-004-desk-hours.json' with {
  type: 'json',
};
import propertyService004NoticesBefore10thJson from '../../presets/property-service-004-notices-before-10th.json' with {
  type: 'json',
};
import propertyService004RestoreFromRequestJson from '../../presets/property-service-004-restore-from-request.json' with {
  type: 'json',
};
import prosthetics001Json from '../../presets/prosthetics-001.json' with { type: 'json' };
import retail000Json from '../../presets/retail-000.json' with { type: 'json' };
import salesOffice001Json from '../../presets/sales-office-001.json' with { type: 'json' };
import salesSite000bJson from '../../presets/sales-site-000b.json' with { type: 'json' };
import serviceSupervision001Json from '../../presets/service-supervision-001.json' with { type: 'json' };
import { defineSlaPolicy, type SlaPolicy } from '../policy.js';

/** The name of a bundled preset: its file `packages/sla/presets/<name>.json`. */
export type SlaPresetName = (typeof SLA_PRESET_NAMES)[number];

/**
 * The names of the bundled presets, one file each (`packages/sla/presets/<name>.json`): one per
 * source regulation (companies are never merged), then the named variants for the readings a company
 * may choose differently (`dealer-000-from-receipt`…).
 *
 * @example
 * SLA_PRESET_NAMES.includes('dealer-000'); //=> true
 * SLA_PRESET_NAMES.length; //=> 32
 */
export const SLA_PRESET_NAMES = [
  'dealer-group-000',
  'gps-000',
  'retail-000',
  'dealer-000',
  'construction-000',
  'sales-site-000b',
  'property-revisit-000b',
  'property-communication-000b',
  'leasing-000b',
  'joint-venture-000b',
  'corporate-000b',
  'conference-marketing-001',
  'service-supervision-001',
  'prosthetics-001',
  'new-customer-development-001',
  'sales-office-001',
  'law-firm-001b',
  'gps-after-sales-001b',
  'logistics-001b',
  'exchange-membership-001b',
  'property-repair-002',
  'property-service-004',
  'conference-marketing-001-calendar-days',
  'construction-000-pdc-director',
  'construction-000-before-fifth',
  'construction-000-recheck-unfined',
  'dealer-000-from-receipt',
  'logistics-001b-manual-escalation',
  'new-customer-development-001-clocks-run-in-pause',
  'property-service-004-restore-from-request',
  'property-service-004-notices-before-10th',
  'property-service-004-desk-hours',
] as const;

/**
 * Every bundled SLA preset as the policy JSON of its file, by name: what a company copies, edits and
 * loads with `defineSlaPolicy` (or names as `$schema`-checked JSON to the registry and the CLI). The
 * JSON is bundled into the build; the functions below validate it on first use.
 *
 * @example
 * const json = SLA_PRESET_JSON['logistics-001b'];
 * json.$schema; //=> '../schema/sla.policy.schema.json'
 * defineSlaPolicy({ ...json, id: 'acme.complaints' }).params.timers.length > 0; //=> true
 */
export const SLA_PRESET_JSON: Readonly<Record<SlaPresetName, Readonly<Record<string, unknown>>>> = {
  'dealer-group-000': dealerGroup000Json,
  'gps-000': gps000Json,
  'retail-000': retail000Json,
  'dealer-000': dealer000Json,
  'construction-000': construction000Json,
  'sales-site-000b': salesSite000bJson,
  'property-revisit-000b': propertyRevisit000bJson,
  'property-communication-000b': propertyCommunication000bJson,
  'leasing-000b': leasing000bJson,
  'joint-venture-000b': jointVenture000bJson,
  'corporate-000b': corporate000bJson,
  'conference-marketing-001': conferenceMarketing001Json,
  'service-supervision-001': serviceSupervision001Json,
  'prosthetics-001': prosthetics001Json,
  'new-customer-development-001': newCustomerDevelopment001Json,
  'sales-office-001': salesOffice001Json,
  'law-firm-001b': lawFirm001bJson,
  'gps-after-sales-001b': gpsAfterSales001bJson,
  'logistics-001b': logistics001bJson,
  'exchange-membership-001b': exchangeMembership001bJson,
  'property-repair-002': propertyRepair002Json,
  'property-service-004': propertyService004Json,
  'conference-marketing-001-calendar-days': conferenceMarketing001CalendarDaysJson,
  'construction-000-pdc-director': construction000PdcDirectorJson,
  'construction-000-before-fifth': construction000BeforeFifthJson,
  'construction-000-recheck-unfined': construction000RecheckUnfinedJson,
  'dealer-000-from-receipt': dealer000FromReceiptJson,
  'logistics-001b-manual-escalation': logistics001bManualEscalationJson,
  'new-customer-development-001-clocks-run-in-pause': newCustomerDevelopment001ClocksRunInPauseJson,
  'property-service-004-restore-from-request': propertyService004RestoreFromRequestJson,
  'property-service-004-notices-before-10th': propertyService004NoticesBefore10thJson,
  'property-service-004-desk-hours': propertyService004DeskHoursJson,
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

const loaded = new Map<SlaPresetName, SlaPolicy>();

/** The validated (and frozen) policy of a bundled preset, validated once on first use. */
function load(name: SlaPresetName): SlaPolicy {
  let p = loaded.get(name);
  if (!p) {
    p = deepFreeze(defineSlaPolicy(SLA_PRESET_JSON[name]));
    loaded.set(name, p);
  }
  return p;
}

/** A reading the company may choose differently: the option, its default, and the variant per other value. */
interface Reading {
  option: string;
  default: string | boolean;
  variants: Record<string, SlaPresetName>;
}

/**
 * The preset, or the named variant the options choose. One reading per call: a combination, or an
 * option that was a free value (now a field of the JSON), is refused with the file to edit instead.
 */
function choose(base: SlaPresetName, options: unknown, readings: readonly Reading[]): SlaPolicy {
  if (options === undefined) return load(base);
  expectObject(options, ['options']);
  let chosen: SlaPresetName = base;
  for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
    if (value === undefined) continue;
    const reading = readings.find((r) => r.option === key);
    // A misspelt option (`fifthInclusve`) is named as such, with the option meant.
    const near = reading
      ? undefined
      : nearestKey(
          key,
          readings.map((r) => r.option),
        );
    if (near !== undefined) {
      throw new ZhiduError(
        'unknown_key',
        ['options', key],
        `预设 ${base} 没有选项 "${key}"；是否应为 \`${near}\`？ / preset ${base} has no option "${key}"; did you mean \`${near}\`?`,
      );
    }
    if (!reading) {
      throw new ZhiduError(
        'invalid_input',
        ['options', key],
        `预设 ${base} 没有选项 "${key}"：该数值现为制度 JSON 的字段，请复制 packages/sla/presets/${base}.json 修改后用 defineSlaPolicy 加载（见 docs/presets.md） / preset ${base} has no option "${key}": the value is a field of the policy JSON now; copy packages/sla/presets/${base}.json, change it and load it with defineSlaPolicy (see docs/presets.md)`,
      );
    }
    if (value === reading.default) continue;
    const variant = typeof value === typeof reading.default ? reading.variants[String(value)] : undefined;
    if (!variant) {
      // A boolean option's values are shown as booleans, not as the strings "false" / "true".
      const allowed = [reading.default, ...Object.keys(reading.variants)].map((v) =>
        typeof reading.default === 'boolean' ? String(v) : JSON.stringify(String(v)),
      );
      throw new ZhiduError(
        'invalid_input',
        ['options', key],
        `选项 ${key} 须为 ${allowed.join(' / ')} 之一 / option ${key} is one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
      );
    }
    if (chosen !== base) {
      throw new ZhiduError(
        'invalid_input',
        ['options', key],
        `每次只能选择一种解读（已选 ${chosen}）：组合解读请复制 JSON 文件并修改 / one reading at a time (already chose ${chosen}): to combine readings, copy the JSON file and edit it`,
      );
    }
    chosen = variant;
  }
  return load(chosen);
}

/** Options of {@link conferenceMarketing001Preset}: each value other than the default names a variant file. */
export type ConferenceMarketing001Options = {
  /** How "三日之內" is counted: 72 hours from discovery (default) or to the end of the 2nd calendar day after it (`conference-marketing-001-calendar-days`). */
  resolutionClock?: '72h' | 'calendarDays';
};

/**
 * Conference-marketing (會議營銷) grievance rules (001 精選篇1, L68–74), from
 * `presets/conference-marketing-001.json`: grievance causes; 100 CNY to the employee for each
 * grievance found without a formal complaint, 100 CNY each to the department manager and the
 * employee for a complaint to the senior executive (姜總); and when a grievance is not resolved
 * within 3 days, 500 CNY each and the customer moves to another department.
 *
 * @param options - how the 3 days are counted (`calendarDays`: the variant file `conference-marketing-001-calendar-days.json`)
 * @returns the validated policy (frozen)
 * @throws ZhiduError `invalid_input` for an unknown option or value
 * @example
 * const log = [
 *   { type: 'grievanceFound', subject: 'g1', at: '2024-05-01T09:00:00+08:00',
 *     assignees: { employee: 'e1', deptManager: 'm1' } },
 *   { type: 'grievanceResolved', subject: 'g1', at: '2024-05-05T09:00:00+08:00' },
 * ];
 * const ctx = makeContext({ now: '2024-05-06T00:00:00+08:00', calendar: chinaCalendar() });
 * // the 100 CNY fine for a grievance found without a formal complaint
 * evaluateIncidents({ events: log }, conferenceMarketing001Preset(), ctx).value.violations.map((v) => v.personId); //=> ['e1']
 * // the 3-day deadline: 500 CNY each and the customer moves to another department
 * const [timer] = evaluateTimers({ events: log }, conferenceMarketing001Preset(), ctx).value.result;
 * timer?.status; //=> 'breached'
 * timer?.violations.map((v) => v.personId); //=> ['m1', 'e1']
 */
export function conferenceMarketing001Preset(options?: ConferenceMarketing001Options): SlaPolicy {
  return choose('conference-marketing-001', options, [
    {
      option: 'resolutionClock',
      default: '72h',
      variants: { calendarDays: 'conference-marketing-001-calendar-days' },
    },
  ]);
}

/** Options of {@link construction000Preset}: each value other than the default names a variant file. */
export type Construction000Options = {
  /** 000 L427 fines the EMC director for a PDC duty, as written (default); `pdcDirector` fines the owner (`construction-000-pdc-director`). */
  milestone23Role?: 'emcDirector' | 'pdcDirector';
  /** 000 L433/L437 "5日前": by the end of the 5th (default, inclusive) or before the 5th begins (`construction-000-before-fifth`). */
  fifthInclusive?: boolean;
  /** 000 L451: whether the 50 CNY/24 h of L459 also covers the 10-day re-check implementation (default true; false: `construction-000-recheck-unfined`). */
  recheckImplementationFined?: boolean;
};

/**
 * Construction and settlement milestones of 000 §8 (房地产客户管理制度 = engineering management,
 * 000 L349–595), from `presets/construction-000.json`: completion and handover standards, meetings,
 * drawing and design review, settlement and progress-payment limits, each with the fine the
 * regulation attaches. Subjects are projects, phases, works types or settlement packages; the events
 * are named after the facts (`mainStructureCompleted`, `completionStandardMet`…). Breaches emit
 * `sla.milestone.<id>` violations to the named directors. The monthly duties run for the subjects in
 * `params.recurring[*].subjects` (`project`, `department`): a company lists its own in its copy.
 *
 * @param options - a reading the company may choose differently (one variant file each)
 * @returns the validated policy (frozen)
 * @throws ZhiduError `invalid_input` for an unknown option or value, or two readings at once
 * @example
 * const ctx = makeContext({ now: '2024-06-01T00:00:00+08:00', calendar: chinaCalendar() });
 * const { value } = evaluateTimers({ events: [
 *   { type: 'mainStructureCompleted', subject: 'b1', at: '2024-01-10T12:00:00+08:00',
 *     assignees: { emcDirector: 'e1', pdcDirector: 'p1' } },
 *   { type: 'completionStandardMet', subject: 'b1', at: '2024-04-12T10:00:00+08:00' },
 * ] }, construction000Preset(), ctx);
 * const completion = value.result.find((t) => t.timerId === 'M01.completionStandard');
 * completion?.lateness?.units; //=> 3 (3 started 24 h blocks: 300 + 300 CNY with @zhidu/penalty)
 * completion?.violations.map((v) => v.personId); //=> ['e1', 'p1']
 */
export function construction000Preset(options?: Construction000Options): SlaPolicy {
  return choose('construction-000', options, [
    {
      option: 'milestone23Role',
      default: 'emcDirector',
      variants: { pdcDirector: 'construction-000-pdc-director' },
    },
    { option: 'fifthInclusive', default: true, variants: { false: 'construction-000-before-fifth' } },
    {
      option: 'recheckImplementationFined',
      default: true,
      variants: { false: 'construction-000-recheck-unfined' },
    },
  ]);
}

/** Options of {@link dealer000Preset}: each value other than the default names a variant file. */
export type Dealer000Options = {
  /** When the 1-working-day solution clock starts (S000B-COMPLAINT-04): assignment (default) or receipt (`dealer-000-from-receipt`). */
  solutionClockFrom?: 'assigned' | 'received';
};

/**
 * Complaint handling at a car dealer (000 L701–770; full copy at L1209–1303), from
 * `presets/dealer-000.json`: scope, intake record, triage by the CR manager, the general procedure
 * (solution within 1 working day, GM approval before the customer is told, satisfaction check,
 * summary) and the major procedure (immediate transmission to the responsible manager and GM,
 * emergency meeting, joint negotiation), role permissions and the responsibility principle. The
 * category → department table (S000-COMPLAINT-19, not given in the seed) is `params.routing`.
 *
 * @param options - when the solution clock starts
 * @returns the validated policy (frozen)
 * @throws ZhiduError `invalid_input` for an unknown option or value
 * @example
 * const general = dealer000Preset().params.workflows.find((w) => w.id === 'general')!;
 * const crManager = { personId: 'u-cr', role: 'crManager' };
 * const steps = [
 *   { action: 'record', at: '2024-03-05T09:00:00+08:00', actor: crManager,
 *     facts: { content: '保养后异响', complainant: '王先生' } },
 *   { action: 'triage', at: '2024-03-05T09:30:00+08:00', actor: crManager,
 *     facts: { category: 'repairQuality', groundsSufficient: true, demandReasonable: true,
 *       handlingDept: 'afterSales', handlerId: 'u-svc' } },
 * ];
 * const ctx = makeContext({ now: '2024-03-05T12:00:00+08:00' });
 * runWorkflow(steps, general, ctx).value.state; //=> 'triaged'
 * // the handling department's solution is due within 1 working day of the assignment
 * dealer000Preset().params.timers[0]?.id; //=> 'solution1wd'
 * dealer000Preset({ solutionClockFrom: 'received' }).params.timers[0]?.start[0]?.type; //=> 'received'
 */
export function dealer000Preset(options?: Dealer000Options): SlaPolicy {
  return choose('dealer-000', options, [
    { option: 'solutionClockFrom', default: 'assigned', variants: { received: 'dealer-000-from-receipt' } },
  ]);
}

/**
 * Complaint handling at a 4S dealer and its group (000 L117–135), from
 * `presets/dealer-group-000.json`: intake channels, OMS verification, the call-centre relay with SMS
 * to the CR manager, the 24-hour result report to group customer service, major-complaint triggers
 * with the 24-hour early warning to the brand division and legal, immediate notice to the department
 * head and GM, recusal of the receptionist complained about, liability for a missed manufacturer
 * warning and the compensation approval matrix (000 L135 权限核决表: the seed gives no figures, so the
 * `compensationApproval` routing table has none; a company adds its rows in its copy).
 *
 * @returns the validated policy (frozen)
 * @example
 * classifyComplaint({ returnOrExchangeRequested: true }, dealerGroup000Preset().params).value.groups.major; //=> ['returnOrExchange']
 */
export function dealerGroup000Preset(options?: Record<string, never>): SlaPolicy {
  return choose('dealer-group-000', options, []);
}

/**
 * Member rules of a commodity exchange (001 精選篇13, L1066–1322), from
 * `presets/exchange-membership-001b.json`: the trading-qualification gate, the annual inspection
 * window (1 July – 31 August), the 10-working-day change report (litigation of RMB 50,000 or more)
 * and the margin refund of the risk reserve.
 *
 * @returns the validated policy (frozen; `settings` hold the window and refund parameters)
 * @example
 * marginRefundSchedule({ peakMarginFen: 200_000_000, currentBalanceFen: 150_000_000, announcementDate: '2024-01-31' }, exchangeMembership001bPreset())
 *   .instalments.map((i) => i.amountFen); //=> [110_000_000, 16_000_000, 24_000_000]
 */
export function exchangeMembership001bPreset(): SlaPolicy {
  return load('exchange-membership-001b');
}

/**
 * GPS terminal after-sales service (000 L53–115), from `presets/gps-000.json`: every call, letter or
 * visit answered, valuable suggestions forwarded to the departments, and the customer told the
 * result before a case closes.
 *
 * @returns the validated policy (frozen)
 * @example
 * gps000Preset().params.workflows[0]?.id; //=> 'gpsFeedback'
 */
export function gps000Preset(): SlaPolicy {
  return load('gps-000');
}

/**
 * GPS-terminal after-sales service (001 精選篇11, L878–954), from `presets/gps-after-sales-001b.json`:
 * every call, letter and visit gets a prompt reply; service centres forward every customer opinion
 * to the company department and tell the customer the handling result.
 *
 * @returns the validated policy (frozen)
 * @example
 * const policy = gpsAfterSales001bPreset();
 * const at = { checklist: policy.params.checklists[0]!.id, subject: 'ticket-7', at: '2024-05-06T10:00:00+08:00' };
 * const ctx = { now: '2024-05-06T10:00:00+08:00' };
 * evaluateChecklist({ ...at, record: { reply: true, fromServiceCentre: true } }, policy, ctx).value.result.missing
 * //=> ['forwardToCompanyDept', 'customerNotifiedOfResult']
 * evaluateChecklist({ ...at, record: { reply: true } }, policy, ctx).value.result.missing; //=> [] (not via a service centre)
 */
export function gpsAfterSales001bPreset(): SlaPolicy {
  return load('gps-after-sales-001b');
}

/**
 * Complaint and feedback handling at a law firm (001 精選篇10, L822–876), from
 * `presets/law-firm-001b.json`: intake routing by channel, register-ledger-originals-forward before
 * handling, the decision chain (designated officer's written opinion → supervising partner → director
 * or another partner → partners' meeting for major matters), investigation before any decision or
 * promise, keeping the complainant informed, a signed opinion implemented by the designated officer,
 * written replies by default, and the satisfaction survey of both sides. "應及時與投訴人…聯系"
 * (001 L852) is not quantified, so the preset has no timer for it; a company times it by adding one
 * to its copy (see docs/presets.md).
 *
 * @returns the validated policy (frozen)
 * @example
 * classifyComplaint({ channel: 'PHONE' }, lawFirm001bPreset().params).value.attributes; //=> { receiver: 'frontDesk', acceptor: 'designatedOfficer', … }
 */
export function lawFirm001bPreset(options?: Record<string, never>): SlaPolicy {
  return choose('law-firm-001b', options, []);
}

/** Options of {@link logistics001bPreset}: each value other than the default names a variant file. */
export type Logistics001bOptions = {
  /** Tell the direct leader when no plan exists at 30 minutes (default true; false: `logistics-001b-manual-escalation`). */
  autoEscalateAtPlanDeadline?: boolean;
};

/**
 * Complaint-handling rules of a logistics company (001 精選篇12, L956–1064), from
 * `presets/logistics-001b.json`: the full taxonomy (service/business with subtypes, phone/chat
 * channel, the six invalidity grounds, vicious/general severity, general-invalid/malicious motive),
 * the one-month limit on service-attitude complaints (`settings.attitudeLimitMonths`), intake fields
 * and register, investigation rules, the 30-minute handling plan with escalation to the direct
 * leader, and the monthly analysis report.
 *
 * @param options - whether the direct leader is told automatically at the plan deadline
 * @returns the validated policy (frozen)
 * @throws ZhiduError `invalid_input` for an unknown option or value
 * @example
 * evaluateTimers({ events: [{ type: 'received', subject: 'c7', at: '2024-05-10T09:45:00+08:00' }] }, logistics001bPreset(),
 *   { now: '2024-05-10T10:05:00+08:00', calendar: chinaCalendar() }).value.result[0]?.remainingMs; //=> 600000 (10 minutes)
 */
export function logistics001bPreset(options?: Logistics001bOptions): SlaPolicy {
  return choose('logistics-001b', options, [
    {
      option: 'autoEscalateAtPlanDeadline',
      default: true,
      variants: { false: 'logistics-001b-manual-escalation' },
    },
  ]);
}

/** Options of {@link newCustomerDevelopment001Preset}: each value other than the default names a variant file. */
export type NewCustomerDevelopment001Options = {
  /** Whether checkpoint clocks stop while a project is paused (001 L382: not stated; default true; false: `new-customer-development-001-clocks-run-in-pause`). */
  pauseStopsClocks?: boolean;
};

/**
 * New-customer development projects (001 精選篇4, L338–412), from
 * `presets/new-customer-development-001.json`: the bar for opening a project (≥ 3,000,000 cast balls
 * or ≥ 1,000,000 equipment a year, not already a customer), the approval chain, checkpoints at 3, 6
 * and 12 months, termination with cost reconciliation, pausing and resuming. The hand-over and
 * development-standard thresholds ("連續三個月累計供應:", "月度批量供應:") are blank in the source, so
 * the preset has no routing for them; a company adds them to its copy (see docs/presets.md).
 *
 * @param options - whether pauses stop the checkpoint clocks
 * @returns the validated policy (frozen)
 * @throws ZhiduError `invalid_input` for an unknown option or value
 * @example
 * classifyComplaint({ inDirectory: false, castBallYuan: 3_000_000 }, newCustomerDevelopment001Preset().params).value.attributes.qualifies; //=> true
 */
export function newCustomerDevelopment001Preset(options?: NewCustomerDevelopment001Options): SlaPolicy {
  return choose('new-customer-development-001', options, [
    {
      option: 'pauseStopsClocks',
      default: true,
      variants: { false: 'new-customer-development-001-clocks-run-in-pause' },
    },
  ]);
}

/**
 * Complaint and warranty-repair handling of seed 002 (客户服务部, 002 L1–344), from
 * `presets/property-repair-002.json`: the generic flow (respond, verify, classify, assign, track,
 * feed back, review), central intake and registration, routing of responsibility by cause and phase,
 * department feedback within 3 working days, weekly office reports, the joint site survey within 1
 * working day, repairs in 3 / 7 working days by trade count with customer-agreed extensions, the soft
 * one-week target for other complaints, escalation of large claims and major complaints, early
 * warnings, and completion sign-off. The contractor exemption amount of §3.4.5 ("(元以下工程,施工单位
 * 无须到场)") is blank in the source: the preset always requires the contractor; a company adds the
 * amount in its copy (see docs/presets.md).
 *
 * @returns the validated policy (frozen)
 * @example
 * const ctx = makeContext({ now: '2024-03-20T00:00:00+08:00', calendar: chinaCalendar() });
 * const { value } = evaluateTimers({ events: [
 *   { type: 'accepted', subject: 'r1', at: '2024-03-01T15:00:00+08:00', attributes: { kind: 'repair' } },
 *   { type: 'siteSurveyHeld', subject: 'r1', at: '2024-03-04T10:00:00+08:00', attributes: { tradeCount: 3 } },
 *   { type: 'repairCompleted', subject: 'r1', at: '2024-03-12T17:00:00+08:00' },
 * ] }, propertyRepair002Preset(), ctx);
 * const repair = value.result.find((t) => t.timerId === 'repairCompletion');
 * repair?.dueAt; //=> '2024-03-13T15:59:59.999Z' (3 trades: 7 working days, to Wed 13 March 24:00)
 * repair?.status; //=> 'met'
 * value.result.find((t) => t.timerId === 'siteSurvey1wd')?.status; //=> 'met' (surveyed the next working day)
 */
export function propertyRepair002Preset(options?: Record<string, never>): SlaPolicy {
  return choose('property-repair-002', options, []);
}

/** Options of {@link propertyService004Preset}: each value other than the default names a variant file. */
export type PropertyService004Options = {
  /** 004 T3-04: measure "restore traffic within 10 minutes" from arrival (C6, default) or from the report (`property-service-004-restore-from-request`). */
  carParkRestoreFrom?: 'arrival' | 'request';
  /** 004 L46 "每月10日前": inclusive of the 10th (default) or strictly before it (`property-service-004-notices-before-10th`). */
  paymentNoticesInclusive?: boolean;
  /**
   * S004-SLA-00: whether the minute clocks of the front-desk tables (T1, T2) run only while the desk
   * is open (business minutes on the calendar) instead of around the clock (default false; true:
   * `property-service-004-desk-hours`).
   */
  frontDeskBusinessHoursOnly?: boolean;
};

/**
 * Property-service commitments of seed 004 (物业公司服务时间承诺, 004 L1–126), from
 * `presets/property-service-004.json`: all six service-time tables (83 rows) as timers on one engine,
 * the three repair grades, planned-outage notices, the monthly payment-notice duty, the
 * single-intake / respond-resolve-answer closure and the frequency commitments (`quotas`). Each
 * request is a subject whose `row` attribute names its table row (`T5-03`…); phases are events named
 * after the phase (`arrive`, `complete`…), anchors after the anchor (`request`, `accept`…).
 *
 * @param options - the company's reading of an ambiguous cell (one variant file each)
 * @returns the validated policy (frozen)
 * @throws ZhiduError `invalid_input` for an unknown option or value, or two readings at once
 * @example
 * const policy = propertyService004Preset();
 * evaluateTimers({ events: [
 *   { type: 'request', subject: 'r1', at: '2024-03-04T10:00:00+08:00', attributes: { row: 'T5-03' } },
 *   { type: 'arrive', subject: 'r1', at: '2024-03-04T10:25:00+08:00' },
 * ] }, policy, { now: '2024-03-04T10:30:00+08:00', calendar: chinaCalendar() }).value.result; // T5-03.arrive met, T5-03.complete running
 */
export function propertyService004Preset(options?: PropertyService004Options): SlaPolicy {
  return choose('property-service-004', options, [
    {
      option: 'carParkRestoreFrom',
      default: 'arrival',
      variants: { request: 'property-service-004-restore-from-request' },
    },
    {
      option: 'paymentNoticesInclusive',
      default: true,
      variants: { false: 'property-service-004-notices-before-10th' },
    },
    {
      option: 'frontDeskBusinessHoursOnly',
      default: false,
      variants: { true: 'property-service-004-desk-hours' },
    },
  ]);
}

/**
 * Retail/franchise complaint procedure (000 L597–629), from `presets/retail-000.json`: validation and
 * acceptance by the supervisor, admin-HR designating the handling department, the eight-step approval
 * chain, operations customer service owning the case with admin-HR supervising, closing within 7 days
 * and the monthly statistics by the 10th.
 *
 * @returns the validated policy (frozen)
 * @example
 * retail000Preset().params.timers[0]?.id; //=> 'close7d'
 */
export function retail000Preset(): SlaPolicy {
  return load('retail-000');
}

/**
 * Real-estate sales office (001 精選篇2, L76–240), from `presets/sales-office-001.json`: a buyer's
 * payment default — a reminder notice at once, and breach-of-contract handling once the default
 * lasts more than 2 months.
 *
 * @returns the validated policy (frozen)
 * @example
 * salesOffice001Preset().params.timers[0]?.id; //=> 'paymentDefault'
 */
export function salesOffice001Preset(): SlaPolicy {
  return load('sales-office-001');
}

/**
 * Real-estate sales-site customer maintenance (000 L773–1013), from `presets/sales-site-000b.json`:
 * the complaint and suggestion system must keep its channels open — phone, writing, face to face
 * "等" (an open list, nothing refused).
 *
 * @returns the validated policy (frozen)
 * @example
 * classifyComplaint({ channel: 'wechat' }, salesSite000bPreset().params).value.attributes; //=> { accepted: true, channelKind: 'other' }
 */
export function salesSite000bPreset(): SlaPolicy {
  return load('sales-site-000b');
}

/**
 * Property-management revisit regulation (000 L1015–1053), from `presets/property-revisit-000b.json`:
 * a repeated complaint about the same issue to different departments is recorded once, and the
 * handling rate of raised issues must be 100 %.
 *
 * @returns the validated policy (frozen; the 100 % target is `settings.handlingRateTarget`)
 * @example
 * const target = Number(propertyRevisit000bPreset().params.settings.handlingRateTarget); // 1 (100 %)
 * const issues = [{ handled: true }, { handled: true }, { handled: false }];
 * handlingRate(issues, target).value.compliant; //=> false (2 of the 3 issues raised were handled)
 */
export function propertyRevisit000bPreset(): SlaPolicy {
  return load('property-revisit-000b');
}

/**
 * Property customer-service communication (000 L1309–1327), from
 * `presets/property-communication-000b.json`: the customer-service department alone receives
 * complaints and repair requests, and a complaint closes only when it was responded to, resolved and
 * answered back (有求必应,有应必解,有解必答).
 *
 * @returns the validated policy (frozen)
 * @example
 * propertyCommunication000bPreset().params.workflows[0]?.id; //=> 'propertyComplaint'
 */
export function propertyCommunication000bPreset(): SlaPolicy {
  return load('property-communication-000b');
}

/**
 * Shaanxi Zhonghui Investment leasing customer information (000 L1109–1143), from
 * `presets/leasing-000b.json`: the day's registration form is due before the end of work (18:00, not
 * stated in the source), or by 10:00 the next day in special circumstances. The regulation takes
 * effect on 1 July of a year the source masks (本规范自20xx年7月1日起执行), so the file's
 * `effectiveFrom` is the placeholder 2000-01-01: a company sets its own date in its copy.
 *
 * @returns the validated policy (frozen)
 * @example
 * leasing000bPreset().effectiveFrom; //=> '1999-12-31T16:00:00.000Z' (the placeholder 2000-01-01 in Asia/Shanghai)
 * defineSlaPolicy({ ...SLA_PRESET_JSON['leasing-000b'], effectiveFrom: '2013-07-01' }).effectiveFrom; //=> '2013-06-30T16:00:00.000Z'
 */
export function leasing000bPreset(options?: Record<string, never>): SlaPolicy {
  return choose('leasing-000b', options, []);
}

/**
 * Joint-venture engineering partners (000 L1409–1445), from `presets/joint-venture-000b.json`: a
 * partner must be admitted before any negotiation on project cooperation starts.
 *
 * @returns the validated policy (frozen)
 * @example
 * jointVenturePartners000bPreset().params.timers[0]?.id; //=> 'admissionBeforeNegotiation'
 */
export function jointVenturePartners000bPreset(): SlaPolicy {
  return load('joint-venture-000b');
}

/**
 * Corporate customers, Market Promotion Department (000 L1447–1501, in force from 2013-07-01), from
 * `presets/corporate-000b.json`: a new customer is filed within 5 working days of first contact, and
 * changes are reported within 5 working days. Working days are the PRC statutory calendar.
 *
 * @returns the validated policy (frozen)
 * @example
 * corporate000bPreset().effectiveFrom; //=> '2013-06-30T16:00:00.000Z'
 */
export function corporate000bPreset(): SlaPolicy {
  return load('corporate-000b');
}

/**
 * Service supervision for IT/project services (001 精選篇6, L456–540), from
 * `presets/service-supervision-001.json`: technical service takes all complaints, the monthly
 * service-supervision report at month end, first-inquiry responsibility (首問制), log-and-forward of
 * every customer call, resolve-first-file-after, the hotline → remote → on-site service tiers and the
 * major-fault chain with its analysis report. The per-site on-site dispatch limits (001 L536
 * "不一樣時間") are not in the source, so the preset has no timer for them; a company adds one to its
 * copy (see docs/presets.md).
 *
 * @returns the validated policy (frozen)
 * @example
 * classifyComplaint({ inRemit: true, oneStepResolvable: true }, serviceSupervision001Preset().params).value.attributes.action; //=> 'resolveNow'
 */
export function serviceSupervision001Preset(options?: Record<string, never>): SlaPolicy {
  return choose('service-supervision-001', options, []);
}

/**
 * Prosthetics maker's customer rules (001 精選篇7, L542–662), from `presets/prosthetics-001.json`:
 * each sales department must define its own complaint procedure with types, scope, responsible
 * department or person and handling time.
 *
 * @returns the validated policy (frozen)
 * @example
 * validateIntake({ types: ['quality'] }, prosthetics001Preset().params.intake).value.ok; //=> false
 */
export function prosthetics001Preset(): SlaPolicy {
  return load('prosthetics-001');
}

/**
 * Every bundled preset by name (the file `packages/sla/presets/<name>.json`), as a function returning
 * the validated policy: one per source regulation, then the named variants. Scenario files, the
 * registry and the CLI refer to presets by these names.
 *
 * @example
 * SLA_PRESETS['dealer-000-from-receipt']().params.timers[0]?.start[0]?.type; //=> 'received'
 */
export const SLA_PRESETS = Object.fromEntries(SLA_PRESET_NAMES.map((name) => [name, () => load(name)])) as {
  readonly [K in SlaPresetName]: () => SlaPolicy;
};
