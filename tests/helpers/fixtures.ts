/**
 * Test fixtures: each test file creates its own clinic(s) and staff directly
 * in the test database, so test files can run in parallel without seeing
 * each other's data. Fixtures arrange data as the tables' owner
 * (DATABASE_OWNER_URL, set by the integration global setup); lib/data runs
 * as the app's least-privileged role (DATABASE_URL), as in production.
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";
import type { Actor } from "@/lib/domain/access";

process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";

let client: PrismaClient | undefined;

/** The owner's connection, for arranging and inspecting test data (tests only). */
export function ownerUrl(): string {
  const url = process.env.DATABASE_OWNER_URL;
  if (!url) throw new Error("DATABASE_OWNER_URL is not set: run through the integration project (jest --selectProjects integration)");
  return url;
}

/** A direct client, as the tables' owner, for arranging and inspecting test data (tests only). */
export function testDb(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl(), max: 4 }) });
  return client;
}

let appClient: PrismaClient | undefined;

/** A direct client as the app's role (DATABASE_URL): what the running app, or anyone holding its password, can do. */
export function appDb(): PrismaClient {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: run through the integration project");
  appClient ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 4 }) });
  return appClient;
}

export async function closeTestDb() {
  await Promise.all([client?.$disconnect(), appClient?.$disconnect()]);
  client = undefined;
  appClient = undefined;
}

// A real Argon2id hash of "correct horse battery staple", computed once.
let hashed: Promise<string> | undefined;
export const TEST_PASSWORD = "correct horse battery staple";
async function passwordHash() {
  const { hashPassword } = await import("@/lib/passwords");
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
}

export type TestClinic = { clinicId: string; admin: Actor; clinician: Actor; viewer: Actor };

export async function createClinic(name = `Test clinic ${randomUUID().slice(0, 8)}`): Promise<TestClinic> {
  const clinic = await testDb().clinic.create({ data: { name, timezone: "UTC" } });
  const make = (role: "admin" | "clinician" | "viewer") => createStaff({ clinicId: clinic.id, clinicName: name }, role);
  return { clinicId: clinic.id, admin: await make("admin"), clinician: await make("clinician"), viewer: await make("viewer") };
}

/** One more member of staff of a test clinic, signing in with TEST_PASSWORD. */
export async function createStaff(
  clinic: { clinicId: string; clinicName: string },
  role: "admin" | "clinician" | "viewer",
): Promise<Actor> {
  const email = `${role}-${randomUUID().slice(0, 8)}@test.example`;
  const u = await testDb().user.create({
    data: {
      clinicId: clinic.clinicId,
      email,
      name: `${role} ${clinic.clinicName}`,
      role,
      passwordHash: await passwordHash(),
      title: role === "clinician" ? "Physiotherapist" : null,
    },
  });
  return {
    userId: u.id,
    clinicId: clinic.clinicId,
    clinicName: clinic.clinicName,
    timezone: "UTC",
    role,
    name: u.name,
    email,
    title: u.title,
  };
}

export function isoDaysAgo(days: number, from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export const patientInput = (overrides: Record<string, unknown> = {}) => ({
  mrn: `MRN-${randomUUID().slice(0, 8)}`,
  givenName: "Ada",
  familyName: "Runner",
  birthDate: "1990-04-12",
  sex: "female" as const,
  ...overrides,
});

/** The attestation of a test's signing: most test assessments answer a few questions, so their red-flag screen is incomplete. */
export const SCREEN_NOT_DONE = "Test record: only the questions under test were asked";
