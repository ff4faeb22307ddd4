import { delimiter, dirname } from 'node:path';

/** Variables copied from Sluice's environment by default: none of them carries a secret. */
export const DEFAULT_SYNTH_ENV_ALLOWLIST: readonly string[] = ['LANG', 'LC_ALL', 'TZ', 'NODE_EXTRA_CA_CERTS'];

/**
 * Names never passed to PR code, even when allowlisted: tokens, keys, passwords and cloud credentials.
 * Defence in depth behind the allowlist; a server operator's typo must not leak the app's private key.
 */
const SECRET_NAME = /TOKEN|SECRET|PASSW|PRIVATE|KEY|CREDENTIAL|SESSION|WEBHOOK|^AWS_|^GITHUB_|^GH_|^GOOGLE_|^GCP_|^AZURE_|^ARM_|^TF_VAR_|^TF_TOKEN|^DATABASE_URL$|^WAREHOUSE_URL$|^PG|^NODE_OPTIONS$/i;

export type SynthEnvOptions = {
  /** Sluice's own environment; only allowlisted, non-secret names are read from it. */
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  readonly allowlist: readonly string[];
  /** A fresh temporary folder: the app's HOME and TMPDIR, so it reads no dotfiles of the server. */
  readonly home: string;
  readonly outDir: string;
  readonly nodePath: string;
  /** `context` of cdktf.json, passed as CDKTF_CONTEXT_JSON like the CDKTF CLI does. */
  readonly context?: Readonly<Record<string, unknown>>;
};

/** The whole environment of the synth child: built from nothing, never a copy of `process.env`. */
export function buildSynthEnv(options: SynthEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of options.allowlist) {
    const value = options.parentEnv[name];
    if (value !== undefined && !SECRET_NAME.test(name)) env[name] = value;
  }
  const path = [dirname(options.nodePath), options.parentEnv['PATH'] ?? '/usr/local/bin:/usr/bin:/bin'];
  return {
    ...env,
    PATH: path.join(delimiter),
    HOME: options.home,
    TMPDIR: options.home,
    CI: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CHECKPOINT_DISABLE: '1',
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    // CDK Terrain honours the CDKTF_* names; the CDKTN_* ones are set too for its releases that rename them.
    CDKTF_OUTDIR: options.outDir,
    CDKTN_OUTDIR: options.outDir,
    SYNTH_HCL_OUTPUT: 'false',
    ...(options.context === undefined ? {} : contextEnv(options.context)),
  };
}

function contextEnv(context: Readonly<Record<string, unknown>>): Record<string, string> {
  const json = JSON.stringify(context);
  return { CDKTF_CONTEXT_JSON: json, CDKTN_CONTEXT_JSON: json };
}
