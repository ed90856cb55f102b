-- The second consent UN Special Procedures ask for: whether the defender's name may be given to
-- the government concerned in a confidential communication. Nobody has been asked yet, so every
-- existing defender starts at UNKNOWN, which counts as NO.

-- CreateEnum
CREATE TYPE "ShareWithAuthorities" AS ENUM ('YES', 'NO', 'UNKNOWN');

-- AlterTable
ALTER TABLE "Defender" ADD COLUMN "shareWithAuthorities" "ShareWithAuthorities" NOT NULL DEFAULT 'UNKNOWN';
