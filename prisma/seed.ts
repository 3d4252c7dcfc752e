/**
 * Demo data: `npm run db:seed`. Idempotent (a demo clinic that exists is left
 * as it is) and refuses to run against a database holding any clinic that is
 * not a demo clinic, so it can never mix fictional runners into real records.
 *
 * Two clinics: "Riverside Sports Medicine" (admin, clinician, viewer) and
 * "Harbour Physiotherapy" (clinician); password knee-demo-2026 (demo only).
 * About 40 fictional runners per clinic with episodes and runs, dated
 * relative to today so the caseload always has someone due and overdue.
 */
// The app's server modules load outside Next (scripts/server-only.cjs): first.
import "../scripts/server-only.cjs";
import "dotenv/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { hashPassword } from "../lib/passwords";
import { buildClinicData, type DemoClinic } from "./seed/build";

export const DEMO_PASSWORD = "knee-demo-2026";

export const DEMO_CLINICS: DemoClinic[] = [
  {
    name: "Riverside Sports Medicine",
    phone: "+44 20 7946 0301",
    address: "12 River Walk, London",
    timezone: "Europe/London",
    seed: 1,
    runners: 42,
    users: [
      { email: "admin@riverside.example", name: "Alex Admin", role: "admin", title: "Clinic manager" },
      {
        email: "clinician@riverside.example",
        name: "Dr Casey Morgan",
        role: "clinician",
        title: "Sports physiotherapist",
        phone: "+44 20 7946 0302",
      },
      { email: "viewer@riverside.example", name: "Vic Viewer", role: "viewer", title: "Reception" },
    ],
  },
  {
    name: "Harbour Physiotherapy",
    phone: "+44 117 496 0400",
    address: "3 Quay Street, Bristol",
    timezone: "Europe/London",
    seed: 2,
    runners: 40,
    users: [
      {
        email: "clinician@harbour.example",
        name: "Dr Harper Quinn",
        role: "clinician",
        title: "Sports medicine physician",
        phone: "+44 117 496 0401",
      },
    ],
  },
];

export async function seed(databaseUrl: string, log: (line: string) => void = console.log, today = new Date().toISOString().slice(0, 10)) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const realClinics = await prisma.clinic.count({ where: { isDemo: false } });
    if (realClinics > 0) {
      throw new Error(
        `Refusing to seed: this database holds ${realClinics} clinic(s) that are not demo data. Seed an empty database instead.`,
      );
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const clinic of DEMO_CLINICS) {
      const existing = await prisma.clinic.findFirst({ where: { name: clinic.name, isDemo: true } });
      if (existing) {
        log(`- ${clinic.name}: already present, left unchanged`);
        continue;
      }
      const counts = await prisma.$transaction((tx) => buildClinicData(tx, clinic, passwordHash, today), {
        timeout: 300_000,
        maxWait: 20_000,
      });
      log(
        `- ${clinic.name}: ${counts.users} users, ${counts.patients} runners, ${counts.episodes} episodes, ${counts.runs} runs, ${counts.assessments} assessments, ${counts.referrals} referrals, ${counts.returnToRunPlans} return-to-run plans`,
      );
    }
  } finally {
    await prisma.$disconnect();
  }
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. Run `npm run db:seed`, which starts the embedded database when DATABASE_URL is unset.");
    process.exit(1);
  }
  console.log("Seeding demo data…");
  await seed(url);
  console.log(`Done. Demo accounts use the password "${DEMO_PASSWORD}" (demo only).`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
