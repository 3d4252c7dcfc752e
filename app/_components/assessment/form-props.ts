import type { ClinicSettings } from "@/lib/clinical";
import type { ClinicalAnswers, RecordRun } from "@/lib/clinical/record-input";
import type { ShoeSummary } from "@/lib/data/shoes";
import type { DraftInitial } from "./draft-state";

/** What the page gives the intake / follow-up form (assessment-form.tsx). */
export type AssessmentFormProps = {
  kind: "intake" | "follow_up";
  patientId: string;
  patient: { birthDate: string; sex: "female" | "male" | "other" | "unknown" };
  episode: { id: string; mechanism: "gradual" | "acute_trauma" | null; side: "left" | "right" | "both"; onsetDate: string | null };
  runs: (RecordRun & {
    durationSec?: number | null;
    elevationGainM?: number | null;
    elevationLossM?: number | null;
    avgCadenceSpm?: number | null;
  })[];
  /** The first day of `runs` (lib/data getFormContext). */
  runsFrom?: string;
  /** The day the runner's run log is complete from (training.loggedSince). */
  runsLoggedSince?: string | null;
  priors: { assessedOn: string; answers: ClinicalAnswers }[];
  /** The shoe log, shown next to the shoe questions. */
  shoes?: ShoeSummary;
  settings: ClinicSettings;
  reviewIntervalDays: number;
  today: string;
  canSign: boolean;
  initial: DraftInitial;
};
