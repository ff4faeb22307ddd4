import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { ok, within, type Failure, type Result } from '../../core/outcome.ts';
import type { EngineContext } from '../../ports/project-engine.ts';
import { synthCdktfApp, type SynthCdktfAppOptions, type SynthResult } from './synth-app.ts';
import type { SynthSandbox } from './synth-sandbox.ts';

export type Side = 'base' | 'head';

/** What the engine passes to every synth; the rest comes from the context. */
export type SynthSettings = Omit<SynthCdktfAppOptions, 'appDir' | 'rootDir' | 'outDir' | 'cacheDir' | 'signal' | 'sandbox'> & {
  readonly cacheDir: string;
  readonly sandbox: SynthSandbox;
  /** Called after each synth (for logs and the unchanged-push benchmark). */
  readonly onSynth?: (event: { project: string; side: Side; cached: boolean; inputsHash: string }) => void;
};

/** Sluice's folder for this PR's synth output of one side: kept with the plan artifacts, removed by cleanup. */
export function synthOutDir(artifactDir: string, side: Side): string {
  return join(artifactDir, 'cdktf', side);
}

/**
 * The cache of one project of one PR: keys include the checkout path, so entries are never shared between
 * PRs, and cleanup removes them with the PR's other artifacts.
 */
export function synthCacheDir(cacheDir: string, ctx: Pick<EngineContext, 'pr' | 'project'>): string {
  const safe = (part: string): string => part.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(cacheDir, safe(ctx.pr.repo), `pr-${ctx.pr.number}`, safe(ctx.project.name));
}

/**
 * Synthesizes the project's app at one side of the PR. A base without cdktf.json (the project is new)
 * has no stacks. Failures read `synthesizing <project> at head: …`, located in the repo (head only).
 */
export async function synthProject(ctx: Omit<EngineContext, 'progress'>, side: Side, settings: SynthSettings): Promise<Result<SynthResult | undefined>> {
  const rootDir = side === 'head' ? ctx.headDir : ctx.baseDir;
  const appDir = join(rootDir, ctx.project.dir);
  if (side === 'base' && !existsSync(join(appDir, 'cdktf.json'))) return ok(undefined);
  const { onSynth, ...options } = settings;
  const result = await synthCdktfApp({
    ...options, appDir, rootDir, signal: ctx.signal,
    outDir: synthOutDir(ctx.artifactDir, side),
    cacheDir: synthCacheDir(settings.cacheDir, ctx),
  });
  if (!result.ok) return within(`synthesizing ${ctx.project.name} at ${side}`, locateInRepo(result, ctx.project.dir, side));
  onSynth?.({ project: ctx.project.name, side, cached: result.value.cached, inputsHash: result.value.inputsHash });
  return result;
}

/** Failure locations are relative to the app folder; annotations need them relative to the repo, at head. */
function locateInRepo(f: Failure, projectDir: string, side: Side): Failure {
  const { location, ...rest } = f;
  if (location === undefined || side === 'base') return rest;
  return { ...rest, location: { ...location, file: posix.join(projectDir, location.file) } };
}
