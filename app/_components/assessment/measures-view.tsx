import { answerText, BUILT_IN_INSTRUMENTS, itemOf, questionItems, type Instruments } from "@/lib/instruments";
import { TEGNER_LINK_ID } from "@/lib/instruments/measures";
import type { Answers } from "@/lib/validation/assessment";

/**
 * A signed assessment's outcome measures, read-only, worded by the
 * instrument definitions in force: each KOOS item with the words of its own
 * answer ("Weekly (2)"), the Tegner level with its description.
 */
export function MeasuresView({
  measures: m,
  instruments = BUILT_IN_INSTRUMENTS,
}: {
  measures: NonNullable<Answers["measures"]>;
  instruments?: Instruments;
}) {
  const koos: Readonly<Record<string, number | undefined>> = m.koos ?? {};
  return (
    <div className="mt-1 space-y-1">
      {m.koos ? (
        <details>
          <summary className="cursor-pointer">KOOS item responses ({Object.keys(m.koos).length} of 42 answered)</summary>
          <ul className="mt-1 grid gap-x-4 text-xs sm:grid-cols-2">
            {questionItems(instruments.koos).map((item) => (
              <li key={item.linkId}>
                <span className="font-mono">{item.prefix ?? item.linkId}</span> {item.text}: {answerText(item, koos[item.linkId])}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {m.lefs ? <p>LEFS items: {m.lefs.join(", ")}</p> : null}
      {m.psfs ? <p>PSFS: {m.psfs.map((p) => `${p.activity} ${p.score}/10`).join("; ")}</p> : null}
      {m.tegner !== undefined ? (
        <p>
          Tegner level {m.tegner}: {answerText(itemOf(instruments.tegner, TEGNER_LINK_ID), m.tegner).replace(/ \(\d+\)$/, "")}
        </p>
      ) : null}
    </div>
  );
}
