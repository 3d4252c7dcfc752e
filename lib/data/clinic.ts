import "server-only";
import { todayIn } from "@/lib/format";
import type { Tx } from "@/lib/data/tx";
import { ValidationError } from "@/lib/errors";

/**
 * The clinic's clock: its IANA time zone and what "today" is there. "Today"
 * decides what is due, what is in the future and which runs count, so it is
 * always the clinic's day, never the server's (UTC) day.
 */
export type ClinicClock = { timezone: string; today: string };

export async function clinicClock(c: Pick<Tx, "clinic">, clinicId: string, now: Date = new Date()): Promise<ClinicClock> {
  const clinic = await c.clinic.findUnique({ where: { id: clinicId }, select: { timezone: true } });
  const timezone = clinic?.timezone ?? "UTC";
  return { timezone, today: todayIn(timezone, now) };
}

/**
 * Refuses dates after the clinic's today (the shared schemas only refuse
 * dates that are in the future everywhere on Earth). Returns the clock.
 */
export async function refuseFutureDates(
  c: Pick<Tx, "clinic">,
  clinicId: string,
  dates: { path: string; date: string | null | undefined; message: string }[],
): Promise<ClinicClock> {
  const clock = await clinicClock(c, clinicId);
  const issues = dates.filter((d) => d.date && d.date > clock.today).map(({ path, message }) => ({ path, message }));
  if (issues.length) throw new ValidationError(issues);
  return clock;
}
