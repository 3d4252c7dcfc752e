/** The letters signed at discharge (issue 14 item 4): the discharge summary and the letter to the runner's GP. */
export const LETTER_KINDS = ["discharge_summary", "gp_letter"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_TITLES: Readonly<Record<LetterKind, string>> = Object.freeze({
  discharge_summary: "Discharge summary",
  gp_letter: "Letter to the GP",
});

/** Each letter's name in addresses: its PDF is /api/v1/episodes/{id}/{slug}/pdf, its print page …/episodes/{id}/letters/{slug}/print. */
export const LETTER_SLUGS: Readonly<Record<LetterKind, string>> = Object.freeze({
  discharge_summary: "discharge-summary",
  gp_letter: "gp-letter",
});

/** The path of each letter's PDF under /api/v1/episodes/{id}/. */
export const LETTER_PDF_PATHS: Readonly<Record<LetterKind, string>> = Object.freeze({
  discharge_summary: `${LETTER_SLUGS.discharge_summary}/pdf`,
  gp_letter: `${LETTER_SLUGS.gp_letter}/pdf`,
});

/** The kind of letter a slug names, or null. */
export const letterKindOfSlug = (slug: string): LetterKind | null => LETTER_KINDS.find((k) => LETTER_SLUGS[k] === slug) ?? null;
