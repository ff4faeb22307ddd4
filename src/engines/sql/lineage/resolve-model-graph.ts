import { findCycles, formatCycle } from '../../../core/order-projects.ts';
import type { Problem } from '../../../core/outcome.ts';
import type { ParsedSql, TableReference } from '../parse/query-shape.ts';
import type { SqlModel, SqlProject } from '../models/sql-project.ts';

export type ModelGraph = {
  /** Lower-cased model name → lower-cased names of the models and sources it reads. */
  readonly dependsOn: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly Problem[];
  /** How many of the problems are dependency cycles (the failure is coded `cycle` when all are). */
  readonly cycles: number;
};

/**
 * Resolves every table a model reads to a model or a declared source (names compare case-insensitively,
 * `schema.table` or a bare `table` for a model without schema). Parse errors, unknown tables and cycles
 * become problems located in the model file.
 */
export function resolveModelGraph(project: SqlProject, parsed: readonly ParsedSql[]): ModelGraph {
  const known = new Set([...project.models.map((m) => m.name.toLowerCase()), ...project.sources.map((s) => s.name.toLowerCase())]);
  const dependsOn = new Map<string, string[]>();
  const problems: Problem[] = [];
  project.models.forEach((model, i) => {
    const result = parsed[i];
    if (result === undefined) return;
    if (!result.ok) {
      problems.push({ message: `${model.name}: ${result.message}`, location: { file: model.file, line: result.line, column: result.column } });
      return;
    }
    for (const table of result.tables.filter((t) => !known.has(t.name))) problems.push(unknownTable(model, table, known));
    dependsOn.set(model.name.toLowerCase(), result.tables.map((t) => t.name).filter((t) => known.has(t)));
  });
  const cycles = cycleProblems(project, parsed, dependsOn);
  problems.push(...cycles);
  return { dependsOn, problems, cycles: cycles.length };
}

function unknownTable(model: SqlModel, table: TableReference, known: ReadonlySet<string>): Problem {
  const bare = table.name.split('.').pop() ?? table.name;
  const similar = [...known].filter((k) => k.split('.').pop() === bare);
  const hint = similar.length > 0 ? `; did you mean ${similar.join(' or ')}?` : '; declare it in sources.yaml or add a model';
  return {
    message: `${model.name}: unknown table ${table.name} (neither a model nor a source${hint})`,
    location: { file: model.file, line: table.line, column: table.column },
  };
}

/** Each cycle, named in full, at the reference in its first model to the next one. */
function cycleProblems(project: SqlProject, parsed: readonly ParsedSql[], dependsOn: ReadonlyMap<string, readonly string[]>): Problem[] {
  return findCycles(dependsOn).map((cycle) => {
    const [from, to] = [cycle[0] ?? '', cycle[1] ?? cycle[0] ?? ''];
    const index = project.models.findIndex((m) => m.name.toLowerCase() === from);
    const model = project.models[index];
    const result = parsed[index];
    const ref = result?.ok === true ? result.tables.find((t) => t.name === to) : undefined;
    const names = cycle.map((n) => project.models.find((m) => m.name.toLowerCase() === n)?.name ?? n);
    return {
      message: `dependency cycle ${formatCycle(names)}`,
      location: { file: model?.file ?? '', ...(ref === undefined ? {} : { line: ref.line, column: ref.column }) },
    };
  });
}

/** Kahn's algorithm over model names (sources are leaves), ties broken by name. Assumes no cycle. */
export function topologicalOrder(dependsOn: ReadonlyMap<string, readonly string[]>): string[] {
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [name, deps] of dependsOn) {
    const models = [...new Set(deps.filter((d) => dependsOn.has(d)))];
    waiting.set(name, models.length);
    for (const dep of models) dependents.set(dep, [...(dependents.get(dep) ?? []), name]);
  }
  const ready = [...dependsOn.keys()].filter((n) => waiting.get(n) === 0).sort();
  const order: string[] = [];
  while (ready.length > 0) {
    const next = ready.shift() as string;
    order.push(next);
    const unlocked = (dependents.get(next) ?? []).filter((d) => {
      waiting.set(d, (waiting.get(d) ?? 1) - 1);
      return waiting.get(d) === 0;
    });
    if (unlocked.length > 0) {
      ready.push(...unlocked);
      ready.sort();
    }
  }
  return order;
}
