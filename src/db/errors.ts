// Prisma's error codes the repositories act on (https://www.prisma.io/docs/orm/reference/error-reference).

/** P2002: a unique constraint refused the insert — the row (a claim, a keyed record) already exists. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
