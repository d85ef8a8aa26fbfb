import { isZhiduError } from './errors.js';

/** What an adapter (an HTTP API, a queue consumer) needs to know about one `ZhiduError` code. */
export interface ErrorCodeInfo {
  /** The HTTP status an adapter answers with. */
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;
  /** Whether the same call may succeed if repeated unchanged (after a pause). */
  readonly retryable: boolean;
  /** What the code means, Chinese and English. */
  readonly meaning: string;
  /** What the caller should do, Chinese and English. */
  readonly action: string;
}

/**
 * Every `ZhiduError` code zhidu throws, with its HTTP status, whether a retry can help, what it means
 * and what the caller should do — the data behind `docs/errors.md` (generated from this table and the
 * source by `scripts/error-catalog.mjs`; a test fails when the source throws a code missing here).
 *
 * Statuses: malformed input and unknown keys 400; a well-formed value that cannot be used (a date that
 * does not exist, fractional fen, events out of order, a policy not in force, a year without calendar
 * data) 422; an id that names nothing 404; a clash with what is already there (duplicate, concurrent
 * append, idempotency key reused) 409; the database unreachable 503 (retryable); a bug 500. The HTTP
 * server's own refusals: no token or a wrong one 401, a tenant the token may not act for 403, a body
 * over the limit 413, the rate limit 429 (retryable).
 *
 * @example
 * ERROR_CODES.unknown_reference.status; //=> 404
 * ERROR_CODES.unavailable.retryable;    //=> true
 */
export const ERROR_CODES = {
  invalid_input: {
    status: 400,
    retryable: false,
    meaning:
      '输入的形状或类型不符合模式（缺字段、类型错误、超出范围） / the input does not match the schema (a missing field, a wrong type, a value out of range)',
    action:
      '按 path 指出的字段和 message 修正输入后重试；details 列出全部问题 / fix the field named by path as the message says, then call again; details lists every problem',
  },
  unknown_key: {
    status: 400,
    retryable: false,
    meaning:
      "输入含有模式不认识的字段（常为拼写错误），不会被静默忽略；在多种写法之间（条件的 all/any/not、公式的运算、kind 选择）也一样 / the input has a field the schema does not know (usually a typo); it is never silently ignored, inside a choice of forms too (a condition's all/any/not, a formula's operation, a kind)",
    action:
      '改正或删除 path 末尾的字段；message 给出最可能的正确字段名 / rename or remove the key at the end of path; the message names the field most likely meant',
  },
  invalid_date: {
    status: 422,
    retryable: false,
    meaning:
      '日期或时刻不存在或格式不对（须为 YYYY-MM-DD、HH:mm，年份 1000–9999） / a date or wall time that does not exist or is not YYYY-MM-DD or HH:mm (years 1000–9999)',
    action: '给出真实存在的日期或时刻 / pass a date or time that exists',
  },
  invalid_instant: {
    status: 422,
    retryable: false,
    meaning:
      '时间点无法解析或缺少时区偏移（不带偏移的本地时间有歧义，不会猜测） / an instant that cannot be read or has no offset (a local time without a zone is ambiguous and never guessed)',
    action:
      '使用带偏移的 ISO-8601（如 2025-01-24T17:40:00+08:00）或毫秒时间戳 / send ISO-8601 with an offset (e.g. 2025-01-24T17:40:00+08:00) or epoch milliseconds',
  },
  invalid_zone: {
    status: 422,
    retryable: false,
    meaning: '运行环境不认识的 IANA 时区 / an IANA time zone this runtime does not know',
    action: '使用 IANA 时区名，如 Asia/Shanghai / use an IANA zone name such as Asia/Shanghai',
  },
  invalid_money: {
    status: 422,
    retryable: false,
    meaning:
      '金额不是整数分或超出安全范围（金额以分为单位，不接受浮点误差） / an amount that is not a whole number of fen or is out of the safe range (money is integer fen)',
    action:
      '以整数分传入金额，或用 yuan("12.34") 从元字符串换算 / pass integer fen, or convert a decimal yuan string with yuan("12.34")',
  },
  invalid_ratio: {
    status: 422,
    retryable: false,
    meaning:
      '比例或份额不在允许范围内，或各份额之和不等于整体 / a ratio or share outside its range, or shares that do not add up to the whole',
    action: '修正比例，使其在 0–1 之间且合计正确 / correct the ratios so each is within 0–1 and they add up',
  },
  invalid_duration: {
    status: 422,
    retryable: false,
    meaning:
      '时限或数量不是允许的整数，或结果超出可计算的范围 / a time limit or count that is not an allowed integer, or whose result leaves the range zhidu computes',
    action: '给出范围内的整数时限 / pass a whole, bounded duration',
  },
  out_of_order: {
    status: 422,
    retryable: false,
    meaning:
      '同一对象的事件未按时间顺序，或早于已记录的事件 / events of one subject are not in time order, or come before one already recorded',
    action: '按时间顺序排列同一对象的事件后重试 / sort the events of each subject by time and call again',
  },
  policy_not_in_force: {
    status: 422,
    retryable: false,
    meaning:
      '该时点没有生效的制度版本（在首个版本生效前或最后版本失效后） / no version of the policy is in force at that instant (before the first version or after the last one ends)',
    action:
      '补充覆盖该时点的制度版本，或检查事件时间 / add a policy version covering that instant, or check the event time',
  },
  policy_overlap: {
    status: 422,
    retryable: false,
    meaning:
      '制度的两个版本生效期重叠，无法确定适用哪一版 / two versions of a policy are in force at the same time, so which one applies is undecidable',
    action:
      '调整 effectiveFrom、effectiveTo 使版本首尾相接 / make the versions abut (effectiveFrom, effectiveTo)',
  },
  policy_too_large: {
    status: 422,
    retryable: false,
    meaning:
      '制度含超过 100,000 个 JSON 值（最大的预设约 3,700 个）：制度不是数据集 / the policy holds more than 100,000 JSON values (the largest preset about 3,700): a policy is a regulation, not a data set',
    action:
      '把大的名单（客户、员工、记录）作为输入传入，制度只写规则；或检查生成制度的程序是否重复写入了条目 / pass large lists (customers, staff, records) as input and keep only the rules in the policy, or check that the program writing the policy does not repeat entries',
  },
  calendar_out_of_range: {
    status: 422,
    retryable: false,
    meaning:
      '日历没有该年份的数据（如国务院放假通知尚未发布），不会按周一至周五猜测 / the calendar has no data for that year (e.g. the State Council notice is not yet published); Mon–Fri is never assumed',
    action:
      '加载该年通知，或明确选择 outsideData: "provisional" 或 "weekdays" / load that year’s notice, or opt into outsideData: "provisional" or "weekdays"',
  },
  calendar_required: {
    status: 422,
    retryable: false,
    meaning:
      '按工作日计算的模块没有收到日历（不会默认周一至周五） / a module that counts working days was given no calendar (Mon–Fri is never assumed)',
    action: '在上下文中传入日历，如 chinaCalendar() / pass a calendar in the context, e.g. chinaCalendar()',
  },
  incomplete_history: {
    status: 422,
    retryable: false,
    meaning: '计算窗口需要的历史记录缺少某一天 / the history lacks a day the computation window needs',
    action: '补齐该日记录（无业务的日子记 0） / supply the missing day (a day without business as amount 0)',
  },
  invalid_state: {
    status: 422,
    retryable: false,
    meaning:
      '给出的状态自相矛盾或与事件不符（如成交前没有登记或到访） / the state given is inconsistent or does not fit the events (e.g. a deal before any registration or visit)',
    action: '检查并修正状态或事件记录 / check and correct the state or the event log',
  },
  table_overlap: {
    status: 422,
    retryable: false,
    meaning:
      '决策表的两行对某些输入同时命中，而命中策略要求唯一 / two rows of a decision table both match some input under a unique-hit policy',
    action:
      '收窄其中一行的条件，或改用 first-hit 并设置 allowOverlap / narrow one row, or use an ordered first-hit table with allowOverlap',
  },
  table_unreachable_row: {
    status: 422,
    retryable: false,
    meaning:
      '决策表中某一行永远不会命中（前面的行已覆盖） / a decision-table row can never match (an earlier row covers it)',
    action: '删除或调整该行 / remove or change the row',
  },
  unknown_reference: {
    status: 404,
    retryable: false,
    meaning:
      '引用的 id 不存在（模块、预设、客户、文件类型、规则……） / an id that names nothing known (a module, preset, customer, file type, rule …)',
    action: '改用 message 中列出的已知 id / use one of the known ids the message lists',
  },
  duplicate: {
    status: 409,
    retryable: false,
    meaning:
      '同一 id 或对象出现两次，或与已有记录冲突 / the same id or item appears twice, or clashes with one already there',
    action: '去掉重复项，或使用新的 id / remove the duplicate, or use a new id',
  },
  concurrency_conflict: {
    status: 409,
    retryable: true,
    meaning:
      '追加时流已被他人推进到新版本（乐观并发） / another writer advanced the stream first (optimistic concurrency)',
    action:
      '重新读取流、重新判定，然后以新版本重试 / re-read the stream, decide again, and retry with the new expected version',
  },
  idempotency_mismatch: {
    status: 409,
    retryable: false,
    meaning: '幂等键已用于另一个不同的请求 / the idempotency key was already used for a different request',
    action:
      '重试时发送与首次完全相同的请求，新的请求使用新的幂等键 / resend exactly the first request when retrying; use a new key for a new request',
  },
  unavailable: {
    status: 503,
    retryable: true,
    meaning:
      '所需资源暂时不可用：数据库（重启、断连、连接池耗尽；未确认的写入不会半写），或启动服务时端口已被占用 / a resource is temporarily unavailable: the database (restart, dropped connection, pool exhausted; an unacknowledged write is never half-written), or, starting the server, the port is in use',
    action:
      '稍候以相同的幂等键重试；端口被占用时换一个端口或停止占用它的进程 / retry after a pause with the same idempotency key; for a port in use, choose another or stop the process holding it',
  },
  scenario_failed: {
    status: 422,
    retryable: false,
    meaning:
      '场景的期待与模块的决定不符（或所列规则未出现在追踪中） / a scenario expects something other than what the module decided (or none of its rules appears in the trace)',
    action:
      "查看 details.mismatches：修正制度或场景的期待；不要为通过而放宽期待 / read details.mismatches: fix the policy or the scenario's expectation; do not loosen the expectation just to pass",
  },
  unauthorized: {
    status: 401,
    retryable: false,
    meaning:
      'HTTP 请求缺少 Bearer 令牌或令牌不被接受 / an HTTP request without a bearer token, or with one the server does not accept',
    action: '带上有效令牌：Authorization: Bearer <token> / send a valid token: Authorization: Bearer <token>',
  },
  forbidden: {
    status: 403,
    retryable: false,
    meaning:
      '令牌有效，但不能代表请求所指的租户 / the token is valid but may not act for the tenant the request names',
    action: '使用该租户的令牌，或更正租户头 / use a token of that tenant, or correct the tenant header',
  },
  payload_too_large: {
    status: 413,
    retryable: false,
    meaning: "HTTP 请求体超过服务器的大小上限 / the HTTP request body is over the server's size limit",
    action:
      '拆分请求（按期间或主体分批），或由运维提高上限 / split the request (by period or subject), or have the operator raise the limit',
  },
  rate_limited: {
    status: 429,
    retryable: true,
    meaning: '该令牌在当前窗口内的请求数已达上限 / the token has used up its requests for the current window',
    action:
      '按 Retry-After 或 RateLimit-Reset 头等待后重试 / wait as the Retry-After or RateLimit-Reset header says, then retry',
  },
  missing_dependency: {
    status: 500,
    retryable: false,
    meaning:
      '所需的可选依赖包未安装（如 zhidu replay 需要 @zhidu/store-postgres） / an optional package the command needs is not installed (zhidu replay needs @zhidu/store-postgres)',
    action: '按 message 所示安装该包后重试 / install the package the message names, then run it again',
  },
  internal_error: {
    status: 500,
    retryable: false,
    meaning:
      '模块内部出现非预期错误（缺陷），已包装为 ZhiduError / an unexpected failure inside a module (a bug), wrapped as a ZhiduError',
    action: '请附上输入报告此问题 / report it with the input that caused it',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A code listed in {@link ERROR_CODES}. */
export type KnownErrorCode = keyof typeof ERROR_CODES;

/**
 * The HTTP status an adapter answers with for a `ZhiduError` (of any copy of `@zhidu/core`) or an
 * error code: the code's status in {@link ERROR_CODES}; 400 for a code not listed there (a module's
 * own code: zhidu refused the input); 500 for anything that is not a `ZhiduError`. Never throws.
 *
 * @param error - a caught value, or an error code
 * @returns an HTTP status
 * @example
 * httpStatusOf(new ZhiduError('unknown_reference', ['id'], 'no such customer')); //=> 404
 * httpStatusOf('unavailable');                                                  //=> 503
 * httpStatusOf(new TypeError('x'));                                             //=> 500
 */
export function httpStatusOf(error: unknown): number {
  const code = typeof error === 'string' ? error : isZhiduError(error) ? error.code : undefined;
  if (code === undefined) return 500;
  return Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code as KnownErrorCode].status : 400;
}
