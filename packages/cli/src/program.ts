import { SalesOfficeParamsSchema } from '@zhidu/attribution';
import { chinaCalendar, statutoryDay } from '@zhidu/calendar-cn';
import {
  DurationSpecSchema,
  explainDeadline,
  type Lang,
  LatenessUnitSchema,
  lateness,
  type ModuleDecision,
  parseInput,
  parseLang,
  policyJsonSchema,
  ZhiduError,
} from '@zhidu/core';
import { fineScheduleJsonSchema } from '@zhidu/penalty';
import { slaPolicyJsonSchema } from '@zhidu/sla';
import { Command, CommanderError } from 'commander';
import { type CalendarFlags, calendarFor, registerCalendar, withCalendarOptions } from './calendar.js';
import { registerCoverage } from './coverage.js';
import { diffJson } from './diff.js';
import { evaluate, type ModuleName, resolvePolicy } from './evaluate.js';
import { local, render, renderDecision, traceLine } from './format.js';
import { assertCliIo, type CliIo, readJson } from './io.js';
import { envLang } from './lang.js';
import {
  type ContextFlags,
  contextOf,
  inputFor,
  loadRegistry,
  moduleArg,
  policyArgument,
  policyFor,
} from './modules.js';
import { registerReplay } from './replay.js';
import { runScenarioCommand } from './scenario.js';
import { registerServe } from './serve.js';
import { VERSION } from './version.js';

function policyArg(io: CliIo, module: ModuleName, value: string): unknown {
  return resolvePolicy(module, value.endsWith('.json') ? (readJson(io, value) as object) : value);
}

type EvaluateFlags = ContextFlags & {
  input?: string;
  preset?: string;
  policy?: string;
  trace?: boolean;
  json?: boolean;
};
type DiffFlags = ContextFlags & { input?: string; base: string; candidate: string; json?: boolean };

/**
 * A policy for `zhidu diff`: the rules, applied as if in force over the whole input. A diff compares
 * what two policies decide, not when they take effect (a candidate effective next month is tried on
 * this quarter's input), so each policy's `effectiveFrom` / `effectiveTo` is set aside.
 */
function asIfInForce(policy: unknown): unknown {
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return policy;
  const { effectiveTo: _to, ...rest } = policy as Record<string, unknown>;
  return { ...rest, effectiveFrom: '1900-01-01' };
}

function legacyInputPath(o: { input?: string }, positional: string | undefined): string {
  if (o.input !== undefined && positional !== undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['input'],
      '输入文件只能给出一次（--input 或参数二选一） / give the input file once (--input or the argument)',
    );
  }
  const path = o.input ?? positional;
  if (path === undefined)
    throw new ZhiduError(
      'invalid_input',
      ['input'],
      '请用 --input <file.json> 给出输入文件 / give --input <file.json>',
    );
  return path;
}

function inputArg(io: CliIo, module: ModuleName, path: string): unknown {
  const input = readJson(io, path);
  if (module !== 'ownership' && !Array.isArray(input)) {
    throw new ZhiduError(
      'invalid_input',
      [path],
      `${module} 的输入须为${module === 'timers' ? '事件' : '违规记录'}组成的 JSON 数组 / ${module} input must be a JSON array of ${module === 'timers' ? 'events' : 'violations'}`,
    );
  }
  return input;
}

/**
 * Builds the `zhidu` command. Every command reads JSON, evaluates with the packages, and prints a
 * readable summary (or the full decision with `--json`).
 *
 * @param io - where to read and write
 * @param options - `lang`: the language of traces (default: `--lang` on the program, else the
 *   environment's locale, `LC_ALL` / `LC_MESSAGES` / `LANG`; both languages without one)
 * @throws ZhiduError `invalid_input` when `io` is not a {@link CliIo}
 * @example
 * await buildProgram(processIo).parseAsync(['presets'], { from: 'user' });
 * await buildProgram(processIo, { lang: 'zh-CN' }).parseAsync(['deadline', '2024-03-01T10:00:00+08:00', '3', 'workingDays', '--trace'], { from: 'user' });
 */
export function buildProgram(io: CliIo, options: { lang?: Lang } = {}): Command {
  assertCliIo(io);
  const given = options?.lang === undefined ? undefined : parseLang(options.lang);
  // The language of traces: the caller's, else --lang on the program, else the locale's.
  const langOf = (): Lang | undefined => {
    if (given !== undefined) return given;
    const flag = program.opts().lang;
    return flag === undefined ? envLang(io.env ?? process.env) : parseLang(flag);
  };
  const program = new Command('zhidu')
    .description('Customer-management regulations as explainable decisions')
    .version(VERSION, '-V, --version', 'the version of @zhidu/cli')
    .exitOverride()
    // Errors are printed by `run` as one `error [code]: message` line; the only other text commander
    // writes as an error is the usage of a command group given without its command (`zhidu calendar`),
    // which goes to stdout so that stderr carries just that one line.
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.out(s.trimEnd()),
      outputError: () => {},
    })
    .option(
      '--lang <lang>',
      'zh-CN or en: the language of traces and errors (default from LC_ALL, LC_MESSAGES, LANG)',
    );

  withCalendarOptions(
    program
      .command('deadline')
      .description('when a time limit expires, e.g. `zhidu deadline 2025-09-30T17:40+08:00 3 workingDays`')
      .argument('<start>', 'ISO-8601 instant with offset')
      .argument('<amount>', 'how many units')
      .argument('<unit>', 'minutes, hours, calendarDays, workingDays, workingHours, calendarMonths …'),
  )
    .option('--done <instant>', 'also report how late this completion is')
    .option('--late-unit <unit>', 'unit lateness is counted in', 'blocks24h')
    .option('--trace', 'print why: the notice (or provisional basis) used for each year')
    .option('--json', 'print the whole decision as JSON')
    .action(
      (
        start: string,
        amount: string,
        unit: string,
        o: CalendarFlags & { done?: string; lateUnit: string; trace?: boolean; json?: boolean },
      ) => {
        const calendar = calendarFor(io, o);
        const spec = parseInput(DurationSpecSchema, { unit, amount: Number(amount) }, ['spec']);
        const decision = explainDeadline(start, spec, { calendar });
        const due = decision.value;
        if (o.json) {
          io.out(JSON.stringify(decision, null, 2));
          return;
        }
        const flag = due.provisional
          ? `, provisional: ${(due.provisionalYears ?? []).join(', ')} without its notice — recompute when it is loaded`
          : '';
        io.out(`due ${local(due.at)} (${due.at}, ${due.inclusive ? 'inclusive' : 'exclusive'}${flag})`);
        if (o.done) {
          const u = parseInput(LatenessUnitSchema, o.lateUnit, ['late-unit']);
          const l = lateness(due, o.done, { unit: u }, { calendar });
          io.out(l.late ? `late: ${l.units} ${l.unit}` : 'on time');
        }
        if (o.trace) {
          io.out('');
          io.out('trace:');
          for (const t of decision.trace) io.out(traceLine(t, langOf()));
        }
      },
    );

  program
    .command('day')
    .description('a date under the PRC statutory calendar, optionally N working days later')
    .argument('<date>', 'YYYY-MM-DD')
    .option('--add <n>', 'working days to add (negative to go back)')
    .action((date: string, o: { add?: string }) => {
      const d = statutoryDay(date);
      io.out(`${date}: ${d.kind}${d.name ? ` (${d.name})` : ''}`);
      if (o.add !== undefined)
        io.out(`${o.add} working days later: ${chinaCalendar().addWorkdays(date, Number(o.add))}`);
    });

  withCalendarOptions(
    program
      .command('evaluate')
      .description(
        'evaluate an input under a policy: any module of the registry by id (`zhidu presets` lists them)',
      )
      .argument(
        '<module>',
        'module id, e.g. sla.timers (former names timers, ownership, penalties still work)',
      )
      .argument('[input]', 'input JSON file, as --input'),
  )
    .option('--input <file>', 'input JSON file (- for stdin)')
    .option('--preset <name>', 'preset of the module: dealer-000 or sla.timers/dealer-000')
    .option('--policy <policy>', 'policy JSON file (a preset name is still accepted)')
    .option('--now <instant>', 'when the question is asked (default: the current instant)')
    .option('--seed <seed>', 'seed for rules that draw lots')
    .option('--trace', 'print the trace')
    .option('--json', 'print the whole decision as JSON')
    .action(async (name: string, positional: string | undefined, o: EvaluateFlags) => {
      const target = await moduleArg(io, name);
      const policy = policyArgument(o);
      const ctx = contextOf(io, o);
      if (target.kind === 'legacy') {
        const decision = evaluate(
          target.name,
          inputArg(io, target.name, legacyInputPath(o, positional)),
          policyArg(io, target.name, policy),
          ctx,
        );
        if (o.json) io.out(JSON.stringify(decision, null, 2));
        else
          for (const line of render(target.name, decision, { trace: Boolean(o.trace), lang: langOf() }))
            io.out(line);
        return;
      }
      const decision = target.module.evaluate(
        inputFor(io, target, o, positional),
        policyFor(io, target, policy),
        ctx,
      ) as ModuleDecision<unknown>;
      if (o.json) io.out(JSON.stringify(decision, null, 2));
      else
        for (const line of renderDecision(decision, { trace: Boolean(o.trace), lang: langOf() }))
          io.out(line);
    });

  withCalendarOptions(
    program
      .command('diff')
      .description(
        'what a policy change would do: the same input under two policies, difference by difference',
      )
      .argument('<module>', 'module id, e.g. attribution.ownership')
      .argument('[input]', 'input JSON file, as --input'),
  )
    .option('--input <file>', 'input JSON file (- for stdin)')
    .requiredOption('--base <policy>', 'current preset name or policy JSON file')
    .requiredOption('--candidate <policy>', 'proposed preset name or policy JSON file')
    .option('--now <instant>', 'when the question is asked (default: the current instant)')
    .option('--seed <seed>', 'seed for rules that draw lots')
    .option('--json', 'print the changes as JSON')
    .action(async (name: string, positional: string | undefined, o: DiffFlags) => {
      const target = await moduleArg(io, name);
      const ctx = contextOf(io, o);
      let before: unknown;
      let after: unknown;
      if (target.kind === 'legacy') {
        const input = inputArg(io, target.name, legacyInputPath(o, positional));
        before = evaluate(target.name, input, asIfInForce(policyArg(io, target.name, o.base)), ctx).value;
        after = evaluate(target.name, input, asIfInForce(policyArg(io, target.name, o.candidate)), ctx).value;
      } else {
        const input = inputFor(io, target, o, positional);
        before = target.module.evaluate(input, asIfInForce(policyFor(io, target, o.base)), ctx).value;
        after = target.module.evaluate(input, asIfInForce(policyFor(io, target, o.candidate)), ctx).value;
      }
      const changes = diffJson(before, after);
      if (o.json) io.out(JSON.stringify(changes, null, 2));
      else if (changes.length === 0) io.out('no difference');
      else
        for (const c of changes)
          io.out(`${c.path}: ${JSON.stringify(c.base)} → ${JSON.stringify(c.candidate)}`);
    });

  program
    .command('scenario')
    .description(
      'run scenario files of any module (directories: every *.scenario.json inside); exits 1 if any fails',
    )
    .argument('<paths...>', 'scenario files or directories')
    .option('--json', 'print the outcomes as JSON')
    .action(async (paths: string[], o: { json?: boolean }) => {
      const outcomes = await runScenarioCommand(io, paths, o.json === true);
      const failed = outcomes.filter((x) => !x.ok).length;
      if (failed > 0)
        throw new CommanderError(
          1,
          'zhidu.scenario',
          `${failed} 个场景未通过 / ${failed} scenario(s) failed`,
        );
    });

  program
    .command('schema')
    .description(
      "JSON Schema (draft 2020-12) of a module's policy or input, for systems that do not run TypeScript",
    )
    .argument('<module>', 'module id, e.g. sla.timers')
    .argument('[which]', 'policy (default) or input', 'policy')
    .action(async (name: string, which: string) => {
      if (which !== 'policy' && which !== 'input') {
        throw new ZhiduError(
          'invalid_input',
          ['which'],
          `须为 policy 或 input / the schema is of the policy or the input, not ${which}`,
        );
      }
      const target = await moduleArg(io, name);
      if (target.kind === 'module') {
        io.out(JSON.stringify(target.module.jsonSchema[which], null, 2));
        return;
      }
      if (which === 'input') {
        throw new ZhiduError(
          'invalid_input',
          ['which'],
          `${target.name} 尚无输入模式 / ${target.name} has no input schema until its module is registered`,
        );
      }
      const module = target.name;
      const schema =
        module === 'timers'
          ? slaPolicyJsonSchema()
          : module === 'penalties'
            ? fineScheduleJsonSchema()
            : policyJsonSchema(SalesOfficeParamsSchema);
      io.out(JSON.stringify(schema, null, 2));
    });

  program
    .command('presets')
    .description('every preset of every module, as <module-id>/<preset>')
    .option('--module <id>', 'only the presets of this module')
    .action(async (o: { module?: string }) => {
      const { getModule, listPresets } = await loadRegistry();
      // A module id, or a former name (`timers`, with the same notice as the other commands).
      const target = o.module === undefined ? undefined : await moduleArg(io, o.module);
      const id =
        target === undefined
          ? undefined
          : target.kind === 'module'
            ? target.module.id
            : getModule(o.module as string).id;
      const names = id === undefined ? listPresets() : listPresets().filter((n) => n.startsWith(`${id}/`));
      for (const n of names) io.out(n);
    });

  registerCoverage(program, io);

  registerReplay(program, io);

  registerServe(program, io);

  registerCalendar(program, io);

  return program;
}
