/** Three-valued logic (EVALUATE.md section 2). */
import { and, known, not, or, truthOf, UNKNOWN } from "@/lib/clinical";

const T = known(true, "t");
const F = known(false, "f");
const U = UNKNOWN;

describe("three-valued logic", () => {
  it.each([
    [T, T, "true"],
    [T, F, "false"],
    [T, U, "unknown"],
    [F, T, "false"],
    [F, F, "false"],
    [F, U, "false"],
    [U, T, "unknown"],
    [U, F, "false"],
    [U, U, "unknown"],
  ] as const)("and", (a, b, expected) => {
    expect(truthOf(and(a, b))).toBe(expected);
  });

  it.each([
    [T, T, "true"],
    [T, F, "true"],
    [T, U, "true"],
    [F, T, "true"],
    [F, F, "false"],
    [F, U, "unknown"],
    [U, T, "true"],
    [U, F, "unknown"],
    [U, U, "unknown"],
  ] as const)("or", (a, b, expected) => {
    expect(truthOf(or(a, b))).toBe(expected);
  });

  it("not keeps unknown", () => {
    expect([T, F, U].map((x) => truthOf(not(x)))).toEqual(["false", "true", "unknown"]);
  });

  it("a true AND names all parts, a true OR only its true branches", () => {
    expect(and(known(true, "a"), known(true, "b")).because).toEqual(["a", "b"]);
    expect(or(known(false, "a"), known(true, "b"), UNKNOWN, known(true, "c")).because).toEqual(["b", "c"]);
    expect(and(known(true, "a"), or(known(true, "a"), known(true, "b"))).because).toEqual(["a", "b"]);
  });
});
