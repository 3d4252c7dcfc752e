import "server-only";
import type { Actor } from "@/lib/domain/access";
import { DISCHARGE_REASON_LABELS, treatmentText } from "@/lib/domain/labels";
import { dosageText, libraryExercise } from "@/lib/domain/exercises";
import { goalRaceText, RETURN_TO_RUN_STEP_LABELS } from "@/lib/domain/return-to-run";
import { audit } from "@/lib/data/audit";
import { clinicClock } from "@/lib/data/clinic";
import { latestDischargesIn } from "@/lib/data/discharge-state";
import { findStoredDocument, storeDocument, type StoredDocumentView } from "@/lib/data/documents";
import { findEpisodeOrThrow, findPatientOrThrow, lockEpisode } from "@/lib/data/patients";
import { programmesIn } from "@/lib/data/programme-state";
import { returnToRunIn } from "@/lib/data/return-to-run-state";
import { asJson, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { buildLetter, LETTER_TITLES, type Letter, type LetterFacts, type LetterKind } from "@/lib/export/letter";
import { renderLetterPdf } from "@/lib/export/letter-pdf";
import { formatDate } from "@/lib/format";
import { readTreatmentGiven } from "@/lib/stored/answers";
import { readLetter } from "@/lib/stored/letter";
import { letterView, type LetterView } from "@/lib/data/letter-state";

/**
 * The discharge summary and the GP letter of an episode (issue 14 item 4):
 * signed, never edited. Signing freezes the letter's words
 * (lib/export/letter.ts) as version n of its kind and makes its PDF once, in
 * the same transaction, as a StoredDocument keyed by the letter; an
 * amendment is version n+1, with its reason, and the earlier versions stay.
 * Every download is audited with the hash of the bytes served.
 */
export { lettersIn, type LetterView } from "@/lib/data/letter-state";

const PDF_KIND = { discharge_summary: "discharge_summary_pdf", gp_letter: "gp_letter_pdf" } as const;

/** What the record holds now for a letter of `kind`. */
async function factsOf(
  tx: Tx,
  actor: Actor,
  episodeId: string,
  kind: LetterKind,
  version: number,
  amendmentReason: string | null,
): Promise<LetterFacts> {
  const episode = await findEpisodeOrThrow(tx, actor, episodeId);
  const patient = await findPatientOrThrow(tx, actor, episode.patientId);
  const clinic = await tx.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: { name: true, address: true, phone: true } });
  const { today } = await clinicClock(tx, actor.clinicId);
  const discharge = (await latestDischargesIn(tx, actor.clinicId, [episodeId])).get(episodeId) ?? null;
  const assessments = await tx.assessment.findMany({
    where: { clinicId: actor.clinicId, episodeId, status: "signed" },
    orderBy: [{ assessedOn: "asc" }, { signedAt: "asc" }, { id: "asc" }],
    select: { assessedOn: true, answers: true },
  });
  const treatment = assessments.flatMap((a) =>
    readTreatmentGiven(a.answers).map((t) => `${formatDate(toDateString(a.assessedOn))}: ${treatmentText(t)}`),
  );
  const plan = (await returnToRunIn(tx, actor.clinicId, [episodeId])).get(episodeId) ?? null;
  const programme = (await programmesIn(tx, actor.clinicId, [episodeId])).get(episodeId)?.current ?? null;
  return {
    kind,
    clinic,
    patient: { name: `${patient.givenName} ${patient.familyName}`, birthDate: toDateString(patient.birthDate), mrn: patient.mrn },
    gp: { name: patient.gpName, practice: patient.gpPractice, address: patient.gpAddress },
    episode: { side: episode.side, complaint: episode.complaint, onsetDate: toDateString(episode.onsetDate) },
    discharge: discharge
      ? {
          reason: discharge.reasonText
            ? `${DISCHARGE_REASON_LABELS[discharge.reason]}: ${discharge.reasonText}`
            : DISCHARGE_REASON_LABELS[discharge.reason],
          date: discharge.date,
          returnToRunningOn: discharge.returnToRunningOn,
          notes: discharge.notes,
        }
      : null,
    outcome: {
      baselineOn: discharge?.outcome.baseline?.assessedOn ?? null,
      finalOn: discharge?.outcome.final?.assessedOn ?? null,
      finalByRunner: discharge?.outcome.final?.questionnaireRequestId !== undefined,
      measures: discharge?.outcome.measures ?? [],
    },
    treatment,
    returnToRun: plan
      ? {
          stage: plan.completed
            ? `Plan complete on ${formatDate(plan.completedOn)}: back to running.`
            : `Last stage reached: ${plan.stageName}${plan.stageText ? ` (${plan.stageText})` : ""}.`,
          history: plan.history.map(
            (d) =>
              `${formatDate(d.decidedOn)}: ${RETURN_TO_RUN_STEP_LABELS[d.step]} (stage ${d.fromStage} to ${d.toStage})${d.reason ? `, ${d.reason}` : ""}`,
          ),
        }
      : null,
    goalRace: goalRaceText(
      { name: patient.goalEvent, date: toDateString(patient.goalEventDate), distanceKm: patient.goalEventDistanceKm },
      today,
      formatDate,
    ),
    programme: (programme?.items ?? []).map((i) => `${libraryExercise(i.exercise)?.name ?? i.exercise}: ${dosageText(i)}`),
    signedBy: actor.name,
    signedOn: today,
    version,
    amendmentReason,
  };
}

/**
 * Signs version n+1 of the episode's letter of `kind`: refused (409) before
 * the episode is discharged; (400, naming the field) a GP letter without the
 * GP's name on the runner's record (`gpName`), and a new version without its
 * reason (`amendmentReason`). The PDF is made and stored in the same
 * transaction, with the episode locked.
 */
export async function signLetter(
  actor: Actor,
  episodeId: string,
  input: { kind: LetterKind; amendmentReason?: string },
): Promise<LetterView> {
  return transaction((tx) => signLetterIn(tx, actor, episodeId, input));
}

/** signLetter inside the caller's transaction (the demo data signs its letters with it). */
export async function signLetterIn(
  tx: Tx,
  actor: Actor,
  episodeId: string,
  input: { kind: LetterKind; amendmentReason?: string },
): Promise<LetterView> {
  const episode = await lockEpisode(tx, actor, episodeId);
  if (episode.status !== "discharged")
    throw new ConflictError(`Discharge the episode first: the ${LETTER_TITLES[input.kind].toLowerCase()} reports the discharge`);
  const latest = await tx.episodeLetter.findFirst({
    where: { clinicId: actor.clinicId, episodeId: episode.id, kind: input.kind },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const reason = input.amendmentReason?.trim() || null;
  if (latest && !reason)
    throw new ValidationError([
      { path: "amendmentReason", message: `Give the reason for a new version: version ${latest.version} is signed and never changes` },
    ]);
  const facts = await factsOf(tx, actor, episode.id, input.kind, (latest?.version ?? 0) + 1, latest ? reason : null);
  if (input.kind === "gp_letter" && !facts.gp.name)
    throw new ValidationError([{ path: "gpName", message: "Record the runner's GP (name, practice and address) on their record first" }]);
  const letter = buildLetter(facts);
  const row = await tx.episodeLetter.create({
    data: {
      clinicId: actor.clinicId,
      episodeId: episode.id,
      kind: input.kind,
      version: facts.version,
      content: asJson(letter),
      amendmentReason: facts.amendmentReason,
      signedById: actor.userId,
      signedByName: actor.name,
    },
  });
  const bytes = await renderLetterPdf(letter, { author: row.signedByName, signedAt: row.signedAt });
  const stored = await storeDocument(
    tx,
    {
      clinicId: actor.clinicId,
      kind: PDF_KIND[input.kind],
      variant: "signed",
      episodeId: episode.id,
      referralId: null,
      letterId: row.id,
    },
    { bytes, contentType: "application/pdf" },
  );
  await audit(tx, actor, {
    action: "letter.sign",
    entityType: "Episode",
    entityId: episode.id,
    patientId: episode.patientId,
    detail: { letterId: row.id, kind: input.kind, version: row.version, sha256: stored.sha256 },
  });
  return letterView(row);
}

export type LetterDownload = { document: StoredDocumentView; letter: Letter; view: LetterView; mrn: string };

/** The episode's letter of `kind` (its latest version, or `version`); 404 when there is none, or when the episode is not `patientId`'s. */
async function findLetterOrThrow(tx: Tx, actor: Actor, episodeId: string, kind: LetterKind, version?: number, patientId?: string) {
  const episode = await findEpisodeOrThrow(tx, actor, episodeId);
  if (patientId !== undefined && episode.patientId !== patientId) throw new NotFoundError("episode");
  const row = await tx.episodeLetter.findFirst({
    where: { clinicId: actor.clinicId, episodeId: episode.id, kind, ...(version ? { version } : {}) },
    orderBy: { version: "desc" },
  });
  if (!row) throw new NotFoundError(LETTER_TITLES[kind].toLowerCase());
  return { episode, row };
}

/** The stored PDF of the episode's letter of `kind` (its latest version, or `version`), audited with its hash. 404 when there is none. */
export async function letterPdf(actor: Actor, episodeId: string, kind: LetterKind, version?: number): Promise<LetterDownload> {
  return transaction(async (tx) => {
    const { episode, row } = await findLetterOrThrow(tx, actor, episodeId, kind, version);
    const document = await findStoredDocument(tx, {
      clinicId: actor.clinicId,
      kind: PDF_KIND[kind],
      variant: "signed",
      episodeId: episode.id,
      referralId: null,
      letterId: row.id,
    });
    if (!document) throw new NotFoundError(LETTER_TITLES[kind].toLowerCase());
    const patient = await findPatientOrThrow(tx, actor, episode.patientId);
    await audit(tx, actor, {
      action: "letter.download",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: { letterId: row.id, kind, version: row.version, sha256: document.sha256 },
    });
    return { document, letter: readLetter(row.content), view: letterView(row), mrn: patient.mrn };
  });
}

export type LetterForPrint = { letter: Letter; view: LetterView; versions: number[] };

/**
 * The print page of a signed letter: its frozen words (the same the PDF was
 * made from), its latest version or `version`, only under the patient in the
 * address; audited. 404 when there is none.
 */
export async function letterForPrint(
  actor: Actor,
  patientId: string,
  episodeId: string,
  kind: LetterKind,
  version?: number,
): Promise<LetterForPrint> {
  return transaction(async (tx) => {
    const { episode, row } = await findLetterOrThrow(tx, actor, episodeId, kind, version, patientId);
    const versions = await tx.episodeLetter.findMany({
      where: { clinicId: actor.clinicId, episodeId: episode.id, kind },
      orderBy: { version: "asc" },
      select: { version: true },
    });
    await audit(tx, actor, {
      action: "letter.print",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: { letterId: row.id, kind, version: row.version },
    });
    return { letter: readLetter(row.content), view: letterView(row), versions: versions.map((v) => v.version) };
  });
}
