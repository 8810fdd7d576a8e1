-- CreateEnum
CREATE TYPE "AlertLevel" AS ENUM ('khan', 'cao', 'tb');

-- CreateEnum
CREATE TYPE "AlertState" AS ENUM ('active', 'expired', 'cancelled', 'resolved');

-- CreateEnum
CREATE TYPE "TipCategory" AS ENUM ('matuy', 'cobac', 'tromcap', 'luadao', 'gayroi', 'khac');

-- CreateEnum
CREATE TYPE "TipStatus" AS ENUM ('received', 'forwarded', 'taken', 'closed');

-- CreateEnum
CREATE TYPE "TipMessageDirection" AS ENUM ('from_tipster', 'to_tipster');

-- DropForeignKey
ALTER TABLE "Delivery" DROP CONSTRAINT "Delivery_chatId_fkey";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "sealedTarget" TEXT,
ALTER COLUMN "chatId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "areaId" INTEGER NOT NULL,
    "senderUserId" INTEGER NOT NULL,
    "level" "AlertLevel" NOT NULL,
    "text" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "state" "AlertState" NOT NULL DEFAULT 'active',
    "endedAt" TIMESTAMP(3),
    "endedById" INTEGER,
    "closureText" TEXT,
    "sourceKey" TEXT NOT NULL,
    "progressChatId" INTEGER,
    "progressMessageId" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertAck" (
    "alertId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "chatId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertAck_pkey" PRIMARY KEY ("alertId","userId")
);

-- CreateTable
CREATE TABLE "AreaFollower" (
    "userId" INTEGER NOT NULL,
    "areaId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AreaFollower_pkey" PRIMARY KEY ("userId","areaId")
);

-- CreateTable
CREATE TABLE "Tip" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "areaId" INTEGER NOT NULL,
    "category" "TipCategory" NOT NULL,
    "text" TEXT,
    "anonymous" BOOLEAN NOT NULL DEFAULT true,
    "contact" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "status" "TipStatus" NOT NULL DEFAULT 'received',
    "sealedTipster" TEXT,
    "tipsterHash" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "handlingAreaId" INTEGER NOT NULL,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "escalateAt" TIMESTAMP(3),
    "takenById" INTEGER,
    "takenAt" TIMESTAMP(3),
    "valuable" BOOLEAN NOT NULL DEFAULT false,
    "closedAt" TIMESTAMP(3),
    "caseOpened" BOOLEAN NOT NULL DEFAULT false,
    "peopleArrested" INTEGER NOT NULL DEFAULT 0,
    "assetsRecovered" BIGINT NOT NULL DEFAULT 0,
    "contentDeletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tip_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TipMessage" (
    "id" SERIAL NOT NULL,
    "tipId" INTEGER NOT NULL,
    "direction" "TipMessageDirection" NOT NULL,
    "officerUserId" INTEGER,
    "text" TEXT,
    "photoFileId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TipMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "key" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_sourceKey_key" ON "Alert"("sourceKey");

-- CreateIndex
CREATE INDEX "Alert_state_expiresAt_idx" ON "Alert"("state", "expiresAt");

-- CreateIndex
CREATE INDEX "Alert_areaId_issuedAt_idx" ON "Alert"("areaId", "issuedAt");

-- CreateIndex
CREATE INDEX "AlertAck_alertId_chatId_idx" ON "AlertAck"("alertId", "chatId");

-- CreateIndex
CREATE INDEX "AreaFollower_areaId_idx" ON "AreaFollower"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "Tip_code_key" ON "Tip"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Tip_sourceKey_key" ON "Tip"("sourceKey");

-- CreateIndex
CREATE INDEX "Tip_handlingAreaId_status_idx" ON "Tip"("handlingAreaId", "status");

-- CreateIndex
CREATE INDEX "Tip_status_escalateAt_idx" ON "Tip"("status", "escalateAt");

-- CreateIndex
CREATE INDEX "Tip_tipsterHash_createdAt_idx" ON "Tip"("tipsterHash", "createdAt");

-- CreateIndex
CREATE INDEX "TipMessage_tipId_createdAt_idx" ON "TipMessage"("tipId", "createdAt");

-- CreateIndex
CREATE INDEX "Conversation_expiresAt_idx" ON "Conversation"("expiresAt");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertAck" ADD CONSTRAINT "AlertAck_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AreaFollower" ADD CONSTRAINT "AreaFollower_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tip" ADD CONSTRAINT "Tip_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TipMessage" ADD CONSTRAINT "TipMessage_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
