import { createHash } from 'node:crypto';
import { assemblePolicies } from './assemble-policies.ts';
import type { PolicySet, PolicyText } from './policy-types.ts';

/**
 * The policies of a server, read once at boot: the default pack and the server's `policy_paths`. A
 * repository's own `.sluice/policies/` (read from its default branch) joins them per plan; the compiled set
 * of each combination is kept, so CEL is compiled once per distinct set of texts, not on every plan.
 */
export type PolicyBook = {
  /** The pack's and the server's texts, in order. */
  readonly serverTexts: readonly PolicyText[];
  /** The compiled set of the server's texts followed by `repoTexts`. */
  assemble(repoTexts: readonly PolicyText[]): PolicySet;
};

/** How many compiled sets are kept (one per distinct repository policy folder, most recent first). */
const KEEP_SETS = 32;

export function createPolicyBook(serverTexts: readonly PolicyText[]): PolicyBook {
  const compiled = new Map<string, PolicySet>();
  return {
    serverTexts,
    assemble(repoTexts) {
      const texts = [...serverTexts, ...repoTexts];
      const key = keyOf(texts);
      const hit = compiled.get(key);
      if (hit !== undefined) {
        compiled.delete(key);
        compiled.set(key, hit);
        return hit;
      }
      const set = assemblePolicies(texts);
      compiled.set(key, set);
      if (compiled.size > KEEP_SETS) compiled.delete(compiled.keys().next().value!);
      return set;
    },
  };
}

function keyOf(texts: readonly PolicyText[]): string {
  const hash = createHash('sha256');
  for (const t of texts) hash.update(JSON.stringify([t.file, t.origin, t.text ?? null, t.readError ?? null])).update('\0');
  return hash.digest('hex');
}
