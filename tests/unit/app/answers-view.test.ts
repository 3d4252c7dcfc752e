/**
 * "Also recorded" on a signed record: answers no question of the form shows.
 * A section that was not recorded at all is not an answer ("history
 * undefined" was listed for follow-ups without a history section).
 */
import { otherAnswers } from "@/app/_components/assessment/answers-view";
import { answersSchema } from "@/lib/validation/assessment";

describe("otherAnswers", () => {
  it("lists nothing for sections that were not recorded", () => {
    const answers = answersSchema.parse({ symptoms: { painNow: 3 } });
    const listed = otherAnswers("follow_up", answers);
    expect(listed.map(([, value]) => value)).not.toContain("undefined");
    expect(listed.map(([label]) => label.toLowerCase())).not.toEqual(expect.arrayContaining(["history", "exam", "training"]));
  });
});
