import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { failure, ok, type Result } from '../../core/outcome.ts';
import { isInside } from './resolve-app-command.ts';
import { CdktfManifest, TerraformJsonConfig } from './schema.ts';

/** One synthesized stack: a Terraform working directory holding `cdk.tf.json`. */
export type SynthStack = {
  readonly name: string;
  /** Absolute path of the stack's working directory. */
  readonly workingDirectory: string;
  /** Absolute path of `cdk.tf.json`. */
  readonly configPath: string;
  /** The parsed Terraform JSON configuration. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly dependencies: readonly string[];
};

/** Reads `<outDir>/manifest.json` and every stack it lists, checking each path stays inside `outDir`. */
export async function readSynthOutput(outDir: string): Promise<Result<readonly SynthStack[]>> {
  const manifest = await readJson(join(outDir, 'manifest.json'), CdktfManifest, 'manifest.json');
  if (!manifest.ok) return manifest;
  const stacks: SynthStack[] = [];
  for (const [key, stack] of Object.entries(manifest.value.stacks).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const configPath = resolve(outDir, stack.synthesizedStackPath);
    const workingDirectory = resolve(outDir, stack.workingDirectory);
    if (!isInside(configPath, resolve(outDir)) || !isInside(workingDirectory, resolve(outDir))) {
      return failure('engine_failed', `reading the synth output: stack ${key} points outside the output folder`);
    }
    if (!configPath.endsWith('.json')) {
      return failure('engine_failed', `reading the synth output: stack ${key} was synthesized as HCL (${stack.synthesizedStackPath}); Sluice reads JSON stacks`, {
        hint: 'Remove `hclOutput: true` (or SYNTH_HCL_OUTPUT) from the app so it writes cdk.tf.json.',
      });
    }
    const config = await readJson(configPath, TerraformJsonConfig, stack.synthesizedStackPath);
    if (!config.ok) return config;
    stacks.push({ name: stack.name, workingDirectory, configPath, config: config.value, dependencies: stack.dependencies });
  }
  return ok(stacks);
}

async function readJson<S extends z.ZodType>(path: string, schema: S, label: string): Promise<Result<z.infer<S>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return failure('engine_failed', `reading the synth output: the app wrote no ${label}`, {
      hint: 'The app must call app.synth() (CDKTF or CDK Terrain); Sluice points CDKTF_OUTDIR at its own folder.',
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return failure('engine_failed', `reading the synth output: ${label} is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failure('engine_failed', `reading the synth output: ${label}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return ok(parsed.data);
}
