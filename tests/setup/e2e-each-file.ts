/** Browser tests wait for real pages: a generous per-test timeout (testTimeout is global in jest). */
jest.setTimeout(120_000);
