import { notFound } from "next/navigation";

/** /r without a token: the same neutral page as any link that does not work. */
export default function RunnerRoot() {
  notFound();
}
