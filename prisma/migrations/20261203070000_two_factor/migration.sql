-- Two-factor sign-in with TOTP: the user's secret (sealed by the app's field cipher, never in
-- clear), when it came into force, and the time step of the last accepted code (replay refusal);
-- and single-use recovery codes, kept as sha256 hashes and marked, never deleted, once used or
-- replaced.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "totpSecret" TEXT,
    ADD COLUMN "totpEnabledAt" TIMESTAMPTZ(3),
    ADD COLUMN "totpLastStep" INTEGER;

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "codeHash" CHAR(64) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMPTZ(3),
    "voidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCode_codeHash_key" ON "RecoveryCode"("codeHash");
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
