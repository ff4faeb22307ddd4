/** The version probe `sluice version` reads tool versions with, composed here for the CLI. */
export { createVersionProbe } from '../adapters/create-version-probe.ts';
