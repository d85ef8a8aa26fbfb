import { z } from 'zod';

/** The events a row's clock can start from (catalog 6.1 `Anchor`). */
export const AnchorSchema = z.enum([
  'request',
  'acceptance',
  'arrival',
  'discovery',
  'alarm',
  'fundsReceived',
  'acceptancePassed',
  'documentsComplete',
  'orderReceived',
  'orderAndSignal',
  'outageStart',
  'rainStart',
  'agreedTime',
]);
export type Anchor = z.infer<typeof AnchorSchema>;

/** How one phase of a row is timed (catalog 6.1 `Deadline`). */
export const PhaseDeadlineSchema = z.union([
  z.object({ rings: z.number().int().positive() }).strict(),
  z.object({ seconds: z.number().int().positive(), from: AnchorSchema }).strict(),
  z.object({ minutes: z.number().int().positive(), from: AnchorSchema }).strict(),
  z.object({ workingDays: z.number().int().positive(), from: AnchorSchema }).strict(),
  z.object({ sameDay: z.literal(true), from: AnchorSchema }).strict(),
  z.object({ immediate: z.literal(true) }).strict(),
  z.object({ onAppointment: z.literal(true) }).strict(),
  z.object({ onTheSpot: z.literal(true) }).strict(),
  z.object({ onTheSpotOrWorkingDays: z.number().int().positive(), from: AnchorSchema }).strict(),
  z.object({ continuous24h: z.literal(true) }).strict(),
  z.object({ automatic: z.literal(true) }).strict(),
  z.object({ monthlyByDayOfMonth: z.number().int().min(1).max(31) }).strict(),
  z.object({ minutesBefore: z.number().int().positive(), of: z.literal('outageStart') }).strict(),
  z
    .object({
      atLeast: z.number().int().positive(),
      per: z.enum(['day', 'month', 'floorDay']),
      window: z.object({ from: z.string(), to: z.string(), excludeHolidays: z.boolean() }).strict().optional(),
    })
    .strict(),
]);
export type PhaseDeadline = z.infer<typeof PhaseDeadlineSchema>;

/** One row of the 004 service-time commitment tables (物业服务时间承诺, 004 L22–126). */
export const ServiceRowSchema = z
  .object({
    id: z.string().regex(/^T[1-6]-\d{2}[a-c]?$/),
    line: z.string(),
    rule: z.string(),
    itemZh: z.string().min(1),
    item: z.string().min(1),
    phases: z
      .array(
        z.intersection(
          z.object({
            phase: z.string().min(1),
            condition: z.object({ attribute: z.string(), equals: z.union([z.string(), z.boolean()]) }).optional(),
            rule: z.string().optional(),
          }),
          PhaseDeadlineSchema,
        ),
      )
      .min(1),
  })
  .strict();
export type ServiceRow = z.infer<typeof ServiceRowSchema>;

const m = (phase: string, minutes: number, from: Anchor = 'request') => ({ phase, minutes, from });
const wd = (phase: string, workingDays: number, from: Anchor = 'request') => ({ phase, workingDays, from });
const quota = (atLeast: number, per: 'day' | 'month' | 'floorDay') => ({ phase: 'perform', atLeast, per });

/**
 * The six service-time tables of seed 004 (83 rows), transcribed from the catalog's machine-readable
 * reconstruction (seed-002-004.md §6.1). Row ids T1-01…T6-10 are the catalog's; `rule` is the
 * catalog id the row implements; `line` is the seed line.
 */
export const SERVICE_TABLES_004: readonly ServiceRow[] = z.array(ServiceRowSchema).parse([
  { id: 'T1-01', line: '26', rule: 'S004-SLA-02', itemZh: '接聽電話', item: 'Answer hotline', phases: [{ phase: 'answer', rings: 3 }] },
  { id: 'T1-02', line: '27', rule: 'S004-SLA-03', itemZh: '新租戶進駐', item: 'New tenant move-in', phases: [{ phase: 'arrive', onAppointment: true }] },
  { id: 'T2-01', line: '30', rule: 'S004-SLA-05', itemZh: '大廈(小區)出入證', item: 'Access pass', phases: [m('complete', 10)] },
  { id: 'T2-02', line: '31', rule: 'S004-SLA-05', itemZh: '非辦公時間加班', item: 'After-hours use', phases: [m('complete', 10)] },
  { id: 'T2-03', line: '32', rule: 'S004-SLA-05', itemZh: '辦租用停車位手續', item: 'Parking registration', phases: [m('complete', 10)] },
  { id: 'T2-04', line: '33', rule: 'S004-SLA-07', itemZh: '制作水牌', item: 'Directory sign', phases: [wd('complete', 7)] },
  { id: 'T2-05', line: '34', rule: 'S004-SLA-05', itemZh: '使用專梯', item: 'Freight-lift use', phases: [m('complete', 10)] },
  {
    id: 'T2-06',
    line: '35',
    rule: 'S004-SLA-03',
    itemZh: '收購廢品',
    item: 'Scrap collection',
    phases: [{ phase: 'accept', immediate: true }, { phase: 'collect', onAppointment: true }],
  },
  { id: 'T2-07', line: '36', rule: 'S004-SLA-05', itemZh: '物品寄存', item: 'Item storage', phases: [m('complete', 10)] },
  { id: 'T2-08', line: '37', rule: 'S004-SLA-05', itemZh: '租用會議室', item: 'Meeting-room booking', phases: [m('complete', 10)] },
  { id: 'T2-09', line: '38', rule: 'S004-SLA-05', itemZh: '大件物品放行', item: 'Large-item release', phases: [m('approve', 10)] },
  {
    id: 'T2-10',
    line: '39',
    rule: 'S004-SLA-04',
    itemZh: '用戶投訴',
    item: 'User complaint',
    phases: [
      { phase: 'accept', immediate: true },
      m('reply', 60, 'acceptance'),
      { ...wd('writtenReply', 3, 'acceptance'), condition: { attribute: 'writtenReplyRequired', equals: true } },
    ],
  },
  { id: 'T2-11', line: '40', rule: 'S004-SLA-06', itemZh: '用戶遷出(小區)大廈', item: 'Move-out', phases: [m('complete', 30)] },
  { id: 'T2-12a', line: '41–42', rule: 'S004-SLA-05', itemZh: '收取管理費等 — 支票交費', item: 'Fee collection by cheque', phases: [m('complete', 10)] },
  { id: 'T2-12b', line: '41–42', rule: 'S004-SLA-05', itemZh: '收取管理費等 — 現金交費', item: 'Fee collection in cash', phases: [m('complete', 10)] },
  { id: 'T2-13', line: '43', rule: 'S004-SLA-05', itemZh: '查詢管理費、電費、維修費、裝修保證金等', item: 'Fee enquiry', phases: [m('complete', 10)] },
  { id: 'T2-14', line: '44', rule: 'S004-SLA-05', itemZh: '臨時打印管理費單', item: 'Ad-hoc fee bill', phases: [m('complete', 10)] },
  { id: 'T2-15', line: '45', rule: 'S004-SLA-08', itemZh: '收管理費匯款', item: 'Fee remittance', phases: [wd('complete', 3, 'fundsReceived')] },
  { id: 'T2-16', line: '46', rule: 'S004-SLA-09', itemZh: '派發管理費"付款通知書"', item: 'Payment notices', phases: [{ phase: 'complete', monthlyByDayOfMonth: 10 }] },
  { id: 'T2-17a', line: '47–49', rule: 'S004-SLA-10', itemZh: '裝修驗收合格 → 將裝修保證金退還用戶', item: 'Deposit refund after fit-out acceptance', phases: [wd('refund', 3, 'acceptancePassed')] },
  { id: 'T2-17b', line: '47–49', rule: 'S004-SLA-05', itemZh: '退還保證金(櫃台)', item: 'Deposit refund at counter', phases: [m('complete', 10)] },
  { id: 'T3-01', line: '53', rule: 'S004-SLA-05', itemZh: '借用手推車、雨傘', item: 'Trolley/umbrella loan', phases: [m('complete', 10)] },
  { id: 'T3-02', line: '55', rule: 'S004-SLA-05', itemZh: '物品檢查放行', item: 'Goods release', phases: [m('complete', 10)] },
  { id: 'T3-03', line: '56', rule: 'S004-SLA-05', itemZh: '出入登記', item: 'Entry/exit log', phases: [m('complete', 10)] },
  { id: 'T3-04', line: '58', rule: 'S004-SLA-18', itemZh: '車場出、入道阻塞', item: 'Car-park lane blocked', phases: [m('arrive', 3), m('restore', 10, 'arrival')] },
  { id: 'T3-05', line: '60', rule: 'S004-SLA-05', itemZh: '車輛安全檢查', item: 'Vehicle safety check', phases: [m('complete', 10)] },
  { id: 'T3-06', line: '61', rule: 'S004-SLA-19', itemZh: '協助調查失物', item: 'Lost property', phases: [m('reply', 60)] },
  { id: 'T3-07', line: '63', rule: 'S004-SLA-00', itemZh: '小區內部安全防范工作', item: 'Internal security', phases: [{ phase: 'perform', continuous24h: true }] },
  { id: 'T3-08', line: '64', rule: 'S004-SLA-00', itemZh: '小區監控', item: 'CCTV', phases: [{ phase: 'perform', continuous24h: true }] },
  { id: 'T3-09', line: '65', rule: 'S004-SLA-20', itemZh: '煙感警鈴報警', item: 'Smoke-detector alarm', phases: [m('arrive', 3, 'alarm')] },
  { id: 'T3-10', line: '66', rule: 'S004-SLA-20', itemZh: '火警電話報警', item: 'Fire call', phases: [m('arrive', 3, 'alarm')] },
  { id: 'T3-11', line: '67', rule: 'S004-SLA-21', itemZh: '用戶被搶或生命財產受到威脅的報警求救電話', item: 'Robbery / threat', phases: [m('arrive', 5)] },
  { id: 'T3-12', line: '68', rule: 'S004-SLA-21', itemZh: '用戶報失竊', item: 'Theft report', phases: [m('arrive', 5)] },
  { id: 'T3-13', line: '69', rule: 'S004-SLA-21', itemZh: '用戶請求援助電話', item: 'Assistance call', phases: [m('arrive', 5)] },
  { id: 'T3-14', line: '70', rule: 'S004-SLA-22', itemZh: '治安、消防的咨詢服務', item: 'Security/fire enquiry', phases: [{ phase: 'reply', onTheSpotOrWorkingDays: 1, from: 'request' }] },
  { id: 'T3-15a', line: '71–72', rule: 'S004-SLA-05', itemZh: '代鎖(開)門戶 (1) 登記', item: 'Entrusted locking', phases: [m('complete', 10)] },
  { id: 'T3-15b', line: '71–72', rule: 'S004-SLA-23', itemZh: '代鎖(開)門戶 (2) 發現未鎖', item: 'Unlocked door found', phases: [m('lock', 5, 'discovery'), m('contactEmergencyContact', 10, 'discovery')] },
  { id: 'T3-15c', line: '71–72', rule: 'S004-SLA-23', itemZh: '代鎖(開)門戶 (3)', item: 'Lock/unlock for user', phases: [m('arrive', 5)] },
  { id: 'T4-01', line: '75', rule: 'S004-SLA-24', itemZh: '勸阻推銷', item: 'Stop canvassing', phases: [m('arrive', 7)] },
  { id: 'T4-02', line: '76', rule: 'S004-SLA-00', itemZh: '回訪用戶', item: 'User revisits', phases: [quota(10, 'month')] },
  { id: 'T4-03', line: '77', rule: 'S004-SLA-00', itemZh: '綠化管理', item: 'Landscaping', phases: [quota(2, 'day')] },
  { id: 'T4-04', line: '79', rule: 'S004-SLA-13', itemZh: '工程報修', item: 'Repair request', phases: [m('issueWorkOrder', 3, 'acceptance'), m('phoneReply', 15, 'acceptance')] },
  { id: 'T4-05a', line: '80–81', rule: 'S004-SLA-16', itemZh: '開通電話 (1)', item: 'Phone activation', phases: [m('complete', 60, 'orderReceived')] },
  { id: 'T4-05b', line: '80–81', rule: 'S004-SLA-16', itemZh: '開通電話 (2)', item: 'External / dedicated line', phases: [m('complete', 60, 'orderAndSignal')] },
  { id: 'T4-06', line: '82', rule: 'S004-SLA-16', itemZh: '室內通訊設備布置', item: 'In-unit comms setup', phases: [m('arrive', 15)] },
  { id: 'T4-07', line: '83', rule: 'S004-SLA-16', itemZh: '排除電訊故障', item: 'Phone fault', phases: [m('arrive', 30)] },
  { id: 'T4-08', line: '84', rule: 'S004-SLA-17', itemZh: '工程咨詢服務', item: 'Engineering enquiry', phases: [m('arrive', 15), { phase: 'reply', onTheSpot: true }] },
  { id: 'T4-09a', line: '85–86', rule: 'S004-SLA-16', itemZh: '通訊線路故障 (1) 內部線路或設備', item: 'Line fault — internal', phases: [wd('resolve', 1)] },
  { id: 'T4-09b', line: '85–86', rule: 'S004-SLA-16', itemZh: '通訊線路故障 (2) 電信局設備', item: 'Line fault — telecom', phases: [{ phase: 'reply', sameDay: true, from: 'request' }] },
  {
    id: 'T4-10',
    line: '87',
    rule: 'S004-SLA-17',
    itemZh: '電子門鎖故障',
    item: 'Electronic door lock',
    phases: [
      m('arrive', 15),
      { phase: 'resolve', onTheSpot: true, condition: { attribute: 'faultKind', equals: 'simple' } },
      { phase: 'explain', onTheSpot: true, condition: { attribute: 'faultKind', equals: 'major' } },
    ],
  },
  { id: 'T4-11a', line: '88–89', rule: 'S004-SLA-17', itemZh: '公共電視故障 — 一般故障', item: 'Public TV — general', phases: [m('arrive', 20), { phase: 'resolve', onTheSpot: true }] },
  { id: 'T4-11b', line: '88–89', rule: 'S004-SLA-17', itemZh: '公共電視故障 — 特殊情況', item: 'Public TV — special', phases: [m('arrive', 20), { phase: 'explain', onTheSpot: true }] },
  {
    id: 'T4-12',
    line: '90',
    rule: 'S004-SLA-17',
    itemZh: '用戶其他弱電設備故障',
    item: 'Other low-voltage faults',
    phases: [m('arrive', 5), { phase: 'explain', onTheSpot: true, condition: { attribute: 'resolvable', equals: false } }],
  },
  { id: 'T4-13a', line: '91–92', rule: 'S004-SLA-11', itemZh: '二次裝修審批 — 只作簡單的間隔', item: 'Fit-out approval — simple partitions', phases: [wd('approve', 2, 'documentsComplete')] },
  { id: 'T4-13b', line: '91–92', rule: 'S004-SLA-11', itemZh: '二次裝修審批 — 涉及中央空調、消防系統', item: 'Fit-out approval — central systems', phases: [wd('approve', 3, 'documentsComplete')] },
  { id: 'T4-13c', line: '92', rule: 'S004-SLA-11', itemZh: '二次裝修審批 — 整層客戶', item: 'Fit-out approval — whole floor', phases: [wd('approve', 5, 'documentsComplete')] },
  {
    id: 'T5-01',
    line: '95–96',
    rule: 'S004-SLA-12',
    itemZh: '用戶申請裝修驗收',
    item: 'Fit-out acceptance inspection',
    phases: [
      { phase: 'arrive', onAppointment: true, rule: 'S004-SLA-03' },
      m('inspect', 60, 'arrival'),
      { ...wd('handToFinance', 2, 'acceptancePassed'), rule: 'S004-SLA-10' },
    ],
  },
  { id: 'T5-02', line: '97', rule: 'S004-SLA-14', itemZh: '用戶室內跳閘', item: 'Tripped breaker', phases: [m('arrive', 15)] },
  { id: 'T5-03', line: '98', rule: 'S004-SLA-14', itemZh: '更換光管、啟輝器', item: 'Fluorescent tube / starter', phases: [m('arrive', 30), m('complete', 15, 'arrival')] },
  { id: 'T5-04', line: '99', rule: 'S004-SLA-14', itemZh: '更換鎮(壓)流器、光管腳', item: 'Ballast / tube holder', phases: [m('arrive', 30), m('complete', 25, 'arrival')] },
  { id: 'T5-05', line: '100', rule: 'S004-SLA-14', itemZh: '更換開關、插座', item: 'Switch / socket', phases: [m('arrive', 30), m('complete', 30, 'arrival')] },
  { id: 'T5-06', line: '101', rule: 'S004-SLA-14', itemZh: '更換石英燈', item: 'Quartz lamp', phases: [m('arrive', 30), m('complete', 30, 'arrival')] },
  { id: 'T5-07', line: '102', rule: 'S004-SLA-14', itemZh: '加裝光管盤', item: 'Add fluorescent fitting', phases: [m('arrive', 30), m('complete', 60, 'arrival')] },
  { id: 'T5-08', line: '103', rule: 'S004-SLA-14', itemZh: '加裝電源插座', item: 'Add power socket', phases: [m('arrive', 30)] },
  { id: 'T5-09', line: '104', rule: 'S004-SLA-14', itemZh: '維修玻璃門', item: 'Glass door', phases: [m('arrive', 30), m('complete', 60, 'arrival')] },
  { id: 'T5-10', line: '105', rule: 'S004-SLA-14', itemZh: '維修安裝球鎖、抽屜鎖', item: 'Knob lock / drawer lock', phases: [m('arrive', 30), m('complete', 60, 'arrival')] },
  { id: 'T5-11a', line: '106–107', rule: 'S004-SLA-14', itemZh: '房間天花 — 更換', item: 'Ceiling — replace', phases: [m('arrive', 60), m('complete', 15, 'arrival')] },
  { id: 'T5-11b', line: '106–107', rule: 'S004-SLA-14', itemZh: '房間天花 — 下墜維修', item: 'Ceiling — sagging', phases: [m('arrive', 30), m('complete', 60, 'arrival')] },
  { id: 'T5-12', line: '108', rule: 'S004-SLA-15', itemZh: '增改噴淋頭', item: 'Sprinkler heads', phases: [wd('complete', 3, 'agreedTime')] },
  { id: 'T5-13', line: '109', rule: 'S004-SLA-14', itemZh: '空調漏水', item: 'AC leak', phases: [m('arrive', 15), m('complete', 90, 'arrival')] },
  { id: 'T6-01', line: '113', rule: 'S004-SLA-00', itemZh: '公共走廊、電梯候梯廳清潔', item: 'Corridors & lift lobbies', phases: [quota(5, 'floorDay')] },
  { id: 'T6-02a', line: '114–115', rule: 'S004-SLA-00', itemZh: '清潔檢查 — 全面檢查', item: 'Full cleanliness inspection', phases: [quota(2, 'day')] },
  { id: 'T6-02b', line: '114–115', rule: 'S004-SLA-00', itemZh: '清潔檢查 — 巡查', item: 'Cleaning patrol', phases: [quota(6, 'day')] },
  {
    id: 'T6-03a',
    line: '116–117',
    rule: 'S004-SLA-00',
    itemZh: '洗手間、茶水間 — 全面洗擦',
    item: 'Washroom/pantry full clean',
    phases: [{ phase: 'perform', atLeast: 6, per: 'day', window: { from: '08:00', to: '18:00', excludeHolidays: true } }],
  },
  { id: 'T6-03b', line: '116–117', rule: 'S004-SLA-00', itemZh: '收集處理茶水間、垃圾處', item: 'Pantry/garbage collection', phases: [quota(4, 'day')] },
  { id: 'T6-04', line: '118', rule: 'S004-SLA-25', itemZh: '雨天防滑措施', item: 'Rain anti-slip', phases: [m('complete', 15, 'rainStart')] },
  { id: 'T6-05', line: '119', rule: 'S004-SLA-25', itemZh: '提供裝雨傘服務', item: 'Umbrella bags', phases: [m('complete', 10, 'rainStart')] },
  { id: 'T6-06', line: '121', rule: 'S004-SLA-26', itemZh: '客人困梯求救', item: 'Lift entrapment', phases: [{ phase: 'accept', immediate: true }, m('rescue', 5)] },
  { id: 'T6-07', line: '122', rule: 'S004-SLA-27', itemZh: '水浸、水管爆裂等突發事件', item: 'Flooding / burst pipe', phases: [m('arrive', 5)] },
  { id: 'T6-08a', line: '123–124', rule: 'S004-SLA-28', itemZh: '主供電源轉備供電源', item: 'Main → backup supply', phases: [{ phase: 'switchover', automatic: true }] },
  { id: 'T6-08b', line: '123–124', rule: 'S004-SLA-28', itemZh: '主備供電源轉為發電機供電', item: 'Mains → generator', phases: [{ phase: 'switchover', seconds: 30, from: 'outageStart' }] },
  { id: 'T6-09', line: '125', rule: 'S004-SLA-29', itemZh: '小區事先通知停電', item: 'Planned outage broadcast', phases: [{ phase: 'broadcast', minutesBefore: 20, of: 'outageStart' }] },
  { id: 'T6-10', line: '126', rule: 'S004-SLA-30', itemZh: '遇到大廈(小區)突然停電', item: 'Sudden outage', phases: [m('notify', 3, 'outageStart')] },
]);
