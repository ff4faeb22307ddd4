import { isRecord, maskValue } from './mask-values.ts';
import type { TerraformChange } from './schema.ts';

type Path = readonly (string | number)[];

export type ComparableSides = {
  readonly before: unknown;
  /** With unknown parts as `(known after apply)`. */
  readonly after: unknown;
  /** True under a path `before_sensitive` or `after_sensitive` marks: compared, never shown. */
  readonly isSecret: (path: Path) => boolean;
};

/**
 * What an attribute diff compares: the real values, so a changed secret still shows as a change
 * (`~ password = (sensitive) -> (sensitive)`), with the sensitivity that `diffAttributes` masks by.
 * Only the masked lines leave the engine; the real values are never stored.
 */
export function comparableSides(change: TerraformChange): ComparableSides {
  return {
    before: change.before ?? null,
    after: maskValue(change.after, false, change.after_unknown),
    isSecret: (path) => isSensitiveAt(change.before_sensitive, path) || isSensitiveAt(change.after_sensitive, path),
  };
}

/** True when `tree` (a `*_sensitive` mirror) is `true` at `path` or at one of its prefixes. */
export function isSensitiveAt(tree: unknown, path: Path): boolean {
  let node = tree;
  for (const step of path) {
    if (node === true) return true;
    if (Array.isArray(node) && typeof step === 'number') node = node[step];
    else if (isRecord(node)) node = node[String(step)];
    else return false;
  }
  return node === true;
}
