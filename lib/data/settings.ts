import "server-only";
import type { Actor } from "@/lib/domain/access";
import { DEFAULT_SETTINGS, REVIEW_INTERVAL_DEFINITION, type Settings } from "@/lib/domain/settings";
import { OUTCOME_THRESHOLD_KEYS } from "@/lib/domain/outcomes";
import { audit } from "@/lib/data/audit";
import { rebuildOutcomeSums } from "@/lib/data/outcome-sums";
import { clinicClock } from "@/lib/data/clinic";
import { asJson, read, transaction, type Tx } from "@/lib/data/tx";
import type { Prisma } from "@/prisma/generated/client";

/**
 * The clinic's thresholds (EVALUATE.md section 6), stored one column per
 * threshold and handed to evaluate() as complete settings. Defaults: lib/domain/settings.ts.
 */
type SettingsRow = Prisma.ClinicSettingsGetPayload<object>;

export type ClinicSettingsView = Settings & { reviewIntervalDays: number; updatedAt: Date | null };

function toSettings(row: SettingsRow | null): ClinicSettingsView {
  if (!row) {
    return {
      ...DEFAULT_SETTINGS,
      importantChange: { ...DEFAULT_SETTINGS.importantChange },
      reviewIntervalDays: REVIEW_INTERVAL_DEFINITION.default,
      updatedAt: null,
    };
  }
  return {
    persistentPainDays: row.persistentPainDays,
    twoWeekIncreasePct: row.twoWeekIncreasePct,
    spikePct: row.spikePct,
    minRestDaysPerWeek: row.minRestDaysPerWeek,
    shoeReplaceKm: row.shoeReplaceKm,
    maxRunPain: row.maxRunPain,
    importantChange: {
      painNow: row.importantChangePain,
      koos: row.importantChangeKoos,
      lefs: row.importantChangeLefs,
      psfs: row.importantChangePsfs,
      tegner: row.importantChangeTegner,
    },
    reviewIntervalDays: row.reviewIntervalDays,
    updatedAt: row.updatedAt,
  };
}

/** The settings in force for a clinic (defaults when the clinic never saved any). */
export async function clinicSettingsIn(tx: Tx, clinicId: string): Promise<ClinicSettingsView> {
  return toSettings(await tx.clinicSettings.findUnique({ where: { clinicId } }));
}

/** The settings page: the thresholds and the clinic's time zone. */
export async function getClinicSettings(actor: Actor): Promise<ClinicSettingsView & { timezone: string }> {
  return read(async (c) => {
    const [row, clock] = await Promise.all([
      c.clinicSettings.findUnique({ where: { clinicId: actor.clinicId } }),
      clinicClock(c, actor.clinicId),
    ]);
    return { ...toSettings(row), timezone: clock.timezone };
  });
}

/** Only the thresholds evaluate() reads, as stored with a signed assessment. */
export function evaluationSettings(view: ClinicSettingsView): Settings {
  return {
    persistentPainDays: view.persistentPainDays,
    twoWeekIncreasePct: view.twoWeekIncreasePct,
    spikePct: view.spikePct,
    minRestDaysPerWeek: view.minRestDaysPerWeek,
    shoeReplaceKm: view.shoeReplaceKm,
    maxRunPain: view.maxRunPain,
    importantChange: { ...view.importantChange },
  };
}

/** Saves the thresholds and, when given, the clinic's time zone; one audit event holds the before and after. */
export async function updateClinicSettings(
  actor: Actor,
  next: Settings & { reviewIntervalDays: number; timezone?: string },
): Promise<ClinicSettingsView & { timezone: string }> {
  return transaction(async (tx) => {
    const before = { ...(await clinicSettingsIn(tx, actor.clinicId)), timezone: (await clinicClock(tx, actor.clinicId)).timezone };
    const timezone = next.timezone ?? before.timezone;
    if (timezone !== before.timezone) await tx.clinic.update({ where: { id: actor.clinicId }, data: { timezone } });
    const data = {
      persistentPainDays: next.persistentPainDays,
      twoWeekIncreasePct: next.twoWeekIncreasePct,
      spikePct: next.spikePct,
      minRestDaysPerWeek: next.minRestDaysPerWeek,
      shoeReplaceKm: next.shoeReplaceKm,
      maxRunPain: next.maxRunPain,
      importantChangePain: next.importantChange.painNow,
      importantChangeKoos: next.importantChange.koos,
      importantChangeLefs: next.importantChange.lefs,
      importantChangePsfs: next.importantChange.psfs,
      importantChangeTegner: next.importantChange.tegner,
      reviewIntervalDays: next.reviewIntervalDays,
      updatedById: actor.userId,
    };
    const row = await tx.clinicSettings.upsert({
      where: { clinicId: actor.clinicId },
      create: { clinicId: actor.clinicId, ...data },
      update: data,
    });
    const after = { ...toSettings(row), timezone };
    // The outcome sums count improvements against the important changes: recount them when these change.
    if (OUTCOME_THRESHOLD_KEYS.some((k) => after.importantChange[k] !== before.importantChange[k]))
      await rebuildOutcomeSums(tx, actor.clinicId);
    const { updatedAt: _a, ...b } = before;
    const { updatedAt: _b, ...a } = after;
    await audit(tx, actor, {
      action: "settings.update",
      entityType: "ClinicSettings",
      entityId: actor.clinicId,
      detail: asJson({ before: b, after: a }),
    });
    return after;
  });
}
