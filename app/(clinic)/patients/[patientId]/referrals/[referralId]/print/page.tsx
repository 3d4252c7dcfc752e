import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { exportReferral } from "@/lib/data/referrals";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { ReferralDocument } from "@/app/_components/referral/referral-document";
import { PrintButton } from "@/app/_components/referral/print-button";
import { Alert } from "@/app/_components/ui/alert";

export const metadata: Metadata = { title: "Referral (print)" };

/** The printable referral: the frozen snapshot only; navigation is hidden when printing. */
export default async function PrintReferralPage({ params }: { params: Promise<{ patientId: string; referralId: string }> }) {
  const actor = await requirePermission("referral.read");
  const { patientId, referralId } = await params;
  // The referral must belong to the patient in the address.
  const result = await exportReferral(actor, referralId, "print", patientId).then(
    ({ snapshot, state }) => ({ snapshot, state, error: null as string | null }),
    (e: unknown) => {
      if (e instanceof NotFoundError) notFound();
      if (e instanceof ConflictError) return { snapshot: null, state: null, error: e.message };
      throw e;
    },
  );
  if (!result.snapshot)
    return (
      <Alert tone="warning" title="Not signed yet">
        {result.error}
      </Alert>
    );
  return (
    <div>
      <div className="mb-3 print:hidden">
        <PrintButton />
      </div>
      <article className="bg-white p-6 print:p-0">
        <ReferralDocument snapshot={result.snapshot} state={result.state ?? undefined} />
      </article>
    </div>
  );
}
