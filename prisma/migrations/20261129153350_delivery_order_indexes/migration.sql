-- DropIndex
DROP INDEX "Delivery_chatId_idx";

-- CreateIndex
CREATE INDEX "Delivery_chatId_status_idx" ON "Delivery"("chatId", "status");

-- CreateIndex
CREATE INDEX "Delivery_sealedTarget_status_idx" ON "Delivery"("sealedTarget", "status");
