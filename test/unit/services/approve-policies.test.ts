/**
 * `approve_policies` (services/approve-policies.ts): a policy waiting for approval is approved by a listed
 * owner (a login, or a member of a listed team), never by the PR's author; the approval is stored, audited,
 * replied to, and the summary and the `sluice/policy` check run are republished.
 */
import { describe, expect, it } from 'vitest';
import { command } from '../../../src/commands/command.ts';
import { applyPullRequest } from '../../../src/services/apply-pull-request.ts';
import { approvePolicies } from '../../../src/services/approve-policies.ts';
import { planPullRequest } from '../../../src/services/plan-pull-request.ts';
import { serviceKit, type ServiceKit } from '../../fakes/service-kit.ts';

/** A server policy: any change to marts needs erin, or a member of acme/data-owners. */
const MARTS_OWNER = `version: 1
rules:
  - id: marts-owner
    description: Changes to marts need the approval of an owner.
    applies_to: { projects: [marts] }
    when: "true"
    effect: require_approval
    owners: [erin, acme/data-owners]
    message: marts changes need an owner
`;

async function planned(options: { plan?: boolean } = {}): Promise<ServiceKit> {
  const kit = await serviceKit({ policies: [{ file: 'server-policies.yaml', origin: 'server', text: MARTS_OWNER }] });
  if (options.plan !== false) await planPullRequest(kit.deps, kit.session, { pr: kit.pr, actor: 'dana', signal: kit.signal });
  kit.host.calls.length = 0;
  return kit;
}
const approve = (kit: ServiceKit, actor: string, cmd = command('approve_policies')) => approvePolicies(kit.deps, kit.session, { pr: kit.pr, actor, command: cmd });
const policyCheck = (kit: ServiceKit) => kit.host.calls.flatMap((c) => (c.method === 'createCheckRun' && c.run.name === 'sluice/policy' ? [`${c.run.conclusion}: ${c.run.title}`] : []));

describe('approving the policies of a pull request', () => {
  it('the PR author cannot approve, whatever the case of their login; nothing is stored', async () => {
    const kit = await planned();

    await approve(kit, 'Dana');

    expect(kit.comments()).toEqual(['⚠️ @Dana opened this pull request and cannot approve its policies\n\n💡 ask @erin or @acme/data-owners to approve']);
    expect(await kit.store.listPolicyApprovals(kit.pr)).toEqual([]);
    expect(await kit.auditActions()).toEqual([]);
    expect(kit.summaries()).toEqual([]);
  });

  it('someone who is not an owner is told who can approve', async () => {
    const kit = await planned();

    await approve(kit, 'gus');

    expect(kit.comments()).toEqual(['⚠️ @gus is not an owner of the policies waiting for approval\n\n💡 they can be approved by @erin or @acme/data-owners']);
    expect(await kit.store.listPolicyApprovals(kit.pr)).toEqual([]);
  });

  it('a listed owner approves: stored, audited, replied to, and the summary and policy check turn green', async () => {
    const kit = await planned();

    await approve(kit, 'erin');

    expect((await kit.store.listPolicyApprovals(kit.pr)).map((a) => `${a.project}/${a.ruleId} by ${a.approver} at ${a.approvedAt}`))
      .toEqual(['marts/marts-owner by erin at 2025-03-14T10:00:00.000Z']);
    const audit = await kit.store.listAudit(kit.pr);
    expect(audit.map((a) => [a.action, a.actor, a.detail])).toEqual([['policy_approved', 'erin', { rules: ['marts:marts-owner'] }]]);
    expect(kit.comments()).toEqual(['✅ @erin approved `marts-owner` on `marts`. No policy approval is missing any more; comment `sluice apply` to apply.']);
    expect(kit.summaries().at(-1)).toContain('| `marts` | `marts-owner` | ✅ approved | marts changes need an owner | @erin or @acme/data-owners | @erin |');
    expect(policyCheck(kit)).toHaveLength(1);
    expect(policyCheck(kit)[0]).toMatch(/^success: /);
  });

  it('a member of a listed team approves', async () => {
    const kit = await planned();
    kit.host.teamMembers.add('acme/data-owners:frank');

    await approve(kit, 'frank');

    expect((await kit.store.listPolicyApprovals(kit.pr)).map((a) => a.approver)).toEqual(['frank']);
  });

  it('an approval unblocks apply: refused on the policy before, applied after', async () => {
    const kit = await planned();
    const apply = () => applyPullRequest(kit.deps, kit.session, { pr: kit.pr, actor: 'dana', command: command('apply'), signal: kit.signal });

    expect(await apply()).toEqual([]);
    expect(kit.comments()[0]).toContain('**policy** (`marts`):');
    await approve(kit, 'erin');

    expect((await apply()).map((o) => `${o.project.name}: ${o.status}`)).toEqual(['staging: applied', 'marts: applied']);
  });

  it('with nothing waiting for approval, says so', async () => {
    const kit = await planned();
    await approve(kit, 'erin');

    await approve(kit, 'erin');

    expect(kit.comments().at(-1)).toBe('Nothing to approve: no policy of this pull request needs an approval.');
    expect(await kit.store.listPolicyApprovals(kit.pr)).toHaveLength(1);
    expect(await kit.auditActions()).toEqual(['policy_approved']);
  });

  it('a filter that matches nothing waiting (`-p staging`) approves nothing and lists what waits', async () => {
    const kit = await planned();

    await approve(kit, 'erin', command('approve_policies', { project: 'staging' }));

    expect(kit.comments()).toEqual(['❓ Nothing to approve for the project or rule named; policies waiting for approval: `marts-owner` on `marts`.']);
    expect(await kit.store.listPolicyApprovals(kit.pr)).toEqual([]);
  });

  it('before any plan there is nothing to approve', async () => {
    const kit = await planned({ plan: false });

    await approve(kit, 'erin');

    expect(kit.comments()).toEqual(['Nothing to approve: no policy of this pull request needs an approval.']);
  });

  it('--clear-policy-approval withdraws the actor\'s approvals and the policy waits again', async () => {
    const kit = await planned();
    await approve(kit, 'erin');

    await approve(kit, 'erin', command('approve_policies', { clearPolicyApproval: true }));

    expect(await kit.store.listPolicyApprovals(kit.pr)).toEqual([]);
    expect(kit.comments().at(-1)).toBe('↩️ @erin withdrew 1 policy approval; apply waits for approvals again where they are needed.');
    expect(await kit.auditActions()).toEqual(['policy_approved', 'policy_approval_withdrawn']);
    expect(kit.summaries().at(-1)).toContain('⏳ needs approval (0 of 1)');
    expect(policyCheck(kit).at(-1)).toMatch(/^failure: 1 policy needs approval/);
  });
});
