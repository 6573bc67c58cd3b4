// Unit specs beside the code (src, *.spec.ts), e2e specs in test/ (real PostgreSQL, Redis, SMTP) and
// medium specs in test/medium/ (services called from an application context on a real database, no HTTP).
// TEST_SET=resilience runs the files that hold R1-R12 of quality-bars.md (docs/quality.md maps each one);
// TEST_SET=main runs everything else. `npm test` runs both, one after the other.
const RESILIENCE = [
  'test/authorization-matrix.e2e-spec.ts', // R1
  'test/resilience/bad-payloads.e2e-spec.ts', // R2
  'test/evidence-upload.e2e-spec.ts', // R3
  'test/worker-resilience.e2e-spec.ts', // R4, R5, R6
  'test/resilience/postgres-restart.e2e-spec.ts', // R7
  'test/concurrency.e2e-spec.ts', // R8
  'test/audit.e2e-spec.ts', // R9
  'test/official-documents.e2e-spec.ts', // R10
  'test/resilience/redis-data-loss.e2e-spec.ts', // R11
  'test/audit-bypass.e2e-spec.ts', // R12 (the trail)
  'test/list-visibility.e2e-spec.ts', // R12 (visibility)
];
const ALL = ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/medium/**/*.medium-spec.ts'];
const set = process.env.TEST_SET;

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: set === 'resilience' ? RESILIENCE.map((f) => `<rootDir>/${f}`) : ALL,
  testPathIgnorePatterns: ['/node_modules/', ...(set === 'main' ? RESILIENCE.map((f) => `/${f.replace(/\./g, '\\.')}$`) : [])],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // No test leaves a handle open, yet jest used to end test:main with "a worker process has failed to exit
  // gracefully": each e2e file leaves about 50 MB of heap behind in its worker (141 -> 319 MB over five files, measured
  // after a forced GC), so after ~27 files a worker held 1.1 GB of heap and 1.7 GB resident, and on a loaded machine
  // took 2.4 s to terminate after jest asked it to end (event loop empty 1-5 ms after the request; even the SIGKILL
  // sent at +1 s took 1.4 s more). Workers past 700 MB of heap after a file are replaced, and have 5 s to terminate:
  // a real leak (a server, a socket, an interval, a child process) holds a worker for ever and is still reported.
  workerIdleMemoryLimit: '700MB',
  workerGracefulExitTimeout: 5000,
};
