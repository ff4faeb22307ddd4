import { z } from 'zod';

/**
 * `cdktf.json`, as CDKTF and its community fork CDK Terrain write it. Only `app` matters to Sluice; the
 * other known keys are checked for shape, and unknown keys are kept (newer CLI versions add some).
 */
export const CdktfJson = z.looseObject({
  /** The command that synthesizes the app, e.g. `npx tsx main.ts` or `node main.ts`. */
  app: z.string().trim().min(1, 'cdktf.json: "app" must be a command such as "node main.ts"'),
  language: z.enum(['typescript', 'python', 'java', 'csharp', 'go']).optional(),
  /** Where `cdktf synth` writes; Sluice ignores it and points CDKTF_OUTDIR at its own folder. */
  output: z.string().optional(),
  projectId: z.string().optional(),
  sendCrashReports: z.union([z.boolean(), z.string()]).optional(),
  codeMakerOutput: z.string().optional(),
  terraformProviders: z.array(z.unknown()).optional(),
  terraformModules: z.array(z.unknown()).optional(),
  /** Passed to the app as CDKTF_CONTEXT_JSON, as the CLI does. */
  context: z.record(z.string(), z.unknown()).optional(),
});
export type CdktfJson = z.infer<typeof CdktfJson>;

export const ManifestStack = z.looseObject({
  name: z.string().min(1),
  /** Relative to the output folder, e.g. `stacks/lake`. */
  workingDirectory: z.string().min(1),
  /** Relative to the output folder, e.g. `stacks/lake/cdk.tf.json`. */
  synthesizedStackPath: z.string().min(1),
  constructPath: z.string().optional(),
  dependencies: z.array(z.string()).default([]),
  annotations: z.array(z.unknown()).default([]),
});
export type ManifestStack = z.infer<typeof ManifestStack>;

/** `<outdir>/manifest.json`, the same for CDKTF and CDK Terrain. */
export const CdktfManifest = z.looseObject({
  version: z.string(),
  stacks: z.record(z.string(), ManifestStack),
});
export type CdktfManifest = z.infer<typeof CdktfManifest>;

/** A synthesized Terraform JSON configuration: an object at the top level, the rest is the terraform helper's. */
export const TerraformJsonConfig = z.record(z.string(), z.unknown());

export { CdktfArtifacts, StackArtifact } from '../../core/plans/terraform-plan.ts';
