// @ts-check
/**
 * The library graph (docs/architecture.md draws it): which library may import which. `npm run
 * lint` checks it, so a wrong import fails CI. A library may always import itself; nothing in the
 * service may import the test-support library; no app imports another app; and no cycle anywhere.
 */
const LIBRARIES = {
  core: [],
  identity: ['core'],
  reference: ['core'],
  registry: ['core', 'identity', 'reference'],
  messaging: ['core'],
  sla: ['core', 'reference'],
  tickets: ['core', 'reference', 'messaging', 'sla'],
  intake: ['core', 'identity', 'reference', 'tickets'],
  routing: ['core', 'reference', 'messaging', 'sla', 'tickets'],
  lifecycle: ['core', 'reference', 'messaging', 'sla', 'tickets'],
  notices: ['core', 'reference', 'messaging', 'sla', 'tickets'],
  evidence: ['core', 'reference', 'sla', 'tickets'],
  poverty: ['core', 'identity', 'reference', 'registry', 'tickets'],
  dashboard: ['core', 'reference', 'sla', 'tickets'],
  open311: ['core', 'identity', 'reference', 'tickets', 'intake', 'evidence'],
  jobs: ['core', 'messaging', 'routing', 'lifecycle', 'notices', 'evidence'],
  // Synthetic data for tests, benchmarks and tools: it may use the service, never the reverse.
  testing: ['core', 'identity', 'reference', 'registry', 'tickets'],
};

const others = (allowed) =>
  Object.keys(LIBRARIES)
    .filter((name) => !allowed.includes(name))
    .map((name) => `^libs/${name}/`);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...Object.entries(LIBRARIES).map(([name, allowed]) => ({
      name: `${name}-imports`,
      comment: `libs/${name} may import only ${allowed.join(', ') || 'no other library'}`,
      severity: 'error',
      from: { path: `^libs/${name}/` },
      to: { path: others([name, ...allowed]) },
    })),
    {
      name: 'no-test-support-in-the-service',
      comment: 'synthetic data and test helpers never ship: apps and libraries may not import them',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['^libs/testing/', '\\.spec\\.ts$'] },
      to: { path: ['^libs/testing/', '^test/'] },
    },
    {
      name: 'no-app-imports-an-app',
      comment: 'an app is an entry point: what two apps share lives in a library',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-library-imports-an-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      comment: 'a cycle between files makes the graph above a lie',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
