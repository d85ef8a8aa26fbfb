/**
 * The Chinese names of the reason codes credit shows a reader (why a term proposal, a grade change or
 * a discount candidate fails). The code stays in the decision's value; the zh trace names it in Chinese.
 * @internal
 */
export const REASON_ZH: Readonly<Record<string, string>> = {
  limitAboveOnePurchase: '授信额超过一次进货额',
  approvalRequired: '授信额须经审批',
  reviewRequired: '授信须先通过审查',
  limitAboveSmallMax: '授信额超过小额上限',
  noCreditForGrade: '该等级不给予信用',
  termAboveOneCycle: '信用期超过一个进货周期',
  unknownGrade: '目标级别不存在',
  initiatorMustBeResponsibleUnit: '须由责任单位发起',
  approvalMissing: '缺少审批',
  notTopRanked: '排名未进前列',
  shortRecord: '评级记录不足一个周期',
  notOutstanding: '某方面未达突出',
};

/**
 * One reason code (`approvalMissing:marketDevelopment`, `notTopRanked`) said in Chinese
 * (`缺少审批:marketDevelopment`); the part after `:` is the company's own name, kept as written.
 * @internal
 */
export function reasonZh(code: string): string {
  const at = code.indexOf(':');
  const kind = at < 0 ? code : code.slice(0, at);
  const name = REASON_ZH[kind] ?? kind;
  return at < 0 ? name : `${name}:${code.slice(at + 1)}`;
}
