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
  const { referralId } = await params;
  try {
    const snapshot = await exportReferral(actor, referralId, "print");
    return (
      <div>
        <div className="mb-3 print:hidden">
          <PrintButton />
        </div>
        <article className="bg-white p-6 print:p-0">
          <ReferralDocument snapshot={snapshot} />
        </article>
      </div>
    );
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ConflictError) return <Alert tone="warning" title="Not signed yet">{e.message}</Alert>;
    throw e;
  }
}
