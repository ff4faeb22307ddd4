import { command } from '../commands/command.ts';
import { formatCommand } from '../commands/format-command.ts';
import { formatRelativeTime } from './format-time.ts';
import { inlineCode, markdownText } from './format-markdown.ts';
import type { LockHolder } from './summary-view.ts';

/** "`analytics` is locked by #41 (planned 2 h ago by @dana). Apply or close #41, or comment `sluice unlock` there." */
export function lockHeldText(options: { project: string; holder: LockHolder; now: string; commandName: string }): string {
  const { project, holder } = options;
  const unlock = formatCommand(command('unlock'), { name: options.commandName });
  const when = formatRelativeTime(holder.acquiredAt, options.now);
  return `🔒 ${inlineCode(project)} is locked by #${holder.pr} (planned ${when} by @${markdownText(holder.user)}). `
    + `Apply or close #${holder.pr}, or comment ${inlineCode(unlock)} there.`;
}
