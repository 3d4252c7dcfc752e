/**
 * The one page every unusable runner's link shows: unknown, mistyped,
 * expired, withdrawn, revoked or already used look alike, and nothing of the
 * clinic, the runner or the app is shown or linked (no sign-in).
 */
export default function RunnerLinkNotFound() {
  return (
    <div className="mx-auto max-w-xl px-4 pt-8 text-base">
      <main>
        <h1 className="text-xl font-semibold">This link does not work</h1>
        <p className="mt-3 text-slate-800">
          The link may be mistyped, or it is no longer active. If your clinic sent it to you, please ask them for a new one.
        </p>
      </main>
    </div>
  );
}
