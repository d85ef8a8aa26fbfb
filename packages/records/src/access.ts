import {
  calendarBasisTrace,
  compareInstants,
  type Deadline,
  type Decision,
  deadline,
  formatInstant,
  type Instant,
  type InstantInput,
  isLate,
  type Lang,
  lateness,
  localDateOf,
  nearestKey,
  parseInput,
  Trace,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import {
  type AccessRequest,
  type AccessRequestInput,
  AccessRequestSchema,
  type AccessRule,
  type ActionDef,
  type Approval,
  type Audience,
  type Requirement,
} from './access-schema.js';
import {
  findFileType,
  type RecordsContext,
  type ResolvedContext,
  resolveContext,
  underPath,
  type Violation,
} from './context.js';
import { missingZh } from './labels.js';
import { asRecordsPolicy, knownActions, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import type { FileType } from './schemas.js';

/** The module that emits the violations of {@link auditAccessLog}: accesses re-judged after the fact. */
const ACCESS_LOG = 'records.access-log';

/** How one access rule judged the request. */
export type RuleVerdict = {
  rule: string;
  clause: string;
  satisfied: boolean;
  via: 'exemptRole' | 'requirements' | 'deny';
  /** Requirements not met, as stable keys: `approval:generalManager`, `nda`, `customerAuthorization` … */
  missing: string[];
};

/** The value of an access decision. */
export type AccessDecision = {
  allowed: boolean;
  audience: Exclude<Audience, 'any'>;
  verdicts: RuleVerdict[];
  /** Every requirement that was not met, across the rules that apply. */
  missing: string[];
  /** Approver roles the applicable rules ask for (who has to sign before the reader may proceed). */
  requiredApprovers: string[];
  /** Sensitive fields (phone, ID card …) this reader may see unmasked. */
  unmaskedFields: string[];
  /**
   * The reader has full authority over the file: the access is allowed, stays inside the company and the
   * reader holds one of the policy's `unmaskRoles` (the file administrator …). Only such a reader gets
   * every stored field, undeclared ones included, with every number in clear.
   */
  fullAuthority: boolean;
  /**
   * By when a file taken out must be back (the action's `returnWithin` from the access), or `null` when
   * the action sets no return deadline.
   */
  returnBy: Deadline | null;
};

/** Rule id used in the trace when no access rule covers a request and the policy default decides. */
export const DEFAULT_ACCESS_RULE = 'records.access.default';

/**
 * Decides whether a reader may view, copy, lend, disclose or share a customer file (档案查阅、借阅、外传),
 * as the regulations state it: every access rule that covers the file type, the action and the
 * audience (own department, other department, external) must be satisfied — by a standing role
 * (the GM, the custodian) or by all its requirements (approvals by the right role, customer
 * authorisation, an NDA signed before the access, a legal basis, a stated purpose …). Approvals by
 * the reader themself never count. When no rule covers the request, the policy's `defaultAccess`
 * (deny) applies. Every rule considered is logged in the trace.
 *
 * @param request - who wants to do what with which file, with which approvals and authorisations
 * @param policyInput - a records policy with access rules
 * @param ctx - `{ now }`; the access instant when the request does not give `at`
 * @returns whether the access is allowed, why (per rule), what is missing, and which fields are unmasked
 * @throws ZhiduError `invalid_input` for a malformed request, `unknown_reference` for an unknown file type
 * @example
 * const d = accessDecision({
 *   actor: { id: 'u1', roles: ['salesperson'], departmentId: 'D1' },
 *   action: 'view',
 *   file: { id: 'C-9', fileTypeId: 'corporateCustomerArchive', ownerDepartmentId: 'D2' },
 *   approvals: [{ approverId: 'gm', role: 'generalManager', at: '2024-03-05T01:00:00Z' }],
 * }, corporateArchivePreset, { now: '2024-03-05T02:00:00Z' });
 * d.value.allowed; //=> true (another department's archive, with the GM's approval)
 */
export function accessDecision(
  request: AccessRequestInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<AccessDecision> {
  const policy = asRecordsPolicy(policyInput);
  const req = parseInput(AccessRequestSchema, request);
  return decideParsed(req, policy, resolveContext(ctx, policy));
}

/**
 * `decideAccess` on a request already parsed, so that {@link auditAccessLog} and `readFile` parse
 * each request once. A return deadline beyond the calendar's data is traced first as
 * `zhidu.calendar.provisional` (`seen`: the basis entries already in the decision, so that a log
 * names each year once). Internal to the package.
 */
export function decideParsed(
  req: AccessRequest,
  policy: RecordsPolicy,
  time: ResolvedContext,
  seen: Set<string> = new Set(),
): Decision<AccessDecision> {
  const { fileType, actionDef } = checkReferences(req, policy);
  const at = req.at ?? time.now;
  const audience = audienceOf(req);
  const trace = new Trace();
  const returnBy =
    actionDef?.returnWithin == null
      ? null
      : deadline(at, actionDef.returnWithin, { zone: time.zone, calendar: time.calendar });
  if (returnBy?.provisional === true) {
    // The decision's provenance then says provisional, as its return deadline does.
    const from = localDateOf(at, time.zone);
    calendarBasisTrace(trace, time.calendar, from, localDateOf(returnBy.at, time.zone), {
      when: 'notable',
      seen,
    });
  }

  const applicable = policy.params.accessRules.filter(
    (r) =>
      (r.fileTypes.includes('*') || r.fileTypes.includes(fileType.id)) &&
      r.actions.includes(req.action) &&
      audienceMatches(r.audience, audience),
  );
  // The action's own conditions (approver, proof, place, record) are one more rule to satisfy.
  if (actionDef !== undefined) applicable.push(actionRule(actionDef));
  const who = `${req.actor.id}(${req.actor.roles.join('/') || '-'})`;
  const data = { actor: req.actor.id, action: req.action, file: req.file.id, audience, at };

  if (applicable.length === 0) {
    const allowed = policy.params.defaultAccess === 'allow';
    trace.add(
      DEFAULT_ACCESS_RULE,
      undefined,
      `没有规则覆盖${who}对${fileType.name.zh}的${req.action}请求,按制度默认${allowed ? '允许' : '拒绝'}`,
      `No rule covers ${who} doing ${req.action} on ${fileType.name.en}; the policy default is to ${allowed ? 'allow' : 'deny'}`,
      data,
    );
    return trace.decide({
      allowed,
      audience,
      verdicts: [],
      missing: [],
      requiredApprovers: [],
      unmaskedFields: [],
      fullAuthority: false,
      returnBy,
    });
  }

  const verdicts = applicable.map((rule) => judge(rule, req, at));
  for (const v of verdicts) {
    trace.add(
      v.rule,
      v.clause,
      v.satisfied
        ? `${who}对${fileType.name.zh}的${req.action}请求符合本条(${v.via === 'exemptRole' ? '岗位常设授权' : '条件齐备'})`
        : `${who}对${fileType.name.zh}的${req.action}请求不符合本条${v.via === 'deny' ? '(禁止)' : `,缺少: ${v.missing.map(missingZh).join('、')}`}`,
      v.satisfied
        ? `${who} may ${req.action} ${fileType.name.en} under this rule (${v.via === 'exemptRole' ? 'standing grant by role' : 'all conditions met'})`
        : `${who} may not ${req.action} ${fileType.name.en} under this rule${v.via === 'deny' ? ' (forbidden)' : `; missing: ${v.missing.join(', ')}`}`,
      { ...data, missing: v.missing },
    );
  }
  const allowed = verdicts.every((v) => v.satisfied);
  const missing = [...new Set(verdicts.flatMap((v) => v.missing))];
  const requiredApprovers = [
    ...new Set(applicable.flatMap((r) => r.requires.flatMap((q) => (q.kind === 'approval' ? [q.role] : [])))),
  ];
  const fullAuthority =
    allowed && audience !== 'external' && req.actor.roles.some((r) => policy.params.unmaskRoles.includes(r));
  const unmaskedFields = allowed ? unmasked(req, applicable, fileType.fields, at, fullAuthority) : [];
  return trace.decide({
    allowed,
    audience,
    verdicts,
    missing,
    requiredApprovers,
    unmaskedFields,
    fullAuthority,
    returnBy,
  });
}

/** The file type, action and place a request names, refused with their paths when the policy lacks them. */
function checkReferences(
  req: AccessRequest,
  policy: RecordsPolicy,
): { fileType: FileType; actionDef: ActionDef | undefined } {
  const fileType = findFileType(policy, req.file.fileTypeId, ['file', 'fileTypeId']);
  const actionDef = knownAction(policy, req.action);
  knownPlace(policy, req.place);
  return { fileType, actionDef };
}

/** Logs from this many entries on are searched for unknown references before they are parsed. */
const LARGE_LOG = 1000;

/**
 * Refuses a large access log at its first entry naming a file type, action or place the policy does
 * not define, before the whole log is parsed (10^5 entries take a second to parse; the refusal then
 * named entry 0). The raw entries are scanned for such a name; the entries up to it are parsed one by
 * one and checked in order, so the refusal is the one the audit would give there. An entry before it
 * that does not parse is left to the full parse, which names it. Logs under 1,000 entries, and logs
 * without an unknown name, are left to the full parse as before. Internal to the package.
 *
 * @param log - the raw log
 * @param policy - the records policy (trusted)
 * @param entry - the schema of one entry
 * @param path - where the log sits (`['input', 'log']`)
 * @throws ZhiduError `unknown_reference` or `invalid_input` at the first entry naming something unknown
 */
export function precheckLog(
  log: unknown,
  policy: RecordsPolicy,
  entry: z.ZodType<AccessRequest>,
  path: readonly (string | number)[],
): void {
  if (!Array.isArray(log) || log.length < LARGE_LOG) return;
  const fileTypes = new Set(policy.params.fileTypes.map((t) => t.id));
  const actions = knownActions(policy.params.actions);
  const places = new Set(policy.params.places.map((p) => p.id));
  const names = (v: unknown, key: string): unknown =>
    v !== null && typeof v === 'object' && Object.hasOwn(v, key)
      ? (v as Record<string, unknown>)[key]
      : undefined;
  const unknownName = (e: unknown): boolean => {
    const type = names(names(e, 'file'), 'fileTypeId');
    const action = names(e, 'action');
    const place = names(e, 'place');
    return (
      (typeof type === 'string' && !fileTypes.has(type)) ||
      (typeof action === 'string' && !actions.has(action)) ||
      (typeof place === 'string' && !places.has(place))
    );
  };
  const hit = log.findIndex(unknownName);
  if (hit < 0) return;
  for (let i = 0; i <= hit; i++) {
    const parsed = entry.safeParse(log[i]);
    if (!parsed.success) return;
    underPath([...path, i], () => checkReferences(parsed.data, policy));
  }
}

/**
 * The policy's definition of an action, `undefined` for a built-in action of a policy that names none;
 * an action the policy does not know is refused with its path.
 */
function knownAction(policy: RecordsPolicy, action: string): ActionDef | undefined {
  const defs = policy.params.actions;
  const known = knownActions(defs);
  if (!known.has(action)) {
    const hint = nearestKey(action, [...known]);
    throw new ZhiduError(
      'invalid_input',
      ['action'],
      `制度 ${policy.id} 未定义操作 "${action}"${hint ? `(是否为 "${hint}"?)` : ''} / policy ${policy.id} defines no action "${action}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${[...known].join(', ')}`,
    );
  }
  return defs.find((a) => a.id === action);
}

/** Refuses a place the policy does not name. */
function knownPlace(policy: RecordsPolicy, place: string | undefined): void {
  if (place === undefined) return;
  const known = policy.params.places.map((p) => p.id);
  if (known.includes(place)) return;
  const hint = nearestKey(place, known);
  throw new ZhiduError(
    'invalid_input',
    ['place'],
    `制度 ${policy.id} 未定义场所 "${place}"${hint ? `(是否为 "${hint}"?)` : ''} / policy ${policy.id} defines no place "${place}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${known.join(', ') || 'none'}`,
  );
}

/** An action's own conditions as an access rule covering every file type and audience. */
function actionRule(a: ActionDef): AccessRule {
  const requires: Requirement[] = [];
  if (a.approverRole !== undefined) requires.push({ kind: 'approval', role: a.approverRole, scope: 'any' });
  if (a.proofs.length > 0) requires.push({ kind: 'proof', allOf: a.proofs });
  if (a.places.length > 0) requires.push({ kind: 'place', anyOf: a.places });
  if (a.record) requires.push({ kind: 'record' });
  return {
    rule: a.rule,
    clause: a.clause,
    fileTypes: ['*'],
    actions: [a.id],
    audience: 'any',
    effect: a.forbidden ? 'deny' : 'allow',
    exemptRoles: a.exemptRoles,
    requires,
  };
}

/**
 * Re-judges a log of accesses that already happened and emits `records.access.unauthorised` for each
 * one the rules would have denied (查阅、外传 without authorisation).
 *
 * @param log - accesses as they happened (each an access request with its `at`)
 * @param policyInput - a records policy with access rules
 * @param ctx - `{ now }`
 * @returns the violations, with the trace of every access decision
 * @example
 * auditAccessLog([{ actor: { id: 'u1', roles: ['salesperson'] }, action: 'view',
 *   file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' }, at: '2024-03-05T02:00:00Z' }],
 *   salesCompanyFilesPreset, { now: '2024-03-06T00:00:00Z' }).value.length; //=> 1
 */
export function auditAccessLog(
  log: readonly AccessRequestInput[],
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<Violation[]> {
  const policy = asRecordsPolicy(policyInput);
  const time = resolveContext(ctx, policy);
  precheckLog(log, policy, AccessRequestSchema, ['log']);
  // The whole log in one parse (a refusal names the entry: ['log', i, …]).
  return auditParsed(parseInput(AccessLogSchema, log, ['log']), policy, time);
}

const AccessLogSchema = z.array(AccessRequestSchema);

/**
 * {@link auditAccessLog} on a log already parsed (the `records.access-log` module's input), so that a
 * large log is parsed once, not once by the module and again entry by entry. Internal to the package.
 */
export function auditParsed(
  log: readonly AccessRequest[],
  policy: RecordsPolicy,
  time: ResolvedContext,
): Decision<Violation[]> {
  const trace = new Trace();
  const violations: Violation[] = [];
  const seen = new Set<string>();
  log.forEach((req, i) => {
    const d = underPath(['log', i], () => decideParsed(req, policy, time, seen));
    trace.append(d.trace);
    const returnBy = d.value.returnBy;
    if (d.value.allowed && returnBy !== null) {
      const late = returnFinding(req, returnBy, policy, time);
      if (late) {
        trace.add(late.rule, late.clause, late.zh, late.en, late.data);
        violations.push(late.violation);
      }
    }
    if (d.value.allowed) return;
    const failed = d.value.verdicts.find((v) => !v.satisfied);
    const cite = failed ? { rule: failed.rule, clause: failed.clause } : { rule: DEFAULT_ACCESS_RULE };
    violations.push(
      violation(ACCESS_LOG, cite, {
        code: 'records.access.unauthorised',
        personId: req.actor.id,
        ...(req.actor.roles[0] ? { role: req.actor.roles[0] } : {}),
        ...(req.actor.departmentId ? { departmentId: req.actor.departmentId } : {}),
        occurredAt: req.at ?? time.now,
        quantity: 1,
        subject: { kind: 'file', id: req.file.id },
        data: { action: req.action, missing: d.value.missing },
      }),
    );
  });
  return trace.decide(violations);
}

/**
 * A file taken out under an action with a return deadline that came back late, or is still out after
 * it: `records.access.returnLate`, cited by the action's own rule.
 */
function returnFinding(req: AccessRequest, due: Deadline, policy: RecordsPolicy, time: ResolvedContext) {
  const def = policy.params.actions.find((a) => a.id === req.action);
  if (def === undefined) return undefined;
  const until = req.returnedAt ?? time.now;
  if (!isLate(due, until)) return undefined;
  const late = lateness(due, until, { unit: 'calendarDays' }, { zone: time.zone, calendar: time.calendar });
  const data = {
    actor: req.actor.id,
    action: req.action,
    file: req.file.id,
    at: req.at ?? time.now,
    due: due.at,
  };
  return {
    rule: def.rule,
    clause: def.clause,
    zh: req.returnedAt
      ? `${req.file.id}应于${shownAt(due.at, time.zone, 'zh-CN')}前归还,实际${shownAt(req.returnedAt, time.zone, 'zh-CN')}归还`
      : `${req.file.id}应于${shownAt(due.at, time.zone, 'zh-CN')}前归还,至今未还`,
    en: req.returnedAt
      ? `${req.file.id} was due back by ${shownAt(due.at, time.zone, 'en')} and came back at ${shownAt(req.returnedAt, time.zone, 'en')}`
      : `${req.file.id} was due back by ${shownAt(due.at, time.zone, 'en')} and is still out`,
    data,
    violation: violation(
      ACCESS_LOG,
      { rule: def.rule, clause: def.clause },
      {
        code: 'records.access.returnLate',
        personId: req.actor.id,
        ...(req.actor.roles[0] ? { role: req.actor.roles[0] } : {}),
        ...(req.actor.departmentId ? { departmentId: req.actor.departmentId } : {}),
        occurredAt: due.at,
        quantity: 1,
        lateBy: { unit: 'calendarDays', units: late.units, ms: late.ms },
        subject: { kind: 'file', id: req.file.id },
        ...(req.returnedAt ? { correctedAt: req.returnedAt } : {}),
        data: { action: req.action, due: due.at },
      },
    ),
  };
}

function audienceOf(req: AccessRequest): Exclude<Audience, 'any'> {
  if (req.recipient) return 'external';
  if (req.file.ownerDepartmentId === undefined) return 'internal';
  return req.actor.departmentId === req.file.ownerDepartmentId ? 'ownDepartment' : 'otherDepartment';
}

function audienceMatches(ruleAudience: Audience, audience: Exclude<Audience, 'any'>): boolean {
  if (ruleAudience === 'any') return true;
  if (ruleAudience === 'internal') return audience !== 'external';
  return ruleAudience === audience;
}

function judge(rule: AccessRule, req: AccessRequest, at: Instant): RuleVerdict {
  const base = { rule: rule.rule, clause: rule.clause };
  const exempt = rule.exemptRoles.some((r) => req.actor.roles.includes(r));
  if (rule.effect === 'deny') {
    return exempt
      ? { ...base, satisfied: true, via: 'exemptRole', missing: [] }
      : { ...base, satisfied: false, via: 'deny', missing: ['forbidden'] };
  }
  if (exempt) return { ...base, satisfied: true, via: 'exemptRole', missing: [] };
  const missing = rule.requires.flatMap((q) => {
    const key = unmet(q, req, at);
    return key === null ? [] : [key];
  });
  return { ...base, satisfied: missing.length === 0, via: 'requirements', missing };
}

function within(at: Instant, from?: Instant, to?: Instant): boolean {
  return (
    (from === undefined || compareInstants(from, at) <= 0) &&
    (to === undefined || compareInstants(at, to) <= 0)
  );
}

function covers(granted: readonly string[] | undefined, requested: readonly string[] | undefined): boolean {
  if (granted === undefined) return true;
  if (requested === undefined) return false;
  return requested.every((f) => granted.includes(f));
}

/** An approval counts when the right role gave it, not the reader, before the access, for this action and content. */
function validApproval(
  a: Approval,
  q: Extract<Requirement, { kind: 'approval' }>,
  req: AccessRequest,
  at: Instant,
) {
  return (
    a.role === q.role &&
    a.approverId !== req.actor.id &&
    (q.scope === 'any' ||
      (q.scope === 'fileDepartment' && a.departmentId === req.file.ownerDepartmentId) ||
      (q.scope === 'actorDepartment' &&
        a.departmentId !== undefined &&
        a.departmentId === req.actor.departmentId)) &&
    compareInstants(a.at, at) <= 0 &&
    within(at, a.from, a.to) &&
    (a.actions === undefined || a.actions.includes(req.action)) &&
    covers(a.fields, req.fields)
  );
}

function unmet(q: Requirement, req: AccessRequest, at: Instant): string | null {
  const { actor, file } = req;
  switch (q.kind) {
    case 'authenticated':
      return actor.authenticated ? null : 'authenticated';
    case 'approval':
      return req.approvals.some((a) => validApproval(a, q, req, at)) ? null : `approval:${q.role}`;
    case 'role':
      return q.anyOf.some((r) => actor.roles.includes(r)) ? null : `role:${q.anyOf.join('|')}`;
    case 'department':
      return actor.departmentId !== undefined && q.anyOf.includes(actor.departmentId)
        ? null
        : `department:${q.anyOf.join('|')}`;
    case 'sameDepartment':
      return actor.departmentId !== undefined && actor.departmentId === file.ownerDepartmentId
        ? null
        : 'sameDepartment';
    case 'purpose':
      if (req.purpose === undefined) return 'purpose';
      return q.anyOf === undefined || q.anyOf.includes(req.purpose) ? null : `purpose:${q.anyOf.join('|')}`;
    case 'lawfulBasis':
      return req.lawfulBasis ? null : 'lawfulBasis';
    case 'customerAuthorization': {
      const auth = req.customerAuthorization;
      return auth && compareInstants(auth.at, at) <= 0 && covers(auth.fields, req.fields)
        ? null
        : 'customerAuthorization';
    }
    case 'nda':
      return req.ndaSignedAt !== undefined && compareInstants(req.ndaSignedAt, at) <= 0
        ? null
        : 'ndaBeforeAccess';
    case 'participant':
      return file.participants.includes(actor.id) ? null : 'participant';
    case 'notRespondent':
      return file.respondents.includes(actor.id) ? 'recusal' : null;
    case 'fileState':
      if (q.forRoles && !q.forRoles.some((r) => actor.roles.includes(r))) return null;
      return file.state !== undefined && q.anyOf.includes(file.state)
        ? null
        : `fileState:${q.anyOf.join('|')}`;
    case 'self':
      return file.attributes[q.attribute] === actor.id ? null : `self:${q.attribute}`;
    case 'notOnLoan':
      return file.onLoan ? 'onLoan' : null;
    case 'permission':
      return actor.permissions.includes(q.permission) ? null : `permission:${q.permission}`;
    case 'place':
      return req.place !== undefined && q.anyOf.includes(req.place) ? null : `place:${q.anyOf.join('|')}`;
    case 'proof': {
      const lacking = q.allOf.filter((p) => !req.proofs.includes(p));
      return lacking.length === 0 ? null : `proof:${lacking.join('+')}`;
    }
    case 'record':
      return req.recordId !== undefined ? null : 'record';
  }
}

/**
 * The sensitive fields a reader may see in clear. Inside the company: all of them for a reader with full
 * authority, else those named by an approval that counts for one of the applicable rules (the right
 * role, not the reader, before the access, within its period) or by the customer's authorisation. For a
 * recipient outside the company only the customer's authorisation unmasks (未经客户同意,不得向第三方透露):
 * neither the sender's role nor an internal approval speaks for the customer.
 */
function unmasked(
  req: AccessRequest,
  applicable: readonly AccessRule[],
  fields: readonly { id: string; sensitive?: string | undefined }[],
  at: Instant,
  fullAuthority: boolean,
): string[] {
  const sensitive = fields.filter((f) => f.sensitive !== undefined).map((f) => f.id);
  if (fullAuthority) return sensitive;
  const named = new Set<string>();
  if (!req.recipient) {
    const asked = applicable.flatMap((r) => r.requires.filter((q) => q.kind === 'approval'));
    for (const a of req.approvals) {
      if (!asked.some((q) => validApproval(a, q, req, at))) continue;
      for (const f of a.fields ?? []) named.add(f);
    }
  }
  const auth = req.customerAuthorization;
  if (auth && compareInstants(auth.at, at) <= 0) for (const f of auth.fields ?? []) named.add(f);
  return sensitive.filter((f) => named.has(f));
}

/** An instant in a trace message: the wall clock in the policy's zone, the zone named. */
function shownAt(at: InstantInput, zone: string, lang: Lang): string {
  return formatInstant(at, { zone, lang, showZone: true });
}
