-- CreateTable
CREATE TABLE "Media" (
    "id" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "filename" TEXT,
    "bytes" BYTEA NOT NULL,
    "source" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Media_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Media_expiresAt_idx" ON "Media"("expiresAt");

-- CreateIndex
CREATE INDEX "Media_source_expiresAt_idx" ON "Media"("source", "expiresAt");
