import type { SynthStack } from './read-synth-output.ts';

/** Stacks in apply order: each after the stacks it depends on (manifest `dependencies`), otherwise by name. */
export function orderStacks(stacks: readonly SynthStack[]): SynthStack[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const ordered: SynthStack[] = [];
  const visiting = new Set<string>();
  const visit = (stack: SynthStack): void => {
    if (ordered.includes(stack) || visiting.has(stack.name)) return;
    visiting.add(stack.name);
    for (const dep of stack.dependencies) {
      const found = byName.get(dep);
      if (found !== undefined) visit(found);
    }
    ordered.push(stack);
  };
  [...stacks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).forEach(visit);
  return ordered;
}
