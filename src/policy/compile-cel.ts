import { Environment } from '@marcbachmann/cel-js';
import type { CelProgram } from './policy-types.ts';

export type CelScope = 'when' | 'message';

/**
 * A CEL environment for policy expressions. `when` sees `facts`, `project` and `params`; messages and
 * `owners_from` also see `items` (what the rule found) and `count` (how many). Unknown variables, syntax and
 * type errors are caught at compile time; built per call (no module state: environments are cheap enough).
 */
export function createCelEnvironment(scope: CelScope): Environment {
  const env = new Environment({
    unlistedVariablesAreDyn: false,
    homogeneousAggregateLiterals: false,
    enableOptionalTypes: true,
    limits: { maxAstNodes: 5_000, maxDepth: 64, maxListElements: 1_000, maxMapEntries: 1_000, maxCallArguments: 16 },
  })
    .registerVariable('facts', 'map')
    .registerVariable('project', 'map')
    .registerVariable('params', 'map')
    .registerFunction('percent(double): string', (share: number) => `${(share * 100).toFixed(1)}%`);
  if (scope === 'message') env.registerVariable('items', 'list').registerVariable('count', 'dyn');
  return env;
}

export type CelEnvironments = { readonly when: Environment; readonly message: Environment };

/** Both environments, made once per policy set. */
export function createCelEnvironments(): CelEnvironments {
  return { when: createCelEnvironment('when'), message: createCelEnvironment('message') };
}

/** Compiles `expression`, or returns the compiler's message (first line, without the source excerpt). */
export function compileCel(env: Environment, expression: string): { ok: true; program: CelProgram } | { ok: false; message: string } {
  try {
    const checked = env.check(expression);
    if (!checked.valid) return { ok: false, message: firstLine(checked.error?.message ?? 'invalid expression') };
    const program = env.parse(expression);
    return { ok: true, program: (context) => program(context) as unknown };
  } catch (error) {
    return { ok: false, message: firstLine(error instanceof Error ? error.message : String(error)) };
  }
}

export function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}
