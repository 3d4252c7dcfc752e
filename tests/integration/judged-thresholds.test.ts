/**
 * One truth per screen (issue 12, item 2): after the clinic changes an
 * important change, the charts and the history table still judge each
 * assessment the same way: with the settings stored with it when it was
 * signed, the clinic's setting now named where it differs.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { getClinicSettings, updateClinicSettings } from "@/lib/data/settings";
import { getTimeline } from "@/lib/data/timeline";
import { measureSeries } from "@/lib/clinical/timeline";
import { AssessmentHistory } from "@/app/_components/charts/assessment-history";
import { MeasureTable } from "@/app/_components/charts/data-tables";
import { bandSegments } from "@/app/_components/charts/format";
import { closeTestDb, createClinic, isoDaysAgo, SCREEN_NOT_DONE, type TestClinic } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";

let c: TestClinic;
beforeAll(async () => {
  c = await createClinic();
});
afterAll(closeTestDb);

async function setPainChange(painNow: number) {
  const s = await getClinicSettings(c.admin);
  await updateClinicSettings(c.admin, { ...s, importantChange: { ...s.importantChange, painNow } });
}

async function sign(episodeId: string, kind: "intake" | "follow_up", daysAgo: number, painNow: number) {
  const d = await saveDraft(c.clinician, {
    episodeId,
    kind,
    assessedOn: isoDaysAgo(daysAgo),
    answers: { symptoms: { painNow }, plan: { nextReviewDate: isoDaysAgo(-14) } },
  });
  return signAssessment(c.clinician, d.id, d.version, SCREEN_NOT_DONE);
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

it("a threshold changed after signing: the chart data, its table and the history judge each assessment as it was signed", async () => {
  await setPainChange(2);
  const { patientId, episodeId } = await episodeIn(c, { episode: { complaint: "Inner knee pain" } });
  await sign(episodeId, "intake", 20, 6);
  const followUp = await sign(episodeId, "follow_up", 10, 3); // 3 points better: an important change with ± 2
  expect(followUp.evaluation?.changes?.painNow?.vsBaseline).toBe("improved");
  await setPainChange(4); // with ± 4 the same 3 points would be no important change

  const timeline = await getTimeline(c.viewer, patientId);
  expect(timeline.settings.importantChange.painNow).toBe(4);
  const signed = timeline.assessments.filter((a) => a.status === "signed");
  expect(signed.map((a) => a.judgedWith?.painNow)).toEqual([2, 2]);

  // The chart's data: each point with the threshold it was judged with, its band, and its recorded judgement.
  const pain = measureSeries(
    signed.map((a) => ({ ...a, evaluation: a.evaluation! })),
    timeline.settings.importantChange,
  ).find((s) => s.measure === "painNow")!;
  expect(pain.currentImportantChange).toBe(4);
  expect(pain.points.map((x) => [x.value, x.importantChange, x.vsBaseline ?? null])).toEqual([
    [6, 2, null],
    [3, 2, "improved"],
  ]);
  const last = pain.points[1]!;
  // Outside its own band, as the table says "improved" (the clinic's ± 4 band would hold it: 2 to 10).
  expect(last.band).toEqual({ low: 4, high: 8 });
  expect(last.value < last.band!.low).toBe(true);
  const segments = bandSegments(pain, 0, 100);
  expect(segments).toEqual([{ x1: 0, x2: 100, low: 4, high: 8 }]);

  // The chart's table and the history table say the same, and name the clinic's setting now.
  const table = text(renderToStaticMarkup(createElement(MeasureTable, { series: pain })));
  expect(table).toContain("important change ± 2 points as judged when signed; the clinic's setting now ± 4 points");
  expect(table).toContain("Improved (± 2 points; clinic now ± 4)");
  const history = text(
    renderToStaticMarkup(
      createElement(AssessmentHistory, {
        assessments: timeline.assessments.map((a) => ({ ...a, href: `/x/${a.id}` })),
        current: timeline.settings.importantChange,
      }),
    ),
  );
  expect(history).toMatch(/vs baseline Improved .*judged with ± 2 points \(clinic now ± 4\)/);

  // A follow-up signed after the change is judged with ± 4: the band changes at it, and both tables say so.
  await sign(episodeId, "follow_up", 2, 3);
  const after = await getTimeline(c.viewer, patientId);
  const again = measureSeries(
    after.assessments.filter((a) => a.status === "signed").map((a) => ({ ...a, evaluation: a.evaluation! })),
    after.settings.importantChange,
  ).find((s) => s.measure === "painNow")!;
  expect(again.points.map((x) => [x.importantChange, x.vsBaseline ?? null])).toEqual([
    [2, null],
    [2, "improved"],
    [4, "unchanged"],
  ]);
  expect(
    again.points.every((x, i) => i === 0 || (x.value < x.band!.low || x.value > x.band!.high) === (x.vsBaseline !== "unchanged")),
  ).toBe(true);
  expect(bandSegments(again, 0, 100).map((s) => [s.low, s.high])).toEqual([
    [4, 8],
    [2, 10],
  ]);
  const table2 = text(renderToStaticMarkup(createElement(MeasureTable, { series: again })));
  expect(table2).toContain("important change ± 2 or ± 4 points, as each assessment was judged");
  expect(table2).toContain("Unchanged (± 4 points)");
  expect(table2).toContain("Improved (± 2 points; clinic now ± 4)");
});

it("a backdated assessment is marked as a late entry in the history, with the day it was entered; one entered on the day is not", async () => {
  const { patientId, episodeId } = await episodeIn(c, { episode: { side: "right", complaint: "Inner knee pain" } });
  const late = await sign(episodeId, "intake", 5, 6);
  const onTheDay = await sign(episodeId, "follow_up", 0, 4);
  const timeline = await getTimeline(c.viewer, patientId);
  const byId = new Map(timeline.assessments.map((a) => [a.id, a]));
  expect(byId.get(late.id)?.enteredLateOn).toBe(isoDaysAgo(0));
  expect(byId.get(onTheDay.id)?.enteredLateOn).toBeNull();
  const html = renderToStaticMarkup(
    createElement(AssessmentHistory, { assessments: timeline.assessments.map((a) => ({ ...a, href: `/x/${a.id}` })) }),
  );
  const rows = html.split("<tr").slice(2).map(text);
  expect(rows[0]).toMatch(/Late entry entered \d{1,2} \w{3} \d{4}/);
  expect(rows[1]).not.toContain("Late entry");
});
