/**
 * The Chinese names of the machine words records shows a reader: what an access request lacks. The
 * machine key stays in the trace's `data` and the decision; the Chinese text names it in Chinese.
 * @internal
 */
export const MISSING_ZH: Readonly<Record<string, string>> = {
  authenticated: '身份认证',
  approval: '审批',
  role: '岗位',
  department: '部门',
  sameDepartment: '同部门',
  purpose: '用途',
  lawfulBasis: '合法依据',
  customerAuthorization: '客户授权',
  ndaBeforeAccess: '事先签署保密协议',
  participant: '经办人身份',
  recusal: '回避(被投诉人不得查阅)',
  fileState: '档案状态',
  self: '本人档案',
  onLoan: '档案未外借',
  permission: '权限',
  place: '指定地点',
  proof: '证明材料',
  record: '登记记录',
  forbidden: '禁止',
};

/**
 * One missing requirement (`approval:fileKeeper`, `record`) said in Chinese (`审批:fileKeeper`,
 * `登记记录`); the part after `:` is the company's own name and is kept as written. @internal
 */
export function missingZh(key: string): string {
  const at = key.indexOf(':');
  const kind = at < 0 ? key : key.slice(0, at);
  const name = MISSING_ZH[kind] ?? kind;
  return at < 0 ? name : `${name}:${key.slice(at + 1)}`;
}
