import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EvalContext, makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { creditGradePolicy } from './credit-grades/policy.js';
import { checkCreditSale } from './credit-grades/terms.js';
import { badDebtLiability, monthEndRecovery, unapprovedShipmentLiability } from './credit-line/liability.js';
import { distributorCreditLinePolicy } from './credit-line/policy.js';
import { dailyGoodsFromInvoices } from './credit-line/rolling-limit.js';
import { checkShipment } from './credit-line/shipment.js';
import { partnerGradingPolicy } from './partners/policy.js';
import { applyPartnerGradeChange, screenPartner } from './partners/rules.js';
import { canTransact } from './tiers/blacklist.js';
import { gradeCustomer } from './tiers/grading.js';
import { customerTierPolicy } from './tiers/policy.js';
import { checkVipDowngrade } from './tiers/reviews.js';

type Scenario = {
  name: string;
  rules: string[];
  preset: string;
  presetInput: never;
  now: string;
  call: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
};

// Scenario accounts may give their goods as invoices plus the range the data covers; the runner
// turns them into the daily series, as an ERP integration would.
function account(input: Record<string, unknown>, zone: string): unknown {
  const { goodsFromInvoices, ...rest } = input as { goodsFromInvoices?: { invoices: never; covered: never } };
  if (goodsFromInvoices === undefined) return input;
  return {
    ...rest,
    goods: dailyGoodsFromInvoices(goodsFromInvoices.invoices, goodsFromInvoices.covered, zone),
  };
}

/** A named argument of the scenario's input; a scenario missing it is a broken file. */
function arg(input: Record<string, unknown>, key: string): never {
  if (!(key in input)) throw new Error(`scenario input has no "${key}"`);
  return input[key] as never;
}

const presets: Record<string, (input: never) => { zone: string }> = {
  distributorCreditLine: distributorCreditLinePolicy,
  customerTiers: customerTierPolicy,
  creditGrades: creditGradePolicy,
  partnerGrading: partnerGradingPolicy,
};

const calls: Record<
  string,
  (
    input: Record<string, unknown>,
    policy: never,
    ctx: EvalContext,
  ) => { value: unknown; trace: { rule: string }[] }
> = {
  checkShipment: (i, p, ctx) =>
    checkShipment(
      account(arg(i, 'account'), (p as { zone: string }).zone) as never,
      arg(i, 'shipment'),
      p,
      ctx,
    ),
  monthEndRecovery: (i, p, ctx) => monthEndRecovery(arg(i, 'shipment'), arg(i, 'collections'), p, ctx),
  unapprovedShipmentLiability: (i, p) => unapprovedShipmentLiability(arg(i, 'batch'), p),
  badDebtLiability: (i, p) => badDebtLiability(arg(i, 'debt'), p),
  gradeCustomer: (i, p) => gradeCustomer(arg(i, 'customer'), arg(i, 'department'), p),
  checkVipDowngrade: (i, p, ctx) => checkVipDowngrade(arg(i, 'evaluation'), p, ctx),
  canTransact: (i, p) => canTransact(arg(i, 'request'), arg(i, 'entries'), p),
  checkCreditSale: (i, p) => checkCreditSale(arg(i, 'sale'), p),
  screenPartner: (i, p) => screenPartner(arg(i, 'items'), p),
  applyPartnerGradeChange: (i, p) => applyPartnerGradeChange(arg(i, 'change'), p),
};

const root = fileURLToPath(new URL('../scenarios', import.meta.url));

for (const dir of readdirSync(root).sort()) {
  describe(`scenarios/${dir}`, () => {
    for (const file of readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const s = JSON.parse(readFileSync(join(root, dir, file), 'utf8')) as Scenario;
      it(`${s.name} (${s.rules.join(', ')})`, () => {
        const build = presets[s.preset];
        const run = calls[s.call];
        if (build === undefined || run === undefined)
          throw new Error(`unknown preset ${s.preset} or call ${s.call}`);
        const policy = build(s.presetInput);
        const d = run(s.input, policy as never, makeContext({ now: s.now }));
        expect(d.value).toMatchObject(s.expected);
        for (const rule of s.rules) expect(d.trace.map((t) => t.rule)).toContain(rule);
      });
    }
  });
}
