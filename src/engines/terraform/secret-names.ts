type Path = readonly (string | number)[];

/**
 * Words that name a secret, matched against the `_`-separated parts of an attribute name (camelCase split
 * first, case ignored): as the whole name (`password`), a suffix (`db_password`, `master_password`) or a
 * part (`secret_string`, `DB_PASSWORD_FILE`). Multi-word entries match consecutive parts.
 */
const SECRET_WORDS: readonly (readonly string[])[] = [
  ['password'], ['passwd'], ['passphrase'], ['pwd'], ['secret'], ['secrets'], ['token'], ['tokens'], ['credential'], ['credentials'],
  ['apikey'], ['api', 'key'], ['access', 'key'], ['secret', 'key'], ['private', 'key'], ['client', 'secret'], ['signing', 'key'],
  ['master', 'key'], ['account', 'key'], ['sas', 'key'], ['auth', 'key'], ['connection', 'string'], ['conn', 'str'],
];

/**
 * A last part that makes the name a reference to a secret rather than the secret: `secret_arn`,
 * `token_name`, `password_length`. Only when the secret word is not itself the last part.
 */
const NOT_A_SECRET_SUFFIX = new Set(['arn', 'arns', 'id', 'ids', 'name', 'names', 'version', 'versions', 'length', 'ttl', 'type', 'count']);

/** True for attribute names that hold secrets by convention (`password`, `db_token`, `clientSecret`…). */
export function isSecretName(name: string): boolean {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter((p) => p !== '');
  const last = parts.at(-1);
  return SECRET_WORDS.some((word) => {
    for (let i = 0; i + word.length <= parts.length; i++) {
      if (!word.every((w, j) => parts[i + j] === w)) continue;
      const endsName = i + word.length === parts.length;
      if (endsName || last === undefined || !NOT_A_SECRET_SUFFIX.has(last)) return true;
    }
    return false;
  });
}

/**
 * Where a secret starts on `path` when nothing marks sensitivity (Terraform before 0.15, configurations):
 * the prefix ending at the first secret-named step (`environment.variables.DB_PASSWORD`). A boolean is never a
 * secret (`get_password_data = false`), so its path has none.
 */
export function secretNameRoot(path: Path, value: unknown): Path | undefined {
  if (typeof value === 'boolean') return undefined;
  const at = path.findIndex((step) => typeof step === 'string' && isSecretName(step));
  return at === -1 ? undefined : path.slice(0, at + 1);
}
