import { describe, expect, it } from 'vitest';
import { localStateWarning, refuseLocalState, stateBackendOf, withWarnings } from '../../../src/engines/terraform/state-backend.ts';
import { diffTerraformConfigs } from '../../../src/engines/terraform/diff-terraform-configs.ts';

const body = diffTerraformConfigs({}, {}, { project: 'lake' });

describe('where infrastructure keeps its state', () => {
  it('reads the backend of cdk.tf.json and of hcl2json documents; none declared is local', () => {
    expect(stateBackendOf({ terraform: { backend: { s3: { bucket: 'b' } } } })).toEqual({ kind: 'remote', type: 's3' });
    expect(stateBackendOf({ terraform: [{ backend: { gcs: [{ bucket: 'b' }] } }] })).toEqual({ kind: 'remote', type: 'gcs' });
    expect(stateBackendOf({ terraform: [{ cloud: [{ organization: 'acme' }] }] })).toEqual({ kind: 'remote', type: 'cloud' });
    expect(stateBackendOf({ terraform: { backend: { local: { path: '/x/terraform.lake.tfstate' } } } })).toEqual({ kind: 'local', type: 'local' });
    expect(stateBackendOf({ resource: {} })).toEqual({ kind: 'local', type: 'local' });
  });

  it('a plan with local state is refused at apply, naming the stack and the fix', () => {
    const planned = withWarnings(body, [localStateWarning({ what: 'stack `lake`', where: 'lake' })]);
    const refused = refuseLocalState(planned, 'lake');
    expect(refused).toMatchObject({ ok: false, code: 'state_local', message: expect.stringContaining('the state of `lake` would be written to a local backend') });
    expect(refused?.hint).toContain('S3Backend');
    expect(refuseLocalState(body, 'lake')).toBeUndefined();
    expect(planned.report.warnings.map((w) => w.kind)).toEqual(['local-state']);
  });
});
