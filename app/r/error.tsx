"use client";

/** A fault while a runner's page is shown: plain words, nothing of the app offered. */
export default function RunnerError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl px-4 pt-8 text-base">
      <main role="alert">
        <h1 className="text-xl font-semibold">This page cannot be shown right now</h1>
        <p className="mt-3 text-slate-800">Please try again in a moment. Anything you saved before is kept.</p>
        <button type="button" onClick={reset} className="mt-4 min-h-11 rounded-md bg-sky-800 px-5 py-2 font-semibold text-white">
          Try again
        </button>
      </main>
    </div>
  );
}
