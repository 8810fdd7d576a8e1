-- Residents alarms (issue 18): the caller adds lines after sending, and retention forgets the caller.
ALTER TABLE "Alarm" ALTER COLUMN "callerUserId" DROP NOT NULL;
ALTER TABLE "Alarm" ADD COLUMN "promptMessageId" TEXT;
ALTER TABLE "Alarm" ADD COLUMN "linesUntil" TIMESTAMP(3);
ALTER TABLE "Alarm" ADD COLUMN "addedLines" INTEGER NOT NULL DEFAULT 0;
