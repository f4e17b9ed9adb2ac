// Architecture rules checked by `npm test`: platform SDKs stay in their adapters, and dependencies point inward.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles hide the layering and make modules impossible to load or test alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'forge-storage-sdks-only-in-forge-adapters',
      severity: 'error',
      comment: '@forge/api, @forge/sql, @forge/kvs and @forge/events are platform I/O: only src/adapters/forge/ talks to them.',
      from: { pathNot: '^src/adapters/forge/' },
      to: { path: '^node_modules/@forge/(api|sql|kvs|events)/' },
    },
    {
      name: 'forge-resolver-only-in-entry',
      severity: 'error',
      comment: '@forge/resolver defines resolver entry points: src/entry/ (and the Forge wiring in src/adapters/forge/).',
      from: { pathNot: '^src/(entry|adapters/forge)/' },
      to: { path: '^node_modules/@forge/resolver/' },
    },
    {
      name: 'forge-react-only-in-frontend',
      severity: 'error',
      comment: '@forge/react is the UI Kit runtime: only the UI Kit frontends under src/frontend/ render it.',
      from: { pathNot: '^src/frontend/' },
      to: { path: '^node_modules/@forge/react/' },
    },
    {
      name: 'forge-bridge-only-in-frontends',
      severity: 'error',
      comment: '@forge/bridge runs in the browser: only src/frontend/ and the Custom UI pages in static/ use it.',
      from: { pathNot: '^(src/frontend|static)/' },
      to: { path: '^node_modules/@forge/bridge/' },
    },
    {
      name: 'core-independent-of-outer-layers',
      severity: 'error',
      comment: 'domain, import and application define the rules and ports; adapters, entry points and UIs depend on them, never the reverse.',
      from: { path: '^src/(domain|import|application)/' },
      to: { path: '^src/(adapters|entry|frontend)/' },
    },
    {
      name: 'entry-independent-of-adapters',
      severity: 'error',
      comment: 'Entry points turn platform calls into use-case calls; the composition root (adapters/forge/compose.ts) wires adapters into them, never the reverse.',
      from: { path: '^src/entry/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'domain-independent-of-use-cases',
      severity: 'error',
      comment: 'The domain is the innermost layer: it knows nothing of use cases or the import pipeline.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(application|import)/' },
    },
    {
      name: 'contracts-independent-of-implementation',
      severity: 'error',
      comment: 'The resolver contract is shared with the browser: it may use domain schemas and types, not adapters, entry points or use cases.',
      from: { path: '^src/contracts/' },
      to: { path: '^src/(adapters|entry|application)/' },
    },
    {
      name: 'pages-use-only-the-contract-and-shared-rules',
      severity: 'error',
      comment: 'A Custom UI page talks to the backend through the resolver contract, and parses files with the same pure import steps and domain rules as the server; nothing else from src/.',
      from: { path: '^static/' },
      to: { path: '^src/', pathNot: '^src/(contracts|import|domain)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
