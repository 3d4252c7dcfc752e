/**
 * Every read that returns patient-identifying data writes an audit event in
 * the same transaction (issue 10, item 5): the caseload, the runner directory
 * and GET /api/v1/patients (searchPatients), the referral lists (page and
 * API), run-import previews, the run log, the timeline, the patient header,
 * referral previews, the assessment lists and forms, and the audit log
 * itself. List events record the filter and the patients returned.
 *
 * "Same transaction" is proven on PostgreSQL by a role that may read
 * everything but not write audit events: every one of these reads then fails
 * and returns nothing.
 */
import type { Actor } from "@/lib/domain/access";
import { getFormContext, listEpisodeAssessments, saveDraft, signAssessment } from "@/lib/data/assessments";
import { listAuditEvents } from "@/lib/data/audit";
import { getCaseload } from "@/lib/data/caseload";
import { createEpisode, createPatient, getPatientHeader, getPatientRecord, searchPatients } from "@/lib/data/patients";
import { createReferralDraft, listReferrals, previewReferral, signReferral, updateReferralDraft } from "@/lib/data/referrals";
import { listRunsAudited, previewRunImport, saveRun } from "@/lib/data/runs";
import { getTimeline } from "@/lib/data/timeline";
import { caseloadQuerySchema } from "@/lib/validation/caseload";
import { patientSchema } from "@/lib/validation/patients";
import { grantAppRole } from "../../scripts/db/grant";
import { adminUrl, createLoginRole } from "../helpers/db";
import {
  closeTestDb,
  createClinic,
  isoDaysAgo,
  ownerUrl,
  patientInput,
  testDb,
  type TestClinic,
  SCREEN_NOT_DONE,
} from "../helpers/fixtures";

let c: TestClinic;
const ids = { ada: "", bo: "", episode: "", draft: "", referral: "" };

beforeAll(async () => {
  c = await createClinic();
  const runner = async (familyName: string, mrn: string) => {
    const p = await createPatient(c.clinician, patientSchema.parse(patientInput({ familyName, mrn })));
    const e = await createEpisode(c.clinician, { patientId: p.id, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
    const d = await saveDraft(c.clinician, {
      episodeId: e.id,
      kind: "intake",
      assessedOn: isoDaysAgo(10),
      answers: { symptoms: { painNow: 4 } },
    });
    await signAssessment(c.clinician, d.id, d.version, SCREEN_NOT_DONE);
    return { patientId: p.id, episodeId: e.id };
  };
  const ada = await runner("Audited", "AUD-1");
  const bo = await runner("Borrowed", "AUD-2");
  ids.ada = ada.patientId;
  ids.bo = bo.patientId;
  ids.episode = ada.episodeId;
  ids.draft = (await saveDraft(c.clinician, { episodeId: ada.episodeId, kind: "follow_up", assessedOn: isoDaysAgo(1), answers: {} })).id;
  await saveRun(c.clinician, { patientId: ids.ada, date: isoDaysAgo(3), distanceKm: 7, durationSec: null, surface: null });
  const r = await createReferralDraft(c.clinician, bo.episodeId);
  const edited = await updateReferralDraft(c.clinician, {
    referralId: r.id,
    version: r.version,
    assessmentId: r.assessmentId,
    urgency: r.urgency,
    reason: r.reason,
    question: "Please assess.",
    recipient: undefined,
    treatmentSoFar: undefined,
    responseToTreatment: undefined,
    notes: undefined,
  });
  ids.referral = (await signReferral(c.clinician, r.id, edited.version)).id;
});
afterAll(closeTestDb);

/** Runs `read` and returns the audit events it wrote (the clinic's events after those before it). */
async function eventsOf(read: () => Promise<unknown>) {
  const before = await testDb().auditEvent.aggregate({ where: { clinicId: c.clinicId }, _max: { id: true } });
  await read();
  const events = await testDb().auditEvent.findMany({
    where: { clinicId: c.clinicId, id: { gt: before._max.id ?? 0n } },
    orderBy: { id: "asc" },
  });
  return events.map((e) => ({ action: e.action, userId: e.userId, patientId: e.patientId, detail: e.detail }));
}

const viewer = () => c.viewer;

describe("list reads record the filter and the patients returned", () => {
  it("the caseload", async () => {
    const q = caseloadQuerySchema.parse({ q: "audited", sort: "name" });
    expect(await eventsOf(() => getCaseload(viewer(), q))).toEqual([
      {
        action: "caseload.view",
        userId: c.viewer.userId,
        patientId: null,
        detail: { filter: { q: "audited", sort: "name", limit: 25 }, patientIds: [ids.ada] },
      },
    ]);
    const all = await eventsOf(() => getCaseload(viewer(), caseloadQuerySchema.parse({ sort: "name" })));
    expect(all[0]!.detail).toEqual({ filter: { sort: "name", limit: 25 }, patientIds: [ids.ada, ids.bo] });
  });

  it("the runner directory and GET /api/v1/patients", async () => {
    expect(await eventsOf(() => searchPatients(viewer(), { q: "AUD-", limit: 10 }))).toEqual([
      {
        action: "patients.search",
        userId: c.viewer.userId,
        patientId: null,
        detail: { filter: { q: "AUD-", limit: 10 }, patientIds: [ids.ada, ids.bo] },
      },
    ]);
    // A page beyond the end lists no one, and says so.
    const first = await searchPatients(viewer(), { limit: 1 });
    const next = await eventsOf(() => searchPatients(viewer(), { limit: 1, cursor: first.nextCursor! }));
    expect(next[0]!.detail).toEqual({ filter: { limit: 1, cursor: first.nextCursor }, patientIds: [ids.bo] });
  });

  it("the referral lists (the clinic's and one patient's)", async () => {
    expect(await eventsOf(() => listReferrals(viewer(), { status: "signed" }))).toEqual([
      {
        action: "referrals.list",
        userId: c.viewer.userId,
        patientId: null,
        detail: { filter: { status: "signed", limit: 25 }, patientIds: [ids.bo] },
      },
    ]);
    expect(await eventsOf(() => listReferrals(viewer(), { patientId: ids.ada, limit: 100 }))).toEqual([
      {
        action: "referrals.list",
        userId: c.viewer.userId,
        patientId: ids.ada,
        detail: { filter: { patient: ids.ada, limit: 100 }, patientIds: [] },
      },
    ]);
  });

  it("the audit log itself", async () => {
    const events = await eventsOf(() => listAuditEvents(c.admin, { patientMrn: "AUD-2", limit: 50 }));
    expect(events).toEqual([
      {
        action: "audit.view",
        userId: c.admin.userId,
        patientId: null,
        detail: { filter: { mrn: "AUD-2", limit: 50 }, patientIds: [ids.bo] },
      },
    ]);
    const none = await eventsOf(() => listAuditEvents(c.admin, { patientMrn: "NO-SUCH", limit: 50 }));
    expect(none[0]!.detail).toEqual({ filter: { mrn: "NO-SUCH", limit: 50 }, patientIds: [] });
  });
});

describe("reads of one patient's record", () => {
  const one = (action: string, patientId = ids.ada) => expect.objectContaining({ action, userId: c.viewer.userId, patientId });

  it("the run log and a run-import preview", async () => {
    expect(await eventsOf(() => listRunsAudited(viewer(), ids.ada))).toEqual([one("runs.view")]);
    const preview = await eventsOf(() =>
      previewRunImport(viewer(), ids.ada, `date,distance\n${isoDaysAgo(3)},7 km\n${isoDaysAgo(2)},5 km`),
    );
    expect(preview).toEqual([
      { action: "runs.import_preview", userId: c.viewer.userId, patientId: ids.ada, detail: { rows: 2, importable: 1 } },
    ]);
  });

  it("the timeline, the header and the record", async () => {
    expect(await eventsOf(() => getTimeline(viewer(), ids.ada))).toEqual([one("timeline.view")]);
    expect(await eventsOf(() => getPatientHeader(viewer(), ids.ada))).toEqual([one("patient.header")]);
    expect(await eventsOf(() => getPatientRecord(viewer(), ids.ada))).toEqual([one("patient.view")]);
  });

  it("an episode's assessments and the form of a draft being continued", async () => {
    expect(await eventsOf(() => listEpisodeAssessments(viewer(), ids.episode))).toEqual([one("assessments.list")]);
    expect(await eventsOf(() => getFormContext(viewer(), ids.ada, ids.episode, "assessment.continue_draft"))).toEqual([
      one("assessment.continue_draft"),
    ]);
  });

  it("a signed referral's preview", async () => {
    expect(await eventsOf(() => previewReferral(viewer(), ids.referral))).toEqual([one("referral.preview", ids.bo)]);
  });
});

if (process.env.TEST_APP_ROLE) {
  it("no read returns anything when its audit event cannot be written (the event is in the read's transaction)", async () => {
    const name = new URL(ownerUrl()).pathname.slice(1);
    const silent = await createLoginRole(
      { url: ownerUrl(), label: name, drop: async () => undefined, postgres: { name, adminUrl: adminUrl() } },
      "noaudit",
    );
    await grantAppRole(ownerUrl(), silent.role);
    await testDb().$executeRawUnsafe(`REVOKE INSERT ON "AuditEvent" FROM "${silent.role}"`);

    const holder = globalThis as { prisma?: { $disconnect: () => Promise<void> } };
    const [savedUrl, savedClient] = [process.env.DATABASE_URL, holder.prisma];
    holder.prisma = undefined;
    process.env.DATABASE_URL = silent.url;
    const outcomes: Record<string, string> = {};
    try {
      // Fresh modules: lib/env reads the role's URL, lib/db makes a client for it.
      await jest.isolateModulesAsync(async () => {
        const data = {
          caseload: (await import("@/lib/data/caseload")).getCaseload,
          patients: await import("@/lib/data/patients"),
          referrals: await import("@/lib/data/referrals"),
          runs: await import("@/lib/data/runs"),
          timeline: (await import("@/lib/data/timeline")).getTimeline,
          audit: (await import("@/lib/data/audit")).listAuditEvents,
          assessments: await import("@/lib/data/assessments"),
        };
        const v: Actor = c.viewer;
        const reads: Record<string, () => Promise<unknown>> = {
          caseload: () => data.caseload(v, caseloadQuerySchema.parse({})),
          directory: () => data.patients.searchPatients(v, {}),
          record: () => data.patients.getPatientRecord(v, ids.ada),
          header: () => data.patients.getPatientHeader(v, ids.ada),
          referrals: () => data.referrals.listReferrals(v, {}),
          preview: () => data.referrals.previewReferral(v, ids.referral),
          referral: () => data.referrals.getReferral(v, ids.referral),
          export: () => data.referrals.exportReferral(v, ids.referral, "pdf"),
          runLog: () => data.runs.listRunsAudited(v, ids.ada),
          importPreview: () => data.runs.previewRunImport(v, ids.ada, "date,distance\n2026-01-01,5 km"),
          timeline: () => data.timeline(v, ids.ada),
          auditLog: () => data.audit(c.admin, {}),
          assessments: () => data.assessments.listEpisodeAssessments(v, ids.episode),
          form: () => data.assessments.getFormContext(v, ids.ada, ids.episode, "assessment.continue_draft"),
          detail: () => data.assessments.getAssessmentDetail(v, ids.draft),
        };
        for (const [what, read] of Object.entries(reads)) {
          outcomes[what] = await read().then(
            () => "returned data",
            (e: unknown) => (/permission denied for table AuditEvent/.test(String((e as Error).message)) ? "refused" : String(e)),
          );
        }
      });
    } finally {
      await (holder.prisma as { $disconnect: () => Promise<void> } | undefined)?.$disconnect();
      holder.prisma = savedClient;
      process.env.DATABASE_URL = savedUrl;
    }
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((k) => [k, "refused"])));
    expect(Object.keys(outcomes)).toHaveLength(15);
  });
}
