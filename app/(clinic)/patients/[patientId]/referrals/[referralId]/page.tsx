import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { can, type Actor } from "@/lib/domain/access";
import { listEpisodeAssessments } from "@/lib/data/assessments";
import { getReferral, previewReferral, referralState } from "@/lib/data/referrals";
import { NotFoundError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { ReferralDocument } from "@/app/_components/referral/referral-document";
import { FrozenReferralSummary } from "@/app/_components/referral/frozen-summary";
import { ReferralDraftForm, ReferralStatusActions } from "@/app/_components/referral/referral-forms";
import { ReferralStatusBadge } from "@/app/_components/referral/status-badge";
import { Alert } from "@/app/_components/ui/alert";
import { buttonClass } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Referral" };

type Referral = Awaited<ReturnType<typeof getReferral>>;

export default async function ReferralPage({ params }: { params: Promise<{ patientId: string; referralId: string }> }) {
  const actor = await requirePermission("referral.read");
  const { patientId, referralId } = await params;
  const r = await getReferral(actor, referralId, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const base = `/patients/${patientId}/referrals/${r.id}`;

  if (r.status === "draft") return <DraftReferral actor={actor} referral={r} />;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-lg font-semibold">Referral</h2>
          <ReferralStatusBadge status={r.status} />
        </div>
        <div className="flex flex-wrap gap-2">
          <Link className={buttonClass("secondary")} href={`${base}/print`}>
            Printable page
          </Link>
          <a className={buttonClass("secondary")} href={`/api/v1/referrals/${r.id}/pdf`} download>
            Download PDF
          </a>
          <a className={buttonClass("secondary")} href={`/api/v1/referrals/${r.id}/fhir`} download={`referral-${r.id}.fhir.json`}>
            FHIR bundle (JSON)
          </a>
        </div>
      </div>
      <p className="text-sm text-slate-700" data-testid="referral-status">
        Signed by {r.signedByName} on {formatDateTime(r.signedAt, actor.timezone)}.
        {r.sentAt ? ` Sent ${formatDateTime(r.sentAt, actor.timezone)}.` : ""}
      </p>
      {r.status === "cancelled" ? (
        <Alert tone="warning" title="Cancelled">
          {formatDateTime(r.cancelledAt, actor.timezone)}. Reason: {r.cancelReason}
        </Alert>
      ) : null}
      {(r.status === "signed" || r.status === "sent") && can(actor, "referral.sign") ? (
        <ReferralStatusActions referralId={r.id} status={r.status} />
      ) : null}
      {r.snapshot ? (
        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <ReferralDocument snapshot={r.snapshot} state={referralState(r)} />
        </section>
      ) : null}
    </div>
  );
}

/** A draft: its form (for those who may write) and the preview as it would be signed now. */
async function DraftReferral({ actor, referral }: { actor: Actor; referral: Referral }) {
  const [snapshot, assessments] = await Promise.all([
    previewReferral(actor, referral.id),
    listEpisodeAssessments(actor, referral.episodeId),
  ]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold">Referral (draft)</h2>
        <ReferralStatusBadge status="draft" />
      </div>
      {can(actor, "referral.write") ? (
        <Card title="Edit">
          <ReferralDraftForm
            referral={{
              id: referral.id,
              version: referral.version,
              assessmentId: referral.assessmentId,
              urgency: referral.urgency,
              reason: referral.reason,
              question: referral.question,
              recipient: referral.recipient,
              draft: referral.draft,
            }}
            assessments={assessments
              .filter((a) => a.status === "signed")
              .map((a) => ({ id: a.id, assessedOn: a.assessedOn, kind: a.kind, urgency: a.urgency }))}
            canSign={can(actor, "referral.sign")}
            signSummary={<FrozenReferralSummary snapshot={snapshot} />}
          />
        </Card>
      ) : null}
      <section
        aria-labelledby="preview-title"
        data-testid="referral-preview"
        className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="preview-title" className="mb-2 text-base font-semibold">
          Preview (as it would be signed now)
        </h2>
        <ReferralDocument snapshot={snapshot} />
      </section>
    </div>
  );
}
