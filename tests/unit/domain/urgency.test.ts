/** The one urgency order and the one display level every view uses (lib/domain/urgency.ts). */
import {
  DISPLAY_LEVEL_WORDS,
  FLAGGED_MAX_RANK,
  RANK_NOT_EVALUATED,
  URGENCY_ORDER,
  displayLevel,
  displayLevelOf,
  displayText,
  mostSevere,
  unsentReferralsText,
  URGENT_FLAG_WORDS,
  urgencyRank,
} from "@/lib/domain/urgency";

describe("urgency order", () => {
  it("ranks emergency 0 to routine 3; not evaluated after routine; flagged is soon or worse", () => {
    expect(URGENCY_ORDER.map(urgencyRank)).toEqual([0, 1, 2, 3]);
    expect(RANK_NOT_EVALUATED).toBe(4);
    expect(FLAGGED_MAX_RANK).toBe(urgencyRank("soon"));
  });

  it("takes the most severe, routine when there is none", () => {
    expect(mostSevere([])).toBe("routine");
    expect(mostSevere(["soon", "urgent", "routine"])).toBe("urgent");
    expect(mostSevere(["soon", "emergency"])).toBe("emergency");
  });
});

describe("display level", () => {
  it("is never routine while the screen is incomplete", () => {
    expect(displayLevel("routine", true)).toEqual({ level: "not_screened", screenIncomplete: true });
    expect(displayLevel("routine", false)).toEqual({ level: "routine", screenIncomplete: false });
  });

  it("is not yet screened without an evaluation", () => {
    expect(displayLevel(null, false)).toEqual({ level: "not_screened", screenIncomplete: true });
    expect(displayLevel(undefined, false)).toEqual({ level: "not_screened", screenIncomplete: true });
    expect(displayLevelOf(null)).toEqual({ level: "not_screened", screenIncomplete: true });
  });

  it("keeps a flag's urgency and marks an incomplete screen next to it", () => {
    expect(displayLevel("urgent", true)).toEqual({ level: "urgent", screenIncomplete: true });
    expect(displayLevel("soon", false)).toEqual({ level: "soon", screenIncomplete: false });
    expect(displayLevelOf({ urgency: "emergency", redFlagsNotAssessed: ["tumour_suspected"] })).toEqual({
      level: "emergency",
      screenIncomplete: true,
    });
    expect(displayLevelOf({ urgency: "routine", redFlagsNotAssessed: [] })).toEqual({ level: "routine", screenIncomplete: false });
  });

  it("words it the same everywhere, with the questions still to answer when they are known", () => {
    expect(displayText(displayLevel("routine", false))).toBe("Routine");
    expect(displayText(displayLevel("routine", true))).toBe("Not yet screened");
    expect(displayText(displayLevel("routine", true), 3)).toBe("Not yet screened: 3 questions");
    expect(displayText(displayLevel(null, true), 1)).toBe("Not yet screened: 1 question");
    expect(displayText(displayLevel("urgent", true))).toBe("Urgent · screen incomplete");
    expect(displayText(displayLevel("urgent", true), 2)).toBe("Urgent · screen incomplete: 2 questions");
    expect(displayText(displayLevel("urgent", false), 0)).toBe("Urgent");
    expect(Object.keys(DISPLAY_LEVEL_WORDS)).toEqual([...URGENCY_ORDER, "not_screened"]);
  });
});

describe("action needed", () => {
  it("names unsent referrals by their urgency, never an emergency as urgent", () => {
    expect(unsentReferralsText(1, "emergency")).toBe("An emergency referral is not sent");
    expect(unsentReferralsText(1, "urgent")).toBe("An urgent referral is not sent");
    expect(unsentReferralsText(2, "emergency")).toBe("2 referrals are not sent, the most severe emergency");
    expect(unsentReferralsText(1, null)).toBe("A referral is not sent");
    expect(unsentReferralsText(3, null)).toBe("3 referrals are not sent");
  });

  it("words the urgencies that call for action now from the one vocabulary", () => {
    expect(URGENT_FLAG_WORDS).toBe("Emergency or urgent");
  });
});
