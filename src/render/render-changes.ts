import type { ChangeAction, PlanChange } from '../core/plan.ts';
import { fencedBlock, folded, htmlCode, htmlText, inlineCode, markdownText } from './format-markdown.ts';

export const CHANGE_SYMBOL: Readonly<Record<ChangeAction, string>> = {
  create: '+',
  update: '~',
  delete: '-',
  replace: '-/+',
  read: '<=',
  'no-op': ' ',
};

const CHANGE_VERB: Readonly<Record<ChangeAction, string>> = {
  create: 'will be created',
  update: 'will be changed',
  delete: 'will be deleted',
  replace: 'will be replaced',
  read: 'will be read',
  'no-op': 'is unchanged',
};

/** Lower ranks first: breaking and destructive, then deletes and replaces, updates, creates, reads. */
const ACTION_RANK: Readonly<Record<ChangeAction, number>> = { delete: 1, replace: 1, update: 2, create: 3, read: 4, 'no-op': 5 };

export function isMarkedRisk(change: PlanChange): boolean {
  return change.risk === 'breaking' || change.risk === 'destructive';
}

/** Deletes and replaces count as risky unless the engine said `risk: 'none'`. */
export function isRisky(change: PlanChange): boolean {
  return isMarkedRisk(change) || (change.risk === undefined && (change.action === 'delete' || change.action === 'replace'));
}

/** Changes that do something, biggest risk first; order within a rank is kept. */
export function orderByRisk(changes: readonly PlanChange[]): PlanChange[] {
  const rank = (c: PlanChange): number => (isMarkedRisk(c) ? 0 : ACTION_RANK[c.action]);
  return changes.filter((c) => c.action !== 'no-op').toSorted((a, b) => rank(a) - rank(b));
}

function riskLabel(change: PlanChange): string {
  if (isMarkedRisk(change)) return `🔴 ${change.risk}`;
  if (!isRisky(change)) return '';
  return change.action === 'delete' ? '🟠 irreversible' : '🟠 re-created';
}

/** `~ marts.orders will be changed · 🔴 breaking` as HTML for a `<summary>`. */
function changeSummaryHtml(change: PlanChange): string {
  const label = riskLabel(change);
  const head = `${htmlCode(CHANGE_SYMBOL[change.action])} ${changeWords(change, { code: htmlCode, text: htmlText })}`;
  return label === '' ? head : `${head} · <b>${htmlText(label)}</b>`;
}

/** The same line as Markdown, for changes without detail. */
function changeLine(change: PlanChange): string {
  const label = riskLabel(change);
  const head = `${inlineCode(CHANGE_SYMBOL[change.action])} ${changeWords(change, { code: inlineCode, text: markdownText })}`;
  return label === '' ? `- ${head}` : `- ${head} · **${markdownText(label)}**`;
}

/** `<address> <verb>`, or the change's own `wording` (`aws_x.a has moved to aws_x.b`). */
function changeWords(change: PlanChange, format: { code: (s: string) => string; text: (s: string) => string }): string {
  const wording = change.wording;
  if (wording === undefined) return `${format.code(change.address)} ${CHANGE_VERB[change.action]}`;
  const lead = wording.subject === undefined
    ? [format.code(change.address), format.text(wording.verb)]
    : [format.code(wording.subject), format.text(wording.verb), format.code(change.address)];
  return [...lead, ...(wording.object === undefined ? [] : [format.code(wording.object)])].join(' ');
}

/**
 * Every change, biggest risk first: a folded ```diff block for those with detail,
 * a list line for the rest (consecutive ones grouped into one list).
 */
export function renderChanges(changes: readonly PlanChange[]): string {
  const blocks: string[] = [];
  let list: string[] = [];
  for (const change of orderByRisk(changes)) {
    if (change.detail === undefined || change.detail.length === 0) {
      list.push(changeLine(change));
      continue;
    }
    if (list.length > 0) blocks.push(list.join('\n'));
    list = [];
    blocks.push(folded(changeSummaryHtml(change), fencedBlock(change.detail, 'diff')));
  }
  if (list.length > 0) blocks.push(list.join('\n'));
  return blocks.join('\n\n');
}
