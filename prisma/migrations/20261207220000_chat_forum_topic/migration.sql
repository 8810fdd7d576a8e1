-- A group registered from a forum topic gets alerts and campaigns in that topic (issue 17).
ALTER TABLE "Chat" ADD COLUMN "threadId" TEXT;
