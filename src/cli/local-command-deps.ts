import { defaultEngines } from '../main/default-engines.ts';
import { systemClock } from '../ports/clock.ts';
import { processTerminal, type Io } from './cli-io.ts';
import type { LocalCommandDeps } from './plan.ts';

/** The local commands' wiring for this process: the shipped engines over the repo's data dir. */
export function localCommandDeps(io: Io): LocalCommandDeps {
  return {
    cwd: process.cwd(),
    env: process.env,
    io,
    terminal: processTerminal(process.env),
    clock: systemClock,
    engines: (ctx) => defaultEngines({ dataDir: ctx.dataDir, env: process.env, clock: systemClock, settings: ctx.server }),
  };
}
