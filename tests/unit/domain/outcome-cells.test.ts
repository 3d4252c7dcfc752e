import { MIN_CELL_EPISODES, suppressedCells } from "@/lib/domain/outcomes";

/**
 * Small cells and differencing (docs/outcomes.md "Small cells"): a cell under
 * MIN_CELL_EPISODES is suppressed, and across several groups the suppressed
 * cells of a figure never hold 1-4 episodes together, so a total minus the
 * shown groups reveals no small cell.
 */
const hiddenSum = (cells: number[], hidden: boolean[]) => cells.reduce((n, c, i) => n + (hidden[i] ? c : 0), 0);

describe("suppressedCells", () => {
  it("suppresses a lone cell under 5 and shows one of 5 or more", () => {
    expect(MIN_CELL_EPISODES).toBe(5);
    expect(suppressedCells([4])).toEqual([true]);
    expect(suppressedCells([5])).toEqual([false]);
    expect(suppressedCells([0])).toEqual([true]);
  });

  it("suppresses the next smallest group when one small group alone could be worked out from the total", () => {
    // Total 33: showing 10 and 20 would give the 3 away.
    expect(suppressedCells([3, 10, 20])).toEqual([true, true, false]);
    // 4 alone: the smallest shown cell (5) goes too; ties go to the first.
    expect(suppressedCells([12, 4, 5, 5])).toEqual([false, true, true, false]);
  });

  it("needs no more when the suppressed cells already hold 5 or more together, or none", () => {
    expect(suppressedCells([3, 2, 20, 30])).toEqual([true, true, false, false]);
    expect(suppressedCells([0, 10, 20])).toEqual([true, false, false]);
    expect(suppressedCells([10, 20, 30], [true, false, false])).toEqual([true, false, false]);
  });

  it("suppresses everything when nothing else can hide a small cell", () => {
    expect(suppressedCells([1, 2])).toEqual([true, true]);
  });

  it("never leaves 1-4 episodes suppressed together (every split of 3 groups up to 12)", () => {
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 12; c++) {
          const cells = [a, b, c];
          const hidden = suppressedCells(cells);
          const held = hiddenSum(cells, hidden);
          expect(held === 0 || held >= MIN_CELL_EPISODES || hidden.every(Boolean)).toBe(true);
          cells.forEach((n, i) => n < MIN_CELL_EPISODES && expect(hidden[i]).toBe(true));
        }
  });
});
