/**
 * "Unchanged since": the previous screen's answers are offered question by
 * question and count only when confirmed or answered afresh.
 */
import { carriedScreenAnswers } from "@/lib/screen-carry";
import { FOLLOW_UP_SECTIONS } from "@/lib/questions";

const screen = FOLLOW_UP_SECTIONS.find((s) => s.id === "screen")!.questions;

describe("carriedScreenAnswers", () => {
  const previous = { symptoms: { locking: false, visibleSwelling: true, painNow: 5 }, context: { swellingTiming: "gradual" } };

  it("offers each screen answer of the previous visit, in the form's order, with its question", () => {
    const carried = carriedScreenAnswers(screen, previous, {});
    expect(carried.map((c) => c.path)).toEqual(
      screen.map((q) => q.path).filter((p) => ["symptoms.locking", "symptoms.visibleSwelling", "context.swellingTiming"].includes(p)),
    );
    expect(carried.find((c) => c.path === "symptoms.locking")).toMatchObject({ value: false, label: expect.stringMatching(/lock/i) });
    expect(carried.some((c) => c.path === "symptoms.painNow")).toBe(false); // not a screen question
  });

  it("drops a question answered afresh (whatever the answer), and offers nothing without a previous answer", () => {
    expect(carriedScreenAnswers(screen, previous, { symptoms: { locking: true } }).some((c) => c.path === "symptoms.locking")).toBe(false);
    expect(carriedScreenAnswers(screen, previous, { symptoms: { locking: false } }).some((c) => c.path === "symptoms.locking")).toBe(false);
    expect(carriedScreenAnswers(screen, {}, {})).toEqual([]);
    expect(carriedScreenAnswers(screen, undefined, {})).toEqual([]);
  });
});
