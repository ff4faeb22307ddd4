/** Top-level block headers, by the address `configBlocks` gives the block (see config-blocks.ts). */
const TOP_LEVEL: readonly { pattern: RegExp; address: (m: RegExpExecArray) => string }[] = [
  { pattern: /^resource\s+"([^"]+)"\s+"([^"]+)"/, address: (m) => `${m[1]}.${m[2]}` },
  { pattern: /^data\s+"([^"]+)"\s+"([^"]+)"/, address: (m) => `data.${m[1]}.${m[2]}` },
  { pattern: /^module\s+"([^"]+)"/, address: (m) => `module.${m[1]}` },
  { pattern: /^provider\s+"([^"]+)"/, address: (m) => `provider.${m[1]}` },
  { pattern: /^output\s+"([^"]+)"/, address: (m) => `output.${m[1]}` },
  { pattern: /^variable\s+"([^"]+)"/, address: (m) => `var.${m[1]}` },
  { pattern: /^terraform\s*\{/, address: () => 'terraform' },
  { pattern: /^locals\s*\{/, address: () => 'locals' },
];

/** What is declared one level inside a block: a provider's alias, the terraform block's parts, each local. */
const NESTED: Readonly<Record<string, (line: string) => string | undefined>> = {
  provider: (line) => /^alias\s*=\s*"([^"]+)"/.exec(line)?.[1],
  terraform: (line) => (/^backend\s+"/.test(line) ? 'terraform.backend' : /^required_providers\s*\{/.test(line) ? 'terraform.required_providers' : undefined),
  locals: (line) => /^([A-Za-z_][A-Za-z0-9_-]*)\s*=/.exec(line)?.[1],
};

/**
 * The line of each block in an HCL file, by block address (`aws_s3_bucket.raw`, `provider.aws.west`,
 * `terraform.backend`, `local.env`…), read from its header line. A best-effort scan: braces in strings and
 * comments are skipped, heredocs are not.
 */
export function locateConfigBlocks(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const set = (address: string, line: number): void => { if (!lines.has(address)) lines.set(address, line); };
  let depth = 0;
  let open: { address: string; line: number; kind: string } | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (depth === 0) {
      const header = TOP_LEVEL.map(({ pattern, address }) => ({ m: pattern.exec(line), address })).find((h) => h.m !== null);
      open = header === undefined ? undefined : { address: header.address(header.m!), line: i + 1, kind: line.split(/[\s{"]/)[0]! };
      if (open !== undefined && open.kind !== 'provider' && open.kind !== 'locals') set(open.address, open.line);
    } else if (depth === 1 && open !== undefined) {
      const nested = NESTED[open.kind]?.(line);
      if (nested !== undefined && open.kind === 'provider') open = { ...open, address: `${open.address}.${nested}` };
      else if (nested !== undefined) set(open.kind === 'locals' ? `local.${nested}` : nested, i + 1);
    }
    depth = Math.max(0, depth + braceBalance(line));
    if (depth === 0 && open?.kind === 'provider') set(open.address, open.line);
    if (depth === 0) open = undefined;
  }
  return lines;
}

/** `{` minus `}` outside of strings and comments. */
function braceBalance(line: string): number {
  const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/(#|\/\/).*$/, '');
  return (code.match(/\{/g)?.length ?? 0) - (code.match(/\}/g)?.length ?? 0);
}
