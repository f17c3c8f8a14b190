// Projects split fast unit tests (beside the code) from suites that boot the app or start real servers.
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

module.exports = {
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml' }]],
  coverageDirectory: 'coverage',
  coverageReporters: ['text-summary', 'cobertura', 'lcov'],
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.spec.ts'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.js'],
    },
  ],
};
