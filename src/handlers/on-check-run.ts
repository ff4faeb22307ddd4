import { command } from '../commands/command.ts';
import { enqueue, repoAllowed, type Delivery, type HandlerDeps } from './handler-deps.ts';
import { CheckRunEvent } from './payload-slices.ts';

const CHECK_NAME = /^sluice\/(plan|apply): (.+)$/;

/** check_run: the Apply / Re-plan buttons (requested_action) and "Re-run" (rerequested) of Sluice's own runs. */
export async function onCheckRun(deps: HandlerDeps, delivery: Delivery<unknown>): Promise<void> {
  const event = CheckRunEvent.parse(delivery.payload);
  if (!repoAllowed(deps.server, event.repository.full_name)) return;
  const match = CHECK_NAME.exec(event.check_run.name);
  const prNumber = event.check_run.pull_requests[0]?.number;
  if (!match || prNumber === undefined) return;
  const project = match[2];
  const name = event.action === 'requested_action' ? event.requested_action?.identifier : event.action === 'rerequested' ? 'plan' : undefined;
  if (name !== 'apply' && name !== 'plan') return;
  await enqueue(deps, delivery.id, [
    {
      pr: { repo: event.repository.full_name, number: prNumber },
      installationId: event.installation?.id,
      actor: event.sender.login,
      deliveryId: delivery.id,
      request: { type: 'command', command: command(name, { project }), checkRunId: event.check_run.id },
    },
  ]);
}
