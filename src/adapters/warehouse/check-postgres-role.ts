/**
 * Whether a PostgreSQL role may run pull-request SQL (docs/warehouse-role.md): not when it is a superuser,
 * can become one, or holds — directly or through roles it belongs to — `pg_read_server_files`,
 * `pg_write_server_files` or `pg_execute_server_program`, or may execute a server-file function
 * (`pg_read_file`, …) granted to it. Any of those would let the PR's SQL read the server's files.
 */
import { z } from 'zod';
import { failure, type Failure } from '../../core/outcome.ts';
import type { WarehouseSession } from '../../ports/warehouse.ts';

export const SERVER_FILE_ROLES = ['pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program'] as const;

export const SERVER_FILE_FUNCTIONS = ['pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file', 'lo_import', 'lo_export'] as const;

const ROLE_SQL = `
WITH me AS (SELECT oid, rolname, rolsuper FROM pg_roles WHERE rolname = session_user),
member_of AS (
  SELECT r.rolname, r.rolsuper, EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = me.oid AND m.roleid = r.oid) AS direct
  FROM pg_roles r, me WHERE r.oid <> me.oid AND pg_has_role(me.oid, r.oid, 'MEMBER'))
SELECT
  (SELECT rolname::text FROM me) AS role,
  (SELECT rolsuper FROM me) AS superuser,
  (SELECT coalesce(array_agg(rolname::text ORDER BY rolname), '{}'::text[]) FROM member_of WHERE rolsuper) AS superuser_roles,
  (SELECT coalesce(array_agg(rolname::text || CASE WHEN direct THEN '' ELSE '*' END ORDER BY rolname), '{}'::text[])
     FROM member_of WHERE rolname = ANY($1::text[])) AS file_roles,
  (SELECT coalesce(array_agg(DISTINCT p.proname::text ORDER BY p.proname::text), '{}'::text[]) FROM pg_proc p, me
     WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY($2::text[]) AND has_function_privilege(me.oid, p.oid, 'EXECUTE')) AS file_functions`;

const RoleFacts = z.object({
  role: z.string(),
  superuser: z.boolean(),
  superuser_roles: z.array(z.string()),
  file_roles: z.array(z.string()),
  file_functions: z.array(z.string()),
});

const HINT = 'Connect the target with a least-privilege role (docs/warehouse-role.md): no superuser, no pg_read_server_files, pg_write_server_files or pg_execute_server_program, no grants on server-file functions.';

/** A `target_unsafe` Failure naming the role and what it may do; undefined when the role is safe. */
export async function checkPostgresRole(session: WarehouseSession): Promise<Failure | undefined> {
  const [row] = await session.query(ROLE_SQL, [`{${SERVER_FILE_ROLES.join(',')}}`, `{${SERVER_FILE_FUNCTIONS.join(',')}}`]);
  const facts = RoleFacts.parse(row);
  const refuse = (what: string) => failure('target_unsafe', `the warehouse role "${facts.role}" ${what}: pull-request SQL run as it could read the server's files; refusing to build`, { hint: HINT });
  if (facts.superuser) return refuse('is a superuser');
  const [superRole] = facts.superuser_roles;
  if (superRole !== undefined) return refuse(`can become the superuser "${superRole}"`);
  const [fileRole] = facts.file_roles;
  if (fileRole !== undefined) {
    const name = fileRole.replace(/\*$/, '');
    return refuse(`holds ${name}${fileRole.endsWith('*') ? ' (through a role it belongs to)' : ''}`);
  }
  const [fn] = facts.file_functions;
  if (fn !== undefined) return refuse(`may execute ${fn}()`);
  return undefined;
}
