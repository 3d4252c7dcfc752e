import { EnvError, getEnv, type Env } from "@/lib/env";

/** Validates the environment at server start; prints what is wrong and exits. */
export function checkEnvironmentOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\nSee .env.example and the README (Configuration).\n`);
      process.exit(1);
    }
    throw error;
  }
}
