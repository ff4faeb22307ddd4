import { describe, expect, it } from 'vitest';
import { isSecretName, secretNameRoot } from '../../../src/engines/terraform/secret-names.ts';

describe('isSecretName', () => {
  it.each([
    'password', 'Password', 'db_password', 'master_password', 'DB_PASSWORD', 'masterPassword', 'secret', 'secret_string', 'client_secret',
    'clientSecret', 'token', 'api_token', 'private_key', 'private_key_pem', 'api_key', 'apiKey', 'access_key', 'secret_key', 'connection_string',
    'ConnectionString', 'primary_connection_string', 'credentials', 'sas_key', 'passwd', 'passphrase',
  ])('names a secret: %s', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'name', 'bucket', 'password_length', 'secret_arn', 'token_name', 'kms_key_id', 'public_key', 'key_name', 'access_key_id', 'passworded', 'tokenizer', 'secretive',
  ])('does not name a secret: %s', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('secretNameRoot', () => {
  it('starts the secret at the first secret-named step, and never at a boolean', () => {
    expect(secretNameRoot(['environment', 0, 'variables', 'DB_PASSWORD'], 'x')).toEqual(['environment', 0, 'variables', 'DB_PASSWORD']);
    expect(secretNameRoot(['credentials', 'user'], 'x')).toEqual(['credentials']);
    expect(secretNameRoot(['get_password_data'], false)).toBeUndefined();
    expect(secretNameRoot(['tags', 'team'], 'data')).toBeUndefined();
  });
});
