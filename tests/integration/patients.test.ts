import { listAuditEvents } from "@/lib/data/audit";
import {
  createEpisode,
  createPatient,
  getPatientHeader,
  getPatientRecord,
  searchPatients,
  reopenEpisode,
  updatePatient,
  withdrawEpisode,
} from "@/lib/data/patients";
import { saveDraft } from "@/lib/data/assessments";
import { ConflictError, NotFoundError, sqlState, ValidationError } from "@/lib/errors";
import { patientSchema } from "@/lib/validation/patients";
import { appDb, closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../helpers/fixtures";
import { dischargeEpisode } from "@/lib/data/discharges";
import { correctEpisode } from "@/lib/data/episode-corrections";

let a: TestClinic;
let b: TestClinic;
beforeAll(async () => {
  [a, b] = await Promise.all([createClinic("Clinic A"), createClinic("Clinic B")]);
});
afterAll(closeTestDb);

describe("runners", () => {
  it("registers a runner and audits it", async () => {
    const p = await createPatient(
      a.clinician,
      patientSchema.parse(patientInput({ mrn: "A-100", givenName: "Grace", familyName: "Hopper" })),
    );
    expect(p).toMatchObject({ mrn: "A-100", givenName: "Grace", familyName: "Hopper", birthDate: "1990-04-12" });
    const audit = await listAuditEvents(a.admin, { patientId: p.id });
    expect(audit.items.map((e) => e.action)).toEqual(["patient.create"]);
  });

  it("refuses a second runner with the same MRN in the clinic, naming the field, and writes nothing", async () => {
    const before = await testDb().patient.count({ where: { clinicId: a.clinicId } });
    const err = await createPatient(a.clinician, patientSchema.parse(patientInput({ mrn: "A-100" }))).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues).toEqual([{ path: "mrn", message: "Enter another MRN: another runner of this clinic has this one" }]);
    expect(await testDb().patient.count({ where: { clinicId: a.clinicId } })).toBe(before);
    // Another clinic may use the same MRN.
    await expect(createPatient(b.clinician, patientSchema.parse(patientInput({ mrn: "A-100" })))).resolves.toMatchObject({ mrn: "A-100" });
  });

  it("audits a demographic change with the before and after of each changed field", async () => {
    const p = await createPatient(a.clinician, patientSchema.parse(patientInput({ familyName: "Before" })));
    await updatePatient(a.clinician, p.id, patientSchema.parse(patientInput({ mrn: p.mrn, familyName: "After", phone: "+44 1234" })));
    const events = await testDb().auditEvent.findMany({ where: { clinicId: a.clinicId, patientId: p.id, action: "patient.update" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toEqual({ before: { familyName: "Before", phone: null }, after: { familyName: "After", phone: "+44 1234" } });
  });

  it("audits every opening of a patient record", async () => {
    const p = await createPatient(a.clinician, patientSchema.parse(patientInput()));
    await getPatientRecord(a.viewer, p.id);
    await getPatientRecord(a.viewer, p.id);
    const views = await testDb().auditEvent.count({
      where: { clinicId: a.clinicId, patientId: p.id, action: "patient.view", userId: a.viewer.userId },
    });
    expect(views).toBe(2);
  });

  it("finds runners by name, MRN and birth date, paginating with a cursor", async () => {
    const t = await createClinic();
    for (let i = 0; i < 7; i++) {
      await createPatient(
        t.clinician,
        patientSchema.parse(
          patientInput({
            mrn: `S-${i}`,
            givenName: `Given${i}`,
            familyName: i < 5 ? "Searchable" : "Other",
            birthDate: `1985-06-0${i + 1}`,
          }),
        ),
      );
    }
    expect((await searchPatients(t.viewer, { q: "searchable" })).items).toHaveLength(5);
    expect((await searchPatients(t.viewer, { q: "S-3" })).items.map((p) => p.mrn)).toEqual(["S-3"]);
    expect((await searchPatients(t.viewer, { q: "1985-06-07" })).items.map((p) => p.mrn)).toEqual(["S-6"]);
    expect((await searchPatients(t.viewer, { q: "Given2 Searchable" })).items.map((p) => p.mrn)).toEqual(["S-2"]);
    const page1 = await searchPatients(t.viewer, { limit: 3 });
    const page2 = await searchPatients(t.viewer, { limit: 3, cursor: page1.nextCursor! });
    const page3 = await searchPatients(t.viewer, { limit: 3, cursor: page2.nextCursor! });
    const all = [...page1.items, ...page2.items, ...page3.items].map((p) => p.mrn);
    expect(new Set(all).size).toBe(7);
    expect(page3.nextCursor).toBeNull();
    await expect(searchPatients(t.viewer, { cursor: "garbage" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("opens, discharges and reopens episodes", async () => {
    const p = await createPatient(a.clinician, patientSchema.parse(patientInput()));
    const e = await createEpisode(a.clinician, { patientId: p.id, side: "left", complaint: "Inner knee pain", mechanism: "gradual" });
    expect(e.status).toBe("open");
    await dischargeEpisode(a.clinician, e.id, { reason: "self_discharged" });
    expect((await reopenEpisode(a.clinician, e.id, "2030-01-01")).nextReviewDate).toBe("2030-01-01");
  });
});

describe("one open episode per knee", () => {
  const episode = (patientId: string, side: "left" | "right" | "both", complaint = "Inner knee pain") =>
    createEpisode(a.clinician, { patientId, side, complaint, mechanism: "gradual" });

  it("refuses a second open episode of the same knee, and both knees next to an open left or right one, naming the open one", async () => {
    const p = await createPatient(a.clinician, patientSchema.parse(patientInput()));
    const left = await episode(p.id, "left", "Lateral knee pain");
    for (const side of ["left", "both"] as const) {
      const err = await episode(p.id, side).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as ConflictError).message).toMatch(
        /^Continue the open episode, or discharge it first: the left knee is already in one \("Lateral knee pain", opened /,
      );
      expect((err as ConflictError).detail).toEqual({
        episodeId: left.id,
        patientId: p.id,
        side: "left",
        complaint: "Lateral knee pain",
        link: { href: `/patients/${p.id}#episode-${left.id}`, text: "Go to the open episode: Lateral knee pain" },
      });
    }
    // The other knee may have its own episode; then "both" is refused by either.
    const right = await episode(p.id, "right");
    expect(right.status).toBe("open");
    expect(await testDb().episode.count({ where: { clinicId: a.clinicId, patientId: p.id } })).toBe(2);
    // A discharged episode frees its knee; reopening it while another is open is refused, naming that one.
    await dischargeEpisode(a.clinician, left.id, { reason: "self_discharged" });
    const again = await episode(p.id, "left", "Left again");
    const reopen = await reopenEpisode(a.clinician, left.id).catch((e: unknown) => e);
    expect(reopen).toBeInstanceOf(ConflictError);
    expect((reopen as ConflictError).detail).toMatchObject({ episodeId: again.id });
    // Correcting the side of an episode onto a knee that has an open episode is refused the same way.
    await expect(correctEpisode(a.clinician, { episodeId: right.id, side: "left", reason: "Wrong knee recorded" })).rejects.toThrow(
      /^Continue the open episode, or discharge it first: the left knee is already in one \("Left again"/,
    );
    const both = await createPatient(a.clinician, patientSchema.parse(patientInput()));
    await episode(both.id, "both");
    await expect(episode(both.id, "right")).rejects.toThrow(
      /^Continue the open episode, or discharge it first: both knees are already in one/,
    );
  });

  it("is refused by PostgreSQL itself, whatever writes it (the app's role, two requests at once)", async () => {
    const p = await createPatient(a.clinician, patientSchema.parse(patientInput()));
    const data = { clinicId: a.clinicId, patientId: p.id, complaint: "raw" };
    await appDb().episode.create({ data: { ...data, side: "right" } });
    for (const side of ["right", "both"] as const)
      expect(
        sqlState(
          await appDb()
            .episode.create({ data: { ...data, side } })
            .catch((e: unknown) => e),
        ),
      ).toBe("23505");
    const q = await createPatient(a.clinician, patientSchema.parse(patientInput()));
    const results = await Promise.allSettled([episode(q.id, "left"), episode(q.id, "left"), episode(q.id, "both")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
  });

  it("withdraws a duplicate as opened in error: kept with its reason, not a discharge, audited, final; the knee is free again", async () => {
    const p = await createPatient(a.clinician, patientSchema.parse(patientInput()));
    const e = await episode(p.id, "right");
    const withdrawn = await withdrawEpisode(a.clinician, e.id, "Duplicate: opened twice");
    expect(withdrawn).toMatchObject({
      status: "opened_in_error",
      dischargedAt: null,
      openedInError: { reason: "Duplicate: opened twice" },
    });
    const audit = await testDb().auditEvent.findMany({
      where: { clinicId: a.clinicId, entityId: e.id, action: "episode.opened_in_error" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ reason: "Duplicate: opened twice" });
    // Kept on the record, and the knee may be opened again.
    const record = await getPatientRecord(a.clinician, p.id);
    expect(record.episodes.map((x) => x.status)).toEqual(["opened_in_error"]);
    await episode(p.id, "right");
    // Final: never reopened or discharged, in the app or by the database; no assessment may be recorded in it.
    await expect(reopenEpisode(a.clinician, e.id)).rejects.toThrow(/withdrawn as opened in error/);
    await expect(dischargeEpisode(a.clinician, e.id, { reason: "self_discharged" })).rejects.toThrow(/withdrawn as opened in error/);
    expect(
      sqlState(
        await appDb()
          .episode.update({ where: { id: e.id }, data: { status: "discharged" } })
          .catch((x: unknown) => x),
      ),
    ).toBe("KC001");
    await expect(saveDraft(a.clinician, { episodeId: e.id, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} })).rejects.toThrow(
      /withdrawn as opened in error/,
    );
    // A reason is required, and an episode that holds an assessment is a clinical record: refused.
    const held = await createPatient(a.clinician, patientSchema.parse(patientInput()));
    const h = await episode(held.id, "left");
    await saveDraft(a.clinician, { episodeId: h.id, kind: "intake", assessedOn: isoDaysAgo(0), answers: {} });
    await expect(withdrawEpisode(a.clinician, h.id, "oops")).rejects.toThrow(/holds an assessment/);
    expect(
      sqlState(
        await appDb()
          .episode.update({ where: { id: h.id }, data: { status: "opened_in_error" } })
          .catch((x: unknown) => x),
      ),
    ).toBe("23514");
  });
});

describe("clinic isolation", () => {
  it("makes another clinic's patient indistinguishable from a missing one", async () => {
    const theirs = await createPatient(b.clinician, patientSchema.parse(patientInput()));
    await expect(getPatientRecord(a.admin, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPatientRecord(a.admin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPatientRecord(a.admin, "not-an-id")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPatientHeader(a.admin, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updatePatient(a.admin, theirs.id, patientSchema.parse(patientInput()))).rejects.toBeInstanceOf(NotFoundError);
    await expect(createEpisode(a.clinician, { patientId: theirs.id, side: "left", complaint: "x" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await searchPatients(a.admin, { q: theirs.mrn })).items.find((p) => p.id === theirs.id)).toBeUndefined();
    // Nothing was changed in clinic B, and clinic A's failed attempts left no audit trail in B.
    expect((await testDb().patient.findUniqueOrThrow({ where: { id: theirs.id } })).familyName).toBe(theirs.familyName);
    expect(await testDb().auditEvent.count({ where: { clinicId: b.clinicId, userId: a.admin.userId } })).toBe(0);
  });

  it("scopes the audit log to the clinic", async () => {
    const events = await listAuditEvents(a.admin, { limit: 200 });
    expect(events.items.length).toBeGreaterThan(0);
    const clinicOf = await testDb().auditEvent.findMany({
      where: { id: { in: events.items.map((e) => BigInt(e.id)) } },
      select: { clinicId: true },
    });
    expect(new Set(clinicOf.map((e) => e.clinicId))).toEqual(new Set([a.clinicId]));
  });
});

describe("audit log filters", () => {
  it("filters by user, patient MRN and date, newest first, with pagination", async () => {
    const t = await createClinic();
    const p = await createPatient(t.clinician, patientSchema.parse(patientInput({ mrn: "AUD-1" })));
    for (let i = 0; i < 5; i++) await getPatientRecord(t.viewer, p.id);
    const byUser = await listAuditEvents(t.admin, { userId: t.viewer.userId, limit: 3 });
    expect(byUser.items).toHaveLength(3);
    expect(byUser.items.every((e) => e.actorName === t.viewer.name && e.patientName === "Runner, Ada")).toBe(true);
    const ids = byUser.items.map((e) => BigInt(e.id));
    expect([...ids].sort((x, y) => (x > y ? -1 : 1))).toEqual(ids);
    const rest = await listAuditEvents(t.admin, { userId: t.viewer.userId, limit: 3, cursor: byUser.nextCursor! });
    expect(rest.items).toHaveLength(2);
    expect((await listAuditEvents(t.admin, { patientMrn: "AUD-1" })).items).toHaveLength(6);
    expect((await listAuditEvents(t.admin, { patientMrn: "NOPE" })).items).toHaveLength(0);
    expect((await listAuditEvents(t.admin, { from: "2000-01-01", to: "2000-12-31" })).items).toHaveLength(0);
  });
});
