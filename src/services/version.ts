import packageJson from '../../package.json' with { type: 'json' };

/** Sluice's version, shown by `sluice version`: the package's own. */
export const SLUICE_VERSION: string = packageJson.version;
