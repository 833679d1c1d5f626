#!/usr/bin/env node
// Sums jest --json result files into one line: "N passed, N failed, N skipped".
// Exits non-zero when any test failed, a suite failed to run, or no file could be read.
const { readFileSync } = require('node:fs');

const files = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = 0;
for (const file of files) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    broken += r.numRuntimeErrorTestSuites;
  } catch (e) {
    console.error(`summarize-tests: cannot read ${file}: ${e.message}`);
    broken += 1;
  }
}
if (broken > 0) {
  console.error(`summarize-tests: ${broken} test file(s) failed to run`);
}
console.log(`${passed} passed, ${failed + broken} failed, ${skipped} skipped`);
process.exit(failed + broken > 0 || files.length === 0 ? 1 : 0);
