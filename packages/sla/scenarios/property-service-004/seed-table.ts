// Transcription of the service-time table of seed 004 (物業公司服務時間承諾, 004 L21–L126), one
// line per timer of the property-service-004 preset, written from the seed text — not from the
// preset or the engine. packages/sla/scripts/seed-scenarios.ts turns it into the
// seed-table-*.scenario.json files beside it; diff this file against the seed to review them.
//
// Every row is a 承諾 (a commitment with a stated limit: "N分鐘內", "N個工作日內", "當日", "按預約時間");
// none is worded 宜 / 盡量 as a target only, so every timer is hard (severity "hard"). The 004
// table names no fine and no responsible role: the timers emit no violation.
//
// `start` is the event (of the sla.timers event vocabulary) the seed's time runs from; `after`
// names the step that must come first on time (the arrival before "N分鐘內完成", 到達 before
// 當場解答); `attributes` are what the row needs on its start event.

/** How the seed states a limit. */
export type SeedLimit =
  | { minutes: number }
  | { workingDays: number }
  | { sameDay: true }
  /** 按預約時間 / 約定時間: due at the time the customer booked. */
  | { appointment: 'appointmentAt' | 'agreedAt' }
  /** "提前N在…公告" / "停電前N分鐘播放": due N minutes before the outage starts. */
  | { beforeOutage: number }
  /** 當場: due when the visit ends. */
  | { atVisitEnd: true }
  /** 鈴響N聲內: a measured ceiling on the rings. */
  | { rings: number };

export interface SeedRow {
  /** the preset's timer id (the row of the table and the step) */
  timer: string;
  /** catalog id (the timer's `rule`) */
  rule: string;
  /** seed line */
  line: string;
  /** the seed's words for the limit */
  seed: string;
  /** the event the time runs from */
  start: string;
  limit: SeedLimit;
  /** attributes of the start event besides `row` (and `grade` for the repair grades) */
  attributes?: Record<string, string | number | boolean>;
  /** a step done on time first (its timer is met): `arrive` */
  after?: 'arrive';
  /**
   * minutes from the request to that arrival (default 1). 0 where the seed leaves open whether the
   * limit runs from the report or from the arrival: both readings then give the same answer.
   */
  arrivesAfter?: number;
  /** the table row; absent for the repair grades of 2.5 */
  row?: string;
}

// biome-ignore format: a transcription table, one seed item a line
export const seedTable: SeedRow[] = [
  // 表1 前臺
  { timer: 'T1-01.answer', rule: 'S004-SLA-02', line: '004 L26', row: 'T1-01', seed: '接聽電話:鈴響3聲內', start: 'request', limit: { rings: 3 } },
  { timer: 'T1-02.arrive', rule: 'S004-SLA-03', line: '004 L27', row: 'T1-02', seed: '新租戶進駐:按用戶預約時間到達', start: 'request', limit: { appointment: 'appointmentAt' } },
  // 表2
  { timer: 'T2-01.complete', rule: 'S004-SLA-05', line: '004 L30', row: 'T2-01', seed: '大廈(小區)出入證:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-02.complete', rule: 'S004-SLA-05', line: '004 L31', row: 'T2-02', seed: '非辦公時間加班:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-03.complete', rule: 'S004-SLA-05', line: '004 L32', row: 'T2-03', seed: '辦租用停車位手續:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-04.complete', rule: 'S004-SLA-07', line: '004 L33', row: 'T2-04', seed: '制作水牌:7個工作日內完成', start: 'request', limit: { workingDays: 7 } },
  { timer: 'T2-05.complete', rule: 'S004-SLA-05', line: '004 L34', row: 'T2-05', seed: '使用專梯:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-06.collect', rule: 'S004-SLA-03', line: '004 L35', row: 'T2-06', seed: '收購廢品:即時受理;按預約時間上門收購', start: 'request', limit: { appointment: 'appointmentAt' } },
  { timer: 'T2-07.complete', rule: 'S004-SLA-05', line: '004 L36', row: 'T2-07', seed: '物品寄存:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-08.complete', rule: 'S004-SLA-05', line: '004 L37', row: 'T2-08', seed: '租用會議室:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-09.approve', rule: 'S004-SLA-05', line: '004 L38', row: 'T2-09', seed: '大件物品放行:10分鐘內審批', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-10.reply', rule: 'S004-SLA-04', line: '004 L39', row: 'T2-10', seed: '用戶投訴:即時受理;1小時內給予答復', start: 'accept', limit: { minutes: 60 } },
  { timer: 'T2-10.writtenReply', rule: 'S004-SLA-04', line: '004 L39', row: 'T2-10', seed: '用戶投訴:如需書面回復。3個工作日內完成', start: 'accept', limit: { workingDays: 3 }, attributes: { writtenReplyRequired: true } },
  { timer: 'T2-11.complete', rule: 'S004-SLA-06', line: '004 L40', row: 'T2-11', seed: '用戶遷出(小區)大廈:30分鐘內完成', start: 'request', limit: { minutes: 30 } },
  { timer: 'T2-12a.complete', rule: 'S004-SLA-05', line: '004 L41–42', row: 'T2-12a', seed: '收取管理費…支票交費:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-12b.complete', rule: 'S004-SLA-05', line: '004 L41–42', row: 'T2-12b', seed: '收取管理費…現金交費:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-13.complete', rule: 'S004-SLA-05', line: '004 L43', row: 'T2-13', seed: '查詢管理費、電費…:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-14.complete', rule: 'S004-SLA-05', line: '004 L44', row: 'T2-14', seed: '臨時打印管理費單:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T2-15.complete', rule: 'S004-SLA-08', line: '004 L45', row: 'T2-15', seed: '收管理費匯款:匯款到賬…3個工作日內完成', start: 'fundsReceived', limit: { workingDays: 3 } },
  { timer: 'T2-17a.refund', rule: 'S004-SLA-10', line: '004 L47–49', row: 'T2-17a', seed: '裝修驗收合格;退還保證金:3個工作日內完成', start: 'acceptancePassed', limit: { workingDays: 3 } },
  { timer: 'T2-17b.complete', rule: 'S004-SLA-05', line: '004 L47–49', row: 'T2-17b', seed: '收回施工出入證及保證金收據,并退還保證金:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  // 表3 主入口、大堂和停車場;保安
  { timer: 'T3-01.complete', rule: 'S004-SLA-05', line: '004 L53', row: 'T3-01', seed: '借用手推車、雨傘:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T3-02.complete', rule: 'S004-SLA-05', line: '004 L55', row: 'T3-02', seed: '物品檢查放行:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T3-03.complete', rule: 'S004-SLA-05', line: '004 L56', row: 'T3-03', seed: '出入登記:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T3-04.arrive', rule: 'S004-SLA-18', line: '004 L58', row: 'T3-04', seed: '車場出、入道阻塞:3分鐘內到達', start: 'request', limit: { minutes: 3 } },
  { timer: 'T3-04.restore', rule: 'S004-SLA-18', line: '004 L58', row: 'T3-04', seed: '車場出、入道阻塞:(到達後)10分鐘內恢復正常通車', start: 'arrive', after: 'arrive', arrivesAfter: 0, limit: { minutes: 10 } },
  { timer: 'T3-05.complete', rule: 'S004-SLA-05', line: '004 L60', row: 'T3-05', seed: '車輛安全檢查:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T3-06.reply', rule: 'S004-SLA-19', line: '004 L61', row: 'T3-06', seed: '協助調查失物:1小時內回復', start: 'request', limit: { minutes: 60 } },
  { timer: 'T3-09.arrive', rule: 'S004-SLA-20', line: '004 L65', row: 'T3-09', seed: '煙感警鈴報警:3分鐘內完成(到達報警地點)', start: 'alarm', limit: { minutes: 3 } },
  { timer: 'T3-10.arrive', rule: 'S004-SLA-20', line: '004 L66', row: 'T3-10', seed: '火警電話報警:3分鐘內完成(到達火警現場)', start: 'alarm', limit: { minutes: 3 } },
  { timer: 'T3-11.arrive', rule: 'S004-SLA-21', line: '004 L67', row: 'T3-11', seed: '用戶被搶…報警求救電話:5分鐘內完成', start: 'request', limit: { minutes: 5 } },
  { timer: 'T3-12.arrive', rule: 'S004-SLA-21', line: '004 L68', row: 'T3-12', seed: '用戶報失竊:5分鐘內完成', start: 'request', limit: { minutes: 5 } },
  { timer: 'T3-13.arrive', rule: 'S004-SLA-21', line: '004 L69', row: 'T3-13', seed: '用戶請求援助電話:5分鐘內完成', start: 'request', limit: { minutes: 5 } },
  { timer: 'T3-14.reply', rule: 'S004-SLA-22', line: '004 L70', row: 'T3-14', seed: '治安、消防的咨詢服務:當面答復或1個工作日內答復', start: 'request', limit: { workingDays: 1 } },
  { timer: 'T3-15a.complete', rule: 'S004-SLA-05', line: '004 L71–72', row: 'T3-15a', seed: '代鎖(開)門戶 (1)委托鎖門手續:10分鐘內完成', start: 'request', limit: { minutes: 10 } },
  { timer: 'T3-15b.lock', rule: 'S004-SLA-23', line: '004 L71–72', row: 'T3-15b', seed: '(2)發現用戶未鎖門:5分鐘內加鎖', start: 'discover', limit: { minutes: 5 } },
  { timer: 'T3-15b.contactEmergencyContact', rule: 'S004-SLA-23', line: '004 L71–72', row: 'T3-15b', seed: '(2)發現用戶未鎖門:10分鐘內與緊急聯絡人聯系', start: 'discover', limit: { minutes: 10 } },
  { timer: 'T3-15c.arrive', rule: 'S004-SLA-23', line: '004 L71–72', row: 'T3-15c', seed: '(3)代鎖或開門手續:5分鐘內到達', start: 'request', limit: { minutes: 5 } },
  // 表4 工程維修
  { timer: 'T4-01.arrive', rule: 'S004-SLA-24', line: '004 L75', row: 'T4-01', seed: '勸阻推銷:7分鐘內到達', start: 'request', limit: { minutes: 7 } },
  { timer: 'T4-04.issueWorkOrder', rule: 'S004-SLA-13', line: '004 L79', row: 'T4-04', seed: '工程報修:一經受理3分鐘內出工程單報修', start: 'accept', limit: { minutes: 3 } },
  { timer: 'T4-04.phoneReply', rule: 'S004-SLA-13', line: '004 L79', row: 'T4-04', seed: '工程報修:15分鐘內電話回復用戶', start: 'accept', limit: { minutes: 15 } },
  { timer: 'T4-05a.complete', rule: 'S004-SLA-16', line: '004 L80–81', row: 'T4-05a', seed: '開通電話 (1)接開通單后1時內完成', start: 'orderReceived', limit: { minutes: 60 } },
  { timer: 'T4-05b.complete', rule: 'S004-SLA-16', line: '004 L80–81', row: 'T4-05b', seed: '開通電話 (2)收到開通單且電信局將信號放入小區內1小時完成', start: 'orderReceived+signalAvailable', limit: { minutes: 60 } },
  { timer: 'T4-06.arrive', rule: 'S004-SLA-16', line: '004 L82', row: 'T4-06', seed: '室內通訊設備布置:15分鐘內到達', start: 'request', limit: { minutes: 15 } },
  { timer: 'T4-07.arrive', rule: 'S004-SLA-16', line: '004 L83', row: 'T4-07', seed: '排除電訊故障:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T4-08.arrive', rule: 'S004-SLA-17', line: '004 L84', row: 'T4-08', seed: '工程咨詢服務:15分鐘內到達', start: 'request', limit: { minutes: 15 } },
  { timer: 'T4-08.reply', rule: 'S004-SLA-17', line: '004 L84', row: 'T4-08', seed: '工程咨詢服務:當場解答', start: 'arrive', after: 'arrive', limit: { atVisitEnd: true } },
  { timer: 'T4-09a.resolve', rule: 'S004-SLA-16', line: '004 L85–86', row: 'T4-09a', seed: '通訊線路故障 (1)小區內部線路:1個工作日內解決', start: 'request', limit: { workingDays: 1 } },
  { timer: 'T4-09b.reply', rule: 'S004-SLA-16', line: '004 L85–86', row: 'T4-09b', seed: '通訊線路故障 (2)電信局設備:與電信局聯系,當天內答復', start: 'request', limit: { sameDay: true } },
  { timer: 'T4-10.arrive', rule: 'S004-SLA-17', line: '004 L87', row: 'T4-10', seed: '電子門鎖故障:15分鐘內到達', start: 'request', limit: { minutes: 15 } },
  { timer: 'T4-10.resolve', rule: 'S004-SLA-17', line: '004 L87', row: 'T4-10', seed: '電子門鎖故障:簡單故障當場解決', start: 'arrive', after: 'arrive', limit: { atVisitEnd: true }, attributes: { faultKind: 'simple' } },
  { timer: 'T4-10.explain', rule: 'S004-SLA-17', line: '004 L87', row: 'T4-10', seed: '電子門鎖故障:重大故障不能修復者,當場解釋原因', start: 'arrive', after: 'arrive', limit: { atVisitEnd: true }, attributes: { faultKind: 'major' } },
  { timer: 'T4-11a.arrive', rule: 'S004-SLA-17', line: '004 L88–89', row: 'T4-11a', seed: '公共電視故障 一般故障:20分鐘內到達', start: 'request', limit: { minutes: 20 } },
  { timer: 'T4-11a.resolve', rule: 'S004-SLA-17', line: '004 L88–89', row: 'T4-11a', seed: '公共電視故障 一般故障:當場解決', start: 'arrive', after: 'arrive', limit: { atVisitEnd: true } },
  { timer: 'T4-11b.arrive', rule: 'S004-SLA-17', line: '004 L88–89', row: 'T4-11b', seed: '公共電視故障 特殊情況:20分鐘內到達', start: 'request', limit: { minutes: 20 } },
  { timer: 'T4-11b.explain', rule: 'S004-SLA-17', line: '004 L88–89', row: 'T4-11b', seed: '公共電視故障 特殊情況:向用戶解釋原因及預計修復期限', start: 'arrive', after: 'arrive', limit: { atVisitEnd: true } },
  { timer: 'T4-12.arrive', rule: 'S004-SLA-17', line: '004 L90', row: 'T4-12', seed: '用戶其他弱電設備故障:接報后5分鐘內到達現場解決', start: 'request', limit: { minutes: 5 } },
  { timer: 'T4-12.explain', rule: 'S004-SLA-17', line: '004 L90', row: 'T4-12', seed: '用戶其他弱電設備故障:因故不能解決的說明原因', start: 'arrive', after: 'arrive', limit: { atVisitEnd: true }, attributes: { resolvable: false } },
  { timer: 'T4-13a.approve', rule: 'S004-SLA-11', line: '004 L91–92', row: 'T4-13a', seed: '二次裝修審批 只作簡單的間隔:2個工作日內批復', start: 'documentsComplete', limit: { workingDays: 2 } },
  { timer: 'T4-13b.approve', rule: 'S004-SLA-11', line: '004 L91–92', row: 'T4-13b', seed: '二次裝修審批 涉及中央空調、消防系統:3個工作日內批復', start: 'documentsComplete', limit: { workingDays: 3 } },
  { timer: 'T4-13c.approve', rule: 'S004-SLA-11', line: '004 L92', row: 'T4-13c', seed: '二次裝修審批 整層客戶:5個工作日內批復', start: 'documentsComplete', limit: { workingDays: 5 } },
  // 表5
  { timer: 'T5-01.arrive', rule: 'S004-SLA-03', line: '004 L95–96', row: 'T5-01', seed: '用戶申請裝修驗收:按預約時間到達', start: 'request', limit: { appointment: 'appointmentAt' } },
  { timer: 'T5-01.inspect', rule: 'S004-SLA-12', line: '004 L95–96', row: 'T5-01', seed: '用戶申請裝修驗收:1小時內完成', start: 'arrive', after: 'arrive', limit: { minutes: 60 } },
  { timer: 'T5-01.handToFinance', rule: 'S004-SLA-10', line: '004 L95–96', row: 'T5-01', seed: '驗收通過:交財務部辦理退裝修保證金 2個工作日內完成', start: 'acceptancePassed', limit: { workingDays: 2 } },
  { timer: 'T5-02.arrive', rule: 'S004-SLA-14', line: '004 L97', row: 'T5-02', seed: '用戶室內跳閘:15分鐘內到達', start: 'request', limit: { minutes: 15 } },
  { timer: 'T5-03.arrive', rule: 'S004-SLA-14', line: '004 L98', row: 'T5-03', seed: '更換光管、啟輝器:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-03.complete', rule: 'S004-SLA-14', line: '004 L98', row: 'T5-03', seed: '更換光管、啟輝器:15分鐘內完成', start: 'arrive', after: 'arrive', limit: { minutes: 15 } },
  { timer: 'T5-04.arrive', rule: 'S004-SLA-14', line: '004 L99', row: 'T5-04', seed: '更換鎮流器、光管腳:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-04.complete', rule: 'S004-SLA-14', line: '004 L99', row: 'T5-04', seed: '更換鎮流器、光管腳:25分鐘內完成', start: 'arrive', after: 'arrive', limit: { minutes: 25 } },
  { timer: 'T5-05.arrive', rule: 'S004-SLA-14', line: '004 L100', row: 'T5-05', seed: '更換開關、插座:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-05.complete', rule: 'S004-SLA-14', line: '004 L100', row: 'T5-05', seed: '更換開關、插座:30分鐘內完成', start: 'arrive', after: 'arrive', limit: { minutes: 30 } },
  { timer: 'T5-06.arrive', rule: 'S004-SLA-14', line: '004 L101', row: 'T5-06', seed: '更換石英燈:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-06.complete', rule: 'S004-SLA-14', line: '004 L101', row: 'T5-06', seed: '更換石英燈:30分鐘內完成', start: 'arrive', after: 'arrive', limit: { minutes: 30 } },
  { timer: 'T5-07.arrive', rule: 'S004-SLA-14', line: '004 L102', row: 'T5-07', seed: '加裝光管盤:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-07.complete', rule: 'S004-SLA-14', line: '004 L102', row: 'T5-07', seed: '加裝光管盤:1小時內完成', start: 'arrive', after: 'arrive', limit: { minutes: 60 } },
  { timer: 'T5-08.arrive', rule: 'S004-SLA-14', line: '004 L103', row: 'T5-08', seed: '加裝電源插座:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-09.arrive', rule: 'S004-SLA-14', line: '004 L104', row: 'T5-09', seed: '維修玻璃門:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-09.complete', rule: 'S004-SLA-14', line: '004 L104', row: 'T5-09', seed: '維修玻璃門:1小時內完成', start: 'arrive', after: 'arrive', limit: { minutes: 60 } },
  { timer: 'T5-10.arrive', rule: 'S004-SLA-14', line: '004 L105', row: 'T5-10', seed: '維修安裝球鎖、抽屜鎖:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-10.complete', rule: 'S004-SLA-14', line: '004 L105', row: 'T5-10', seed: '維修安裝球鎖、抽屜鎖:1小時內完成', start: 'arrive', after: 'arrive', limit: { minutes: 60 } },
  { timer: 'T5-11a.arrive', rule: 'S004-SLA-14', line: '004 L106–107', row: 'T5-11a', seed: '房間天花 更換:1小時內到達', start: 'request', limit: { minutes: 60 } },
  { timer: 'T5-11a.complete', rule: 'S004-SLA-14', line: '004 L106–107', row: 'T5-11a', seed: '房間天花 更換:15分鐘內完成', start: 'arrive', after: 'arrive', limit: { minutes: 15 } },
  { timer: 'T5-11b.arrive', rule: 'S004-SLA-14', line: '004 L106–107', row: 'T5-11b', seed: '房間天花 維修下墜:30分鐘內到達', start: 'request', limit: { minutes: 30 } },
  { timer: 'T5-11b.complete', rule: 'S004-SLA-14', line: '004 L106–107', row: 'T5-11b', seed: '房間天花 維修下墜:1小時內完成', start: 'arrive', after: 'arrive', limit: { minutes: 60 } },
  { timer: 'T5-12.complete', rule: 'S004-SLA-15', line: '004 L108', row: 'T5-12', seed: '增改噴淋頭:約定時間后3個工作日內完成', start: 'agreedTime', limit: { workingDays: 3 } },
  { timer: 'T5-13.arrive', rule: 'S004-SLA-14', line: '004 L109', row: 'T5-13', seed: '空調漏水:15分鐘內到達', start: 'request', limit: { minutes: 15 } },
  { timer: 'T5-13.complete', rule: 'S004-SLA-14', line: '004 L109', row: 'T5-13', seed: '空調漏水:1。5小時內完成', start: 'arrive', after: 'arrive', limit: { minutes: 90 } },
  // 表6 清潔管理;突發事件處理
  { timer: 'T6-04.complete', rule: 'S004-SLA-25', line: '004 L118', row: 'T6-04', seed: '雨天防滑措施:15分鐘內完成', start: 'rainStart', limit: { minutes: 15 } },
  { timer: 'T6-05.complete', rule: 'S004-SLA-25', line: '004 L119', row: 'T6-05', seed: '提供裝雨傘服務:10分鐘內完成', start: 'rainStart', limit: { minutes: 10 } },
  { timer: 'T6-06.rescue', rule: 'S004-SLA-26', line: '004 L121', row: 'T6-06', seed: '客人困梯求救:即時受理,5分鐘內解救被困人員', start: 'request', limit: { minutes: 5 } },
  { timer: 'T6-07.arrive', rule: 'S004-SLA-27', line: '004 L122', row: 'T6-07', seed: '水浸、水管爆裂:5分鐘內到達現場', start: 'request', limit: { minutes: 5 } },
  { timer: 'T6-08b.switchover', rule: 'S004-SLA-28', line: '004 L123–124', row: 'T6-08b', seed: '供電局停電 (2)主備供電源轉為發電機供電:30秒內', start: 'outageStart', limit: { minutes: 0.5 } },
  { timer: 'T6-09.broadcast', rule: 'S004-SLA-29', line: '004 L125', row: 'T6-09', seed: '小區事先通知停電:停電前20分鐘播放', start: 'outagePlanned', limit: { beforeOutage: 20 } },
  { timer: 'T6-10.notify', rule: 'S004-SLA-30', line: '004 L126', row: 'T6-10', seed: '遇到大廈(小區)突然停電:3分鐘內通知', start: 'outageStart', limit: { minutes: 3 } },
  // 2.5 室內報修三級處理, 2.1 計劃停電公告
  { timer: 'repairGrade', rule: 'S004-SLA-01', line: '004 L21', seed: '特急(10分鐘內到場或處理)', start: 'request', limit: { minutes: 10 }, attributes: { grade: 'critical' } },
  { timer: 'repairGrade', rule: 'S004-SLA-01', line: '004 L21', seed: '急(15分鐘內到場或處理)', start: 'request', limit: { minutes: 15 }, attributes: { grade: 'urgent' } },
  { timer: 'repairGrade.normal', rule: 'S004-SLA-01', line: '004 L21', seed: '一般(當日…到場或處理)', start: 'request', limit: { sameDay: true }, attributes: { grade: 'normal' } },
  { timer: 'repairGrade.agreed', rule: 'S004-SLA-01', line: '004 L21', seed: '一般(…或與客戶約定時間內到場或處理)', start: 'request', limit: { appointment: 'agreedAt' }, attributes: { grade: 'normal' } },
  { timer: 'plannedOutage.notice', rule: 'S004-SLA-29', line: '004 L17', seed: '停電或檢修需要停電,將提前24小時在各大堂書面公告', start: 'outagePlanned', limit: { beforeOutage: 1440 }, attributes: { lobby: 'A座大堂' } },
];
