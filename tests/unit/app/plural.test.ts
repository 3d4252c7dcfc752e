/** Counts with their nouns, one way everywhere (lib/format `plural`): "1 run", never "1 runs" or "run(s)". */
import { plural } from "@/lib/format";

it.each([
  [0, "run", undefined, "0 runs"],
  [1, "run", undefined, "1 run"],
  [2, "run", undefined, "2 runs"],
  [1, "entry", "entries", "1 entry"],
  [3, "entry", "entries", "3 entries"],
  [1200, "row", undefined, "1,200 rows"],
])("%i %s", (n, one, many, text) => {
  expect(plural(n, one, many)).toBe(text);
});
