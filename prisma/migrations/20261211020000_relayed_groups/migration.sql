-- Issue 18 section 3: residents groups the bot cannot enter, reached through their relay (to truong).
ALTER TYPE "RoleName" ADD VALUE IF NOT EXISTS 'relay';

CREATE TABLE "RelayedGroup" (
    "id" SERIAL NOT NULL,
    "areaId" INTEGER NOT NULL,
    "relayUserId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "members" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),
    CONSTRAINT "RelayedGroup_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RelayedGroup_relayUserId_areaId_key" ON "RelayedGroup"("relayUserId", "areaId");
CREATE INDEX "RelayedGroup_areaId_idx" ON "RelayedGroup"("areaId");

CREATE TABLE "RelayForward" (
    "id" SERIAL NOT NULL,
    "relayedGroupId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "deliveryKey" TEXT NOT NULL,
    "reminderKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    CONSTRAINT "RelayForward_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RelayForward_relayedGroupId_subject_key" ON "RelayForward"("relayedGroupId", "subject");
CREATE INDEX "RelayForward_subject_idx" ON "RelayForward"("subject");
ALTER TABLE "RelayForward" ADD CONSTRAINT "RelayForward_relayedGroupId_fkey" FOREIGN KEY ("relayedGroupId") REFERENCES "RelayedGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
