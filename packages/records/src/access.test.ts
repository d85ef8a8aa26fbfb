import '../test/pii-guard.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessDecision, auditAccessLog, DEFAULT_ACCESS_RULE } from './access.js';
import type { AccessRequestInput } from './access-schema.js';
import { defineRecordsPolicy } from './policy.js';
import {
  corporateArchivePreset,
  customerArchivePreset,
  dealerFilesPreset,
  leasingArchivePreset,
  partnerArchivePreset,
  propertyServicePreset,
  returnVisitPreset,
  salesCompanyFilesPreset,
  salesOfficePreset,
  salesSitePreset,
} from './presets/index.js';

const ctx = { now: '2024-03-06T02:00:00Z' };
const before = '2024-03-05T01:00:00Z';

describe('accessDecision: dealer files', () => {
  const req = (over: Partial<AccessRequestInput> = {}): AccessRequestInput => ({
    actor: { id: 'u1', roles: ['serviceAdvisor'], departmentId: 'service', authenticated: true },
    action: 'view',
    file: { id: 'VIN-1', fileTypeId: 'newCarSalesFile' },
    ...over,
  });

  it('denies an unauthenticated read of an electronic file and logs why (S000-ACCESS-01)', () => {
    const d = accessDecision(req({ actor: { id: 'u1', authenticated: false } }), dealerFilesPreset, ctx);
    expect(d.value.allowed).toBe(false);
    expect(d.value.missing).toEqual(['authenticated']);
    // Unauthenticated unless stated: no flag, no roles → refused.
    const unstated = accessDecision(req({ actor: { id: 'u1' } }), dealerFilesPreset, ctx);
    expect(unstated.value).toMatchObject({ allowed: false, missing: ['authenticated'] });
    expect(d.trace[0]).toMatchObject({
      rule: 'S000-ACCESS-01',
      data: { actor: 'u1', action: 'view', file: 'VIN-1' },
    });
    expect(accessDecision(req(), dealerFilesPreset, ctx).value.allowed).toBe(true);
  });

  it('refuses to lend a file that is already on loan (S000-ACCESS-02)', () => {
    const lend = (onLoan: boolean) =>
      accessDecision(
        req({ action: 'lend', file: { id: 'VIN-1', fileTypeId: 'newCarSalesFile', onLoan } }),
        dealerFilesPreset,
        ctx,
      );
    expect(lend(false).value.allowed).toBe(true);
    expect(lend(true).value).toMatchObject({ allowed: false, missing: ['onLoan'] });
  });
});

describe('accessDecision: GM authorisation', () => {
  const view = (
    roles: string[],
    approvals: AccessRequestInput['approvals'] = [],
    action: AccessRequestInput['action'] = 'view',
  ) =>
    accessDecision(
      {
        actor: { id: 'u1', roles },
        action,
        file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
        approvals,
      },
      salesCompanyFilesPreset,
      ctx,
    ).value;

  it('lets nobody view or export a customer file without the GM authorisation, except standing grants (S000-ACCESS-03)', () => {
    expect(view(['salesperson'])).toMatchObject({ allowed: false, requiredApprovers: ['generalManager'] });
    expect(view(['salesperson'], [], 'export').allowed).toBe(false);
    expect(view(['customerFileCustodian']).allowed).toBe(true);
    expect(view(['salesperson'], [{ approverId: 'gm', role: 'generalManager', at: before }]).allowed).toBe(
      true,
    );
  });

  it('does not count a GM approval given after the access, or by the reader themself (S000-ACCESS-03)', () => {
    expect(
      view(['salesperson'], [{ approverId: 'gm', role: 'generalManager', at: '2024-03-07T00:00:00Z' }])
        .allowed,
    ).toBe(false);
    expect(
      view(
        ['salesperson', 'generalManagerDeputy'],
        [{ approverId: 'u1', role: 'generalManager', at: before }],
      ).allowed,
    ).toBe(false);
  });

  it('keeps leasing registration forms from everyone without the GM permission, custodian included (S000B-ACCESS-01)', () => {
    const forms = (
      actor: AccessRequestInput['actor'],
      action: AccessRequestInput['action'],
      approvals: AccessRequestInput['approvals'] = [],
    ) =>
      accessDecision(
        { actor, action, file: { id: 'RF-m2', fileTypeId: 'leasingRegistrationForm' }, approvals },
        leasingArchivePreset,
        ctx,
      ).value.allowed;
    expect(forms({ id: 'm1', roles: ['leasingManager'] }, 'view')).toBe(false);
    expect(
      forms({ id: 'm1', roles: ['leasingManager'] }, 'view', [
        { approverId: 'gm', role: 'generalManager', at: before },
      ]),
    ).toBe(true);
    expect(forms({ id: 'k1', roles: ['generalServicesCustodian'] }, 'disclose')).toBe(false);
    expect(forms({ id: 'k1', roles: ['generalServicesCustodian'] }, 'store')).toBe(true);
    expect(forms({ id: 'm1', roles: ['leasingManager'] }, 'store')).toBe(false);
    expect(forms({ id: 'gm', roles: ['generalManager'] }, 'backup')).toBe(true);
  });
});

describe('accessDecision: own department → department manager; other department → GM (S000B-ACCESS-02)', () => {
  const view = (ownerDepartmentId: string, approvals: AccessRequestInput['approvals']) =>
    accessDecision(
      {
        actor: { id: 's1', roles: ['salesperson'], departmentId: 'D1' },
        action: 'view',
        file: { id: 'C1', fileTypeId: 'corporateCustomerArchive', ownerDepartmentId: ownerDepartmentId },
        approvals,
      },
      corporateArchivePreset,
      ctx,
    ).value;

  it('allows a D1 archive with the D1 manager approval (S000B-ACCESS-02)', () => {
    const v = view('D1', [{ approverId: 'mgr1', role: 'departmentManager', departmentId: 'D1', at: before }]);
    expect(v).toMatchObject({
      allowed: true,
      audience: 'ownDepartment',
      requiredApprovers: ['departmentManager'],
    });
  });

  it('denies a D2 archive approved only by the D2 manager, and allows it with the GM approval (S000B-ACCESS-02)', () => {
    const d2 = view('D2', [
      { approverId: 'mgr2', role: 'departmentManager', departmentId: 'D2', at: before },
    ]);
    expect(d2).toMatchObject({ allowed: false, requiredApprovers: ['generalManager'] });
    expect(view('D2', [{ approverId: 'gm', role: 'generalManager', at: before }]).allowed).toBe(true);
  });

  it('does not accept another department manager for an own-department archive (S000B-ACCESS-02)', () => {
    expect(
      view('D1', [{ approverId: 'mgr2', role: 'departmentManager', departmentId: 'D2', at: before }]).allowed,
    ).toBe(false);
  });
});

describe('accessDecision: partners, sales office, complaints', () => {
  it('never shows a partner archive to the partner (S000B-ACCESS-03)', () => {
    const d = accessDecision(
      {
        actor: { id: 'u1', roles: ['generalManager'] },
        action: 'disclose',
        file: { id: 'p1', fileTypeId: 'partnerArchive' },
        recipient: { id: 'p1', kind: 'partner' },
      },
      partnerArchivePreset,
      ctx,
    );
    expect(d.value).toMatchObject({ allowed: false, missing: ['forbidden'] });
    expect(d.trace[0]?.rule).toBe('S000B-ACCESS-03');
  });

  it('lets only finance collect deposits and instalments (S001-ACCESS-01)', () => {
    const collect = (roles: string[]) =>
      accessDecision(
        {
          actor: { id: 'x', roles },
          action: 'collectPayment',
          file: { id: 'P1', fileTypeId: 'customerPayment' },
        },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    expect(collect(['salesperson'])).toBe(false);
    expect(collect(['finance'])).toBe(true);
  });

  it('lets only the site sales supervisor draw blank receipts; signed agreements go to the custodian (S001-ACCESS-02)', () => {
    const act = (roles: string[], action: AccessRequestInput['action'], fileTypeId: string) =>
      accessDecision(
        { actor: { id: 'x', roles }, action, file: { id: 'B1', fileTypeId } },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    expect(act(['salesperson'], 'issueBlankForm', 'blankReceiptBook')).toBe(false);
    expect(act(['siteSalesSupervisor'], 'issueBlankForm', 'blankReceiptBook')).toBe(true);
    expect(act(['documentCustodian'], 'store', 'signedSalesDocument')).toBe(true);
  });

  it('lets each role write only its own forms (S001-ACCESS-03)', () => {
    const write = (roles: string[], fileTypeId: string, receiverId?: string) =>
      accessDecision(
        {
          actor: { id: 'A', roles },
          action: 'write',
          file: { id: 'f', fileTypeId, attributes: receiverId ? { receiverId } : {} },
        },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    expect(write(['salesAssistant'], 'signingDetail')).toBe(true);
    expect(write(['salesperson'], 'largeDepositDetail')).toBe(false);
    expect(write(['salesperson'], 'visitorRegister', 'A')).toBe(true);
    expect(write(['salesperson'], 'visitorRegister', 'B')).toBe(false);
    expect(write(['salesManager'], 'weeklyBusinessReport')).toBe(true);
    expect(write(['salesAssistant'], 'weeklySalesAnalysis')).toBe(false);
  });

  it('has finance, not salespeople, write the credit investigation report (S001-ARCHIVE-10)', () => {
    const write = (roles: string[]) =>
      accessDecision(
        {
          actor: { id: 'x', roles },
          action: 'write',
          file: { id: 'r', fileTypeId: 'creditInvestigationReport' },
        },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    expect(write(['finance'])).toBe(true);
    expect(write(['salesperson'])).toBe(false);
  });

  it('lets the sales admin supervisor manage only their own department files (S001-ACCESS-04)', () => {
    const manage = (departmentId: string) =>
      accessDecision(
        {
          actor: { id: 'x', roles: ['salesAdminSupervisor'], departmentId: 'X' },
          action: 'manage',
          file: { id: 'f', fileTypeId: 'departmentCustomerFile', ownerDepartmentId: departmentId },
        },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    expect(manage('X')).toBe(true);
    expect(manage('Y')).toBe(false);
  });

  it('keeps development projects to the review group, leaders and handlers; technicians only after signing with both approvals (S001-ACCESS-05)', () => {
    const view = (roles: string[], state: string, approvals: AccessRequestInput['approvals'] = []) =>
      accessDecision(
        {
          actor: { id: 't', roles },
          action: 'view',
          file: { id: 'P', fileTypeId: 'developmentProject', state },
          approvals,
        },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    const both = [
      { approverId: 'l', role: 'leaderInCharge', at: before },
      { approverId: 'r', role: 'reviewGroup', at: before },
    ];
    expect(view(['salesperson'], 'inDevelopment')).toBe(false);
    expect(view(['handler'], 'inDevelopment')).toBe(true);
    expect(view(['technician'], 'agreementSigned', both)).toBe(true);
    expect(view(['technician'], 'inDevelopment', both)).toBe(false);
    expect(view(['technician'], 'agreementSigned', both.slice(0, 1))).toBe(false);
  });

  it('connects remotely to a customer system only with the customer authorisation (S001-ACCESS-06)', () => {
    const remote = (auth: boolean) =>
      accessDecision(
        {
          actor: { id: 'e', roles: ['engineer'] },
          action: 'remoteAccess',
          file: { id: 'T1', fileTypeId: 'customerSystem' },
          ...(auth ? { customerAuthorization: { at: before } } : {}),
        },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    expect(remote(true)).toBe(true);
    expect(remote(false)).toBe(false);
  });

  it('lets the marketing division edit the company blacklist and each department only its own (S001-ACCESS-07)', () => {
    const edit = (departmentId: string, fileTypeId: string, owner?: string) =>
      accessDecision(
        {
          actor: { id: 'x', roles: ['manager'], departmentId },
          action: 'editBlacklist',
          file: { id: 'bl', fileTypeId, ...(owner ? { ownerDepartmentId: owner } : {}) },
        },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    expect(edit('X', 'departmentBlacklist', 'X')).toBe(true);
    expect(edit('X', 'companyBlacklist')).toBe(false);
    expect(edit('marketingDivision', 'companyBlacklist')).toBe(true);
    expect(edit('marketingDivision', 'departmentBlacklist', 'Y')).toBe(false);
  });

  it('lets market development read return-visit data for planning only (S001B-ACCESS-01)', () => {
    const read = (roles: string[], departmentId: string, purpose?: string) =>
      accessDecision(
        {
          actor: { id: 'x', roles, departmentId },
          action: 'view',
          file: { id: 'B1', fileTypeId: 'returnVisitRecordArchive' },
          ...(purpose ? { purpose } : {}),
        },
        returnVisitPreset,
        ctx,
      ).value.allowed;
    expect(read(['customerServiceStaff'], 'customerService')).toBe(true);
    expect(read(['planner'], 'marketDevelopment', 'customerDevelopmentPlan')).toBe(true);
    expect(read(['auditor'], 'finance', 'audit')).toBe(false);
    expect(read(['planner'], 'marketDevelopment', 'curiosity')).toBe(false);
  });

  it('keeps the person complained about from handling or deciding the complaint (S001B-ACCESS-02)', () => {
    const handle = (actor: string) =>
      accessDecision(
        {
          actor: { id: actor, roles: ['partner'] },
          action: 'handle',
          file: { id: 'K1', fileTypeId: 'complaintCase', respondents: ['P2'] },
        },
        returnVisitPreset,
        ctx,
      ).value;
    expect(handle('P1').allowed).toBe(true);
    expect(handle('P2')).toMatchObject({ allowed: false, missing: ['recusal'] });
  });

  it('shows a complaint only to those involved, and to the archivist after closure (S001B-ACCESS-03)', () => {
    const view = (id: string, roles: string[], state: string) =>
      accessDecision(
        {
          actor: { id, roles },
          action: 'view',
          file: { id: 'K1', fileTypeId: 'complaintCase', state, participants: ['P1', 'C1'] },
        },
        returnVisitPreset,
        ctx,
      ).value.allowed;
    expect(view('P1', ['lawyer'], 'handling')).toBe(true);
    expect(view('P5', ['lawyer'], 'handling')).toBe(false);
    expect(view('A1', ['adminStaff'], 'closed')).toBe(true);
    expect(view('A1', ['adminStaff'], 'handling')).toBe(false);
  });
});

describe('accessDecision: property service and the customer archive regulation', () => {
  it('needs credentials and the customer-information permission inside the CS system (S002-ACCESS-02)', () => {
    const use = (permissions: string[], authenticated = true) =>
      accessDecision(
        {
          actor: { id: 'x', roles: ['cs'], permissions, authenticated },
          action: 'view',
          file: { id: 'C', fileTypeId: 'propertyCustomerFile' },
        },
        propertyServicePreset,
        ctx,
      ).value.allowed;
    expect(use(['workOrders'])).toBe(false);
    expect(use(['workOrders', 'customerInfo'])).toBe(true);
    expect(use(['customerInfo'], false)).toBe(false);
  });

  it('discloses to a third party only with the customer consent (S002-ACCESS-01)', () => {
    const disclose = (consent: boolean) =>
      accessDecision(
        {
          actor: { id: 'x', roles: ['cs'], permissions: ['customerInfo'] },
          action: 'disclose',
          file: { id: 'C', fileTypeId: 'propertyCustomerFile' },
          recipient: { id: 'bank', kind: 'thirdParty' },
          ...(consent ? { customerAuthorization: { at: before } } : {}),
        },
        propertyServicePreset,
        ctx,
      ).value.allowed;
    expect(disclose(false)).toBe(false);
    expect(disclose(true)).toBe(true);
  });

  const internal = (over: Partial<AccessRequestInput> = {}): AccessRequestInput => ({
    actor: { id: 'u1', roles: ['salesperson'], departmentId: 'sales' },
    action: 'view',
    file: { id: 'C1', fileTypeId: 'customerArchive003' },
    fields: ['contact', 'name'],
    purpose: 'mortgage follow-up',
    approvals: [
      {
        approverId: 'h1',
        role: 'departmentHead',
        departmentId: 'sales',
        at: '2024-03-04T01:00:00Z',
        from: '2024-03-04T00:00:00Z',
        to: '2024-03-08T15:59:59Z',
        fields: ['contact', 'name'],
      },
      {
        approverId: 'a1',
        role: 'archiveAdmin',
        at: '2024-03-04T02:00:00Z',
        from: '2024-03-04T00:00:00Z',
        to: '2024-03-08T15:59:59Z',
      },
    ],
    at: '2024-03-06T02:00:00Z',
    ...over,
  });

  it('grants internal use with purpose, department-head approval and administrator verification within the period (S003-ACCESS-01)', () => {
    const d = accessDecision(internal(), customerArchivePreset, ctx);
    expect(d.value).toMatchObject({ allowed: true, unmaskedFields: ['contact'] });
    expect(
      accessDecision(internal({ at: '2024-03-09T02:00:00Z' }), customerArchivePreset, ctx).value.allowed,
    ).toBe(false);
    const { purpose: _p, ...noPurpose } = internal();
    expect(accessDecision(noPurpose, customerArchivePreset, ctx).value.missing).toEqual(['purpose']);
  });

  it('denies fields outside the approved content and self-approval (S003-ACCESS-01)', () => {
    expect(
      accessDecision(internal({ fields: ['contact', 'income'] }), customerArchivePreset, ctx).value.allowed,
    ).toBe(false);
    const self = internal({ actor: { id: 'h1', roles: ['departmentHead'], departmentId: 'sales' } });
    expect(accessDecision(self, customerArchivePreset, ctx).value.missing).toContain(
      'approval:departmentHead',
    );
  });

  const share = (over: Partial<AccessRequestInput> = {}): AccessRequestInput => ({
    actor: { id: 'u1', roles: ['csManager'] },
    action: 'share',
    file: { id: 'C1', fileTypeId: 'customerArchive003' },
    recipient: { id: 'bank', kind: 'partner' },
    lawfulBasis: true,
    customerAuthorization: { at: '2024-03-01T00:00:00Z' },
    ndaSignedAt: '2024-03-01T00:00:00Z',
    approvals: [{ approverId: 'm1', role: 'management', at: '2024-03-02T00:00:00Z' }],
    at: '2024-03-04T02:00:00Z',
    ...over,
  });

  it('shares externally only with law, customer authorisation, an NDA signed first and management approval (S003-ACCESS-02)', () => {
    expect(accessDecision(share(), customerArchivePreset, ctx).value).toMatchObject({
      allowed: true,
      missing: [],
    });
    const { customerAuthorization: _a, ...noAuth } = share();
    expect(accessDecision(noAuth, customerArchivePreset, ctx).value.missing).toEqual([
      'customerAuthorization',
    ]);
    expect(
      accessDecision(share({ ndaSignedAt: '2024-03-05T00:00:00Z' }), customerArchivePreset, ctx).value
        .missing,
    ).toEqual(['ndaBeforeAccess']);
  });

  it('denies by default what no rule grants, and says so in the trace (S003-ACCESS-03)', () => {
    const d = accessDecision(
      {
        actor: { id: 'x', roles: ['salesperson'] },
        action: 'view',
        file: { id: 'C', fileTypeId: 'customerInformationFile' },
      },
      salesSitePreset,
      ctx,
    );
    expect(d.value.allowed).toBe(false);
    expect(d.trace[0]?.rule).toBe(DEFAULT_ACCESS_RULE);
  });
});

describe('auditAccessLog', () => {
  it('emits a violation for each logged access the rules deny (S000-ACCESS-03)', () => {
    const log: AccessRequestInput[] = [
      {
        actor: { id: 's1', roles: ['salesperson'], departmentId: 'sales' },
        action: 'view',
        file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
        at: '2024-03-05T02:00:00Z',
      },
      {
        actor: { id: 'k1', roles: ['customerFileCustodian'] },
        action: 'view',
        file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
        at: '2024-03-05T03:00:00Z',
      },
    ];
    const d = auditAccessLog(log, salesCompanyFilesPreset, ctx);
    expect(d.value).toEqual([
      expect.objectContaining({
        code: 'records.access.unauthorised',
        personId: 's1',
        departmentId: 'sales',
        occurredAt: '2024-03-05T02:00:00.000Z',
        source: expect.objectContaining({ rule: 'S000-ACCESS-03' }),
      }),
    ]);
    expect(d.trace).toHaveLength(2);
  });
});

describe('accessDecision: properties', () => {
  it('never turns an allowed access into a denied one by adding approvals (S000B-ACCESS-02)', () => {
    const approval = fc.record({
      approverId: fc.constantFrom('gm', 'mgr1', 'mgr2', 's1'),
      role: fc.constantFrom('generalManager', 'departmentManager', 'clerk'),
      departmentId: fc.constantFrom('D1', 'D2'),
      at: fc.constant(before),
    });
    fc.assert(
      fc.property(
        fc.array(approval, { maxLength: 4 }),
        fc.array(approval, { maxLength: 3 }),
        fc.constantFrom('D1', 'D2'),
        (a, b, owner) => {
          const run = (approvals: typeof a) =>
            accessDecision(
              {
                actor: { id: 's1', roles: ['salesperson'], departmentId: 'D1' },
                action: 'view',
                file: { id: 'C', fileTypeId: 'corporateCustomerArchive', ownerDepartmentId: owner },
                approvals,
              },
              corporateArchivePreset,
              ctx,
            );
          const first = run(a);
          expect(first.trace.length).toBeGreaterThan(0);
          if (first.value.allowed) expect(run([...a, ...b]).value.allowed).toBe(true);
        },
      ),
    );
  });
});

describe('accessDecision: a company borrowing policy as data', () => {
  it('adds an approval for lending without code: the seed leaves the borrowing policy to the company (S000-ACCESS-02)', () => {
    const policy = defineRecordsPolicy({
      ...dealerFilesPreset,
      params: {
        ...dealerFilesPreset.params,
        accessRules: [
          ...dealerFilesPreset.params.accessRules,
          {
            rule: 'S000-ACCESS-02',
            clause: 'company borrowing policy §2',
            fileTypes: ['*'],
            actions: ['lend'],
            exemptRoles: ['archiveAdmin'],
            requires: [{ kind: 'approval', role: 'customerCareManager' }, { kind: 'purpose' }],
          },
        ],
      },
    });
    const lend = (approvals: AccessRequestInput['approvals'], purpose?: string) =>
      accessDecision(
        {
          actor: { id: 'u1', roles: ['salesManager'], authenticated: true },
          action: 'lend',
          file: { id: 'VIN-1', fileTypeId: 'newCarSalesFile' },
          approvals,
          ...(purpose ? { purpose } : {}),
        },
        policy,
        ctx,
      ).value;
    expect(lend([]).missing).toEqual(['approval:customerCareManager', 'purpose']);
    expect(lend([{ approverId: 'cc', role: 'customerCareManager', at: before }], 'claim').allowed).toBe(true);
  });
});
