import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { letterForPrint } from "@/lib/data/letters";
import { LETTER_PDF_PATHS, letterKindOfSlug } from "@/lib/domain/letters";
import { NotFoundError } from "@/lib/errors";
import { letterVersionQuery } from "@/lib/validation/letters";
import { LetterDocument } from "@/app/_components/patient/letter-document";
import { PrintButton } from "@/app/_components/referral/print-button";

export const metadata: Metadata = { title: "Letter (print)" };

/**
 * The printable discharge summary or GP letter (`letter` is discharge-summary
 * or gp-letter): the signed version's frozen words only, its latest version
 * or ?version=n; navigation is hidden when printing. Audited.
 */
export default async function PrintLetterPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string; episodeId: string; letter: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("patient.read");
  const { patientId, episodeId, letter: slug } = await params;
  const kind = letterKindOfSlug(slug);
  const query = letterVersionQuery.safeParse(await searchParams);
  if (!kind || !query.success) notFound();
  const { letter, view, versions } = await letterForPrint(actor, patientId, episodeId, kind, query.data.version).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const base = `/patients/${patientId}/episodes/${episodeId}/letters/${slug}/print`;
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-3 text-sm print:hidden">
        <PrintButton />
        <a
          className="text-sky-800 underline"
          href={`/api/v1/episodes/${episodeId}/${LETTER_PDF_PATHS[kind]}?version=${view.version}`}
          download
        >
          Download the PDF
        </a>
        {versions.length > 1 ? (
          <nav aria-label="Versions" className="flex flex-wrap gap-2">
            {versions.map((v) =>
              v === view.version ? (
                <span key={v} aria-current="page" className="font-semibold">
                  Version {v}
                </span>
              ) : (
                <Link key={v} className="text-sky-800 underline" href={`${base}?version=${v}`}>
                  Version {v}
                </Link>
              ),
            )}
          </nav>
        ) : null}
        <Link className="text-sky-800 underline" href={`/patients/${patientId}#episode-${episodeId}`}>
          Back to the patient
        </Link>
      </div>
      <div className="bg-white p-6 print:p-0">
        <LetterDocument letter={letter} id={view.id} />
      </div>
    </div>
  );
}
