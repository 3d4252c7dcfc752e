import "dotenv/config";
import { defineConfig } from "prisma/config";

// Prisma 7 reads the datasource URL from here, not from the schema. An empty
// string keeps `prisma generate` working on a clean clone with no DATABASE_URL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
