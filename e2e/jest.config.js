// Browser tests: real Chromium (Debian's package) against a real backend serving the built app.
// Run by scripts/test-all.sh after `yarn build:production`, which builds the app these tests
// serve and the production bundle sso.e2e.test.ts starts.
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/**/*.e2e.test.ts'],
  testEnvironment: 'node',
  transform: {
    '\\.ts$': [
      require.resolve('@backstage/cli/config/jestSwcTransform'),
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  testTimeout: 180_000,
  maxWorkers: 1,
};
