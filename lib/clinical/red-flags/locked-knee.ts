import { defineRedFlag, SEED } from "./rule";

export const lockedKnee = defineRedFlag({
  code: "locked_knee",
  label: "Locked knee",
  firesWhen: "true locking (knee stuck, cannot straighten)",
  urgencyText: "urgent",
  levels: ["urgent"],
  explanation: "True locking (the knee gets stuck and cannot be straightened) suggests a displaced meniscal tear or loose body.",
  source: SEED,
  when: (f) => f.yes("symptoms.locking"),
});
