import type { ServerConfig } from '../config/schema.ts';
import type { Project } from '../core/project.ts';
import type { PolicyBook } from '../policy/policy-book.ts';
import type { Clock } from '../ports/clock.ts';
import type { CodeHost } from '../ports/code-host.ts';
import type { EngineRegistry } from '../ports/engine-registry.ts';
import type { Logger } from '../ports/logger.ts';
import type { ServiceStore } from '../ports/state-store.ts';
import type { StickyComments } from '../ports/sticky-comments.ts';
import type { VersionProbe } from '../ports/version-probe.ts';
import type { Workspace } from '../ports/workspace.ts';

/** Everything a use case needs, wired once in main/. */
export type ServiceDeps = {
  readonly store: ServiceStore;
  readonly workspace: Workspace;
  readonly engines: EngineRegistry;
  readonly server: ServerConfig;
  /** The server's policies, read at boot; repository policies join them per plan. */
  readonly policies: PolicyBook;
  readonly clock: Clock;
  readonly log: Logger;
  /** Reads the tool versions `sluice version` reports. */
  readonly versions: VersionProbe;
  /** Where engines keep plan artifacts, one folder per PR and project. */
  readonly artifactRoot: string;
  /** Stable hash binding plans to the configuration they were made with. */
  readonly hashConfig: (projects: readonly Project[], server: ServerConfig) => string;
  /** Joins path segments (node:path in production); kept here so services stay free of fs. */
  readonly joinPath: (...segments: string[]) => string;
};

/** The code host session of one job: an installation-authenticated client and its token for git. */
export type HostSession = {
  readonly codeHost: CodeHost;
  /** The PR's sticky comments over this session's code host. */
  readonly sticky: StickyComments;
  readonly token?: string;
  /** The bot's login (`<slug>[bot]`): its own reviews and comments are ignored. */
  readonly botLogin?: string;
};
