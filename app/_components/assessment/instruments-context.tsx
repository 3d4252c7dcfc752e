"use client";

import { createContext, useContext, type ReactNode } from "react";
import { BUILT_IN_INSTRUMENTS, type Instruments } from "@/lib/instruments";
import type { PsfsBaseline } from "@/lib/instruments/psfs";

/**
 * What the outcome measures of the form are asked from: the instrument
 * definitions in force (lib/instruments: the publisher's exact wording when
 * the clinic has loaded it, read by the page with loadInstruments()) and the
 * PSFS activities a follow-up carries forward (psfsBaseline of the episode's
 * signed assessments). Without a provider: the built-in definitions, nothing
 * carried.
 */
export type MeasuresContext = { instruments: Instruments; psfsBaseline: PsfsBaseline | null };

const Context = createContext<MeasuresContext>({ instruments: BUILT_IN_INSTRUMENTS, psfsBaseline: null });

export function MeasuresProvider({ value, children }: { value: MeasuresContext; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useMeasuresContext = () => useContext(Context);
