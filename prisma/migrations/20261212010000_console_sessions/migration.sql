-- Issue 21: the officers' console in the browser: one-time sign-in links and sessions, stored hashed.
CREATE TABLE "ConsoleSession" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "chatId" INTEGER NOT NULL,
    "linkHash" TEXT NOT NULL,
    "linkExpiresAt" TIMESTAMP(3) NOT NULL,
    "sessionHash" TEXT,
    "openedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
    "locale" TEXT NOT NULL,
    "flash" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ConsoleSession_linkHash_key" ON "ConsoleSession"("linkHash");
CREATE UNIQUE INDEX "ConsoleSession_sessionHash_key" ON "ConsoleSession"("sessionHash");
CREATE INDEX "ConsoleSession_userId_createdAt_idx" ON "ConsoleSession"("userId", "createdAt");
