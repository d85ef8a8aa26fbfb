import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import type { AccessRequestInput, Requirement } from './access-schema.js';
import { type FileRecord, findPii, readFile } from './masking.js';
import type { RecordsPolicy } from './policy.js';
import { recordsPresets } from './presets/index.js';
import type { FileType } from './schemas.js';

// The probe of the leak report: every role × file type × read action × audience × purpose of every
// preset, with every requirement the rules know how to satisfy met (so that reads are permitted), over
// a record whose declared fields, undeclared fields and free text hold phone, ID-card and bank numbers.

const ctx = { now: '2024-03-06T02:00:00Z' };
const before = '2024-03-05T01:00:00Z';
const READS = ['view', 'copy', 'backup', 'lend', 'export', 'disclose', 'share'] as const;
const AUDIENCES = ['ownDepartment', 'otherDepartment', 'partner', 'thirdParty'] as const;

const MOBILE = '13912345678';
const ID_CARD = '11010519491231002X';
const BANK_CARD = '6222021234567890128';
const FREE_TEXT = `客户手机+86 139-8765-4321,身份证${ID_CARD},工资卡 6228 4800 1234 5671,座机 0755-12345678`;

function requirements(policy: RecordsPolicy): Requirement[] {
  const own = policy.params.actions.flatMap((a): Requirement[] =>
    a.approverRole === undefined ? [] : [{ kind: 'approval', role: a.approverRole, scope: 'any' }],
  );
  return [...policy.params.accessRules.flatMap((r) => r.requires), ...own];
}

/** The read actions to probe: the built-in ones, or a policy's own actions when it names some. */
function readsOf(policy: RecordsPolicy): readonly string[] {
  return policy.params.actions.length > 0 ? policy.params.actions.map((a) => a.id) : READS;
}

function rolesOf(policy: RecordsPolicy): string[] {
  const roles = new Set<string>(policy.params.unmaskRoles);
  for (const r of policy.params.accessRules) {
    for (const role of r.exemptRoles) roles.add(role);
  }
  for (const q of requirements(policy)) {
    if (q.kind === 'role') for (const role of q.anyOf) roles.add(role);
    if (q.kind === 'approval') roles.add(q.role);
    if (q.kind === 'fileState') for (const role of q.forRoles ?? []) roles.add(role);
  }
  for (const t of policy.params.fileTypes) {
    for (const role of [t.custodianRole, t.approverRole, t.author, ...t.accountable])
      if (role) roles.add(role);
    for (const h of t.handover) {
      roles.add(h.from);
      roles.add(h.to);
    }
  }
  roles.add('serviceAdvisor');
  return [...roles].sort();
}

/** A stored record: declared fields filled (numbers in the sensitive ones), plus what the report found. */
function recordFor(type: FileType): FileRecord {
  const record: FileRecord = {};
  for (const f of type.fields) {
    record[f.id] =
      f.sensitive === 'phone'
        ? MOBILE
        : f.sensitive === 'idCard'
          ? ID_CARD
          : f.sensitive === 'personal'
            ? `上海市浦东新区 ${MOBILE}`
            : `${f.name.zh}: ${FREE_TEXT}`;
  }
  for (const d of type.documents) {
    record[d.id] = { scanned: true, note: FREE_TEXT };
    for (const f of d.fields) record[f.id] = `${f.name.zh} ${MOBILE}`;
  }
  return {
    ...record,
    phone: record.phone ?? MOBILE,
    mobile: record.mobile ?? Number(MOBILE),
    idNumber: ID_CARD,
    身份证: ID_CARD.toLowerCase(),
    bankCard: BANK_CARD,
    notes: FREE_TEXT,
    contacts: [{ name: '王五', tel: '010-87654321' }, { [MOBILE]: 'wife' }],
  };
}

function requestFor(
  policy: RecordsPolicy,
  type: FileType,
  role: string | undefined,
  action: string,
  audience: (typeof AUDIENCES)[number],
  purpose: string | undefined,
): AccessRequestInput {
  const qs = requirements(policy);
  // A policy's own action is met where it may happen, with its proofs and a written record.
  const own = policy.params.actions.find((a) => a.id === action);
  const approvals = qs.flatMap((q) =>
    q.kind === 'approval'
      ? ['D1', 'D2'].map((dept) => ({
          approverId: `ap-${q.role}-${dept}`,
          role: q.role,
          departmentId: dept,
          at: before,
        }))
      : [],
  );
  const states = qs.flatMap((q) => (q.kind === 'fileState' ? q.anyOf : []));
  const attributes = Object.fromEntries(
    qs.flatMap((q) => (q.kind === 'self' ? [[q.attribute, 'reader']] : [])),
  );
  return {
    actor: {
      id: 'reader',
      roles: role ? [role] : [],
      departmentId: 'D1',
      authenticated: true,
      permissions: qs.flatMap((q) => (q.kind === 'permission' ? [q.permission] : [])),
    },
    action,
    ...(own?.places[0] ? { place: own.places[0] } : {}),
    proofs: own?.proofs ?? [],
    recordId: 'REG-1',
    file: {
      id: 'F1',
      fileTypeId: type.id,
      ownerDepartmentId: audience === 'otherDepartment' ? 'D2' : 'D1',
      ...(states[0] ? { state: states[0] } : {}),
      participants: ['reader'],
      attributes,
    },
    ...(purpose ? { purpose } : {}),
    approvals,
    ...(audience === 'partner' || audience === 'thirdParty'
      ? { recipient: { id: 'R1', kind: audience } }
      : {}),
    lawfulBasis: true,
    customerAuthorization: { at: before },
    ndaSignedAt: before,
  };
}

/** Every top-level key of a read record holding a number in clear (in its name or anywhere in its value). */
function clearNumbers(record: FileRecord): string[] {
  return Object.entries(record).flatMap(([k, v]) =>
    findPii(k).length > 0 || findPii(JSON.stringify(v) ?? '').length > 0 ? [k] : [],
  );
}

describe('probe: phone, ID and bank numbers never leave in clear to a reader without authority', () => {
  it('over every preset, role, file type, read action, audience and purpose', () => {
    let permitted = 0;
    let fullAuthority = 0;
    const leaks: string[] = [];
    for (const [name, policy] of Object.entries(recordsPresets)) {
      const purposes = [
        undefined,
        'contract',
        ...requirements(policy).flatMap((q) => (q.kind === 'purpose' ? (q.anyOf ?? []) : [])),
      ];
      for (const type of policy.params.fileTypes) {
        const record = recordFor(type);
        for (const role of [undefined, ...rolesOf(policy)]) {
          for (const action of readsOf(policy)) {
            for (const audience of AUDIENCES) {
              for (const purpose of purposes) {
                const req = requestFor(policy, type, role, action, audience, purpose);
                const d = readFile(req, record, policy, ctx);
                if (!d.value.allowed || d.value.record === null) continue;
                permitted++;
                const internal = req.recipient === undefined;
                const authorised = internal && role !== undefined && policy.params.unmaskRoles.includes(role);
                if (authorised) {
                  fullAuthority++;
                  // Nothing lost: a reader with full authority gets the record as stored.
                  expect(d.value.record).toEqual(record);
                  continue;
                }
                for (const k of clearNumbers(d.value.record)) {
                  leaks.push(
                    `${name}/${type.id}/${role ?? '-'}/${action}/${audience}/${purpose ?? '-'}: ${k}`,
                  );
                }
              }
            }
          }
        }
      }
    }
    console.log('PROBE', permitted, fullAuthority, new Set(leaks.map((l) => l.split(': ')[0])).size);
    expect(permitted).toBeGreaterThan(1000);
    expect(fullAuthority).toBeGreaterThan(0);
    expect(leaks.slice(0, 10)).toEqual([]);
    expect(leaks.length).toBe(0);
  });
});

describe('unauthenticated unless stated', () => {
  it('refuses an actor with no roles, no authenticated flag and no grants in every preset, file type and read action', () => {
    const allowed: string[] = [];
    let asked = 0;
    for (const [name, policy] of Object.entries(recordsPresets)) {
      for (const type of policy.params.fileTypes) {
        for (const action of readsOf(policy)) {
          for (const recipient of [undefined, { id: 'R1', kind: 'thirdParty' as const }]) {
            asked++;
            const d = readFile(
              {
                actor: { id: 'nobody' },
                action,
                file: { id: 'F1', fileTypeId: type.id },
                ...(recipient ? { recipient } : {}),
              },
              { phone: MOBILE },
              policy,
              ctx,
            );
            if (d.value.allowed || d.value.record !== null) allowed.push(`${name}/${type.id}/${action}`);
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(500);
    expect(allowed).toEqual([]);
  });
});
