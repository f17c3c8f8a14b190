// The layering of src/ as STYLE.md draws it, checked by `npm run lint` (depcruise). Arrows point down only:
//
//   main, bootstrap, app.module, write-*       composition root and entry points
//   forecasting/, health/                      HTTP features (controllers, DTOs)
//   model-host/                                the served model's lifecycle
//   monitoring/                                metrics, drift, logs, tracing (called by the layers above)
//   prediction/                                protocol-free: request series → features → trees → combination, golden check
//   inference/                                 the only importer of onnxruntime-node
//   registry/                                  manifests, stores, version resolution
//   core/                                      per-series methods and the combination (the manifest embeds its spec)
//   features/                                  pure feature building (the manifest embeds its FeatureSpec)
//   config/, common/                           environment and domain errors
//   openapi/                                   the API document from the DTOs, and serializers derived from it
//
// training/ (a CLI) may use core, registry, features, inference, config and common, and nothing in serving
// imports it; evaluate/ (a CLI) sits above training, whose model it scores; nothing at all imports bench/. Type-only imports count: a type import upward is still an upward
// dependency for the reader.

// KNOWN VIOLATIONS: an edge listed here may go upward. Empty since the prediction pipeline moved to prediction/.
const KNOWN_VIOLATIONS = [];
const knownFrom = KNOWN_VIOLATIONS.map((v) => v.from);

const layer = (name) => `^src/${name}/`;
// What `node dist/...` starts: the npm scripts and the processes bench spawns by file name.
const ENTRY_POINTS =
  '^src/(main|write-openapi|write-manifest-schema|training/train-cli|training/scale/scale-train-cli|training/registration/live-accuracy-cli|training/fixture/make-fixture-registry|training/gbdt/benchmark-gbdt|evaluate/(evaluate-cli|score-methods)|bench/(run-bench|drift-refresh-bench|service-process|reference-server|lag-reference-server))\\.ts$';
const root = '^src/(main|bootstrap|app\\.module|write-openapi|write-manifest-schema)\\.ts$';

/** `from` may import nothing under src/ except `allowed` (its own folder is always allowed). */
function onlyBelow(name, allowed, comment) {
  return {
    name: `${name}-imports-only-below`,
    comment,
    severity: 'error',
    from: { path: layer(name), pathNot: knownFrom },
    to: { path: '^src/', pathNot: [layer(name), ...allowed.map(layer)] },
  };
}

const LAYERS = {
  common: [],
  config: ['common'],
  features: [],
  core: ['features', 'common'],
  registry: ['core', 'features', 'config', 'common'],
  inference: ['registry', 'core', 'features', 'config', 'common'],
  monitoring: ['prediction', 'core', 'inference', 'registry', 'features', 'config', 'common'],
  prediction: ['core', 'inference', 'registry', 'features', 'config', 'common'],
  'model-host': ['monitoring', 'prediction', 'core', 'inference', 'registry', 'features', 'config', 'common'],
  forecasting: ['openapi', 'model-host', 'monitoring', 'prediction', 'core', 'inference', 'registry', 'features', 'config', 'common'],
  health: ['model-host', 'monitoring', 'config', 'common'],
  openapi: [],
  // The drift reference is binned by the maths monitoring reads it with, and live accuracy comes from the same
  // forecast log the service writes: one implementation of each, below both.
  training: ['monitoring', 'prediction', 'core', 'inference', 'registry', 'features', 'config', 'common'],
  evaluate: ['training', 'monitoring', 'prediction', 'core', 'inference', 'registry', 'features', 'config', 'common'],
};

const folderOf = (from) => /^\^src\/([^/\\]+)/.exec(from)[1];
const knownViolationRules = KNOWN_VIOLATIONS.map((v, i) => ({
  name: `known-violation-${i + 1}`,
  comment: 'A listed module may take its listed upward edge, and otherwise keeps to its layer (see KNOWN_VIOLATIONS).',
  severity: 'error',
  from: { path: v.from },
  to: { path: '^src/', pathNot: [v.to, layer(folderOf(v.from)), ...LAYERS[folderOf(v.from)].map(layer)] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and hides which module owns what.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'nothing-imports-bench',
      comment: 'bench/ measures the service from outside; it is an entry point, never a dependency.',
      severity: 'error',
      from: { pathNot: '^src/bench/' },
      to: { path: '^src/bench/' },
    },
    {
      name: 'serving-does-not-import-training',
      comment: 'The image serves without training/; only training itself (and bench) may reach into it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/training/', '^src/evaluate/', '^src/bench/'] },
      to: { path: '^src/training/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that is no entry point is dead code.',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: ['\\.d\\.ts$', '\\.spec\\.ts$', '(^|/)\\.[^/]+\\.(c?js|json)$', '^src/main\\.ts$'],
      },
      to: {},
    },
    {
      name: 'only-reachable-from-an-entry-point',
      comment: 'Code only a spec imports is dead code with a test: delete both.',
      severity: 'error',
      from: { path: ENTRY_POINTS },
      to: { path: '^src/', pathNot: [ENTRY_POINTS, '\\.spec\\.ts$', '\\.fixture\\.ts$'], reachable: false },
    },
    {
      name: 'root-is-not-imported',
      comment: 'main, bootstrap and app.module compose the app; features below never reach back up to them.',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: '^src/bench/' },
      to: { path: root },
    },
    ...Object.entries(LAYERS).map(([name, allowed]) => onlyBelow(name, allowed, `${name}/ may import only ${allowed.join(', ') || 'nothing else in src/'}`)),
    ...knownViolationRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
