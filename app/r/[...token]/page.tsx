import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { openDiary } from "@/lib/data/diary";
import { openQuestionnaire } from "@/lib/data/questionnaires";
import { ConflictError, GoneError, NotFoundError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { loadInstruments } from "@/lib/instruments/load";
import { parseRunnerToken } from "@/lib/runner-token";
import { runnerSteps } from "@/lib/runner-steps";
import { RunnerDiary } from "../_components/diary";
import { RunnerReturnToRun } from "../_components/return-to-run";
import { RunnerExercises } from "../_components/exercises";
import { RunnerQuestionnaire } from "../_components/questionnaire";
import { RunnerShell } from "../_components/shell";

/**
 * The runner's page, `/r/{token}`: no account, no session, nothing of the
 * app but this one questionnaire or diary. Opening it is audited with the
 * runner as actor (lib/data). A token that is unknown, malformed, expired,
 * withdrawn, revoked or already used shows the one neutral 404 page.
 */
export const metadata: Metadata = { title: { absolute: "From your clinic" }, robots: { index: false, follow: false } };

type Props = { params: Promise<{ token: string[] }> };

async function open(token: string, kind: "questionnaire" | "diary") {
  try {
    return kind === "questionnaire" ? await openQuestionnaire(token, "page") : await openDiary(token, "page");
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ConflictError || error instanceof GoneError) notFound();
    throw error;
  }
}

export default async function RunnerPage({ params }: Props) {
  const parts = (await params).token;
  const token = parts.length === 1 ? parts[0]! : "";
  const parsed = parseRunnerToken(token);
  if (!parsed) notFound();
  const link = await open(token, parsed.kind);
  if (link.kind === "diary")
    return (
      <RunnerShell clinicName={link.clinicName}>
        <RunnerReturnToRun plan={link.plan} />
        <RunnerDiary
          token={token}
          firstName={link.firstName}
          today={link.today}
          earliest={link.earliest}
          validUntil={link.validUntil}
          entries={link.entries}
        />
        {link.programme ? <RunnerExercises token={token} today={link.today} programme={link.programme} /> : null}
      </RunnerShell>
    );
  const steps = runnerSteps(link.instruments, link.psfsActivities, loadInstruments());
  return (
    <RunnerShell clinicName={link.clinicName} firstName={link.firstName}>
      <h1 className="text-xl font-semibold">Questions about your knee</h1>
      <p className="mt-2 mb-4 text-base text-slate-800">
        Hello {link.firstName}. {link.clinicName} asks you to answer these questions before your visit.
      </p>
      <RunnerQuestionnaire
        token={token}
        clinicName={link.clinicName}
        firstName={link.firstName}
        steps={steps}
        psfsActivities={link.psfsActivities}
        draft={link.draft}
        expiresOn={formatDate(link.expiresOn)}
      />
    </RunnerShell>
  );
}
