-- CreateEnum
CREATE TYPE "QuizTopic" AS ENUM ('matuy', 'cobac', 'giaothong', 'luadao');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('scheduled', 'done', 'cancelled');

-- CreateTable
CREATE TABLE "QuizQuestion" (
    "id" TEXT NOT NULL,
    "topic" "QuizTopic" NOT NULL,
    "text" JSONB NOT NULL,
    "options" JSONB NOT NULL,
    "correct" INTEGER NOT NULL,
    "explanation" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validUntil" DATE,
    "reviewed" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuizQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizRound" (
    "id" SERIAL NOT NULL,
    "questionId" TEXT NOT NULL,
    "chatId" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "maxAnswers" INTEGER,
    "messageId" TEXT,
    "sourceKey" TEXT NOT NULL,

    CONSTRAINT "QuizRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAnswer" (
    "roundId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "chatId" INTEGER NOT NULL,
    "option" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizAnswer_pkey" PRIMARY KEY ("roundId","userId")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "photoFileId" TEXT,
    "areaId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "schedule" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3),
    "quizTopic" "QuizTopic",
    "status" "CampaignStatus" NOT NULL DEFAULT 'scheduled',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),
    "sourceKey" TEXT,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignRun" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuizQuestion_topic_idx" ON "QuizQuestion"("topic");

-- CreateIndex
CREATE UNIQUE INDEX "QuizRound_sourceKey_key" ON "QuizRound"("sourceKey");

-- CreateIndex
CREATE INDEX "QuizRound_closedAt_closesAt_idx" ON "QuizRound"("closedAt", "closesAt");

-- CreateIndex
CREATE INDEX "QuizRound_chatId_postedAt_idx" ON "QuizRound"("chatId", "postedAt");

-- CreateIndex
CREATE INDEX "QuizAnswer_chatId_userId_idx" ON "QuizAnswer"("chatId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_sourceKey_key" ON "Campaign"("sourceKey");

-- CreateIndex
CREATE INDEX "Campaign_status_nextRunAt_idx" ON "Campaign"("status", "nextRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignRun_campaignId_runAt_key" ON "CampaignRun"("campaignId", "runAt");

-- AddForeignKey
ALTER TABLE "QuizRound" ADD CONSTRAINT "QuizRound_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "QuizQuestion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAnswer" ADD CONSTRAINT "QuizAnswer_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "QuizRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignRun" ADD CONSTRAINT "CampaignRun_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
