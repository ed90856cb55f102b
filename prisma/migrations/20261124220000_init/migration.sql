-- Vigil schema v1: users and sessions, defenders, incidents with acts, charges, sources and
-- transitions, advocacy actions and their links, the audit log and vocabularies.

CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MANAGER', 'ADVOCACY', 'RESEARCHER');
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'NON_BINARY', 'UNKNOWN');
CREATE TYPE "Consent" AS ENUM ('PUBLIC', 'ANONYMISED', 'CONFIDENTIAL');
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR');
CREATE TYPE "Verification" AS ENUM ('UNVERIFIED', 'POSSIBLE', 'LIKELY', 'CONFIRMED');
CREATE TYPE "IncidentStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'VERIFIED', 'ARCHIVED');
CREATE TYPE "Confidentiality" AS ENUM ('STANDARD', 'RESTRICTED');
CREATE TYPE "Reliability" AS ENUM ('HIGHLY_RELIABLE', 'RELIABLE', 'FAIRLY_RELIABLE', 'UNRELIABLE', 'UNKNOWN');
CREATE TYPE "AdvocacyKind" AS ENUM ('STATEMENT', 'JOINT_LETTER', 'URGENT_APPEAL', 'UN_SUBMISSION', 'SIDE_EVENT', 'MEDIA');
CREATE TYPE "AdvocacyStatus" AS ENUM ('PLANNED', 'DRAFT', 'PUBLISHED', 'DONE');
CREATE TYPE "AuditAction" AS ENUM ('CREATE', 'UPDATE', 'DELETE', 'TRANSITION', 'EXPORT', 'LOGIN', 'LOGIN_FAILED', 'READ_SENSITIVE', 'ATTACHMENT_ADD', 'ATTACHMENT_DOWNLOAD', 'ATTACHMENT_DELETE');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "Defender" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "displayName" TEXT NOT NULL,
    "legalName" TEXT,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "pseudonym" TEXT,
    "gender" "Gender" NOT NULL DEFAULT 'UNKNOWN',
    "genderSelfDescription" TEXT,
    "birthYear" INTEGER,
    "country" CHAR(2) NOT NULL,
    "region" TEXT,
    "sectors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "organisation" TEXT,
    "consent" "Consent" NOT NULL DEFAULT 'CONFIDENTIAL',
    "riskLevel" "RiskLevel" NOT NULL DEFAULT 'MEDIUM',
    "contact" TEXT,
    "notes" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Defender_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Incident" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "occurredOn" DATE NOT NULL,
    "datePrecision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "country" CHAR(2) NOT NULL,
    "location" TEXT,
    "verification" "Verification" NOT NULL DEFAULT 'UNVERIFIED',
    "status" "IncidentStatus" NOT NULL DEFAULT 'DRAFT',
    "confidentiality" "Confidentiality" NOT NULL DEFAULT 'STANDARD',
    "searchText" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IncidentReferenceCounter" (
    "country" CHAR(2) NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "IncidentReferenceCounter_pkey" PRIMARY KEY ("country","year")
);

CREATE TABLE "IncidentAct" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incidentId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "defenderId" UUID NOT NULL,
    "violation" TEXT NOT NULL,
    "perpetrators" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "victimStatus" TEXT,
    "notes" TEXT,

    CONSTRAINT "IncidentAct_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IncidentCharge" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incidentId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "defenderId" UUID NOT NULL,
    "law" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL,
    "filedOn" DATE,
    "sentence" TEXT,

    CONSTRAINT "IncidentCharge_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IncidentSource" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incidentId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reliability" "Reliability" NOT NULL,
    "description" TEXT NOT NULL,
    "identity" TEXT,

    CONSTRAINT "IncidentSource_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IncidentTransition" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incidentId" UUID NOT NULL,
    "from" "IncidentStatus" NOT NULL,
    "to" "IncidentStatus" NOT NULL,
    "comment" TEXT,
    "actorId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentTransition_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AdvocacyAction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "AdvocacyKind" NOT NULL,
    "title" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "venue" TEXT,
    "status" "AdvocacyStatus" NOT NULL DEFAULT 'PLANNED',
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AdvocacyAction_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AdvocacyIncident" (
    "advocacyId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,

    CONSTRAINT "AdvocacyIncident_pkey" PRIMARY KEY ("advocacyId","incidentId")
);

CREATE TABLE "AdvocacyDefender" (
    "advocacyId" UUID NOT NULL,
    "defenderId" UUID NOT NULL,

    CONSTRAINT "AdvocacyDefender_pkey" PRIMARY KEY ("advocacyId","defenderId")
);

CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "action" "AuditAction" NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "country" CHAR(2),
    "changes" JSONB,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "VocabularyTerm" (
    "vocabulary" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "parent" TEXT,
    "position" INTEGER NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "VocabularyTerm_pkey" PRIMARY KEY ("vocabulary","code")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");
CREATE INDEX "Defender_country_createdAt_idx" ON "Defender"("country", "createdAt" DESC);
CREATE INDEX "Defender_createdAt_id_idx" ON "Defender"("createdAt" DESC, "id");
CREATE INDEX "Defender_createdById_idx" ON "Defender"("createdById");
CREATE INDEX "Defender_riskLevel_idx" ON "Defender"("riskLevel");
CREATE INDEX "Defender_sectors_idx" ON "Defender" USING GIN ("sectors");
CREATE INDEX "Defender_searchText_idx" ON "Defender" USING GIN ("searchText" gin_trgm_ops);
CREATE UNIQUE INDEX "Incident_reference_key" ON "Incident"("reference");
CREATE INDEX "Incident_country_occurredOn_idx" ON "Incident"("country", "occurredOn" DESC);
CREATE INDEX "Incident_occurredOn_id_idx" ON "Incident"("occurredOn" DESC, "id");
CREATE INDEX "Incident_updatedAt_id_idx" ON "Incident"("updatedAt" DESC, "id");
CREATE INDEX "Incident_createdAt_id_idx" ON "Incident"("createdAt" DESC, "id");
CREATE INDEX "Incident_status_idx" ON "Incident"("status");
CREATE INDEX "Incident_verification_idx" ON "Incident"("verification");
CREATE INDEX "Incident_createdById_idx" ON "Incident"("createdById");
CREATE INDEX "Incident_searchText_idx" ON "Incident" USING GIN ("searchText" gin_trgm_ops);
CREATE INDEX "IncidentAct_defenderId_idx" ON "IncidentAct"("defenderId");
CREATE INDEX "IncidentAct_violation_idx" ON "IncidentAct"("violation");
CREATE INDEX "IncidentAct_perpetrators_idx" ON "IncidentAct" USING GIN ("perpetrators");
CREATE UNIQUE INDEX "IncidentAct_incidentId_position_key" ON "IncidentAct"("incidentId", "position");
CREATE INDEX "IncidentCharge_defenderId_idx" ON "IncidentCharge"("defenderId");
CREATE UNIQUE INDEX "IncidentCharge_incidentId_position_key" ON "IncidentCharge"("incidentId", "position");
CREATE UNIQUE INDEX "IncidentSource_incidentId_position_key" ON "IncidentSource"("incidentId", "position");
CREATE INDEX "IncidentTransition_incidentId_at_idx" ON "IncidentTransition"("incidentId", "at");
CREATE INDEX "AdvocacyAction_date_id_idx" ON "AdvocacyAction"("date" DESC, "id");
CREATE INDEX "AdvocacyAction_createdAt_id_idx" ON "AdvocacyAction"("createdAt" DESC, "id");
CREATE INDEX "AdvocacyAction_kind_idx" ON "AdvocacyAction"("kind");
CREATE INDEX "AdvocacyAction_status_idx" ON "AdvocacyAction"("status");
CREATE INDEX "AdvocacyIncident_incidentId_idx" ON "AdvocacyIncident"("incidentId");
CREATE INDEX "AdvocacyDefender_defenderId_idx" ON "AdvocacyDefender"("defenderId");
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at" DESC, "id");
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");
CREATE INDEX "AuditEvent_country_idx" ON "AuditEvent"("country");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Defender" ADD CONSTRAINT "Defender_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "IncidentAct" ADD CONSTRAINT "IncidentAct_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "IncidentAct" ADD CONSTRAINT "IncidentAct_defenderId_fkey" FOREIGN KEY ("defenderId") REFERENCES "Defender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "IncidentCharge" ADD CONSTRAINT "IncidentCharge_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "IncidentCharge" ADD CONSTRAINT "IncidentCharge_defenderId_fkey" FOREIGN KEY ("defenderId") REFERENCES "Defender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "IncidentSource" ADD CONSTRAINT "IncidentSource_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "IncidentTransition" ADD CONSTRAINT "IncidentTransition_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "IncidentTransition" ADD CONSTRAINT "IncidentTransition_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AdvocacyAction" ADD CONSTRAINT "AdvocacyAction_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AdvocacyIncident" ADD CONSTRAINT "AdvocacyIncident_advocacyId_fkey" FOREIGN KEY ("advocacyId") REFERENCES "AdvocacyAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AdvocacyIncident" ADD CONSTRAINT "AdvocacyIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AdvocacyDefender" ADD CONSTRAINT "AdvocacyDefender_advocacyId_fkey" FOREIGN KEY ("advocacyId") REFERENCES "AdvocacyAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AdvocacyDefender" ADD CONSTRAINT "AdvocacyDefender_defenderId_fkey" FOREIGN KEY ("defenderId") REFERENCES "Defender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The audit log is append-only, whoever connects.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent rows are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
