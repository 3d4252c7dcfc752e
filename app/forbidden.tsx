import Link from "next/link";
import { ShieldX } from "lucide-react";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-8">
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="flex items-center gap-2 text-lg font-semibold">
          <ShieldX aria-hidden="true" className="h-5 w-5 text-red-700" /> Access denied (403)
        </h1>
        <p className="mt-2 text-slate-700">Your role does not allow this page. Ask an administrator of your clinic if you need access.</p>
        <Link href="/patients" className="mt-4 inline-block text-sky-800 underline">
          Back to the caseload
        </Link>
      </div>
    </main>
  );
}
