import type { Result } from '../core/outcome.ts';

/** Where and how one terraform/tofu command runs. */
export type TerraformRunOptions = {
  /** The root module (working directory); inside Sluice's checkout of the PR. */
  readonly cwd: string;
  /** `TF_DATA_DIR`: providers and backend state, kept with the plan artifacts so apply finds them. */
  readonly dataDir: string;
  /** Aborted by `cancel`: the process gets SIGINT (Terraform stops gracefully), then SIGKILL. */
  readonly signal: AbortSignal;
};

/** A plan file written by `plan -out`, and the sha256 apply insists on. */
export type SavedPlan = {
  readonly planFile: string;
  readonly sha256: string;
};

export type TerraformPlanResult = SavedPlan & {
  /** From `-detailed-exitcode`: exit code 2 means the plan has changes, 0 that it has none. */
  readonly hasChanges: boolean;
};

/** What a finished command printed (capped; colour codes off). */
export type TerraformOutput = {
  readonly stdout: string;
  readonly stderr: string;
};

/**
 * The `terraform` or `tofu` binary (ARCHITECTURE.md § 4). Each call runs one process with an argument
 * vector (never a shell), a scrubbed environment, a timeout and an output cap. Expected problems (exit
 * code 1, timeouts, cancellation, a changed plan file) come back as `Failure`s with the binary's stderr.
 */
export interface TerraformRunner {
  /** `terraform` or `tofu`, for messages. */
  readonly name: string;
  /** The resolved executable. */
  readonly binary: string;
  /** `init -input=false -no-color`. */
  init(options: TerraformRunOptions): Promise<Result<TerraformOutput>>;
  /** `plan -input=false -no-color -detailed-exitcode -lock-timeout=… -out=<planFile> [extraArgs]`, then hashes the file. */
  plan(options: TerraformRunOptions & { readonly planFile: string; readonly lockTimeout: string; readonly extraArgs: readonly string[] }): Promise<Result<TerraformPlanResult>>;
  /** `show -json <planFile>`: the plan JSON text. */
  show(options: TerraformRunOptions & { readonly planFile: string }): Promise<Result<string>>;
  /** `apply -input=false -no-color <planFile>`; refuses (`plan_stale`) when the file's sha256 is not `sha256`. */
  apply(options: TerraformRunOptions & SavedPlan): Promise<Result<TerraformOutput>>;
}
