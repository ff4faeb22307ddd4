import type { Result } from '../core/outcome.ts';

/**
 * Where `sluice plan` keeps the working tree's plan for `sluice apply` (`<data dir>/plan.json`): JSON in, JSON
 * out. What the JSON means is parsed by the service that reads it (`services/working-tree-plan.ts`).
 */
export interface PlanFile {
  /** The file's path, as shown to the user. */
  readonly path: string;
  /** The parsed JSON; undefined when there is no file; `io_failed` when it cannot be read or is not JSON. */
  read(): Result<unknown> | undefined;
  write(value: unknown): void;
}
