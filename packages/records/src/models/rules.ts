import {
  type Decision,
  nearestKey,
  ownValue,
  parseInput,
  recordOf,
  setOwn,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { SEED } from './build.js';
import { contactChannelsAndTypes } from './catalog-002.js';
import { archiveClassificationAxes } from './catalog-003.js';
import { checkTaxonomyValue, groupsOf, type TaxonomyInput, TaxonomySchema } from './taxonomy.js';

/** What {@link isIntentCustomer} needs: contact channels and the declared intention. */
export const IntentCustomerInputSchema = z.strictObject({
  /** Any contact channels (phone, WeChat, email…); one non-empty value is enough. */
  contact: recordOf(z.string(), z.string().optional()),
  intent: z.enum(['purchase', 'lease', 'none']),
});
/** Input of {@link isIntentCustomer}. */
export type IntentCustomerInput = z.infer<typeof IntentCustomerInputSchema>;

/**
 * Whether a registered customer is an intent customer (意向客户指的是有联系方式及购买/租赁意向的客户,
 * S000B-CORE-02, 000 L1117): a contact channel and an intention to buy or lease.
 *
 * @param input - contact channels and intent
 * @returns true only when both hold, with a trace
 * @example
 * isIntentCustomer({ contact: { phone: '13800000000' }, intent: 'lease' }).value; //=> true
 * isIntentCustomer({ contact: {}, intent: 'purchase' }).value;                   //=> false
 */
export function isIntentCustomer(input: IntentCustomerInput): Decision<boolean> {
  const c = parseInput(IntentCustomerInputSchema, input, ['input']);
  const channels = Object.entries(c.contact)
    .filter(([, v]) => v !== undefined && v.trim() !== '')
    .map(([k]) => k);
  const hasContact = channels.length > 0;
  const hasIntent = c.intent !== 'none';
  const clause = `${SEED.s000} L1117`;
  return new Trace()
    .add(
      'S000B-CORE-02',
      clause,
      hasContact ? `有联系方式(${channels.join('、')})` : '无联系方式',
      hasContact ? `has contact (${channels.join(', ')})` : 'no contact information',
    )
    .add(
      'S000B-CORE-02',
      clause,
      hasIntent ? `有${c.intent === 'purchase' ? '购买' : '租赁'}意向` : '无购买/租赁意向',
      hasIntent ? `intends to ${c.intent}` : 'no intention to buy or lease',
    )
    .decide(hasContact && hasIntent);
}

/** One admission form of a partner set (1 main form + 3 attached forms). */
export const PartnerFormSetSchema = z.strictObject({
  partnerId: z.string().min(1),
  main: z.strictObject({ complete: z.boolean() }).nullable(),
  attachments: z.array(z.strictObject({ complete: z.boolean() })),
});
/** A partner's admission form set. */
export type PartnerFormSet = z.infer<typeof PartnerFormSetSchema>;

/** Why a partner's admission form set is not in order. */
export type PartnerFormIssue =
  | 'MAIN_FORM_MISSING'
  | 'ATTACHMENTS_NOT_THREE'
  | 'FORM_INCOMPLETE'
  | 'MORE_THAN_ONE_SET';

/**
 * Checks partner admission form sets (每位合作伙伴一套表格(1主表3附表), S000B-CORE-08, 000 L1419): each
 * partner has exactly one set, made of a complete main form and three complete attached forms.
 *
 * @param sets - every form set on file
 * @returns per partner: complete or the reasons it is not, with a trace
 * @example
 * checkPartnerFormSets([{ partnerId: 'P1', main: { complete: true }, attachments: [{ complete: true }, { complete: true }] }])
 *   .value.P1; //=> { complete: false, reasons: ['ATTACHMENTS_NOT_THREE'] }
 */
export function checkPartnerFormSets(sets: readonly PartnerFormSet[]): Decision<
  Record<
    string,
    {
      complete: boolean;
      reasons: PartnerFormIssue[];
    }
  >
> {
  const list = parseInput(z.array(PartnerFormSetSchema), sets, ['sets']);
  const clause = `${SEED.s000} L1419`;
  const trace = new Trace();
  const out: Record<
    string,
    {
      complete: boolean;
      reasons: PartnerFormIssue[];
    }
  > = {};
  for (const s of list) {
    // Own keys only: a partner id `constructor` or `__proto__` is a partner like any other.
    const entry = ownValue(out, s.partnerId);
    if (entry) {
      if (!entry.reasons.includes('MORE_THAN_ONE_SET')) entry.reasons.push('MORE_THAN_ONE_SET');
      entry.complete = false;
      continue;
    }
    const reasons: PartnerFormIssue[] = [];
    if (!s.main) reasons.push('MAIN_FORM_MISSING');
    if (s.attachments.length !== 3) reasons.push('ATTACHMENTS_NOT_THREE');
    if ((s.main && !s.main.complete) || s.attachments.some((a) => !a.complete))
      reasons.push('FORM_INCOMPLETE');
    setOwn(out, s.partnerId, { complete: reasons.length === 0, reasons });
  }
  for (const [partnerId, r] of Object.entries(out)) {
    trace.add(
      'S000B-CORE-08',
      clause,
      r.complete
        ? `合作伙伴 ${partnerId} 的表格(1主表3附表)齐全`
        : `合作伙伴 ${partnerId} 的表格不齐全:${r.reasons.join('、')}`,
      r.complete
        ? `partner ${partnerId} has its one complete set (1 main + 3 attached)`
        : `partner ${partnerId}: ${r.reasons.join(', ')}`,
      { partnerId, reasons: r.reasons },
    );
  }
  return trace.decide(out);
}

/** What a customer has done, for {@link eligibleServiceTypes}. */
export const ServiceEligibilityInputSchema = z.strictObject({
  attendedOutreach: z.boolean(),
  attendingClubEvent: z.boolean(),
  purchased: z.boolean(),
});
/** Input of {@link eligibleServiceTypes}. */
export type ServiceEligibilityInput = z.infer<typeof ServiceEligibilityInputSchema>;

/**
 * The service types a customer is owed (顧客服務分類, S001-CORE-01, 001 L50–L58): pre-sale after an
 * outreach (科普) event, in-sale at a club event (聯誼會), after-sale after a purchase, routine for all.
 *
 * @param input - what the customer attended or bought
 * @returns service types in the seed's order, with a trace
 * @example
 * eligibleServiceTypes({ attendedOutreach: true, attendingClubEvent: false, purchased: false }).value
 * //=> ['preSale', 'routine']
 */
export function eligibleServiceTypes(
  input: ServiceEligibilityInput,
): Decision<('preSale' | 'inSale' | 'afterSale' | 'routine')[]> {
  const c = parseInput(ServiceEligibilityInputSchema, input, ['input']);
  const types: ('preSale' | 'inSale' | 'afterSale' | 'routine')[] = [];
  if (c.attendedOutreach) types.push('preSale');
  if (c.attendingClubEvent) types.push('inSale');
  if (c.purchased) types.push('afterSale');
  types.push('routine');
  return new Trace()
    .add(
      'S001-CORE-01',
      `${SEED.s001} L50-L58`,
      `应提供:${types.join('、')}`,
      `services owed: ${types.join(', ')}`,
      c,
    )
    .decide(types);
}

/** A party to whom new exchange business may be offered. */
export const OfferPartySchema = z.strictObject({
  id: z.string().min(1),
  member: z.boolean(),
  active: z.boolean().default(true),
});
/** A party to whom new business may be offered. */
export type OfferParty = z.input<typeof OfferPartySchema>;

/**
 * Orders parties for a new-business offer: active members first (對交易所的新業務享有優先參與權,
 * S001B-MEMBER-11, 001 L1184), otherwise keeping the given order. A suspended member (`active: false`)
 * is not prioritised — a reading, as the seed does not define priority operationally.
 *
 * @param parties - candidates in their usual order
 * @returns ids, active members first, with a trace
 * @example
 * orderForNewBusinessOffer([{ id: 'X', member: false }, { id: 'M1', member: true }]).value; //=> ['M1', 'X']
 */
export function orderForNewBusinessOffer(parties: readonly OfferParty[]): Decision<string[]> {
  const list = parseInput(z.array(OfferPartySchema), parties, ['parties']);
  const first = list.filter((p) => p.member && p.active).map((p) => p.id);
  const rest = list.filter((p) => !(p.member && p.active)).map((p) => p.id);
  return new Trace()
    .add(
      'S001B-MEMBER-11',
      `${SEED.s001} L1184`,
      `会员优先参与新业务:${first.join('、') || '无'}`,
      `members take part in new business first: ${first.join(', ') || 'none'}`,
    )
    .decide([...first, ...rest]);
}

/** The facts that decide a dispatch work order's type. */
export const WorkOrderTypeInputSchema = z.strictObject({
  withinWarranty: z.boolean(),
  companyBears: z.boolean().default(false),
});
/** Input of {@link workOrderType}. */
export type WorkOrderTypeInput = z.input<typeof WorkOrderTypeInputSchema>;

/**
 * The type of a dispatch work order (《工程派工单》分A、B两类, S002-REPAIR-02, 002 L338): A within the
 * warranty, B outside it when the company bears the repair; otherwise no A/B order (customer-paid
 * service, not covered by the seed) → null.
 *
 * @param input - warranty status and whether the company bears the cost
 * @returns 'A', 'B' or null, with a trace
 * @example
 * workOrderType({ withinWarranty: false, companyBears: true }).value; //=> 'B'
 */
export function workOrderType(input: WorkOrderTypeInput): Decision<'A' | 'B' | null> {
  const c = parseInput(WorkOrderTypeInputSchema, input, ['input']);
  const type = c.withinWarranty ? 'A' : c.companyBears ? 'B' : null;
  const clause = `${SEED.s002} L338`;
  const trace = new Trace();
  if (type === 'A') trace.add('S002-REPAIR-02', clause, '保修期内:A类保修任务', 'within warranty: type A');
  else if (type === 'B')
    trace.add('S002-REPAIR-02', clause, '保修期外由公司承担:B类', 'post-warranty, company-borne: type B');
  else
    trace.add(
      'S002-REPAIR-02',
      clause,
      '保修期外且不由公司承担:非A/B类派工',
      'post-warranty, not company-borne: no A/B order',
    );
  return trace.decide(type);
}

/** Tags on a customer file (S003-ARCHIVE-07). */
export const ArchiveTagsSchema = z.strictObject({
  customerType: z.string().min(1).optional(),
  purchaseStage: z.string().min(1).optional(),
});
/** Tags on a customer file. */
export type ArchiveTags = z.infer<typeof ArchiveTagsSchema>;

/** Parameters of {@link classifyArchive}. */
export interface ClassifyArchiveOptions {
  /** The company's axes (e.g. extended with `extendTaxonomy`); defaults to the seed's. */
  axes?: TaxonomyInput;
  /** Whether a closed (成交) customer stays closed; the seed gives no stage order (default true). */
  closedIsTerminal?: boolean;
}

const ARCHIVE_AXES = ['customerType', 'purchaseStage'] as const;

const ClassifyArchiveOptionsSchema = z.strictObject({
  axes: TaxonomySchema.optional(),
  closedIsTerminal: z.boolean().optional(),
});

/**
 * Re-tags a customer file on the two axes of S003-ARCHIVE-07 (客戶類型 × 購房階段, 003 L9 §三.2): each tag
 * must be a value of its axis, and — by default — a closed customer is not moved back to an earlier stage.
 *
 * @param current - tags the file has now
 * @param next - tags to set
 * @param options - {@link ClassifyArchiveOptions}
 * @returns `{ ok, reason? }` with a trace
 * @throws ZhiduError `invalid_input` for tags or options that are malformed (`closedIsTerminal` not a
 *   boolean, axes without a `customerType` or `purchaseStage` group); `unknown_key` for another option
 * @example
 * classifyArchive({}, { customerType: 'speculator' }).value; //=> { ok: false, reason: 'INVALID_TAG' }
 */
export function classifyArchive(
  current: ArchiveTags,
  next: ArchiveTags,
  options: ClassifyArchiveOptions = {},
): Decision<{ ok: boolean; reason?: 'INVALID_TAG' | 'CLOSED_IS_TERMINAL' }> {
  const cur = parseInput(ArchiveTagsSchema, current, ['current']);
  const nxt = parseInput(ArchiveTagsSchema, next, ['next']);
  // A misspelt `closedIsTerminals` kept the default, and `closedIsTerminal: 'no'` counted as true.
  const o = parseInput(ClassifyArchiveOptionsSchema, options, ['options']);
  const axes = o.axes ?? archiveClassificationAxes;
  if (o.axes !== undefined) {
    // A company's axes must keep both groups, or every tag on the missing one would read as invalid.
    const groups = groupsOf(o.axes);
    for (const group of ARCHIVE_AXES) {
      if (groups.includes(group)) continue;
      const near = nearestKey(group, groups);
      const known = groups.join(', ') || '—';
      throw new ZhiduError(
        'invalid_input',
        ['options', 'axes'],
        `分类轴 ${o.axes.id} 没有 ${group} 组${near ? `（${near} 是否拼写有误？）` : ''}；已有：${known} / axes ${o.axes.id} have no ${group} group${near ? ` (is ${near} a misspelling?)` : ''}; known: ${known}`,
      );
    }
  }
  const trace = new Trace();
  for (const group of ARCHIVE_AXES) {
    const v = nxt[group];
    if (v === undefined) continue;
    const d = checkTaxonomyValue(axes, v, { group });
    trace.append(d.trace);
    if (!d.value) return trace.decide({ ok: false, reason: 'INVALID_TAG' });
  }
  if (
    (o.closedIsTerminal ?? true) &&
    cur.purchaseStage === 'closed' &&
    nxt.purchaseStage !== undefined &&
    nxt.purchaseStage !== 'closed'
  ) {
    trace.add(
      'S003-ARCHIVE-07',
      `${SEED.s003} L9 §三.2`,
      '成交客户不再退回前序阶段',
      'a closed customer is not moved back',
      {
        to: nxt.purchaseStage,
      },
    );
    return trace.decide({ ok: false, reason: 'CLOSED_IS_TERMINAL' });
  }
  return trace.decide({ ok: true });
}

/** One classified contact record (S002-CPL-01). */
export const ContactRecordSchema = z.strictObject({ channel: z.string().min(1), type: z.string().min(1) });
/** One classified contact record. */
export type ContactRecord = z.infer<typeof ContactRecordSchema>;
const CONTACT_AXIS = z.enum(['channel', 'type']);

/**
 * Counts contact records by channel or by type (对客户来电记录进行分类、统计、存档, S002-CPL-01, 002 L28).
 * Every record must carry a channel and a type of the taxonomy — an unclassified record is refused,
 * since the duty is to classify every call.
 *
 * @param records - contact records
 * @param by - the axis to count on
 * @param taxonomy - the company's channels and types (defaults to the seed's; extend it for fax etc.)
 * @returns counts per value, in taxonomy order, with a trace
 * @throws ZhiduError `unknown_reference` for a channel or type outside the taxonomy; `invalid_input`
 *   for a record without both, or `by` other than `'channel'` or `'type'`
 * @example
 * countContacts([{ channel: 'letter', type: 'complaint' }, { channel: 'visit', type: 'complaint' }], 'type').value
 * //=> { complaint: 2 }
 */
export function countContacts(
  records: readonly ContactRecord[],
  by: 'channel' | 'type',
  taxonomy: TaxonomyInput = contactChannelsAndTypes,
): Decision<Record<string, number>> {
  const list = parseInput(z.array(ContactRecordSchema), records, ['records']);
  // The axis: another value would count nothing and answer `{}`.
  parseInput(CONTACT_AXIS, by, ['by']);
  const t = parseInput(TaxonomySchema, taxonomy, ['taxonomy']);
  const allowed = (g: string) => new Set(t.values.filter((v) => v.group === g).map((v) => v.value));
  const axes = { channel: allowed('channel'), type: allowed('type') };
  list.forEach((r, i) => {
    for (const g of ['channel', 'type'] as const) {
      if (!axes[g].has(r[g])) {
        throw new ZhiduError(
          'unknown_reference',
          ['records', i, g],
          `${g} ${JSON.stringify(r[g])} 不在 ${t.id} 中 / ${g} ${JSON.stringify(r[g])} is not in ${t.id}`,
        );
      }
    }
  });
  const counts: Record<string, number> = {};
  for (const v of t.values.filter((x) => x.group === by)) {
    const n = list.filter((r) => r[by] === v.value).length;
    if (n > 0) setOwn(counts, v.value, n);
  }
  return new Trace()
    .add(
      t.id,
      `${t.source.seed} ${t.source.lines}`,
      `按${by === 'channel' ? '渠道' : '类型'}统计 ${list.length} 条记录`,
      `${list.length} records counted by ${by}`,
      counts,
    )
    .decide(counts);
}
