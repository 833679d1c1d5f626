module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Benchmarks run through jest like tests (yarn bench:audit).
      files: ['src/__bench__/**'],
      rules: {
        '@backstage/no-undeclared-imports': 'off',
        'no-restricted-imports': 'off',
        'jest/expect-expect': 'off',
      },
    },
  ],
});
