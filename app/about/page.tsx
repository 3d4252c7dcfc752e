import type { Metadata } from "next";
import Link from "next/link";
import { RULES_VERSION } from "@/lib/clinical";

/**
 * About Knee Clinic: what the product is and where its rules come from.
 * No session lookup, no database: it is the page the HTTP benchmark compares
 * every other page with (scripts/bench/http.ts, docs/benchmarks.md). Like
 * every page it is rendered per request (the script nonce, app/layout.tsx),
 * and the sign-in proxy guards it like every other page.
 */

export const metadata: Metadata = { title: "About" };

const LITERATURE = [
  { who: "Stiell et al. 1995, 1996", what: "Ottawa knee rule: when an X-ray is indicated after an acute knee injury" },
  { who: "van Gent et al. 2007; Malisoux et al. 2015", what: "previous injury as a risk factor; rotating more than one pair of shoes" },
  { who: "Buist et al. 2008", what: "the \u201c10% rule\u201d is not supported" },
  { who: "Nielsen et al. 2014", what: "weekly distance up by more than 30% over two weeks" },
  { who: "Frandsen et al. 2025", what: "single-run spikes: a run more than 10% longer than the longest of the previous 30 days" },
  { who: "Heiderscheit et al. 2011", what: "raising step rate by 5-10% lowers knee load" },
  {
    who: "Lolli et al. 2019; Impellizzeri et al. 2020",
    what: "why the acute:chronic workload ratio is shown as weak evidence, never as a red flag",
  },
  { who: "Silbernagel et al. 2007", what: "pain-monitoring model for return to running" },
  { who: "NICE NG158", what: "the two-level Wells score: when a suspected deep vein thrombosis is imaged within hours" },
  { who: "Warden et al. 2014; Hoenig et al. 2022", what: "bone stress injuries: pain-free loading before a return to running" },
];

const MEASURES = [
  "Pain numeric rating scale (0-10)",
  "KOOS (Knee injury and Osteoarthritis Outcome Score), five subscales",
  "LEFS (Lower Extremity Functional Scale)",
  "PSFS (Patient-Specific Functional Scale)",
  "Tegner activity level",
];

const ARTICLE_REFERENCES = [
  "Medial Knee Pain in Runners (clinical overview) \u2013 Mayo Clinic",
  "Pes Anserine Bursitis and Tendon Pain (educational article) \u2013 Cleveland Clinic",
  "Running Injuries and Knee Pain (sports medicine guidance) \u2013 Johns Hopkins Medicine",
  "Overuse Knee Injuries in Athletes (medical review) \u2013 NIH / NCBI",
  "Knee Anatomy and Function (patient education) \u2013 American Academy of Orthopaedic Surgeons",
];

export default function AboutPage() {
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-4 px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">Knee Clinic</p>
          <h1 className="text-xl font-semibold text-slate-900">About Knee Clinic</h1>
        </div>
        <Link href="/patients" className="text-sm font-medium text-sky-800 underline-offset-2 hover:underline">
          Back to the caseload
        </Link>
      </div>

      <section aria-labelledby="what" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="what" className="mb-2 text-base font-semibold text-slate-900">
          What it is
        </h2>
        <p className="text-slate-800">
          Knee Clinic is the clinical record of a sports-medicine clinic for runners with pain on the inner (medial) side of the knee.
          Clinicians record an intake and follow-up assessments, screen for red flags, log training, follow outcome scores over time, and
          send a signed referral summary to a physician as a printable page, a PDF or an HL7 FHIR R4 document.
        </p>
      </section>

      <section aria-labelledby="support" className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
        <h2 id="support" className="mb-2 text-base font-semibold text-amber-950">
          Decision support for qualified clinicians
        </h2>
        <p className="text-amber-950">
          Knee Clinic supports the judgement of qualified clinicians; it does not make diagnoses or replace a clinical examination. Every
          red flag, risk factor and consideration it shows lists the findings that triggered it, thresholds are set per clinic, and each
          evaluation is stored with the version of the rules that produced it, so that an old record can always be explained by the rules in
          force when it was made.
        </p>
        <p className="mt-2 text-amber-950">
          Rules version in force: <span className="font-mono font-semibold">{RULES_VERSION}</span>
        </p>
      </section>

      <section aria-labelledby="sources" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="sources" className="mb-2 text-base font-semibold text-slate-900">
          Sources
        </h2>
        <p className="text-slate-800">
          The clinical content comes from an article on inner knee pain after running, which names five warning symptoms that need a medical
          evaluation, together with common clinical practice and the literature below. Facts taken from the literature are marked as
          evidence in the clinical rules.
        </p>
        <h3 className="mt-3 text-sm font-semibold text-slate-900">Literature</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-800">
          {LITERATURE.map((l) => (
            <li key={l.who}>
              <span className="font-medium">{l.who}</span>: {l.what}
            </li>
          ))}
        </ul>
        <h3 className="mt-3 text-sm font-semibold text-slate-900">Outcome measures</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-800">
          {MEASURES.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
        <h3 className="mt-3 text-sm font-semibold text-slate-900">References of the source article</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-800">
          {ARTICLE_REFERENCES.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-600">
          Codes in the FHIR export: LOINC for the referral note and the scores, SNOMED CT 30989003 for knee pain; where no verified code
          exists the export uses text only.
        </p>
      </section>

      <p className="text-xs text-slate-500">For authorised clinic staff only. Every access to a patient record is logged.</p>
    </main>
  );
}
