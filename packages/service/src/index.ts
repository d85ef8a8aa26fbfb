/**
 * @packageDocumentation
 * Reception classes and budgets, referral rewards, follow-up programmes, revisit rates and KPIs.
 */
export {};
