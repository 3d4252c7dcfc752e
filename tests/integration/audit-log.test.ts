/**
 * The audit log people can read (issue 12, item 6), against the real
 * PostgreSQL: refused writes are recorded (a refusal of permission, invalid
 * input, and a write PostgreSQL refused and rolled back, whose refusal stays),
 * through a server action and through the API; the log's entries are in
 * words (the record's name, the actor's name, the fields changed before and
 * after); its filters (person, patient, record, action and kind of action,
 * date range) and pages; and the CSV export of the filtered log is audited.
 */
import { updatePatientAction } from "@/lib/actions/patients";
import { saveRunAction } from "@/lib/actions/runs";
import { exportAuditEvents, listAuditEvents, type AuditEventRow } from "@/lib/data/audit";
import { getFormContext, saveDraft, signAssessment } from "@/lib/data/assessments";
import { createEpisode, createPatient, getPatientRecord, updatePatient } from "@/lib/data/patients";
import { deleteRun, saveRun } from "@/lib/data/runs";
import { auditCsv } from "@/lib/export/audit-csv";
import { formatDate, todayIn } from "@/lib/format";
import { patientSchema } from "@/lib/validation/patients";
import { POST as dischargeRoute } from "@/app/api/v1/episodes/[episodeId]/discharge/route";
import { formCall, signInAs } from "../helpers/actions";
import { SCREEN_NOT_DONE, closeTestDb, createClinic, isoDaysAgo, patientInput, testDb, type TestClinic } from "../helpers/fixtures";

jest.mock("next/headers", () => jest.requireActual("../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../helpers/actions").nextCache);

let c: TestClinic;
const ids = { ada: "", bo: "", episode: "", intake: "", run: "" };
const today = todayIn("UTC");

beforeAll(async () => {
  c = await createClinic();
  const ada = await createPatient(
    c.clinician,
    patientSchema.parse(patientInput({ familyName: "Haddad", givenName: "Olivia", mrn: "LOG-1" })),
  );
  const bo = await createPatient(c.clinician, patientSchema.parse(patientInput({ familyName: "Bo", mrn: "LOG-2" })));
  ids.ada = ada.id;
  ids.bo = bo.id;
  const e = await createEpisode(c.clinician, { patientId: ada.id, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
  ids.episode = e.id;
  const d = await saveDraft(c.clinician, { episodeId: e.id, kind: "intake", assessedOn: today, answers: { symptoms: { painNow: 3 } } });
  ids.intake = d.id;
  await signAssessment(c.clinician, d.id, d.version, SCREEN_NOT_DONE);
  const run = await saveRun(c.clinician, { patientId: ada.id, date: isoDaysAgo(2), distanceKm: 8, durationSec: 2700, surface: null });
  ids.run = run.id;
});
afterAll(closeTestDb);

const refusals = (userId: string) =>
  testDb().auditEvent.findMany({ where: { clinicId: c.clinicId, userId, action: "write.refused" }, orderBy: { id: "asc" } });
const byText = (items: AuditEventRow[], what: string) => items.find((e) => e.text.what === what);

describe("refused writes are recorded", () => {
  it("a refusal of permission, with who tried what and the patient", async () => {
    await signInAs(c.viewer);
    const state = await formCall(updatePatientAction)({ patientId: ids.bo, ...patientInput({ familyName: "Changed", mrn: "LOG-2" }) });
    expect(state.ok).toBe(false);
    const [row] = await refusals(c.viewer.userId);
    expect(row).toMatchObject({ patientId: ids.bo, detail: { attempt: "patient.update", refused: "permission", fields: [] } });
    const { items } = await listAuditEvents(c.admin, { action: "refused", userId: c.viewer.userId });
    expect(items[0]!.text).toMatchObject({
      kind: "refused",
      what: "Was refused: change a runner's details",
      refusal: "no permission: You do not have permission to do this",
    });
    expect(items[0]).toMatchObject({ actorName: c.viewer.name, patientName: "Bo, Ada" });
  });

  it("a rejected write names the fields and why", async () => {
    await signInAs(c.clinician);
    const state = await formCall(saveRunAction)({ patientId: ids.bo, date: isoDaysAgo(1), distanceKm: "-3" });
    expect(state.ok).toBe(false);
    const rows = await refusals(c.clinician.userId);
    const last = rows[rows.length - 1]!;
    expect(last).toMatchObject({ patientId: ids.bo, detail: { attempt: "run.save", refused: "invalid" } });
    const { items } = await listAuditEvents(c.admin, { action: "write.refused", patientId: ids.bo, userId: c.clinician.userId });
    expect(items[0]!.text.what).toBe("Was refused: save a run");
    expect(items[0]!.text.facts.some((f) => f.startsWith("Distance: "))).toBe(true);
  });

  it("a write PostgreSQL refuses rolls back, and its refusal stays", async () => {
    await signInAs(c.clinician);
    const before = await testDb().patient.findUniqueOrThrow({ where: { id: ids.bo } });
    const mark = (await testDb().auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    // LOG-1 is Olivia Haddad's MRN: the unique index refuses the update inside its transaction.
    const state = await formCall(updatePatientAction)({ patientId: ids.bo, ...patientInput({ familyName: "Renamed", mrn: "LOG-1" }) });
    expect(state.ok).toBe(false);
    expect(await testDb().patient.findUniqueOrThrow({ where: { id: ids.bo } })).toEqual(before);
    const after = await testDb().auditEvent.findMany({ where: { clinicId: c.clinicId, id: { gt: mark } } });
    expect(after.map((e) => e.action)).toEqual(["write.refused"]);
    expect(after[0]).toMatchObject({
      userId: c.clinician.userId,
      patientId: ids.bo,
      detail: { refused: expect.stringMatching(/conflict|invalid/) },
    });
  });

  it("a refused API write, with its request", async () => {
    await signInAs(c.viewer);
    const path = `/api/v1/episodes/${ids.episode}/discharge`;
    const res = await dischargeRoute(
      new Request(`http://localhost${path}`, { method: "POST", body: JSON.stringify({ reason: "other" }) }),
      {
        params: Promise.resolve({ episodeId: ids.episode }),
      },
    );
    expect(res.status).toBe(403);
    const rows = await refusals(c.viewer.userId);
    expect(rows[rows.length - 1]!.detail).toMatchObject({ attempt: "api.write", refused: "permission", request: `POST ${path}` });
    expect(await testDb().episode.findUniqueOrThrow({ where: { id: ids.episode } })).toMatchObject({ status: "open" });
  });
});

describe("entries in words", () => {
  it("names the record, the actor and the action; no codes, no ids", async () => {
    const { items } = await listAuditEvents(c.admin, { patientId: ids.ada, limit: 200 });
    const signed = byText(items, `Signed the intake of ${formatDate(today)}`);
    expect(signed).toMatchObject({
      actorName: c.clinician.name,
      patientName: "Haddad, Olivia",
      recordName: `the intake of ${formatDate(today)}`,
    });
    expect(byText(items, `Opened the left knee episode opened ${formatDate(today)}`)).toBeDefined();
    expect(byText(items, `Added the run of ${formatDate(isoDaysAgo(2))} (8 km)`)).toBeDefined();
    expect(byText(items, "Registered Haddad, Olivia")).toBeDefined();
    for (const e of items) expect(`${e.text.what} ${e.text.facts.join(" ")}`).not.toMatch(/[a-z]+\.[a-z_]+|[0-9a-f]{8}-[0-9a-f]{4}|[{}]/);
  });

  it("a change shows the fields that changed, before and after, in words", async () => {
    const p = await testDb().patient.findUniqueOrThrow({ where: { id: ids.ada } });
    await updatePatient(
      c.clinician,
      ids.ada,
      patientSchema.parse({ ...patientInput({ mrn: "LOG-1", givenName: "Olivia", familyName: "Haddad-Ray" }), birthDate: "1991-05-02" }),
    );
    expect(p.familyName).toBe("Haddad");
    const { items } = await listAuditEvents(c.admin, { action: "patient.update", patientId: ids.ada });
    expect(items[0]!.text.what).toBe("Changed the details of Haddad-Ray, Olivia");
    expect(items[0]!.text.changes).toHaveLength(2);
    expect(items[0]!.text.changes).toEqual(
      expect.arrayContaining([
        { field: "Family name", before: "Haddad", after: "Haddad-Ray" },
        { field: "Date of birth", before: "12 Apr 1990", after: "2 May 1991" },
      ]),
    );
  });

  it("a deleted run is named from what its event recorded", async () => {
    await deleteRun(c.clinician, ids.ada, ids.run);
    const { items } = await listAuditEvents(c.admin, { action: "run.delete", patientId: ids.ada });
    expect(items[0]!.text.what).toBe(`Deleted the run of ${formatDate(isoDaysAgo(2))} (8 km)`);
  });
});

describe("filters and pages", () => {
  it("by person, patient, record, action, kind and dates; newest first, in pages", async () => {
    for (let i = 0; i < 3; i++) await getPatientRecord(c.viewer, ids.ada);
    await getFormContext(c.viewer, ids.ada, ids.episode, "assessment.open_new");
    const views = await listAuditEvents(c.admin, { userId: c.viewer.userId, action: "view", limit: 2 });
    expect(views.items).toHaveLength(2);
    expect(views.items.map((e) => e.text.kind)).toEqual(["view", "view"]);
    const more = await listAuditEvents(c.admin, { userId: c.viewer.userId, action: "view", limit: 2, cursor: views.nextCursor! });
    expect(more.items).toHaveLength(2);
    expect(BigInt(more.items[0]!.id)).toBeLessThan(BigInt(views.items[1]!.id));
    const record = await listAuditEvents(c.admin, { recordId: ids.intake });
    expect(record.items.length).toBeGreaterThan(0);
    expect(record.items.every((e) => e.entityId === ids.intake)).toBe(true);
    expect((await listAuditEvents(c.admin, { patientMrn: "LOG-2", action: "patient.view" })).items).toHaveLength(0);
    expect((await listAuditEvents(c.admin, { patientId: ids.ada, patientMrn: "LOG-2" })).items).toHaveLength(0);
    expect((await listAuditEvents(c.admin, { from: today, to: today, action: "assessment.sign" })).items).toHaveLength(1);
    expect((await listAuditEvents(c.admin, { from: "2000-01-01", to: "2000-12-31" })).items).toHaveLength(0);
  });

  it("the filters are served by indexes (no scan of the whole table)", async () => {
    const plan = async (where: string) =>
      JSON.stringify(
        await testDb().$queryRawUnsafe(
          `EXPLAIN SELECT * FROM "AuditEvent" WHERE "clinicId" = '${c.clinicId}'::uuid AND ${where} ORDER BY id DESC LIMIT 51`,
        ),
      );
    await testDb().$executeRawUnsafe(`SET enable_seqscan = off`);
    expect(await plan(`action = 'write.refused'`)).toMatch(/AuditEvent_clinicId_action_id_idx/);
    expect(await plan(`"entityId" = '${ids.intake}'`)).toMatch(/AuditEvent_clinicId_entityId_id_idx/);
    await testDb().$executeRawUnsafe(`RESET enable_seqscan`);
  });
});

describe("the CSV export of the filtered log", () => {
  it("holds the filtered events in words, and is audited", async () => {
    const { items, truncated } = await exportAuditEvents(c.admin, { patientId: ids.ada, action: "sign" });
    expect(truncated).toBe(false);
    expect(items.map((e) => e.text.what)).toEqual([`Signed the intake of ${formatDate(today)}`]);
    const csv = auditCsv(items, "Europe/London");
    const [header, row] = csv.trimEnd().split("\r\n");
    expect(header).toBe("Event,When,Who,What happened,Refused because,Patient,Record,Changes,Details");
    expect(row).toContain(`Signed the intake of ${formatDate(today)}`);
    expect(row).toMatch(/ (GMT|BST)",/);
    expect(row).toContain('"Haddad-Ray, Olivia"');
    const exported = await testDb().auditEvent.findFirst({
      where: { clinicId: c.clinicId, action: "audit.export" },
      orderBy: { id: "desc" },
    });
    expect(exported).toMatchObject({
      userId: c.admin.userId,
      detail: { filter: { patient: ids.ada, action: "sign" }, events: 1, patientIds: [ids.ada] },
    });
  });
});
