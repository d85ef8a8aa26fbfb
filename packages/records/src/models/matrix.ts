import { type Decision, describeValue, parseInput, Trace, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { TaxonomyValueSchema } from './taxonomy.js';
import { BilingualLabelSchema, ModelSourceSchema } from './template.js';

/**
 * A responsibility matrix (岗位职责): the roles a regulation names and, per routable duty, which roles
 * carry it. Task routing and permission checks read it instead of hard-coding role names.
 */
export const ResponsibilityMatrixSchema = z
  .strictObject({
    id: z.string().min(1),
    title: BilingualLabelSchema,
    source: ModelSourceSchema,
    roles: z.array(TaxonomyValueSchema).min(1),
    duties: z
      .array(
        z.strictObject({
          duty: z.string().min(1),
          label: BilingualLabelSchema,
          /** Roles in the order the regulation ranks them (the one who handles first, then who assists). */
          roles: z.array(z.string().min(1)).min(1),
          /** Where the duty is stated, when more precise than the matrix source. */
          clause: z.string().min(1).optional(),
        }),
      )
      .min(1),
  })
  .superRefine((m, ctx) => {
    const roles = new Set(m.roles.map((r) => r.value));
    const duties = new Set<string>();
    m.duties.forEach((d, i) => {
      if (duties.has(d.duty))
        ctx.addIssue({ code: 'custom', path: ['duties', i, 'duty'], message: '职责重复 / duplicate duty' });
      duties.add(d.duty);
      d.roles.forEach((r, j) => {
        if (!roles.has(r)) {
          ctx.addIssue({
            code: 'custom',
            path: ['duties', i, 'roles', j],
            message: `未知角色 ${r} / unknown role ${r}`,
          });
        }
      });
    });
  });
/** A responsibility matrix as validated. */
export type ResponsibilityMatrix = z.output<typeof ResponsibilityMatrixSchema>;
/** A responsibility matrix as written. */
export type ResponsibilityMatrixInput = z.input<typeof ResponsibilityMatrixSchema>;

/**
 * Refuses an id argument (a duty, role or stage) that is not a string, before it reaches a message:
 * a BigInt made `JSON.stringify` throw a TypeError instead of the refusal.
 */
function expectId(value: unknown, path: string, zh: string, en: string): asserts value is string {
  if (typeof value !== 'string')
    throw new ZhiduError(
      'invalid_input',
      [path],
      `须为${zh}（字符串） / expected ${en} (a string), got ${describeValue(value)}`,
    );
}

/**
 * Validates a responsibility matrix (a company may write its own).
 *
 * @param input - the matrix as data
 * @returns the validated matrix
 * @throws ZhiduError `invalid_input` when a duty names an unknown role
 * @example
 * defineResponsibilityMatrix({ id: 'ACME-ROLES', title: { zh: '职责', en: 'Duties' },
 *   source: { seed: 'acme.md', lines: 'L1' }, roles: [{ value: 'clerk', label: { zh: '文员', en: 'Clerk' } }],
 *   duties: [{ duty: 'filing', label: { zh: '归档', en: 'Filing' }, roles: ['clerk'] }] });
 */
export function defineResponsibilityMatrix(input: ResponsibilityMatrixInput): ResponsibilityMatrix {
  return parseInput(ResponsibilityMatrixSchema, input, ['matrix']);
}

/**
 * Which roles carry a duty.
 *
 * @param matrix - a responsibility matrix
 * @param duty - the duty id
 * @returns the roles, in the order the regulation ranks them, with a trace citing the matrix
 * @throws ZhiduError `unknown_reference` for a duty the matrix does not define; `invalid_input` for
 *   a duty that is not a string
 * @example
 * rolesFor(customerServiceRoles, 'monthlyReport').value; //=> ['dataAnalyst']
 */
export function rolesFor(matrix: ResponsibilityMatrixInput, duty: string): Decision<string[]> {
  const m = parseInput(ResponsibilityMatrixSchema, matrix, ['matrix']);
  expectId(duty, 'duty', '职责编号', 'a duty id');
  const d = m.duties.find((x) => x.duty === duty);
  if (!d) {
    throw new ZhiduError(
      'unknown_reference',
      ['duty'],
      `职责矩阵 ${m.id} 中没有职责 ${JSON.stringify(duty)} / matrix ${m.id} has no duty ${JSON.stringify(duty)}`,
    );
  }
  const names = d.roles.map((r) => m.roles.find((x) => x.value === r)?.label ?? { zh: r, en: r });
  return new Trace()
    .add(
      m.id,
      d.clause ?? `${m.source.seed} ${m.source.lines}`,
      `「${d.label.zh}」由${names.map((n) => n.zh).join('、')}负责`,
      `"${d.label.en}" is the duty of ${names.map((n) => n.en).join(', ')}`,
      { duty, roles: d.roles },
    )
    .decide([...d.roles]);
}

/** An ordered set of stages and the moves allowed between them (a lifecycle drawn as a flowchart). */
export const StageGraphSchema = z
  .strictObject({
    id: z.string().min(1),
    title: BilingualLabelSchema,
    source: ModelSourceSchema,
    stages: z.array(TaxonomyValueSchema).min(1),
    transitions: z.array(z.strictObject({ from: z.string().min(1), to: z.string().min(1) })),
  })
  .superRefine((g, ctx) => {
    const stages = new Set(g.stages.map((s) => s.value));
    g.transitions.forEach((t, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!stages.has(t[end])) {
          ctx.addIssue({
            code: 'custom',
            path: ['transitions', i, end],
            message: `未知阶段 ${t[end]} / unknown stage ${t[end]}`,
          });
        }
      }
    });
  });
/** A stage graph as validated. */
export type StageGraph = z.output<typeof StageGraphSchema>;
/** A stage graph as written. */
export type StageGraphInput = z.input<typeof StageGraphSchema>;

/**
 * Validates a stage graph.
 *
 * @param input - the graph as data
 * @returns the validated graph
 * @throws ZhiduError `invalid_input` when a transition names an unknown stage
 * @example
 * defineStageGraph({ id: 'X', title: { zh: '流程', en: 'Flow' }, source: { seed: 's', lines: 'L1' },
 *   stages: [{ value: 'a', label: { zh: '甲', en: 'A' } }], transitions: [] });
 */
export function defineStageGraph(input: StageGraphInput): StageGraph {
  return parseInput(StageGraphSchema, input, ['graph']);
}

/**
 * The stages reachable in one move from `stage`.
 *
 * @param graph - the stage graph
 * @param stage - the current stage
 * @returns next stages in definition order
 * @throws ZhiduError `unknown_reference` for an unknown stage; `invalid_input` for one not a string
 * @example
 * nextStages(salesOfficeCustomerLifecycle, 'dealClosed'); //=> ['secondDealPromotion', 'referralRequested']
 */
export function nextStages(graph: StageGraphInput, stage: string): string[] {
  const g = parseInput(StageGraphSchema, graph, ['graph']);
  expectId(stage, 'stage', '环节编号', 'a stage id');
  if (!g.stages.some((s) => s.value === stage)) {
    throw new ZhiduError(
      'unknown_reference',
      ['stage'],
      `流程图 ${g.id} 中没有环节 ${JSON.stringify(stage)} / graph ${g.id} has no stage ${JSON.stringify(stage)}`,
    );
  }
  return g.transitions.filter((t) => t.from === stage).map((t) => t.to);
}

/**
 * Whether a customer may move from one stage to another in one step.
 *
 * @param graph - the stage graph
 * @param from - the current stage
 * @param to - the proposed stage
 * @returns a decision whose trace cites the graph
 * @throws ZhiduError `unknown_reference` for an unknown stage; `invalid_input` for one not a string
 * @example
 * checkTransition(salesOfficeCustomerLifecycle, 'collected', 'dealClosed').value; //=> false
 */
export function checkTransition(graph: StageGraphInput, from: string, to: string): Decision<boolean> {
  const g = parseInput(StageGraphSchema, graph, ['graph']);
  expectId(from, 'from', '环节编号', 'a stage id');
  expectId(to, 'to', '环节编号', 'a stage id');
  const label = (s: string, p: string) => {
    const v = g.stages.find((x) => x.value === s);
    if (!v)
      throw new ZhiduError(
        'unknown_reference',
        [p],
        `流程图 ${g.id} 中没有环节 ${JSON.stringify(s)} / graph ${g.id} has no stage ${JSON.stringify(s)}`,
      );
    return v.label;
  };
  const a = label(from, 'from');
  const b = label(to, 'to');
  const ok = g.transitions.some((t) => t.from === from && t.to === to);
  return new Trace()
    .add(
      g.id,
      `${g.source.seed} ${g.source.lines}`,
      ok ? `可由「${a.zh}」进入「${b.zh}」` : `不能由「${a.zh}」直接进入「${b.zh}」`,
      ok ? `"${a.en}" may move to "${b.en}"` : `"${a.en}" cannot move directly to "${b.en}"`,
      { from, to },
    )
    .decide(ok);
}

/**
 * Whether a role may carry out a duty — the permission side of a responsibility matrix (e.g. only the
 * finance department assesses credit, S001-CORE-05).
 *
 * @param matrix - a responsibility matrix
 * @param role - the role asking
 * @param duty - the duty id
 * @returns true when the matrix gives the duty to the role, with a trace
 * @throws ZhiduError `unknown_reference` for an unknown duty or role; `invalid_input` for one that is
 *   not a string
 * @example
 * mayPerform(creditInvestigationDuties, 'salesperson', 'assessCredit').value; //=> false
 */
export function mayPerform(matrix: ResponsibilityMatrixInput, role: string, duty: string): Decision<boolean> {
  const m = parseInput(ResponsibilityMatrixSchema, matrix, ['matrix']);
  expectId(role, 'role', '岗位编号', 'a role id');
  expectId(duty, 'duty', '职责编号', 'a duty id');
  const r = m.roles.find((x) => x.value === role);
  if (!r)
    throw new ZhiduError(
      'unknown_reference',
      ['role'],
      `职责矩阵 ${m.id} 中没有岗位 ${JSON.stringify(role)} / matrix ${m.id} has no role ${JSON.stringify(role)}`,
    );
  const holders = rolesFor(m, duty);
  const ok = holders.value.includes(role);
  return new Trace()
    .append(holders.trace)
    .add(
      m.id,
      undefined,
      ok ? `${r.label.zh}可以执行该职责` : `${r.label.zh}无此职责`,
      ok ? `${r.label.en} may do this` : `${r.label.en} does not hold this duty`,
      { role, duty },
    )
    .decide(ok);
}
