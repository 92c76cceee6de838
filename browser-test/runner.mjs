// Runs browser tests one after another against one browser, prints "ok"/"not ok" per test and the
// closing line "N passed, M failed", closes the browser and exits 1 if any test failed.
export async function runAll(tests, browser) {
  let passed = 0;
  let failed = 0;
  try {
    for (const test of tests) {
      try {
        await test(browser);
        passed++;
        console.log(`ok - ${test.name}`);
      } catch (error) {
        failed++;
        console.log(`not ok - ${test.name}: ${error.message}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
