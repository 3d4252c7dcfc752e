/**
 * Referral exports (SPEC.md section 8), server-only: the frozen snapshot and
 * the three renderings made from it. The print page renders the snapshot
 * with app/_components/referral/referral-document.tsx.
 */
export { buildReferralSnapshot } from "./snapshot";
export { buildReferralBundle } from "./fhir";
export { renderReferralPdf } from "./pdf";
export type { Bundle } from "./fhir";
export type { ReferralSnapshot, StoredReferralSnapshot, SnapshotSource } from "./types";
