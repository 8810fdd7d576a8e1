-- A retry of a split message sends only the parts not yet sent (issue 17).
ALTER TABLE "Delivery" ADD COLUMN "partsSent" INTEGER NOT NULL DEFAULT 0;
