-- CreateTable
CREATE TABLE "ChatPrompt" (
    "chatKey" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "messageId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatPrompt_pkey" PRIMARY KEY ("chatKey","number")
);

-- CreateIndex
CREATE INDEX "ChatPrompt_chatKey_messageId_idx" ON "ChatPrompt"("chatKey", "messageId");

-- CreateIndex
CREATE INDEX "ChatPrompt_expiresAt_idx" ON "ChatPrompt"("expiresAt");
