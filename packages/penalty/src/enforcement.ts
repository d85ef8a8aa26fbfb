import { describeValue, expectArray, parseInput, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { enforcementOf, penaltyEnforcement } from './modules.js';
import type { FineSchedule, FineScheduleInput } from './schedule.js';

/** A role named by {@link mayLevyFine} and {@link mayOrderCorrection} (built once, not per call). */
const RoleSchema = z.string().min(1);

/**
 * Whether a role may levy the fines of a schedule (S000-PENALTY-11: "以上违规处罚由客户总监负责检查、执行").
 * A schedule without an `enforcement` section names no one, so nobody is refused. A thin call of the
 * `penalty.enforcement` module: the schedule is validated (strict, cached per object identity).
 *
 * @param schedule - the fine schedule
 * @param role - the role of the person issuing the fine
 * @returns true when the schedule allows it
 * @example
 * mayLevyFine(dealerFileSchedule(), 'customerDirector'); //=> true
 * mayLevyFine(dealerFileSchedule(), 'archiveAdmin');     //=> false
 */
export function mayLevyFine(schedule: FineSchedule | FineScheduleInput, role: string): boolean {
  const r = parseInput(RoleSchema, role, ['role']);
  return enforcementOf(penaltyEnforcement.policy(schedule, ['schedule']), r).value.mayLevyFine;
}

/**
 * Whether a role may order a correction, which starts the repeat-until-corrected clock
 * (S000-PENALTY-11: "档案管理员在执行中遇违规问题应责令相关人员立即改正"; the catalog reads the customer
 * director as allowed too). A thin call of the `penalty.enforcement` module.
 *
 * @param schedule - the fine schedule
 * @param role - the role of the person ordering
 * @returns true when the schedule allows it
 * @example
 * mayOrderCorrection(dealerFileSchedule(), 'archiveAdmin'); //=> true
 */
export function mayOrderCorrection(schedule: FineSchedule | FineScheduleInput, role: string): boolean {
  const r = parseInput(RoleSchema, role, ['role']);
  return enforcementOf(penaltyEnforcement.policy(schedule, ['schedule']), r).value.mayOrderCorrection;
}

/** One file handed over, for {@link departmentFileRates}. */
export const FileHandoverRecordSchema = z
  .object({
    departmentId: z.string().min(1),
    /** Handed over by the deadline (S000-PENALTY-01 for sales, S000-PENALTY-04 for service). */
    onTime: z.boolean(),
    /** No missing items or signatures at first handover (S000-PENALTY-02 / -05). */
    complete: z.boolean(),
  })
  .strict();

/** Timeliness and completeness of one department's file handovers in a period. */
export interface DepartmentFileRates {
  departmentId: string;
  files: number;
  /** On-time share, `null` when the department handed over no files (not 0). */
  timelyRate: number | null;
  completeRate: number | null;
}

/**
 * The file-handover timeliness rate (上交及时率) and completeness rate (完整率) per department, which
 * the regulation feeds into the department head's appraisal (S000-PENALTY-10). Weights and targets
 * of the appraisal are not in the regulation and stay with the company.
 *
 * @param records - one record per file handed over in the period
 * @param departments - departments to report even with no files (their rates are `null`)
 * @returns one entry per department, sorted by id
 * @throws ZhiduError `invalid_input` when `records` or `departments` is not an array, a record is
 *   not a handover record or a department is not a non-empty string
 * @example
 * departmentFileRates([{ departmentId: 'sales', onTime: true, complete: false }], ['service'])
 * //=> [{ departmentId: 'sales', files: 1, timelyRate: 1, completeRate: 0 },
 * //    { departmentId: 'service', files: 0, timelyRate: null, completeRate: null }]
 */
export function departmentFileRates(
  records: readonly z.input<typeof FileHandoverRecordSchema>[],
  departments: readonly string[] = [],
): DepartmentFileRates[] {
  expectArray(records, ['records']);
  expectArray(departments, ['departments']);
  const badDepartment = departments.findIndex((d) => typeof d !== 'string' || d.length === 0);
  if (badDepartment >= 0) {
    throw new ZhiduError(
      'invalid_input',
      ['departments', badDepartment],
      `须为非空的部门编号 / expected a non-empty department id, got ${describeValue(departments[badDepartment])}`,
    );
  }
  const tally = new Map<string, { files: number; onTime: number; complete: number }>();
  for (const d of departments) tally.set(d, { files: 0, onTime: 0, complete: 0 });
  records.forEach((raw, i) => {
    const r = parseInput(FileHandoverRecordSchema, raw, ['records', i]);
    const t = tally.get(r.departmentId) ?? { files: 0, onTime: 0, complete: 0 };
    t.files++;
    if (r.onTime) t.onTime++;
    if (r.complete) t.complete++;
    tally.set(r.departmentId, t);
  });
  return [...tally.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([departmentId, t]) => ({
      departmentId,
      files: t.files,
      timelyRate: t.files === 0 ? null : t.onTime / t.files,
      completeRate: t.files === 0 ? null : t.complete / t.files,
    }));
}
