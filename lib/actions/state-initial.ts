import type { ActionState } from "@/lib/actions/state";

/** The empty state a form starts from (kept apart from state.ts, which is server-only). */
export const initialState: ActionState = { ok: false };
