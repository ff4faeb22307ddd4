import { failure, ok } from './outcome.ts';
import type { Result } from './outcome.ts';
import type { Project } from './project.ts';

/** Dependencies by name; edges to names that are not keys are ignored. */
export type DependencyGraph = ReadonlyMap<string, readonly string[]>;

/**
 * Orders projects so that each comes after the projects it depends on; among projects that are ready
 * together, by name. Dependencies on projects not in the list (not selected this run) are ignored.
 * A cycle is a `cycle` failure naming it in full: `a → b → c → a`.
 */
export function orderProjects(projects: readonly Project[]): Result<Project[]> {
  const byName = new Map(projects.map((p) => [p.name, p]));
  const graph: DependencyGraph = new Map(projects.map((p) => [p.name, p.dependsOn]));
  const order = topologicalOrder(graph);
  if (order.length < byName.size) {
    const cycles = findCycles(graph);
    const named = cycles.map(formatCycle).join('; ');
    return failure('cycle', `ordering projects: dependency cycle ${named}`, {
      hint: 'Remove one of the depends_on entries in the cycle.',
    });
  }
  return ok(order.map((name) => known(byName, name)));
}

/** `a → b → c → a` */
export function formatCycle(cycle: readonly string[]): string {
  return [...cycle, cycle[0]].join(' → ');
}

/** Kahn's algorithm, ties broken by name; names on a cycle (or after one) are left out. */
function topologicalOrder(graph: DependencyGraph): string[] {
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [name, deps] of graph) {
    const known = new Set(deps.filter((d) => graph.has(d)));
    waitingOn.set(name, known.size);
    for (const dep of known) dependents.set(dep, [...(dependents.get(dep) ?? []), name]);
  }
  const ready = [...graph.keys()].filter((n) => waitingOn.get(n) === 0).sort(compareNames);
  const order: string[] = [];
  for (let next = ready.shift(); next !== undefined; next = ready.shift()) {
    order.push(next);
    for (const dependent of dependents.get(next) ?? []) {
      const left = (waitingOn.get(dependent) ?? 0) - 1;
      waitingOn.set(dependent, left);
      if (left === 0) insertSorted(ready, dependent);
    }
  }
  return order;
}

/**
 * One cycle per strongly connected component that has one, each the shortest cycle through the component's
 * first member (in graph order), starting there. Deterministic for a given graph.
 */
export function findCycles(graph: DependencyGraph): string[][] {
  return stronglyConnected(graph)
    .filter((scc) => scc.length > 1 || (graph.get(scc[0] ?? '') ?? []).includes(scc[0] ?? ''))
    .map((scc) => shortestCycleThrough(graph, new Set(scc)));
}

function shortestCycleThrough(graph: DependencyGraph, members: ReadonlySet<string>): string[] {
  const start = [...graph.keys()].find((n) => members.has(n));
  if (start === undefined) return [];
  const parent = new Map<string, string>();
  const queue = [start];
  for (const node of queue) {
    for (const dep of [...(graph.get(node) ?? [])].sort(compareNames)) {
      if (!members.has(dep)) continue;
      if (dep === start) return pathTo(node, parent, start);
      if (parent.has(dep)) continue;
      parent.set(dep, node);
      queue.push(dep);
    }
  }
  return [start];
}

function pathTo(node: string, parent: ReadonlyMap<string, string>, start: string): string[] {
  const path = [node];
  for (let n = node; n !== start; ) {
    n = known(parent, n);
    path.unshift(n);
  }
  return path;
}

/** Tarjan's algorithm, iterative so deep chains cannot overflow the stack; components in graph order. */
function stronglyConnected(graph: DependencyGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edges: string[]; next: number }[] = [];
    const visit = (node: string): void => {
      index.set(node, index.size);
      low.set(node, index.size - 1);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: (graph.get(node) ?? []).filter((d) => graph.has(d)), next: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work.at(-1);
      if (frame === undefined) break;
      const dep = frame.edges[frame.next++];
      if (dep !== undefined) {
        if (!index.has(dep)) visit(dep);
        else if (onStack.has(dep)) low.set(frame.node, Math.min(known(low, frame.node), known(index, dep)));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(known(low, parent.node), known(low, frame.node)));
      if (low.get(frame.node) === index.get(frame.node)) components.push(popComponent(stack, onStack, frame.node));
    }
  }
  const position = new Map([...graph.keys()].map((n, i) => [n, i]));
  return components
    .map((c) => c.sort((a, b) => known(position, a) - known(position, b)))
    .sort((a, b) => known(position, a[0] ?? '') - known(position, b[0] ?? ''));
}

function popComponent(stack: string[], onStack: Set<string>, root: string): string[] {
  const component: string[] = [];
  for (let n = stack.pop(); n !== undefined; n = n === root ? undefined : stack.pop()) {
    onStack.delete(n);
    component.push(n);
  }
  return component;
}

/** A map entry the algorithm has set before it reads it; a miss is a bug here, not bad input. */
function known<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`order-projects: no entry for ${String(key)}`);
  return value;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function insertSorted(sorted: string[], name: string): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareNames(sorted[mid] ?? '', name) < 0) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, name);
}
