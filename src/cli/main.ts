/**
 * The `sluice` command line. Today: serve, worker, validate, slas, schema, version, help.
 * Exit codes: 0 ok, 1 error (invalid input or a failure), 2 usage error.
 */
import { parseArgs } from 'node:util';
import { SLUICE_VERSION } from '../services/version.ts';
import { validate } from './validate.ts';
import { writeSchemas } from './write-schemas.ts';

const USAGE = `Usage: sluice <command> [options]

Commands:
  serve                 run the GitHub App (webhooks and worker), like \`npm start\`
  worker                run queued jobs only (more workers on one PostgreSQL state store)
  validate [dir]        check sluice.yaml (and the server config named by SLUICE_CONFIG); list the projects
  slas [--target name]  evaluate every deployed pipeline SLA now; exit 1 on a breach
  schema [--out dir]    write JSON Schemas for sluice.yaml and the server config (default: schema/)
  version               print the version
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
    case 'version':
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
