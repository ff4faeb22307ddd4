#!/usr/bin/env node
// The `sluice` command. Runs the TypeScript sources directly (Node >= 22.18 strips types), or the build in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/main.js', import.meta.url);
const entry = existsSync(fileURLToPath(built)) ? built : new URL('../src/cli/main.ts', import.meta.url);
const { main } = await import(entry.href);
const command = process.argv[2];
const code = await main(process.argv.slice(2));
if (command !== 'serve' && command !== 'worker') process.exitCode = code;
