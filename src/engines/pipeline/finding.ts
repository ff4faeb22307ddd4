import type { Problem, SourceLocation } from '../../core/outcome.ts';
import type { Annotation } from '../../core/plan.ts';

/** A located validation result: errors stop the plan, warnings are annotated on it. */
export type Finding = { readonly level: 'error' | 'warning'; readonly message: string; readonly location: SourceLocation };

export function errorsOf(findings: readonly Finding[]): Problem[] {
  return findings.filter((f) => f.level === 'error').map(({ message, location }) => ({ message, location }));
}

export function warningAnnotations(findings: readonly Finding[]): Annotation[] {
  return findings
    .filter((f) => f.level === 'warning')
    .map((f) => ({ location: { ...f.location, line: f.location.line ?? 1 }, level: 'warning' as const, title: 'pipeline config', message: f.message }));
}
