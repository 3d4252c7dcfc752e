/**
 * Running advice (EVALUATE.md section 7, SPEC.md section 6): the first rule
 * that applies gives the mode.
 *
 * 1. stop: an emergency or urgent flag, or a swollen knee or sharp pain on
 *    weight-bearing (whatever their "soon" urgency). Other "soon" flags do
 *    not stop running and are not named.
 * 2. screen_incomplete: a red flag is not assessed. No running advice may be
 *    given while a red flag is unknown.
 * 3. pain_free: a bone stress injury suspected (necessarily at "soon"
 *    here): no running until 30 minutes of walking and 10 single-leg hops
 *    are pain-free, then walk-run at 0/10 (Warden 2014; Hoenig 2022).
 * 4. pain_monitored: pain during running at most the clinic's limit
 *    (maxRunPain, default 3), back to baseline by the next morning, no
 *    increase week to week (Silbernagel 2007).
 */
import type { RedFlag, RedFlagCode } from "./red-flags";
import type { RunningAdvice, Urgency } from "./types";

/** Flags that stop running whatever their urgency. */
const STOP_ANYWAY: readonly RedFlagCode[] = ["visible_swelling", "sharp_weight_bearing_pain"];

const stops = (f: RedFlag) => f.urgency === "emergency" || f.urgency === "urgent" || STOP_ANYWAY.includes(f.code);

export function runningAdvice(
  urgency: Urgency,
  redFlags: readonly RedFlag[],
  redFlagsNotAssessed: readonly RedFlagCode[],
  maxRunPain: number,
): RunningAdvice {
  const screenComplete = redFlagsNotAssessed.length === 0;
  const stopping = redFlags.filter(stops);
  if (urgency === "emergency" || urgency === "urgent" || stopping.length > 0)
    return { mode: "stop", maxPainDuringRun: null, screenComplete, because: stopping.map((f) => `redFlags.${f.code}`) };
  if (!screenComplete)
    return {
      mode: "screen_incomplete",
      maxPainDuringRun: null,
      screenComplete,
      because: redFlagsNotAssessed.map((code) => `redFlagsNotAssessed.${code}`),
    };
  if (redFlags.some((f) => f.code === "bone_stress_injury_suspected"))
    return { mode: "pain_free", maxPainDuringRun: 0, screenComplete, because: ["redFlags.bone_stress_injury_suspected"] };
  return { mode: "pain_monitored", maxPainDuringRun: maxRunPain, screenComplete, because: [] };
}
