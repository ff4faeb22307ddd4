import type { ProjectKind } from '../core/project.ts';
import type { ProjectEngine } from './project-engine.ts';

/** The engines this server runs, by project kind; a kind without an engine is reported, not planned. */
export type EngineRegistry = Partial<Record<ProjectKind, ProjectEngine>>;
