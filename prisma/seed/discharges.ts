/**
 * Demo discharges (issue 14 items 4 and 6): every discharged demo episode
 * gets its Discharge row, the reasons taken in turn so the demo data shows
 * every reason, with the real outcome against the baseline computed by the
 * app's own code from the signed assessments, a return-to-running date for
 * those who went back, the runner's GP on their record, and both letters
 * (discharge summary and GP letter) signed by the same code as the app:
 * frozen words and PDF stored with its hash.
 */
import { DISCHARGE_REASONS, type DischargeReason } from "../../lib/domain/codes";
import type { Actor } from "../../lib/domain/access";
import { outcomeIn } from "../../lib/data/discharges";
import { signLetterIn } from "../../lib/data/letters";
import { addDays } from "../../lib/format";
import type { Prisma } from "../../prisma/generated/client";

type Tx = Prisma.TransactionClient;

const WORDS: Readonly<Record<DischargeReason, { returnedDaysBefore: number | null; reasonText?: string; notes: string }>> = {
  returned_to_full_running: {
    returnedDaysBefore: 10,
    notes: "Back to usual weekly distance without pain; keeps the strength programme twice a week.",
  },
  goal_race_completed: { returnedDaysBefore: 35, notes: "Finished the goal race pain-free." },
  referred_on: { returnedDaysBefore: null, notes: "Referred to the orthopaedic knee clinic; care continues there." },
  self_discharged: { returnedDaysBefore: 14, notes: "Runner felt well enough to stop attending; advised to return if pain recurs." },
  lost_to_follow_up: { returnedDaysBefore: null, notes: "Did not attend the last two booked reviews; no reply to messages." },
  other: { returnedDaysBefore: null, reasonText: "Moved away from the area", notes: "Care handed over to a clinic near the new home." },
};

const GPS = [
  { gpName: "Dr Amara Okafor", gpPractice: "Riverside Medical Centre", gpAddress: "2 Mill Lane, London" },
  { gpName: "Dr Tom Hughes", gpPractice: "Quay Health Partnership", gpAddress: "40 Harbour Road, Bristol" },
  { gpName: "Dr Mei Lin", gpPractice: "Parkside Surgery", gpAddress: "7 Park Row, London" },
];

/** Discharges the demo episodes marked discharged; returns how many letters were signed. */
export async function seedDischarges(tx: Tx, actor: Actor, episodes: { id: string; dischargedOn: string | null }[]): Promise<number> {
  let letters = 0;
  // The reasons are taken in turn across the demo clinics (each seeded after the one before), so the demo data shows every reason.
  const before = await tx.discharge.count();
  const discharged = episodes.filter((e): e is { id: string; dischargedOn: string } => e.dischargedOn !== null);
  for (const [n, e] of discharged.entries()) {
    const reason = DISCHARGE_REASONS[(before + n) % DISCHARGE_REASONS.length]!;
    const words = WORDS[reason];
    const outcome = await outcomeIn(tx, actor.clinicId, e.id, actor.timezone);
    const episode = await tx.episode.findUniqueOrThrow({ where: { id: e.id }, select: { patientId: true } });
    await tx.patient.update({ where: { id: episode.patientId }, data: GPS[n % GPS.length]! });
    await tx.discharge.create({
      data: {
        clinicId: actor.clinicId,
        episodeId: e.id,
        reason,
        reasonText: words.reasonText ?? null,
        dischargedOn: new Date(`${e.dischargedOn}T00:00:00Z`),
        returnToRunningOn:
          words.returnedDaysBefore === null ? null : new Date(`${addDays(e.dischargedOn, -words.returnedDaysBefore)}T00:00:00Z`),
        notes: words.notes,
        outcome: JSON.parse(JSON.stringify(outcome)),
        dischargedById: actor.userId,
        dischargedByName: actor.name,
        createdAt: new Date(`${e.dischargedOn}T17:30:00Z`),
      },
    });
    for (const kind of ["discharge_summary", "gp_letter"] as const) {
      await signLetterIn(tx, actor, e.id, { kind });
      letters++;
    }
  }
  return letters;
}
