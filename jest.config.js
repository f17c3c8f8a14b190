// Projects split fast unit tests (beside the code) from suites that boot the app or start real servers, and
// those from the image suite, whose build takes minutes. Two workers at least: the image builds on one while the
// other runs the booted-app suites one after another, then the unit tests run on both (see the sequencer).
const os = require('node:os');

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  // NestJS 12 ships ES modules, which Node 20 requires natively but jest's module system cannot load.
  '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.transform.js',
};
const base = {
  // onnxruntime returns typed arrays from the outer realm; this environment shares their constructors.
  testEnvironment: '<rootDir>/test/fixtures/onnxruntime-jest-environment.js',
  transform,
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // Jest runs every module in a vm context, where each read of a global goes through an interceptor: Math.abs in a
  // fitting loop measured 35x slower than in node, request-time fits in-process 15x (jestjs/jest#5163). Injected
  // globals are read once per module, as locals. Nothing here is faked by jest (Date and timers are left out).
  sandboxInjectedGlobals: ['Math', 'Number', 'Array', 'Object', 'JSON', 'Infinity', 'Map', 'Set', 'String', 'Symbol',
    'Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array', 'Uint8Array', 'Uint16Array', 'Int8Array', 'Int16Array'],
};

const e2e = {
  ...base,
  setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.js'],
};
const imageSuite = '<rootDir>/test/delivery/container.e2e-spec.ts';

module.exports = {
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testSequencer: '<rootDir>/test/support/slow-first-sequencer.js',
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml' }]],
  coverageDirectory: 'coverage',
  coverageReporters: ['text-summary', 'cobertura', 'lcov'],
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.spec.ts'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...e2e, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testPathIgnorePatterns: [imageSuite] },
    { ...e2e, displayName: 'image', testMatch: [imageSuite] },
  ],
};
