/**
 * Shapes shared by the server charts that build a plot's data and the lazily
 * loaded plots that draw it ("use client" modules export only components to
 * the server, so values both sides read live here). No imports: nothing of
 * the server reaches the browser through it.
 */

/** The values of a diary day, in the order the diary plot receives them after the day number. */
export const DIARY_VALUES = ["during", "after", "morning", "clinic", "stage"] as const;

/** `stage`: the return-to-run stage in force that day (issue 14 item 2), drawn against the pain on its own axis. */
export type DiaryPainRow = { date: string } & Partial<Record<(typeof DIARY_VALUES)[number], number>>;
