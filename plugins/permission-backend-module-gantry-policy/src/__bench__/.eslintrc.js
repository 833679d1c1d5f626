// Benchmarks run through jest like tests (yarn bench:rbac), with the package's devDependencies,
// as plugins/approvals-backend does for its bench. The rbac bench also measures the infra
// backend's store directly, which a backend module would otherwise not import.
module.exports = {
  rules: {
    '@backstage/no-undeclared-imports': 'off',
    '@backstage/no-mixed-plugin-imports': 'off',
    'jest/expect-expect': 'off',
  },
};
