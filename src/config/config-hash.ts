import { createHash } from 'node:crypto';
import type { Project } from '../core/project.ts';
import type { ServerConfig } from './schema.ts';

/**
 * A stable hash of what a plan depends on in configuration: the resolved projects (sorted by name) and
 * the definitions of the targets they use, plus the policy paths. A plan is bound to it; any change to
 * these makes stored plans stale. Independent of key order and of unrelated server settings.
 */
export function hashConfig(resolved: readonly Project[], server: ServerConfig): string {
  const projects = [...resolved].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const targets = Object.fromEntries(projects.map((p) => [p.target, server.targets[p.target] ?? null]));
  const material = { version: 1, projects, targets, policyPaths: server.policy_paths };
  return createHash('sha256').update(canonicalJson(material)).digest('hex');
}

/** `hashConfig` with named inputs. */
export function configHash(input: { projects: readonly Project[]; server: ServerConfig }): string {
  return hashConfig(input.projects, input.server);
}

/** JSON with object keys sorted at every level and `undefined` members left out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}
