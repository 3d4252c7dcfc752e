/** The letters signed at discharge (issue 14 item 4): the discharge summary and the letter to the runner's GP. */
export const LETTER_KINDS = ["discharge_summary", "gp_letter"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_TITLES: Readonly<Record<LetterKind, string>> = Object.freeze({
  discharge_summary: "Discharge summary",
  gp_letter: "Letter to the GP",
});

/** The path of each letter's PDF under /api/v1/episodes/{id}/. */
export const LETTER_PDF_PATHS: Readonly<Record<LetterKind, string>> = Object.freeze({
  discharge_summary: "discharge-summary/pdf",
  gp_letter: "gp-letter/pdf",
});
