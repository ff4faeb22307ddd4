/**
 * The `sluice` command line: plan, apply, diff, test, validate, slas, serve, worker, schema, version, help.
 * Exit codes: 0 ok, 1 error (invalid input or a failure), 2 usage error; `plan`: 0 no changes, 2 changes, 1 error;
 * `diff`: 0 identical to production, 2 differences (or a new model), 1 error.
 */
import { parseArgs } from 'node:util';
import { SLUICE_VERSION } from '../services/version.ts';
import { validate } from './validate.ts';
import { writeSchemas } from './write-schemas.ts';

const USAGE = `Usage: sluice <command> [options]

Commands:
  serve                 run the GitHub App (webhooks and worker), like \`npm start\`
  worker                run queued jobs only (more workers on one PostgreSQL state store)
  plan [--base ref] [-p project]... [--format text|markdown|json]
                        plan the working tree (uncommitted changes included) against the base ref
                        (default: the merge base with origin/HEAD or main; \`none\`: plan everything as new);
                        exit 0 no changes, 2 changes, 1 error
  apply [-p project]... apply the plan just made, to targets that allow local applies
  diff <model> [--base ref] [-p project] [--format text|markdown|json] [--show-pii]
                        build one SQL model (e.g. marts.orders) of the working tree, with the changed
                        models it reads, in the local PR environment and diff its data against production;
                        PII masked unless --show-pii; -p when several projects have the model;
                        exit 0 identical, 2 differences or a new model, 1 error
  test [-p project]...  run the SQL models' data tests against their target's tables as they are
  validate [dir]        check sluice.yaml (and the server config named by SLUICE_CONFIG), the models,
                        pipelines and policies; located errors, exit 1 when there are any
  slas [--target name]  evaluate every deployed pipeline SLA now; exit 1 on a breach
  schema [--out dir]    write JSON Schemas for sluice.yaml and the server config (default: schema/)
  version               print the versions of Sluice, Node and each target's tool (DuckDB, PostgreSQL,
                        terraform/tofu) of the server config; \`--version\`: Sluice's only
  help                  print this help
`;

export async function main(argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void } = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  switch (name) {
    case 'serve':
    case 'worker': {
      const { serve, work, loadDotEnv } = await import('../main/serve.ts');
      loadDotEnv();
      await (name === 'serve' ? serve() : work());
      return 0;
    }
    case 'plan':
    case 'apply': {
      const { localCommandDeps } = await import('./local-command-deps.ts');
      const { plan, apply } = await import('./plan.ts');
      return (name === 'plan' ? plan : apply)(rest, localCommandDeps(io));
    }
    case 'diff': {
      const { localCommandDeps } = await import('./local-command-deps.ts');
      return (await import('./diff-command.ts')).diff(rest, localCommandDeps(io));
    }
    case 'test': {
      const { localCommandDeps } = await import('./local-command-deps.ts');
      return (await import('./test-command.ts')).test(rest, localCommandDeps(io));
    }
    case 'validate':
      return validate({ dir: rest[0] ?? process.cwd(), env: process.env, io });
    case 'slas': {
      const { values } = parseArgs({ args: [...rest], options: { target: { type: 'string' } } });
      return (await import('./slas.ts')).slas({ env: process.env, io, ...(values.target === undefined ? {} : { target: values.target }) });
    }
    case 'schema': {
      const { values } = parseArgs({ args: [...rest], options: { out: { type: 'string', default: 'schema' } } });
      for (const file of writeSchemas(values.out)) io.out(`wrote ${file}\n`);
      return 0;
    }
    case 'version': {
      const { createVersionProbe } = await import('../main/version-probe.ts');
      return (await import('./version-command.ts')).version({ env: process.env, io, probe: createVersionProbe({ env: process.env }) });
    }
    case '--version':
      io.out(`sluice ${SLUICE_VERSION}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      io.err(`sluice: unknown command \`${name}\`\n\n${USAGE}`);
      return 2;
  }
}

function defaultIo() {
  return { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) };
}
