import { cspViolations } from "../e2e/browser";

/** Browser tests wait for real pages: a generous per-test timeout (testTimeout is global in jest). */
jest.setTimeout(120_000);

// A page that breaks under the Content-Security-Policy fails the test that opened it.
afterEach(() => {
  const found = cspViolations.splice(0);
  expect(found).toEqual([]);
});
