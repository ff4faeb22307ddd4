// Acme's data lake: the raw-data bucket (KMS-encrypted, versioned, with lifecycle rules), the Glue catalog
// database the warehouse reads it through, and the role the Glue crawler assumes.
// Deep imports: loading the provider's index pulls in ~2,200 modules and makes synth ~10x slower.
import { App, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';

const TAGS = { team: 'data', cost_center: 'analytics', managed_by: 'sluice' };

class LakeStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State lives in S3 (locked in DynamoDB), never in the checkout Sluice plans in.
    new S3Backend(this, { bucket: 'acme-terraform-state', key: `lake/${id}.tfstate`, region: 'eu-west-1', encrypt: true, dynamodbTable: 'acme-terraform-locks' });
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    const lake = new S3Bucket(this, 'lake', { bucket: 'acme-analytics-lake', forceDestroy: false, tags: TAGS });
    new S3BucketPublicAccessBlock(this, 'lake_public_access', {
      bucket: lake.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    new S3BucketVersioningA(this, 'lake_versioning', { bucket: lake.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'lake_encryption', {
      bucket: lake.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, 'lake_lifecycle', {
      bucket: lake.id,
      rule: [
        { id: 'expire-tmp', status: 'Enabled', filter: [{ prefix: 'tmp/' }], expiration: [{ days: 14 }] },
        { id: 'archive-raw', status: 'Enabled', filter: [{ prefix: 'raw/' }], transition: [{ days: 180, storageClass: 'GLACIER' }] },
      ],
    });
    new GlueCatalogDatabase(this, 'analytics', { name: 'acme_analytics', description: 'Curated analytics tables' });
    const crawler = new IamRole(this, 'crawler', {
      name: 'acme-glue-crawler',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags: TAGS,
    });
    new IamRolePolicy(this, 'crawler_read_lake', {
      role: crawler.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [lake.arn, `${lake.arn}/*`] }],
      }),
    });
  }
}

const app = new App();
new LakeStack(app, 'lake');
app.synth();
