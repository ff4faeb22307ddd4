import { describe, expect, it } from 'vitest';
import { configBlocks } from '../../../src/engines/terraform/config-blocks.ts';
import { locateConfigBlocks } from '../../../src/engines/terraform/locate-config-blocks.ts';

const TF = `terraform {
  backend "s3" {
    bucket = "state"
  }
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "eu-west-1" # "{" in a comment
}

provider "aws" {
  default_tags {
    tags = { team = "data" }
  }
  alias = "us"
}

resource "aws_s3_bucket" "raw" { bucket = "a{b" }

data "aws_ami" "web" {
  owners = ["amazon"]
}

locals {
  env  = "prod"
  tags = { owner = "data" }
}

module "vpc" {
  source = "./vpc"
}

output "arn" {
  value = aws_s3_bucket.raw.arn
}

variable "region" {}
`;

describe('locateConfigBlocks', () => {
  it('finds the line of every block by the address configBlocks gives it', () => {
    expect(Object.fromEntries(locateConfigBlocks(TF))).toEqual({
      terraform: 1, 'terraform.backend': 2, 'terraform.required_providers': 5, 'provider.aws': 10, 'provider.aws.us': 14,
      'aws_s3_bucket.raw': 21, 'data.aws_ami.web': 23, 'local.env': 28, 'local.tags': 29, 'module.vpc': 32, 'output.arn': 36, 'var.region': 40,
    });
  });
});

describe('configBlocks', () => {
  it('reads CDKTF JSON (blocks as objects) and hcl2json output (blocks in arrays) to the same addresses', () => {
    const cdktf = {
      '//': { metadata: { stackName: 'lake' } },
      terraform: { backend: { local: { path: 'terraform.lake.tfstate' } }, required_providers: { aws: { source: 'aws', version: '5.0.0' } } },
      provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', region: 'us-east-1' }] },
      output: { arn: { value: '${aws_s3_bucket.raw.arn}', '//': { metadata: {} } } },
      locals: { env: 'prod' },
    };
    const hcl = {
      terraform: [{ backend: { local: [{ path: 'terraform.lake.tfstate' }] }, required_providers: [{ aws: { source: 'aws', version: '5.0.0' } }] }],
      provider: { aws: [{ region: 'eu-west-1' }, { alias: 'us', region: 'us-east-1' }] },
      output: { arn: [{ value: '${aws_s3_bucket.raw.arn}' }] },
      locals: [{ env: 'prod' }],
    };
    const values = (config: unknown) => Object.fromEntries([...configBlocks(config)].map(([address, b]) => [address, b.values]));
    expect(values(cdktf)).toEqual(values(hcl));
    expect(Object.keys(values(cdktf))).toEqual(['provider.aws', 'provider.aws.us', 'terraform.backend', 'terraform.required_providers', 'output.arn', 'local.env']);
  });

  it('compares the implicit local backend of CDKTF by file name, not by the checkout it was synthesized in', () => {
    const stack = (dir: string) => ({ terraform: { backend: { local: { path: `${dir}/infra/lake/terraform.lake.tfstate` } } } });
    const backend = (config: unknown) => configBlocks(config).get('terraform.backend')!.values;
    expect(backend(stack('/tmp/checkouts/base'))).toEqual({ local: { path: 'terraform.lake.tfstate' } });
    expect(backend(stack('/tmp/checkouts/base'))).toEqual(backend(stack('/tmp/checkouts/head')));
    expect(backend({ terraform: { backend: { local: { path: 'state/dev.tfstate' } } } })).toEqual({ local: { path: 'state/dev.tfstate' } });
  });
});
