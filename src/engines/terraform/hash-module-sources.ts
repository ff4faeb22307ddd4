import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Configuration and variables; not `.terraform.lock.hcl`, which `init` may write into the checkout. */
const TERRAFORM_FILE = /(\.tf|\.tf\.json|\.tfvars|\.tfvars\.json)$/;

/**
 * sha256 over the Terraform files under a module folder (names and contents, sorted; `.terraform` and
 * other dot folders skipped). Apply compares it with the plan's to refuse a plan whose sources moved.
 */
export function hashModuleSources(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listTerraformFiles(dir)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(dir, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function listTerraformFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).toSorted((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') files.push(...listTerraformFiles(join(dir, entry.name), relative));
    else if (entry.isFile() && TERRAFORM_FILE.test(entry.name)) files.push(relative);
  }
  return files;
}
