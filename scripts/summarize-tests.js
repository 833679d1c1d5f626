#!/usr/bin/env node
// Sums jest --json result files into one line: "N passed, N failed, N skipped".
//
//   node scripts/summarize-tests.js [--expect NAME]... FILE...
//
// Exits non-zero when any test failed, a suite failed to run, a file is not jest output, an
// expected result file (--expect unit.json) is missing, or no file could be read. Each of
// those counts as one failure in the line, so the line never reads "0 failed" for them.
const { readFileSync } = require('node:fs');
const { basename } = require('node:path');

const args = process.argv.slice(2);
const expected = [];
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--expect') expected.push(args[++i]);
  else files.push(args[i]);
}

const COUNTS = [
  'numPassedTests',
  'numFailedTests',
  'numPendingTests',
  'numTodoTests',
  'numRuntimeErrorTestSuites',
];

let passed = 0;
let failed = 0;
let skipped = 0;
let broken = 0;
for (const file of files) {
  let r;
  try {
    r = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`summarize-tests: cannot read ${file}: ${e.message}`);
    broken += 1;
    continue;
  }
  const missing = COUNTS.filter(key => !Number.isInteger(r?.[key]));
  if (missing.length > 0 || !Array.isArray(r.testResults)) {
    console.error(
      `summarize-tests: ${file} is not jest --json output (missing ${
        missing.join(', ') || 'testResults'
      })`,
    );
    broken += 1;
    continue;
  }
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  broken += r.numRuntimeErrorTestSuites;
}
const present = new Set(files.map(f => basename(f)));
for (const name of expected) {
  if (!present.has(name)) {
    console.error(`summarize-tests: expected result file ${name} is missing`);
    broken += 1;
  }
}
if (broken > 0) {
  console.error(`summarize-tests: ${broken} result(s) broken or missing`);
}
if (files.length === 0 && expected.length === 0) broken += 1;
console.log(`${passed} passed, ${failed + broken} failed, ${skipped} skipped`);
process.exit(failed + broken > 0 ? 1 : 0);
