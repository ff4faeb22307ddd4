import { z } from 'zod';

/** A path inside the repository: relative, POSIX or Windows separators, never escaping it with `..`. */
export const RepoPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'must be a path inside the repository (no leading "/", no "..")');
