import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth";
import { listReferrals } from "@/lib/data/referrals";
import { ValidationError } from "@/lib/errors";
import { referralListQuerySchema } from "@/lib/validation/referrals";
import { ReferralTable } from "@/app/_components/referral/referral-table";
import { Alert } from "@/app/_components/ui/alert";
import { buttonClass } from "@/app/_components/ui/button";
import { Card, PageHeader } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Referrals" };

const STATUSES = [
  ["", "All"],
  ["draft", "Drafts"],
  ["signed", "Signed, not sent"],
  ["sent", "Sent"],
  ["cancelled", "Cancelled"],
] as const;

export default async function ReferralsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("referral.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = referralListQuerySchema.safeParse(raw);
  const q = parsed.success ? parsed.data : referralListQuerySchema.parse({});
  const { page, error } = await listReferrals(actor, q).then(
    (page) => ({ page, error: parsed.success ? null : (parsed.error.issues[0]?.message ?? "invalid filter") }),
    (e: unknown) => {
      if (e instanceof ValidationError) return { page: { items: [], nextCursor: null }, error: e.issues[0]?.message ?? "invalid filter" };
      throw e;
    },
  );
  return (
    <div className="space-y-4">
      <PageHeader title="Referrals" subtitle={`Referral summaries of ${actor.clinicName}, newest first`} />
      <nav aria-label="Filter by status">
        <ul className="flex flex-wrap gap-2">
          {STATUSES.map(([value, label]) => (
            <li key={value}>
              <Link
                href={value ? `/referrals?status=${value}` : "/referrals"}
                aria-current={(q.status ?? "") === value ? "page" : undefined}
                className={buttonClass((q.status ?? "") === value ? "primary" : "secondary")}
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {error ? (
        <Alert tone="error" title="Filter not understood">
          {error}
        </Alert>
      ) : null}
      <Card>
        {page.items.length === 0 ? <p className="text-slate-600">No referrals.</p> : <ReferralTable items={page.items} showRunner />}
        {page.nextCursor ? (
          <div className="mt-3">
            <Link
              className={buttonClass("secondary")}
              href={`/referrals?${new URLSearchParams({ ...(q.status ? { status: q.status } : {}), cursor: page.nextCursor })}`}
            >
              Next page
            </Link>
          </div>
        ) : null}
      </Card>
    </div>
  );
}
