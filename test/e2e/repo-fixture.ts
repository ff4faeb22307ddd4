/** The analytics repo the end-to-end tests open pull requests against. */
export const REPO_FILES: Record<string, string> = {
  'sluice.yaml': [
    'version: 1',
    'projects:',
    '  - name: analytics',
    '    kind: sql',
    '    dir: analytics',
    '  - name: lake',
    '    kind: cdktf',
    '    dir: infra',
    '    target: lake',
    '    depends_on: [analytics]',
    '',
  ].join('\n'),
  'analytics/models/orders.sql': 'select order_id, amount from raw.orders\n',
  'analytics/models/customers.sql': 'select customer_id, name from raw.customers\n',
  'infra/main.ts': "new S3Bucket(stack, 'lake', { bucket: 'acme-lake' });\n",
  'infra/cdktf.json': '{ "app": "npx tsx main.ts" }\n',
  'README.md': '# acme analytics\n',
};
