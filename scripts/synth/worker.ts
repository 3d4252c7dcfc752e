/**
 * Worker thread of scripts/synth/generate.ts: builds blocks of synthetic
 * runners (scripts/synth/block.ts) while the main thread streams the
 * previous blocks to PostgreSQL. Started through tsx's CommonJS hook.
 */
import { parentPort } from "node:worker_threads";
import { buildBlock, type BlockJob } from "./block";

parentPort?.on("message", (job: BlockJob) => {
  parentPort?.postMessage(buildBlock(job));
});
