"use client";

import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto max-w-lg p-8">
      <div role="alert" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-red-200">
        <h1 className="text-lg font-semibold text-red-900">Something went wrong</h1>
        <p className="mt-2 text-slate-700">The page could not be shown. Nothing has been saved or changed by this error.</p>
        {error.digest ? <p className="mt-1 text-xs text-slate-500">Reference: {error.digest}</p> : null}
        <button
          type="button"
          onClick={reset}
          className="mt-4 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
        >
          Try again
        </button>
      </div>
    </main>
  );
}
