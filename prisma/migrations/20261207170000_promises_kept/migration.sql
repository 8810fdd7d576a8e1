-- CreateEnum
CREATE TYPE "AreaKind" AS ENUM ('tinh', 'thanhpho', 'xa', 'phuong', 'dackhu', 'thon', 'todanpho', 'truonghoc');

-- AlterTable
ALTER TABLE "Area" ADD COLUMN     "address" TEXT,
ADD COLUMN     "kind" "AreaKind";

-- AlterTable
ALTER TABLE "Tip" ALTER COLUMN "tipsterHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "VerificationCode" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "refId" INTEGER NOT NULL,
    "keyId" TEXT NOT NULL,
    "context" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerificationCode_code_idx" ON "VerificationCode"("code");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationCode_kind_refId_keyId_key" ON "VerificationCode"("kind", "refId", "keyId");

-- CreateIndex
CREATE INDEX "Delivery_createdAt_idx" ON "Delivery"("createdAt");

