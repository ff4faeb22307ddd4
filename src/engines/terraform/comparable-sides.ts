import type { SecretRoot } from './diff-attributes.ts';
import { isRecord, maskSecretNames, maskValue, unionSensitivity } from './mask-values.ts';
import type { TerraformChange, TerraformPlan } from './schema.ts';
import { secretNameRoot } from './secret-names.ts';

type Path = readonly (string | number)[];

/**
 * How a plan tells secrets: `marks`, its `before_sensitive`/`after_sensitive` mirrors (Terraform 0.15+, plan
 * format 0.2+; some 0.1 plans of later releases carry them too), or by attribute `names` alone when it has no
 * mirrors at all (Terraform 0.12–0.14).
 */
export type Sensitivity = 'marks' | 'names';

export function planSensitivity(plan: Pick<TerraformPlan, 'format_version' | 'resource_changes' | 'resource_drift' | 'output_changes'>): Sensitivity {
  if (plan.format_version !== '0.1') return 'marks';
  const changes = [...plan.resource_changes, ...plan.resource_drift].map((rc) => rc.change).concat(Object.values(plan.output_changes));
  return changes.some((c) => c.before_sensitive !== undefined || c.after_sensitive !== undefined) ? 'marks' : 'names';
}

export type ComparableSides = {
  readonly before: unknown;
  /** With unknown parts as `(known after apply)`. */
  readonly after: unknown;
  /** Where a secret starts: compared, never shown. */
  readonly secretRoot: SecretRoot;
};

export type SecrecyOptions = {
  readonly sensitivity: Sensitivity;
  /** The whole value is secret (an output declared `sensitive = true`). */
  readonly whole?: boolean;
};

/**
 * What an attribute diff compares: the real values, so a changed secret still shows as a change
 * (`~ password = (sensitive value)`), with where secrets start for `diffAttributes` to mask. A path either
 * mirror marks is secret on both sides. Only the masked lines leave the engine; the real values are never stored.
 */
export function comparableSides(change: TerraformChange, options: SecrecyOptions): ComparableSides {
  return {
    before: change.before ?? null,
    after: maskValue(change.after, false, change.after_unknown),
    secretRoot: secretRootOf(change, options),
  };
}

/** Both sides masked for policy facts: by either mirror on both sides (`marks`), or by names. */
export function maskedSides(change: TerraformChange, options: SecrecyOptions): { before: unknown; after: unknown } {
  if (options.whole === true) return { before: maskValue(change.before, true), after: maskValue(change.after, true, change.after_unknown) };
  if (options.sensitivity === 'names') {
    return { before: maskSecretNames(change.before), after: maskSecretNames(maskValue(change.after, false, change.after_unknown)) };
  }
  const sensitive = unionSensitivity(change.before_sensitive, change.after_sensitive);
  return { before: maskValue(change.before, sensitive), after: maskValue(change.after, sensitive, change.after_unknown) };
}

function secretRootOf(change: TerraformChange, options: SecrecyOptions): SecretRoot {
  if (options.whole === true) return () => [];
  if (options.sensitivity === 'names') return secretNameRoot;
  return (path) => sensitiveRoot([change.before_sensitive, change.after_sensitive], path);
}

/** The shortest prefix of `path` at which one of the `*_sensitive` mirrors is `true`. */
export function sensitiveRoot(trees: readonly unknown[], path: Path): Path | undefined {
  for (let length = 0; length <= path.length; length++) {
    const prefix = path.slice(0, length);
    if (trees.some((tree) => nodeAt(tree, prefix) === true)) return prefix;
  }
  return undefined;
}

function nodeAt(tree: unknown, path: Path): unknown {
  let node = tree;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === 'number') node = node[step];
    else if (isRecord(node)) node = node[String(step)];
    else return undefined;
  }
  return node;
}
