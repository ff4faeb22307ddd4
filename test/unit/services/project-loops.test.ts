/**
 * The one per-project loop of the App and the CLI (services/plan-projects.ts, services/apply-projects.ts),
 * over a recording execution context and a scripted engine: what each project's report shows, what is kept,
 * locked, applied and audited.
 */
import { describe, expect, it } from 'vitest';
import { ServerConfig } from '../../../src/config/schema.ts';
import { failure } from '../../../src/core/outcome.ts';
import { DEFAULT_WHEN_MODIFIED, type Project } from '../../../src/core/project.ts';
import { silentLogger } from '../../../src/ports/logger.ts';
import { applyProjects } from '../../../src/services/apply-projects.ts';
import { planProjects } from '../../../src/services/plan-projects.ts';
import type { EngineDeps } from '../../../src/services/with-engine.ts';
import { createRecordingExecutionContext } from '../../fakes/recording-execution-context.ts';
import { createScriptedEngine, type EngineScript } from '../../fakes/scripted-engine.ts';

const NOW = new Date('2025-03-14T10:00:00.000Z');
const project = (name: string, dependsOn: string[] = []): Project => ({
  name, kind: 'sql', dir: name, target: 'warehouse', whenModified: DEFAULT_WHEN_MODIFIED.sql, autoplan: true, dependsOn, applyRequirements: [], automerge: false,
});
const staging = project('staging');
const marts = project('marts', ['staging']);
const server = ServerConfig.parse({ targets: { warehouse: { type: 'duckdb', path: 'w.duckdb' } } });

function setup(script: EngineScript = {}) {
  const engine = createScriptedEngine('sql', script);
  const deps: EngineDeps = { engines: { sql: engine }, server, clock: { now: () => NOW }, log: silentLogger };
  return { engine, deps };
}

describe('planning each project of a run', () => {
  it('opens every report first, then plans in order, binds each plan to the run and keeps it', async () => {
    const { deps, engine } = setup({ marts: { plan: 'no-changes' } });
    const ctx = createRecordingExecutionContext();

    const outcomes = await planProjects(deps, ctx, [staging, marts]);

    expect(outcomes.map((o) => `${o.project.name}: ${o.status}`)).toEqual(['staging: planned', 'marts: no-changes']);
    expect(engine.calls).toEqual(['plan staging', 'plan marts']);
    expect(ctx.shown).toEqual([
      'plan staging: begin planning staging', 'plan staging: looking at staging', 'plan staging: complete planned',
      'plan marts: begin planning marts', 'plan marts: looking at marts', 'plan marts: complete no-changes',
    ]);
    expect(ctx.kept.map((p) => ({ project: p.project, kind: p.kind, headSha: p.headSha, baseSha: p.baseSha, configHash: p.configHash, createdAt: p.createdAt })))
      .toEqual([staging, marts].map((p) => ({ project: p.name, kind: 'sql', headSha: 'h'.repeat(40), baseSha: 'b'.repeat(40), configHash: 'config-1', createdAt: NOW.toISOString() })));
    expect(engine.contexts[0]).toMatchObject({ actor: 'dana', headDir: '/checkout/head', baseDir: '/checkout/base', artifactDir: '/artifacts/staging' });
  });

  it('a project another PR holds is not planned; the others are', async () => {
    const { deps, engine } = setup();
    const heldBy = { repo: 'acme/data', project: 'staging', target: 'warehouse', pr: 3, user: 'lee', acquiredAt: '2025-03-13T09:00:00.000Z' };
    const ctx = createRecordingExecutionContext({ heldBy: { staging: heldBy } });

    const outcomes = await planProjects(deps, ctx, [staging, marts]);

    expect(outcomes.map((o) => o.status)).toEqual(['locked-elsewhere', 'planned']);
    expect(outcomes[0]?.heldBy).toEqual(heldBy);
    expect(engine.calls).toEqual(['plan marts']);
  });

  it('a failed or crashed project reads "planning <project>: …" once, and never stops the others', async () => {
    const { deps } = setup({ staging: { plan: failure('engine_failed', 'building staging.orders: Binder Error') }, marts: { plan: 'crash' } });
    const ctx = createRecordingExecutionContext();

    const outcomes = await planProjects(deps, ctx, [staging, marts, project('reports')]);

    expect(outcomes.map((o) => [o.status, o.failure?.message])).toEqual([
      ['failed', 'planning staging: building staging.orders: Binder Error'],
      ['failed', "planning marts: sql engine crashed: Cannot read properties of undefined (reading 'columns')"],
      ['planned', undefined],
    ]);
    expect(ctx.kept.map((p) => p.project)).toEqual(['reports']);
  });

  it('a project whose kind has no engine is a located `engine_missing` failure, not a crash', async () => {
    const { deps } = setup();
    const lake = { ...project('lake'), kind: 'cdktf' as const };

    const [outcome] = await planProjects(deps, createRecordingExecutionContext(), [lake]);

    expect(outcome?.failure).toMatchObject({ code: 'engine_missing', message: 'planning lake: no engine for project kind `cdktf` is installed on this server' });
  });

  it('after cancel, the projects not yet planned are cancelled and every report completes', async () => {
    const { deps, engine } = setup();
    const ctx = createRecordingExecutionContext();
    ctx.abort();

    const outcomes = await planProjects(deps, ctx, [staging, marts]);

    expect(outcomes.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect(engine.calls).toEqual([]);
    expect(ctx.shown).toEqual(['plan staging: complete cancelled', 'plan marts: complete cancelled']);
  });
});

describe('applying the stored plans of a run', () => {
  async function planned(script: EngineScript = {}) {
    const { deps, engine } = setup(script);
    const outcomes = await planProjects(deps, createRecordingExecutionContext(), [staging, marts, project('reports')]);
    return { deps, engine, plans: outcomes.map((o) => ({ project: o.project, plan: o.plan! })) };
  }

  it('applies exactly the stored plans in order, marks and audits each', async () => {
    const { deps, engine, plans } = await planned();
    const ctx = createRecordingExecutionContext();

    const outcomes = await applyProjects(deps, ctx, plans);

    expect(outcomes.map((o) => `${o.project.name}: ${o.status}`)).toEqual(['staging: applied', 'marts: applied', 'reports: applied']);
    expect(engine.calls.filter((c) => c.startsWith('apply'))).toEqual(['apply staging', 'apply marts', 'apply reports']);
    expect(ctx.applied).toEqual(['staging', 'marts', 'reports']);
    expect(ctx.audited).toEqual(['apply_started staging', 'apply_succeeded staging', 'apply_started marts', 'apply_succeeded marts', 'apply_started reports', 'apply_succeeded reports']);
    expect(outcomes[0]?.applied).toMatchObject({ summary: 'staging applied', durationMs: 0 });
  });

  it('stops at the first project that does not apply: the rest are not applied (cancelled)', async () => {
    const { deps, engine, plans } = await planned({ marts: { apply: failure('apply_failed', 'production changed since this plan') } });
    const ctx = createRecordingExecutionContext();

    const outcomes = await applyProjects(deps, ctx, plans);

    expect(outcomes.map((o) => [o.project.name, o.status, o.failure?.message])).toEqual([
      ['staging', 'applied', undefined],
      ['marts', 'apply-failed', 'applying marts: production changed since this plan'],
      ['reports', 'cancelled', undefined],
    ]);
    expect(engine.calls.filter((c) => c.startsWith('apply'))).toEqual(['apply staging', 'apply marts']);
    expect(ctx.applied).toEqual(['staging']);
    expect(ctx.audited).toContain('apply_failed marts');
  });

  it('a project the context refuses (a local run on a target without local applies) is refused before its engine runs, and stops the run', async () => {
    const { deps, engine, plans } = await planned();
    const refused = failure('not_authorized', 'target `warehouse` does not allow local applies (allow_local_apply: false)');
    const ctx = createRecordingExecutionContext({ refused: { staging: refused } });

    const outcomes = await applyProjects(deps, ctx, plans);

    expect(outcomes.map((o) => o.status)).toEqual(['apply-failed', 'cancelled', 'cancelled']);
    expect(outcomes[0]?.failure?.message).toBe('applying staging: target `warehouse` does not allow local applies (allow_local_apply: false)');
    expect(engine.calls.filter((c) => c.startsWith('apply'))).toEqual([]);
  });
});
