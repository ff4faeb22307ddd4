import { failure, ok, type Result } from '../../core/outcome.ts';

/** Characters a shell would interpret; the `app` command is never given to a shell, so they are refused. */
const SHELL_METACHARACTERS = /[;|&$`<>(){}\\\n\r]/;

/**
 * Splits the `app` command of `cdktf.json` into an argument vector: whitespace separates words, single or
 * double quotes group them. No expansion of any kind happens; anything a shell would treat specially is
 * refused with a Failure, so a PR cannot chain commands (`node main.ts; curl …`).
 */
export function splitAppCommand(command: string): Result<readonly string[]> {
  const bad = SHELL_METACHARACTERS.exec(command);
  if (bad !== null) {
    return failure('config_invalid', `cdktf.json: "app" contains ${JSON.stringify(bad[0])}, which Sluice does not run: the app command is run without a shell`, {
      hint: 'Use a plain command such as "node main.ts" or "npx tsx main.ts"; put anything more in a script the command runs.',
    });
  }
  const words = splitWords(command);
  if (words === undefined) return failure('config_invalid', 'cdktf.json: "app" has an unbalanced quote');
  if (words.length === 0) return failure('config_invalid', 'cdktf.json: "app" is empty');
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? '')) {
    return failure('config_invalid', 'cdktf.json: "app" starts with an environment assignment, which Sluice does not run: the app command is run without a shell');
  }
  return ok(words);
}

function splitWords(command: string): string[] | undefined {
  const words: string[] = [];
  let current: string | undefined;
  let quote: '"' | "'" | undefined;
  for (const ch of command) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else current = (current ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current ??= '';
    } else if (/\s/.test(ch)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else {
      current = (current ?? '') + ch;
    }
  }
  if (quote !== undefined) return undefined;
  if (current !== undefined) words.push(current);
  return words;
}
