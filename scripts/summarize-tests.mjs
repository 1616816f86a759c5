// Prints one closing line for the whole run: "tests: N passed, M failed" (+ failed stages).
import { existsSync, readFileSync } from 'node:fs';
let passed = 0;
let failed = 0;
const stages = [];
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('stage:')) { stages.push(arg.slice(6)); continue; }
  if (!existsSync(arg)) { console.log(`(no results in ${arg})`); continue; }
  const r = JSON.parse(readFileSync(arg, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${arg}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
if (stages.length) console.log(`failed stages: ${stages.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
