import type { Annotation } from '../../core/plan.ts';
import type { Clock } from '../../ports/clock.ts';
import { z } from 'zod';
import type { CheckRunAction, CheckRunInfo, CheckRunUpdate } from '../../ports/code-host.ts';
import { truncateCheckRunText } from '../../render/render-check-run.ts';
import { callGitHub, parseResponse, splitRepo, type GitHubClient } from './github-client.ts';
import { IdResponse, ListedCheckRun } from './schema.ts';

/** GitHub accepts at most 50 annotations per create/update request; the rest go in further updates. */
export const ANNOTATIONS_PER_REQUEST = 50;
const MAX_ACTIONS = 3;

type GitHubAnnotation = {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: Annotation['level'];
  title: string;
  message: string;
};

type Output = { title: string; summary: string; text?: string; annotations?: GitHubAnnotation[] };

export type CreateCheckRunOptions = { name: string; headSha: string; externalId: string } & CheckRunUpdate;

function toGitHubAnnotation(a: Annotation): GitHubAnnotation {
  return {
    path: a.location.file,
    start_line: a.location.line,
    end_line: Math.max(a.location.endLine ?? a.location.line, a.location.line),
    annotation_level: a.level,
    title: a.title.slice(0, 255),
    message: a.message,
  };
}

function toGitHubActions(actions: readonly CheckRunAction[] | undefined) {
  return actions?.slice(0, MAX_ACTIONS).map((a) => ({
    label: a.label.slice(0, 20),
    description: a.description.slice(0, 40),
    identifier: a.identifier.slice(0, 20),
  }));
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** The output of the first request plus the annotation batches that must follow in updates. */
function planOutput(update: CheckRunUpdate, defaultTitle: string): { first?: Output; rest: Output[] } {
  const annotations = (update.annotations ?? []).map(toGitHubAnnotation);
  const hasOutput = update.title !== undefined || update.summary !== undefined || update.text !== undefined || annotations.length > 0;
  if (!hasOutput) return { rest: [] };
  const title = update.title ?? defaultTitle;
  // Cut at GitHub's limit here, after redaction (redacting-code-host.ts), which can lengthen text.
  const summary = truncateCheckRunText(update.summary ?? title);
  const base: Output = { title, summary, ...(update.text === undefined ? {} : { text: truncateCheckRunText(update.text) }) };
  const [firstBatch, ...restBatches] = batches(annotations, ANNOTATIONS_PER_REQUEST);
  return {
    first: firstBatch === undefined ? base : { ...base, annotations: firstBatch },
    rest: restBatches.map((batch) => ({ ...base, annotations: batch })),
  };
}

function timestamps(update: CheckRunUpdate, clock: Clock): { started_at?: string; completed_at?: string } {
  const now = clock.now().toISOString();
  if (update.status === 'in_progress') return { started_at: now };
  if (update.status === 'completed') return { completed_at: now };
  return {};
}

function commonFields(update: CheckRunUpdate, clock: Clock) {
  const actions = toGitHubActions(update.actions);
  return {
    status: update.status,
    ...(update.conclusion === undefined ? {} : { conclusion: update.conclusion }),
    ...(actions === undefined ? {} : { actions }),
    ...timestamps(update, clock),
  };
}

async function sendRemainingAnnotations(client: GitHubClient, repo: string, checkRunId: number, outputs: readonly Output[]): Promise<void> {
  for (const [index, output] of outputs.entries()) {
    const doing = `adding annotations (batch ${index + 2}) to check run ${checkRunId} in ${repo}`;
    await callGitHub(doing, () => client.rest.checks.update({ ...splitRepo(repo), check_run_id: checkRunId, output }));
  }
}

export async function createCheckRun(client: GitHubClient, clock: Clock, repo: string, options: CreateCheckRunOptions): Promise<number> {
  const doing = `creating check run "${options.name}" in ${repo}`;
  const { first, rest } = planOutput(options, options.name);
  const response = await callGitHub(doing, () => client.rest.checks.create({
    ...splitRepo(repo),
    name: options.name,
    head_sha: options.headSha,
    external_id: options.externalId,
    ...commonFields(options, clock),
    ...(first === undefined ? {} : { output: first }),
  }));
  const id = parseResponse(IdResponse, response.data, doing).id;
  await sendRemainingAnnotations(client, repo, id, rest);
  return id;
}

export async function updateCheckRun(client: GitHubClient, clock: Clock, repo: string, checkRunId: number, update: CheckRunUpdate): Promise<void> {
  const doing = `updating check run ${checkRunId} in ${repo}`;
  const { first, rest } = planOutput(update, 'Sluice');
  await callGitHub(doing, () => client.rest.checks.update({
    ...splitRepo(repo),
    check_run_id: checkRunId,
    ...commonFields(update, clock),
    ...(first === undefined ? {} : { output: first }),
  }));
  await sendRemainingAnnotations(client, repo, checkRunId, rest);
}

/** GitHub's waiting/requested/pending states are not finished either: they read as `queued`. */
export async function listCheckRuns(client: GitHubClient, repo: string, headSha: string): Promise<CheckRunInfo[]> {
  const doing = `listing check runs of ${headSha} in ${repo}`;
  const data = await callGitHub(doing, () => client.paginate(client.rest.checks.listForRef, { ...splitRepo(repo), ref: headSha, filter: 'latest', per_page: 100 }));
  return parseResponse(z.array(ListedCheckRun), data, doing).map((run) => ({
    id: run.id,
    name: run.name,
    status: run.status === 'completed' || run.status === 'in_progress' ? run.status : 'queued',
    ...(run.external_id ? { externalId: run.external_id } : {}),
  }));
}
