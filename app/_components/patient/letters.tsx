import Link from "next/link";
import type { LetterView } from "@/lib/data/letters";
import { LETTER_KINDS, LETTER_PDF_PATHS, LETTER_SLUGS, LETTER_TITLES } from "@/lib/domain/letters";
import { formatDateTime } from "@/lib/format";
import { SignLetterForm } from "@/app/_components/patient/letters-form";

/**
 * The discharged episode's letters: the discharge summary and the GP letter,
 * each signed (frozen, its PDF made once) with every version kept and
 * printable and downloadable; a new version needs its reason.
 */
export function EpisodeLetters({
  patientId,
  episodeId,
  letters,
  canSign,
  timeZone,
}: {
  patientId: string;
  episodeId: string;
  letters: LetterView[];
  canSign: boolean;
  timeZone: string;
}) {
  return (
    <section aria-labelledby={`letters-${episodeId}-title`} className="mt-3 rounded border border-slate-200 p-3" data-testid="letters">
      <h3 id={`letters-${episodeId}-title`} className="text-sm font-semibold text-slate-900">
        Discharge letters
      </h3>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {LETTER_KINDS.map((kind) => {
          const versions = letters.filter((l) => l.kind === kind);
          return (
            <div key={kind} className="space-y-2 text-sm">
              <h4 className="font-medium">{LETTER_TITLES[kind]}</h4>
              {versions.length === 0 ? <p className="text-slate-600">Not signed yet.</p> : null}
              <ul className="space-y-1">
                {versions.map((l) => (
                  <li key={l.id}>
                    <a
                      className="text-sky-800 underline"
                      href={`/api/v1/episodes/${episodeId}/${LETTER_PDF_PATHS[kind]}?version=${l.version}`}
                      download
                    >
                      Download PDF, version {l.version}
                    </a>{" "}
                    <Link
                      className="text-sky-800 underline"
                      href={`/patients/${patientId}/episodes/${episodeId}/letters/${LETTER_SLUGS[kind]}/print?version=${l.version}`}
                    >
                      Print
                      <span className="sr-only">
                        {" "}
                        the {LETTER_TITLES[kind].toLowerCase()}, version {l.version}
                      </span>
                    </Link>{" "}
                    <span className="text-xs text-slate-600">
                      signed {formatDateTime(l.signedAt, timeZone)} by {l.signedBy.name}
                      {l.amendmentReason ? `; reason: ${l.amendmentReason}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
              {canSign ? <SignLetterForm episodeId={episodeId} kind={kind} signedVersions={versions.length} /> : null}
            </div>
          );
        })}
      </div>
    </section>
  );
}
