import { lateEntryDay } from "@/lib/format";
import { reviewDateIssues } from "@/lib/validation/review-date";

describe("review dates", () => {
  it("are refused before the assessment date, then before the onset, naming the field", () => {
    const check = (review: string) =>
      reviewDateIssues("plan.nextReviewDate", "next review date", review, { onsetDate: "2026-03-01", assessedOn: "2026-04-10" });
    expect(check("2026-04-09")).toEqual([
      { path: "plan.nextReviewDate", message: "Enter a next review date on or after the assessment date (10 Apr 2026)" },
    ]);
    expect(check("2026-04-10")).toEqual([]);
    expect(reviewDateIssues("nextReviewDate", "first review date", "2020-01-01", { onsetDate: "2026-03-01" })).toEqual([
      { path: "nextReviewDate", message: "Enter a first review date on or after the onset date (1 Mar 2026)" },
    ]);
    expect(reviewDateIssues("nextReviewDate", "first review date", undefined, { onsetDate: "2026-03-01" })).toEqual([]);
    expect(reviewDateIssues("nextReviewDate", "first review date", "2020-01-01", {})).toEqual([]);
  });
});

describe("late entry", () => {
  it("is an assessment entered on a later day of the clinic than it was assessed", () => {
    // 23:30 UTC on 25 Oct 2026 is already 26 Oct in Auckland, still 25 Oct in London (BST ends that night).
    const createdAt = new Date("2026-10-25T23:30:00Z");
    expect(lateEntryDay("2026-10-25", createdAt, "Europe/London")).toBeNull();
    expect(lateEntryDay("2026-10-25", createdAt, "Pacific/Auckland")).toBe("2026-10-26");
    expect(lateEntryDay("2026-10-20", createdAt, "Europe/London")).toBe("2026-10-25");
  });
});
