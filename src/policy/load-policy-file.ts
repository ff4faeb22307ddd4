import type { Locator } from '../config/parse-yaml-located.ts';
import { parseYamlLocated } from '../config/parse-yaml-located.ts';
import { validateLocated } from '../config/validate-located.ts';
import { PolicyFile } from './policy-schema.ts';
import type { PolicyError, PolicyText } from './policy-types.ts';

export type LoadedPolicyFile = { readonly text: PolicyText; readonly config: PolicyFile; readonly locate: Locator };

/**
 * Parses and validates one policy file. Every problem comes back located (file, line, column); a file that
 * cannot be read is one error. Repository files may only add rules: roles and overrides belong to the server.
 */
export function loadPolicyFile(text: PolicyText): { ok: true; file: LoadedPolicyFile } | { ok: false; errors: PolicyError[] } {
  if (text.text === undefined) {
    return { ok: false, errors: [{ file: text.file, message: `reading ${text.file}: ${text.readError ?? 'the file could not be read'}`, location: { file: text.file } }] };
  }
  const yaml = parseYamlLocated(text.text, text.file);
  const validated = yaml.ok ? validateLocated(PolicyFile, yaml.value, text.file) : yaml;
  if (!validated.ok || !yaml.ok) {
    const problems = validated.ok ? [] : (validated.problems ?? [{ message: validated.message, location: validated.location }]);
    return { ok: false, errors: problems.map((p) => ({ file: text.file, message: p.message, ...(p.location ? { location: p.location } : {}) })) };
  }
  const config = validated.value;
  const locate = yaml.value.locate;
  if (text.origin === 'repo') {
    const forbidden = (['roles', 'overrides'] as const).filter((key) => Object.keys(config[key]).length > 0);
    if (forbidden.length > 0) {
      return { ok: false, errors: forbidden.map((key) => ({ file: text.file, message: `${key}: only the server's policy files may define ${key}`, location: locate([key], { at: 'key' }) })) };
    }
  }
  return { ok: true, file: { text, config, locate } };
}
