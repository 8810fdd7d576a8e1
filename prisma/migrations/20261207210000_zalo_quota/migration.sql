-- Zalo sends per month against the plan, and the pause while Zalo answers 429 (issue 17).
CREATE TABLE "ZaloQuotaMonth" (
    "month" TEXT NOT NULL,
    "sends" INTEGER NOT NULL DEFAULT 0,
    "nearNoticeAt" TIMESTAMP(3),
    "refusedNoticeAt" TIMESTAMP(3),
    "pausedUntil" TIMESTAMP(3),
    "pauseMs" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZaloQuotaMonth_pkey" PRIMARY KEY ("month")
);
