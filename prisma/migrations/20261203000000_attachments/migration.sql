-- Evidence attachments of incidents, defenders and advocacy actions: the row holds what proves
-- the file (size and sha256 of the original) and where its encrypted bytes are stored.

-- CreateEnum
CREATE TYPE "AttachmentEntity" AS ENUM ('INCIDENT', 'DEFENDER', 'ADVOCACY');

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "entity" "AttachmentEntity" NOT NULL,
    "entityId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "description" TEXT,
    "sensitive" BOOLEAN NOT NULL DEFAULT false,
    "hasCleanCopy" BOOLEAN NOT NULL DEFAULT false,
    "cleanSize" BIGINT,
    "cleanSha256" CHAR(64),
    "storageKey" TEXT NOT NULL,
    "cleanStorageKey" TEXT,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_entity_entityId_createdAt_idx" ON "Attachment"("entity", "entityId", "createdAt" DESC);
CREATE INDEX "Attachment_uploadedById_idx" ON "Attachment"("uploadedById");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
