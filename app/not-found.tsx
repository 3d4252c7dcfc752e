import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-8">
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-lg font-semibold">Not found (404)</h1>
        <p className="mt-2 text-slate-700">There is no such record in your clinic, or the address is wrong.</p>
        <Link href="/patients" className="mt-4 inline-block text-sky-800 underline">
          Back to the caseload
        </Link>
      </div>
    </main>
  );
}
