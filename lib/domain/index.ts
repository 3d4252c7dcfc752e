/**
 * The ground floor: the words of the product, defined once. Imports nothing
 * above it (only lib/errors, for assertCan). See docs/architecture.md.
 */
export * from "./access";
export * from "./codes";
export * from "./labels";
export * from "./measures";
export * from "./red-flag-items";
export * from "./runner";
export * from "./runs";
export * from "./settings";
export * from "./urgency";
export * from "./windows";
export * from "./exercises";
export * from "./return-to-run";
