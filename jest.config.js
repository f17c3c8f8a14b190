// Projects split fast unit tests (beside the code) from suites that boot the app or start real servers, and
// those from the image suite, whose build takes minutes. Two workers at least: the image builds on one while the
// other runs the booted-app suites one after another, then the unit tests run on both (see the sequencer).
const os = require('node:os');

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
  // NestJS 12 ships ES modules, which Node 20 requires natively but jest's module system cannot load.
  '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.transform.js',
};
const base = {
  // onnxruntime returns typed arrays from the outer realm; this environment shares their constructors.
  testEnvironment: '<rootDir>/test/fixtures/onnxruntime-jest-environment.js',
  transform,
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
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
