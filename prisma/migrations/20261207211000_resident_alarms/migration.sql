-- Residents raise alarms for their street, and the security team receives them (issue 18).
ALTER TYPE "RoleName" ADD VALUE 'guard';

CREATE TYPE "AlarmCategory" AS ENUM ('theft', 'fight', 'fire', 'stranger', 'other');

CREATE TYPE "AlarmState" AS ENUM ('draft', 'open', 'answered', 'false_alarm', 'raised');

CREATE TABLE "Alarm" (
    "id" SERIAL NOT NULL,
    "chatId" INTEGER NOT NULL,
    "areaId" INTEGER NOT NULL,
    "callerUserId" INTEGER NOT NULL,
    "category" "AlarmCategory",
    "text" TEXT,
    "state" "AlarmState" NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raisedAt" TIMESTAMP(3),
    "firstResponseAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" INTEGER,
    "escalations" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Alarm_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AlarmBar" (
    "userId" INTEGER NOT NULL,
    "areaId" INTEGER NOT NULL,
    "byUserId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlarmBar_pkey" PRIMARY KEY ("userId","areaId")
);

CREATE INDEX "Alarm_chatId_state_idx" ON "Alarm"("chatId", "state");

CREATE INDEX "Alarm_callerUserId_createdAt_idx" ON "Alarm"("callerUserId", "createdAt");

CREATE INDEX "Alarm_areaId_createdAt_idx" ON "Alarm"("areaId", "createdAt");
